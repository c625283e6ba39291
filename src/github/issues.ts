/**
 * GitHub issue sync of the reconciler: one issue per finding fingerprint, found again by a hidden marker.
 * Writes are serial and paced (GitHub allows about 80 content-creating requests a minute); the client
 * honours retry-after. The caller writes the findings file before calling any of this.
 */
import { parseFindingMarker } from '../report/issue-body.js';
import type { GitHubClient } from './client.js';
import type { RepoRef } from './pulls.js';

/** What the sync needs of one finding; the text comes from src/report. */
export interface IssueItem {
  fingerprint: string;
  /** Hash of the evidence: a change means new evidence. */
  evidence: string;
  device: string;
  title: string;
  body: string;
  labels: string[];
  /** Short comment posted when the evidence changed. */
  updateComment: string;
}

/** Verification of one change window that has closed: posted on its tracking issue, which is then closed. */
export interface WindowVerdict {
  commit: string;
  device: string;
  ok: boolean;
  comment: string;
}

export interface IssueSyncOptions {
  client: GitHubClient;
  repo: RepoRef;
  items: IssueItem[];
  /** Devices not verified this run: their issues stay open (absence of a finding proves nothing). */
  unverifiedDevices: string[];
  windows: WindowVerdict[];
  resolvedComment: string;
  /**
   * The login the token acts as; null for installation tokens (GITHUB_TOKEN), then only issues opened by a
   * bot count. Either way a person cannot plant a marker in their own issue and have imagegate edit it.
   */
  viewer: string | null;
  /** Minimum spacing of content writes (default 750 ms: 80 a minute). */
  writeIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface IssueSyncResult {
  created: number[];
  updated: number[];
  reopened: number[];
  closed: number[];
  /** Fingerprints skipped because a person closed their issue as not planned and the evidence is the same. */
  suppressed: string[];
  unchanged: number;
  windowsClosed: number[];
  comments: number;
}

interface ExistingIssue {
  number: number;
  state: string;
  stateReason: string | null;
  evidence: string | null;
}

const WINDOW = /<!-- imagegate:window:([0-9a-f]{7,40}):([^\s>]+) -->/;

class Pacer {
  private last = -Infinity;
  constructor(
    private readonly interval: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number,
  ) {}
  async write<T>(op: () => Promise<T>): Promise<T> {
    const wait = this.last + this.interval - this.now();
    if (wait > 0) await this.sleep(wait);
    this.last = this.now();
    return op();
  }
}

function ours(issue: { user: { login: string; type: string } | null }, viewer: string | null): boolean {
  if (!issue.user) return false;
  return viewer !== null ? issue.user.login === viewer : issue.user.type === 'Bot';
}

export async function syncFindingIssues(opts: IssueSyncOptions): Promise<IssueSyncResult> {
  const { client, repo } = opts;
  const pacer = new Pacer(opts.writeIntervalMs ?? 750, opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))), opts.now ?? Date.now);
  const result: IssueSyncResult = { created: [], updated: [], reopened: [], closed: [], suppressed: [], unchanged: 0, windowsClosed: [], comments: 0 };

  const listed = await client.paginate(client.rest.issues.listForRepo, { ...repo, labels: 'imagegate', state: 'all', per_page: 100 });
  const existing = new Map<string, ExistingIssue>();
  const deviceOf = new Map<number, string>();
  for (const issue of listed) {
    if (issue.pull_request || !ours(issue, opts.viewer)) continue;
    const m = parseFindingMarker(issue.body);
    if (!m) continue;
    const prev = existing.get(m.fingerprint);
    // should two issues carry one fingerprint (a crash between create and list), the open, newest one wins
    if (prev && (prev.state === 'open' || prev.number > issue.number)) continue;
    existing.set(m.fingerprint, { number: issue.number, state: issue.state, stateReason: issue.state_reason ?? null, evidence: m.evidence });
    if (m.device !== null) deviceOf.set(issue.number, m.device);
  }

  const current = new Set<string>();
  for (const item of opts.items) {
    current.add(item.fingerprint);
    const found = existing.get(item.fingerprint);
    if (!found) {
      const created = await pacer.write(() => client.rest.issues.create({ ...repo, title: item.title, body: item.body, labels: item.labels }));
      result.created.push(created.data.number);
      continue;
    }
    if (found.evidence === item.evidence) {
      if (found.state === 'closed' && found.stateReason === 'not_planned') result.suppressed.push(item.fingerprint);
      else if (found.state === 'closed') {
        // closed as completed (by us, when it went away, or by a person) and back again: a regression
        await pacer.write(() => client.rest.issues.update({ ...repo, issue_number: found.number, state: 'open', labels: item.labels }));
        await pacer.write(() => client.rest.issues.createComment({ ...repo, issue_number: found.number, body: item.updateComment }));
        result.reopened.push(found.number);
        result.comments += 1;
      } else result.unchanged += 1;
      continue;
    }
    await pacer.write(() =>
      client.rest.issues.update({
        ...repo,
        issue_number: found.number,
        title: item.title,
        body: item.body,
        labels: item.labels,
        ...(found.state === 'closed' ? { state: 'open' as const } : {}),
      }),
    );
    await pacer.write(() => client.rest.issues.createComment({ ...repo, issue_number: found.number, body: item.updateComment }));
    result.comments += 1;
    if (found.state === 'closed') result.reopened.push(found.number);
    else result.updated.push(found.number);
  }

  const unverified = new Set(opts.unverifiedDevices.map((d) => d.toLowerCase()));
  for (const [fp, issue] of existing) {
    if (current.has(fp) || issue.state !== 'open') continue;
    const dev = deviceOf.get(issue.number);
    if (dev !== undefined && unverified.has(dev.toLowerCase())) continue;
    await pacer.write(() => client.rest.issues.createComment({ ...repo, issue_number: issue.number, body: opts.resolvedComment }));
    await pacer.write(() => client.rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' }));
    result.comments += 1;
    result.closed.push(issue.number);
  }

  if (opts.windows.length > 0) {
    const tracking = await client.paginate(client.rest.issues.listForRepo, { ...repo, labels: 'change-window', state: 'open', per_page: 100 });
    for (const issue of tracking) {
      if (issue.pull_request || !ours(issue, opts.viewer)) continue;
      const m = WINDOW.exec(issue.body ?? '');
      if (!m?.[1]) continue;
      const commit = m[1];
      const key = (m[2] ?? '').toLowerCase();
      const matches = opts.windows.filter((w) => w.commit.startsWith(commit));
      if (matches.length === 0) continue;
      const forDevice = matches.filter((w) => w.device.toLowerCase() === key);
      // the marker names a device, or a change id covering several devices of one commit
      const chosen = forDevice.length > 0 ? forDevice : matches;
      const body = chosen.map((w) => w.comment).join('\n\n');
      await pacer.write(() => client.rest.issues.createComment({ ...repo, issue_number: issue.number, body }));
      await pacer.write(() => client.rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' }));
      result.comments += 1;
      result.windowsClosed.push(issue.number);
    }
  }
  return result;
}
