/**
 * The authorization ledger: git is the database. Walks the first-parent history of the default branch and turns
 * every commit that changes a device's desired image, boot variables or change window into an Authorization.
 * Rules (docs/windows.md says them for users):
 * - a new authorization for a device supersedes the device's earlier ones whose window had not ended when it
 *   landed (a reschedule, or a new target before the old one was carried out);
 * - a revert withdraws the authorizations of the commit or pull request it reverts and creates none itself;
 * - removing a change block before its window started withdraws it (a cancellation);
 * - an authorization is valid from its landing time on, and only when its window started after that.
 */
import type { Authorization, DesiredState } from '../model/authorization.js';
import type { BootSpec } from '../model/device.js';
import { catFileBatch, type CommitWithFiles, type GitRepo } from '../git/index.js';
import { isDeviceFile, parseDeviceSnapshot, type ChangeSnapshot, type DeviceSnapshot, type SnapshotResult } from './device-file.js';
import { classifyLanding, parseRevert } from './landing.js';

/** A device file at some commit that could not be read; its state before that commit stays in force. */
export interface LedgerProblem {
  commit: string;
  file: string;
  line?: number;
  message: string;
}

/** What the ledger knows about an authorization beyond the shared model type. */
export interface AuthorizationContext {
  /** Device file it came from. */
  file: string;
  site: string | null;
  /** IANA zone of the device at that commit (the `timezone` field), if it has one. */
  timezone: string | null;
  /** Subject line of the landing commit. */
  title: string;
  /** When it stopped being valid (landing time of the superseding or withdrawing commit). */
  endedAt: string | null;
  endedBy: string | null;
}

export interface Ledger {
  /** The commit the ledger was built at. */
  head: string;
  /** Oldest first, in first-parent order. */
  authorizations: Authorization[];
  problems: LedgerProblem[];
  forDevice(name: string): Authorization[];
  /**
   * Authorizations that covered the device at `isoTime`: landed by then, window open at that instant, not yet
   * superseded or withdrawn then, and opened (window started after the landing). Callers still judge `via`.
   */
  activeAt(name: string, isoTime: string): Authorization[];
  contextOf(auth: Authorization): AuthorizationContext;
}

/** False when the window had already started (or passed) when the change landed: it must be rescheduled. */
export function windowOpens(auth: Authorization): boolean {
  return auth.window !== null && Date.parse(auth.window.start) > Date.parse(auth.mergedAt);
}

export async function buildLedger(repo: GitRepo, opts: { ref: string }): Promise<Ledger> {
  const head = await repo.revParse(opts.ref);
  const log = await repo.firstParentLog(head, undefined, { blobs: true });
  return ledgerFromLog(repo.dir, head, log);
}

function sameBoot(a: BootSpec | null, b: BootSpec | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.configRegister === b.configRegister && a.system.length === b.system.length && a.system.every((s, i) => s === b.system[i])
  );
}

function sameDesired(a: DesiredState, b: DesiredState): boolean {
  return a.image === b.image && sameBoot(a.boot, b.boot);
}

function sameChange(a: ChangeSnapshot | null, b: ChangeSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.ticket === b.ticket &&
    a.executor === b.executor &&
    a.transfer === b.transfer &&
    a.window?.start === b.window?.start &&
    a.window?.end === b.window?.end
  );
}

const desiredOf = (d: DeviceSnapshot | null): DesiredState => ({ image: d?.image ?? null, boot: d?.boot ?? null });

/** Cheap test before parsing: a file without a top-level-looking `change` key cannot schedule anything. */
const MAY_HAVE_CHANGE = /(^|[{,\s])["']?change["']?\s*:/m;

async function ledgerFromLog(dir: string, head: string, log: CommitWithFiles[]): Promise<Ledger> {
  // every version of every device file the history touched, read by object id through one cat-file process
  const ids = new Set<string>();
  for (const c of log) for (const f of c.files) if (f.status !== 'D' && f.blob && isDeviceFile(f.path)) ids.add(f.blob);
  const idList = [...ids];
  const contents = await catFileBatch(dir, idList);
  const blobs = new Map<string, Buffer>();
  idList.forEach((id, i) => {
    const b = contents[i];
    if (b) blobs.set(id, b);
  });
  const landings = classifyLanding(log);

  const authorizations: Authorization[] = [];
  const problems: LedgerProblem[] = [];
  const byDevice = new Map<string, Authorization[]>();
  const context = new Map<Authorization, AuthorizationContext>();
  // per path, the last version that parsed (or was not needed yet): parsing is lazy, most files never change
  const state = new Map<string, { blob: string; commit: string }>();
  const parsed = new Map<string, SnapshotResult>();
  const snapshot = (path: string, blob: string): SnapshotResult => {
    // keyed by path too: a file without `name` takes its name from the path
    const key = `${path}\0${blob}`;
    let r = parsed.get(key);
    if (!r) {
      const content = blobs.get(blob);
      r = content ? parseDeviceSnapshot(path, content) : { ok: false, line: undefined, message: 'not readable at this commit' };
      parsed.set(key, r);
    }
    return r;
  };
  const problem = (commit: string, file: string, r: { line: number | undefined; message: string }): void => {
    const p: LedgerProblem = { commit, file, message: r.message };
    if (r.line !== undefined) p.line = r.line;
    problems.push(p);
  };

  const end = (auth: Authorization, commit: CommitWithFiles, how: 'superseded' | 'withdrawn'): void => {
    auth.status = how;
    if (how === 'superseded') auth.supersededBy = commit.sha;
    else auth.withdrawnBy = commit.sha;
    const ctx = context.get(auth);
    if (ctx) {
      ctx.endedAt = commit.committedAt;
      ctx.endedBy = commit.sha;
    }
  };

  for (const commit of log) {
    const landing = landings.get(commit.sha) ?? { via: 'direct' as const, pr: null };
    const revert = parseRevert(commit);
    const at = Date.parse(commit.committedAt);
    for (const file of commit.files) {
      if (!isDeviceFile(file.path)) continue;
      if (file.status === 'D' || !file.blob) {
        state.delete(file.path);
        continue;
      }
      const prior = state.get(file.path);
      if (!prior && !MAY_HAVE_CHANGE.test(blobs.get(file.blob)?.toString('utf8') ?? '')) {
        state.set(file.path, { blob: file.blob, commit: commit.sha });
        continue;
      }
      const now = snapshot(file.path, file.blob);
      if (!now.ok) {
        problem(commit.sha, file.path, now);
        continue;
      }
      const after = now.device;
      let before: DeviceSnapshot | null = null;
      if (prior) {
        const was = snapshot(file.path, prior.blob);
        if (was.ok) before = was.device;
        else problem(prior.commit, file.path, was);
      }
      state.set(file.path, { blob: file.blob, commit: commit.sha });
      const mine = byDevice.get(after.name) ?? [];
      byDevice.set(after.name, mine);
      const active = mine.filter((a) => a.status === 'active');

      if (revert) {
        let targets = active.filter(
          (a) => revert.shas.some((s) => a.commit.startsWith(s)) || (a.pr !== null && revert.prs.includes(a.pr)),
        );
        // a revert whose message names nothing we know: it withdraws what it undid
        if (targets.length === 0) targets = active.filter((a) => sameDesired(a.from, desiredOf(after)) && !sameDesired(a.to, desiredOf(after)));
        if (targets.length > 0) {
          for (const t of targets) end(t, commit, 'withdrawn');
          continue;
        }
      }

      const desiredChanged = before !== null && !sameDesired(desiredOf(before), desiredOf(after));
      const changeChanged = after.change !== null && !sameChange(before?.change ?? null, after.change);
      if (!desiredChanged && !changeChanged) {
        if (before?.change && !after.change) {
          for (const a of active) if (a.window && Date.parse(a.window.start) > at) end(a, commit, 'withdrawn');
        }
        continue;
      }

      const to = desiredOf(after);
      // a reschedule keeps the pending change's origin: the device still runs what it ran before that change
      const pending = [...active].reverse().find((a) => sameDesired(a.to, to));
      const from = desiredChanged ? desiredOf(before) : (pending?.from ?? desiredOf(before));
      const auth: Authorization = {
        device: after.name,
        from,
        to,
        window: after.change?.window ?? null,
        ticket: after.change?.ticket ?? null,
        executor: after.change?.executor ?? null,
        transfer: after.change?.transfer ?? null,
        commit: commit.sha,
        mergedAt: commit.committedAt,
        pr: landing.pr,
        via: landing.via,
        status: 'active',
      };
      context.set(auth, {
        file: file.path,
        site: after.site,
        timezone: after.timezone,
        title: commit.subject,
        endedAt: null,
        endedBy: null,
      });
      for (const a of active) if (a.window === null || Date.parse(a.window.end) > at) end(a, commit, 'superseded');
      mine.push(auth);
      authorizations.push(auth);
    }
  }

  return {
    head,
    authorizations,
    problems,
    forDevice: (name) => byDevice.get(name) ?? [],
    activeAt(name, isoTime) {
      const t = Date.parse(isoTime);
      if (Number.isNaN(t)) return [];
      return (byDevice.get(name) ?? []).filter((a) => {
        if (!a.window || !windowOpens(a)) return false;
        if (t < Date.parse(a.mergedAt) || t < Date.parse(a.window.start) || t >= Date.parse(a.window.end)) return false;
        const endedAt = context.get(a)?.endedAt;
        return endedAt == null || t < Date.parse(endedAt);
      });
    },
    contextOf(auth) {
      const ctx = context.get(auth);
      if (!ctx) throw new Error(`authorization ${auth.device}@${auth.commit} is not from this ledger`);
      return ctx;
    },
  };
}
