/**
 * The ledger reads `Merge pull request #N` and `Title (#N)` from commit messages, and anyone who may push can
 * write those. Where GitHub can be asked, each recent authorization's commit is checked against the pull
 * requests GitHub itself associates with it: a PR that GitHub does not show as merged turns the authorization
 * into a direct push (unreviewed), with the reason kept for the finding.
 */
import type { Authorization } from '../model/authorization.js';

export interface AssociatedPull {
  number: number;
  mergedAt: string | null;
}

/** Looks up the pull requests of a commit; throws when GitHub cannot be asked. */
export type PullLookup = (sha: string) => Promise<AssociatedPull[]>;

/** Authorizations older than this (window end) are history: their events are no longer in the logs being read. */
const RECENT_MS = 30 * 86_400_000;

function relevant(a: Authorization, atMs: number): boolean {
  if (a.via === 'direct' || a.status === 'withdrawn') return false;
  return a.window === null || Date.parse(a.window.end) >= atMs - RECENT_MS;
}

/**
 * Confirms the recent authorizations of a ledger in place, one lookup per commit. Returns how many were
 * checked and how many could not be confirmed. A lookup that fails leaves the authorization unconfirmed: what
 * cannot be verified is never counted as reviewed.
 */
export async function confirmPullRequests(authorizations: Authorization[], at: string, lookup: PullLookup): Promise<{ checked: number; unconfirmed: number }> {
  const atMs = Date.parse(at);
  const byCommit = new Map<string, Authorization[]>();
  for (const a of authorizations) {
    if (!relevant(a, atMs)) continue;
    const list = byCommit.get(a.commit);
    if (list) list.push(a);
    else byCommit.set(a.commit, [a]);
  }
  let unconfirmed = 0;
  for (const [sha, auths] of byCommit) {
    let reason: string | null;
    try {
      const pulls = (await lookup(sha)).filter((p) => p.mergedAt !== null);
      const claimed = auths[0]?.pr ?? null;
      if (claimed !== null) {
        reason = pulls.some((p) => p.number === claimed)
          ? null
          : `the commit names pull request #${claimed}, but GitHub does not list #${claimed} as merged into ${sha.slice(0, 12)}`;
      } else {
        reason = pulls.length > 0 ? null : `the commit looks like a rebase merge, but GitHub associates no merged pull request with ${sha.slice(0, 12)}`;
      }
    } catch (err: unknown) {
      reason = `GitHub could not confirm its pull request (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
    if (reason === null) continue;
    for (const a of auths) {
      a.via = 'direct';
      a.prUnconfirmed = reason;
      unconfirmed += 1;
    }
  }
  return { checked: byCommit.size, unconfirmed };
}
