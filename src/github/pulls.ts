/** The pull-request calls the gate makes: the PR itself, its reviews, team membership, the bot's login. */
import { GitHubError } from '../errors.js';
import type { GitHubClient } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullSummary {
  number: number;
  author: string;
  labels: string[];
  headSha: string;
  baseSha: string;
}

export interface ReviewSummary {
  login: string;
  isBot: boolean;
  state: string;
  commitId: string | null;
  submittedAt: string | null;
}

export async function getPull(client: GitHubClient, repo: RepoRef, number: number): Promise<PullSummary> {
  const { data } = await client.rest.pulls.get({ ...repo, pull_number: number });
  return {
    number: data.number,
    author: data.user.login,
    labels: data.labels.map((l) => l.name),
    headSha: data.head.sha,
    baseSha: data.base.sha,
  };
}

/** Pull requests GitHub associates with a commit (for a merge or squash commit on the base: the merged PR). */
export async function pullsForCommit(client: GitHubClient, repo: RepoRef, sha: string): Promise<Array<{ number: number; mergedAt: string | null }>> {
  const pulls = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, { ...repo, commit_sha: sha, per_page: 100 });
  return pulls.map((p) => ({ number: p.number, mergedAt: p.merged_at ?? null }));
}

/** All reviews, oldest first (GitHub returns them in chronological order). */
export async function listReviews(client: GitHubClient, repo: RepoRef, number: number): Promise<ReviewSummary[]> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 });
  return reviews.map((r) => ({
    login: r.user?.login ?? '',
    isBot: r.user?.type === 'Bot' || (r.user?.login ?? '').endsWith('[bot]'),
    state: r.state,
    commitId: r.commit_id,
    submittedAt: r.submitted_at ?? null,
  }));
}

export type Membership = 'active' | 'pending' | 'none';

/**
 * A user's membership of `org/team-slug`. 404 means "not a member"; 403 means the token may not read the
 * organization, which the caller must treat as unknown (never as "member" or "not a member").
 */
export async function getTeamMembership(client: GitHubClient, team: string, login: string): Promise<Membership> {
  const [org, slug] = team.split('/');
  if (!org || !slug) throw new GitHubError(`team "${team}" is not org/team-slug`, { hint: 'write GitHub teams as org/team-slug in policies/identities.yaml' });
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login });
    return data.state === 'active' ? 'active' : 'pending';
  } catch (err: unknown) {
    if (err instanceof GitHubError && err.status === 404) return 'none';
    throw err;
  }
}

/**
 * The login the token acts as, or null for an installation token (GITHUB_TOKEN, app tokens), which
 * GitHub does not let read `/user`.
 */
export async function getViewerLogin(client: GitHubClient): Promise<string | null> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (err: unknown) {
    if (err instanceof GitHubError && err.status === 403) return null;
    throw err;
  }
}
