/**
 * The GitHub calls `imagegate windows open` makes: tracking issues found again by their hidden marker, and one
 * comment per merged PR. Idempotent: a re-run finds what the last run made and writes only what changed.
 * A call that fails is reported for its change and the rest goes on.
 */
import type { GitHubClient } from './client.js';
import { redact } from '../util/redact.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface IssueSpec {
  marker: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

export interface SyncOutcome {
  marker: string;
  number: number | null;
  action: 'created' | 'updated' | 'unchanged' | 'failed';
  error?: string;
}

interface ExistingIssue {
  number: number;
  title: string;
  body: string;
  state: string;
}

/** `owner/repo` as GITHUB_REPOSITORY has it. */
export function parseRepository(value: string): RepoRef | null {
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value);
  return m ? { owner: m[1] ?? '', repo: m[2] ?? '' } : null;
}

const errorText = (err: unknown): string => redact(err instanceof Error ? err.message : String(err));

export async function ensureLabel(client: GitHubClient, repo: RepoRef, name: string, color: string, description: string): Promise<void> {
  const labels = await client.paginate(client.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
  if (labels.some((l) => l.name === name)) return;
  await client.rest.issues.createLabel({ ...repo, name, color, description });
}

/** Issues carrying `label` (open and closed), keyed by the first imagegate marker in their body. */
export async function issuesByMarker(client: GitHubClient, repo: RepoRef, label: string, markerPattern: RegExp): Promise<Map<string, ExistingIssue>> {
  const issues = await client.paginate(client.rest.issues.listForRepo, { ...repo, labels: label, state: 'all', per_page: 100 });
  const found = new Map<string, ExistingIssue>();
  for (const i of issues) {
    if (i.pull_request) continue;
    const body = i.body ?? '';
    const marker = markerPattern.exec(body)?.[0];
    // the oldest issue with a marker wins, so that a duplicate made by hand does not take over
    if (marker && (!found.has(marker) || (found.get(marker)?.number ?? 0) > i.number)) {
      found.set(marker, { number: i.number, title: i.title, body, state: i.state });
    }
  }
  return found;
}

export async function syncIssues(client: GitHubClient, repo: RepoRef, specs: IssueSpec[], label: string, markerPattern: RegExp): Promise<SyncOutcome[]> {
  if (specs.length === 0) return [];
  await ensureLabel(client, repo, label, '0e8a16', 'Authorized change window opened by imagegate');
  const existing = await issuesByMarker(client, repo, label, markerPattern);
  const outcomes: SyncOutcome[] = [];
  for (const spec of specs) {
    const title = redact(spec.title);
    const body = redact(spec.body);
    const have = existing.get(spec.marker);
    try {
      if (!have) {
        const created = await client.rest.issues.create({ ...repo, title, body, labels: [label] });
        const number = created.data.number;
        if (spec.state === 'closed') await client.rest.issues.update({ ...repo, issue_number: number, state: 'closed', state_reason: 'not_planned' });
        outcomes.push({ marker: spec.marker, number, action: 'created' });
      } else if (have.title !== title || have.body !== body || have.state !== spec.state) {
        await client.rest.issues.update({
          ...repo,
          issue_number: have.number,
          title,
          body,
          state: spec.state,
          ...(spec.state === 'closed' && have.state !== 'closed' ? { state_reason: 'not_planned' as const } : {}),
        });
        outcomes.push({ marker: spec.marker, number: have.number, action: 'updated' });
      } else {
        outcomes.push({ marker: spec.marker, number: have.number, action: 'unchanged' });
      }
    } catch (err: unknown) {
      outcomes.push({ marker: spec.marker, number: have?.number ?? null, action: 'failed', error: errorText(err) });
    }
  }
  return outcomes;
}

/** One comment on an issue or PR, found again by its marker; created once, then only edited. */
export async function upsertComment(client: GitHubClient, repo: RepoRef, issueNumber: number, marker: string, body: string): Promise<SyncOutcome> {
  try {
    const text = redact(body);
    const comments = await client.paginate(client.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
    const have = comments.find((c) => (c.body ?? '').includes(marker));
    if (!have) {
      const created = await client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text });
      return { marker, number: created.data.id, action: 'created' };
    }
    if (have.body === text) return { marker, number: have.id, action: 'unchanged' };
    await client.rest.issues.updateComment({ ...repo, comment_id: have.id, body: text });
    return { marker, number: have.id, action: 'updated' };
  } catch (err: unknown) {
    return { marker, number: null, action: 'failed', error: errorText(err) };
  }
}
