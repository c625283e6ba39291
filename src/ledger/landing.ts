/**
 * How a first-parent commit reached the default branch, read from what GitHub writes:
 * - `merge`: a merge commit titled `Merge pull request #N from ...`;
 * - `squash`: a single-parent commit titled `Title (#N)`;
 * - `rebase`: a single-parent commit with no PR number that GitHub committed (committer `noreply@github.com`)
 *   later than it was authored. "Rebase and merge" replays each commit of the PR that way, so a run of them
 *   in a row, sharing one committer time, is one PR; a run of one is a one-commit PR;
 * - `direct`: anything else, including a merge commit without a PR number: nothing shows it was reviewed.
 * Git metadata can be forged by whoever may push to the branch; branch protection is what makes these true.
 */
import type { Authorization } from '../model/authorization.js';
import type { CommitInfo } from '../git/index.js';

export interface Landing {
  via: Authorization['via'];
  pr: number | null;
}

const GITHUB_COMMITTER = 'noreply@github.com';

function landingOf(c: CommitInfo): Landing {
  if (c.parents.length >= 2) {
    const m = /^Merge pull request #(\d+) /.exec(c.subject);
    return m ? { via: 'merge', pr: Number(m[1]) } : { via: 'direct', pr: null };
  }
  const sq = /\(#(\d+)\)\s*$/.exec(c.subject);
  if (sq) return { via: 'squash', pr: Number(sq[1]) };
  const rebased =
    c.committerEmail === GITHUB_COMMITTER &&
    c.authoredAt !== undefined &&
    Date.parse(c.authoredAt) < Date.parse(c.committedAt);
  return { via: rebased ? 'rebase' : 'direct', pr: null };
}

export function classifyLanding(log: CommitInfo[]): Map<string, Landing> {
  return new Map(log.map((c) => [c.sha, landingOf(c)]));
}

export interface Revert {
  /** Commit shas (possibly abbreviated) it names in `This reverts commit <sha>`. */
  shas: string[];
  /** Pull requests it names: `Reverts owner/repo#N`, a `revert-N-` branch, a reverted `(#N)` or `#N` merge title. */
  prs: number[];
}

/** A revert as `git revert` or GitHub's Revert button write it; null for any other commit. */
export function parseRevert(c: CommitInfo): Revert | null {
  const text = `${c.subject}\n${c.body}`;
  const firstBodyLine = c.body.split('\n')[0] ?? '';
  const isRevert =
    /^Revert "/.test(c.subject) || /^Revert "/.test(firstBodyLine) || /from \S+\/revert-\d+-/.test(c.subject);
  if (!isRevert) return null;
  const shas = [...text.matchAll(/This reverts commit ([0-9a-f]{7,40})/g)].map((m) => m[1] ?? '');
  const prs = new Set<number>();
  for (const m of text.matchAll(/Reverts [\w.-]+\/[\w.-]+#(\d+)/g)) prs.add(Number(m[1]));
  for (const m of text.matchAll(/from \S+\/revert-(\d+)-/g)) prs.add(Number(m[1]));
  // the reverted title is quoted: `Revert "Upgrade core-01 (#12)"` or `Revert "Merge pull request #12 from ..."`
  for (const m of text.matchAll(/Revert "(.*)"/g)) {
    const quoted = m[1] ?? '';
    const n = /\(#(\d+)\)\s*$/.exec(quoted) ?? /^Merge pull request #(\d+) /.exec(quoted);
    if (n) prs.add(Number(n[1]));
  }
  return { shas: shas.filter(Boolean), prs: [...prs] };
}
