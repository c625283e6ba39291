/** One sticky comment per PR (or issue), found by a hidden marker and its author, edited in place. */
import type { GitHubClient } from './client.js';
import type { RepoRef } from './pulls.js';

export interface StickyComment {
  /** Hidden HTML comment that identifies the comment, e.g. `<!-- imagegate:gate -->`. */
  marker: string;
  body: string;
  /**
   * The login the token acts as; null when it cannot be known (an installation token). Then only a comment
   * by a bot account counts, so that a person cannot plant a marker and have the gate edit their comment.
   */
  viewer: string | null;
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
}

export async function upsertStickyComment(client: GitHubClient, repo: RepoRef, issueNumber: number, sticky: StickyComment): Promise<StickyResult> {
  const text = sticky.body.includes(sticky.marker) ? sticky.body : `${sticky.marker}\n${sticky.body}`;
  const comments = await client.paginate(client.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  const mine = comments.find((c) => {
    if (!(c.body ?? '').includes(sticky.marker) || !c.user) return false;
    return sticky.viewer !== null ? c.user.login === sticky.viewer : c.user.type === 'Bot';
  });
  if (mine) {
    if (mine.body === text) return { action: 'unchanged', id: mine.id };
    await client.rest.issues.updateComment({ ...repo, comment_id: mine.id, body: text });
    return { action: 'updated', id: mine.id };
  }
  const created = await client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text });
  return { action: 'created', id: created.data.id };
}
