/**
 * The gate: reads base, merge base and head from git, computes the change set, reads approvals when asked,
 * then runs every rule (pure, synchronous) and ranks what they report. Policies come from the base only.
 */
import type { GitRepo } from '../git/index.js';
import { isDeviceFile, loadRepo, POLICY_FILES, type LoadResult } from '../repo/index.js';
import type { TreeReader } from '../repo/tree.js';
import type { Problem } from '../model/problem.js';
import type { Device } from '../model/device.js';
import type { RepoModel } from '../model/repo.js';
import { runValidateRules } from '../validate/index.js';
import { VERSION } from '../version.js';
import { evaluateApprovals, githubTeam } from './approvals.js';
import { diffDevices, isProtectedPath } from './change-set.js';
import { GATE_RULES } from './rules/index.js';
import type { ApprovalEvidence, ChangeSet, DeviceChange, GateContext, GateFinding, GateRule, PullRequestInfo } from './types.js';

export interface GateInput {
  git: GitRepo;
  base: string;
  head: string;
  now: Date;
  pr: PullRequestInfo | null;
  /**
   * Reads the approvals for these GitHub teams (`org/slug`), counting reviews of `headSha` (the commit the
   * gate judged); absent without --github.
   */
  readApprovals?: (teams: string[], headSha: string) => Promise<ApprovalEvidence>;
  rules?: readonly GateRule[];
}

export interface ChangeSummary {
  device: string;
  file: string;
  kind: DeviceChange['kind'];
  fromImage: string | null;
  toImage: string | null;
  fromVersion: string | null;
  toVersion: string | null;
  window: { start: string; end: string } | null;
  ticket: string | null;
  executor: string | null;
  transfer: string | null;
}

export interface ApprovalSummary {
  required: number;
  approvers: string[];
  counted: string[];
  ignored: Array<{ login: string; reason: string }>;
  met: boolean;
}

export interface GateResult {
  version: 1;
  generator: string;
  base: string;
  head: string;
  mergeBase: string;
  at: string;
  passed: boolean;
  errors: number;
  warnings: number;
  findings: GateFinding[];
  changes: ChangeSummary[];
  protectedPaths: string[];
  emergency: { requested: boolean; granted: boolean };
  approvals: ApprovalSummary | null;
}

/** Only these paths of a tree (plus the policies): the merge base is read for the changed devices only. */
function onlyPaths(tree: TreeReader, keep: ReadonlySet<string>): TreeReader {
  return {
    label: tree.label,
    list: async (prefix) => (await tree.list(prefix)).filter((p) => keep.has(p)),
    read: (path) => tree.read(path),
    readMany: (paths) => tree.readMany(paths),
  };
}

/**
 * The head as loadRepo would load it, parsing only what differs from the base: unchanged device files are
 * byte-identical in both trees, so their parsed devices (and problems) are reused. Halves the work on a
 * large fleet. `devices` is the head's fleet even when the head's own policies do not load.
 */
async function loadHead(git: GitRepo, baseSha: string, headSha: string, baseLoad: LoadResult, baseTree: TreeReader): Promise<{ load: LoadResult; devices: Device[] }> {
  const differing = new Set((await git.changedFiles(baseSha, headSha)).map((f) => f.path));
  const policyFiles = new Set<string>(Object.values(POLICY_FILES));
  const headTree = onlyPaths(await git.tree(headSha), differing);
  const own = await loadRepo(headTree);
  const reused = (file: string): boolean => !differing.has(file) && !policyFiles.has(file);
  const problems = [...baseLoad.problems.filter((p) => reused(p.file)), ...own.problems];
  const ownDevices = own.model?.devices ?? (await loadRepo(withPolicies(headTree, baseTree))).model?.devices ?? [];
  const devices = [...(baseLoad.model?.devices ?? []).filter((d) => reused(d.source.file)), ...ownDevices].sort((a, b) =>
    a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0,
  );
  return { load: { model: own.model ? { ...own.model, devices } : null, problems }, devices };
}

/**
 * `tree` with the policy files served from `policyTree`. Used to read devices of a tree whose own policies
 * may not load (the merge base, a broken head): such a tree must not make changed devices look new or
 * removed, which would skip the rules that need a change block (fail open).
 */
function withPolicies(tree: TreeReader, policyTree: TreeReader): TreeReader {
  const policyFiles = new Set<string>(Object.values(POLICY_FILES));
  const readMany = async (paths: string[]): Promise<Map<string, Buffer>> => {
    const fromPolicies = await policyTree.readMany(paths.filter((p) => policyFiles.has(p)));
    const fromTree = await tree.readMany(paths.filter((p) => !policyFiles.has(p)));
    return new Map([...fromPolicies, ...fromTree]);
  };
  return { label: tree.label, list: (prefix) => tree.list(prefix), readMany, read: async (path) => (await readMany([path])).get(path) ?? null };
}

const rankOfRule = (rules: readonly GateRule[], id: string): number => {
  const i = rules.findIndex((r) => id === r.id || id.startsWith(`${r.id}/`));
  return i < 0 ? rules.length : i;
};

/** Errors before warnings, then by rule order (the registry lists the gravest first), then file and line. */
export function rankFindings(findings: GateFinding[], rules: readonly GateRule[] = GATE_RULES): GateFinding[] {
  return [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      rankOfRule(rules, a.rule) - rankOfRule(rules, b.rule) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
}

function summarize(c: DeviceChange, base: RepoModel, head: RepoModel | null): ChangeSummary {
  const version = (id: string | undefined): string | null =>
    id === undefined ? null : (base.catalog.images.find((i) => i.id === id) ?? head?.catalog.images.find((i) => i.id === id))?.version ?? null;
  const ch = c.after?.change;
  return {
    device: c.device,
    file: c.file,
    kind: c.kind,
    fromImage: c.before?.image ?? null,
    toImage: c.after?.image ?? null,
    fromVersion: version(c.before?.image),
    toVersion: version(c.after?.image),
    window: ch ? { start: ch.window.start, end: ch.window.end } : null,
    ticket: ch?.ticket ?? null,
    executor: ch?.executor ?? null,
    transfer: ch?.transfer ?? null,
  };
}

export function finish(
  partial: Omit<GateResult, 'version' | 'generator' | 'passed' | 'errors' | 'warnings' | 'findings'>,
  findings: GateFinding[],
  rules: readonly GateRule[] = GATE_RULES,
): GateResult {
  const ranked = rankFindings(findings, rules);
  const errors = ranked.filter((f) => f.severity === 'error').length;
  return {
    version: 1,
    generator: `imagegate ${VERSION}`,
    ...partial,
    passed: errors === 0,
    errors,
    warnings: ranked.length - errors,
    findings: ranked,
  };
}

/** A failed check for a gate that could not evaluate (git, GitHub, unreadable base): never a pass. */
export function failedResult(input: { base: string; head: string; now: Date }, rule: string, message: string, hint?: string): GateResult {
  return finish(
    {
      base: input.base,
      head: input.head,
      mergeBase: '',
      at: input.now.toISOString(),
      changes: [],
      protectedPaths: [],
      emergency: { requested: false, granted: false },
      approvals: null,
    },
    [{ rule, severity: 'error', file: '.', line: 1, message, ...(hint ? { hint } : {}) }],
  );
}

export async function runGate(input: GateInput): Promise<GateResult> {
  const rules = input.rules ?? GATE_RULES;
  const baseSha = await input.git.revParse(input.base);
  const headSha = await input.git.revParse(input.head);
  const mergeBase = await input.git.mergeBase(baseSha, headSha);
  const changed = await input.git.changedFiles(mergeBase, headSha);
  const files = [...new Set(changed.map((f) => f.path))].sort();
  const changedDevices = new Set(files.filter(isDeviceFile));

  const baseTree = await input.git.tree(baseSha);
  const baseLoad = await loadRepo(baseTree);
  const at = input.now.toISOString();
  if (!baseLoad.model) {
    const why = baseLoad.problems
      .slice(0, 3)
      .map((p) => `${p.file}:${p.line}: ${p.message}`)
      .join('; ');
    return failedResult({ base: baseSha, head: headSha, now: input.now }, 'base-unreadable', `the policies of the base ${baseSha.slice(0, 12)} cannot be read, so nothing can be judged: ${why}`, 'fix the base branch first; the gate never judges a PR by its own policies');
  }
  const base = baseLoad.model;
  const { load: headLoad, devices: headDevices } = await loadHead(input.git, baseSha, headSha, baseLoad, baseTree);
  const before =
    mergeBase === baseSha ? base : (await loadRepo(withPolicies(onlyPaths(await input.git.tree(mergeBase), changedDevices), baseTree))).model;
  const unreadable = [...changedDevices].filter((f) => headLoad.problems.some((p) => p.file === f && p.kind === 'input'));
  const devices = diffDevices(before?.devices ?? [], headDevices, changedDevices).filter(
    // a device file that does not load is not "removed": head-valid reports it
    (c) => !(c.kind === 'removed' && unreadable.includes(c.file)),
  );
  const changes: ChangeSet = {
    base: baseSha,
    head: headSha,
    mergeBase,
    files,
    devices,
    protectedPaths: files.filter(isProtectedPath),
    unreadable,
  };
  // as `validate` does: semantic rules on a partially loaded tree would report ghosts, so they wait for clean input
  const headValidation: Problem[] = [...headLoad.problems, ...(headLoad.model && headLoad.problems.length === 0 ? runValidateRules(headLoad.model) : [])];

  const policy = base.policies.change;
  const emergencyRequested = policy.emergency !== undefined && (input.pr?.labels.includes(policy.emergency.label) ?? false);
  let evidence: ApprovalEvidence | null = null;
  if (input.readApprovals && (devices.length > 0 || changes.protectedPaths.length > 0)) {
    const teamIds = [...(policy.approvals.teams ?? []), ...(policy.emergency?.teams ?? []), ...policy.policyOwners];
    const teams = teamIds.map((t) => githubTeam(base, t)).filter((t): t is string => t !== null);
    evidence = await input.readApprovals(teams, headSha);
  }
  const verdict = evidence ? evaluateApprovals(base, changes, evidence, emergencyRequested) : null;
  const emergencyGranted = emergencyRequested && verdict !== null && verdict.met;

  const findings: GateFinding[] = [];
  const ctx: GateContext = {
    changes,
    base,
    head: headLoad.model,
    headValidation,
    now: input.now,
    pr: input.pr,
    approvals: evidence,
    emergencyGranted,
    report: (f) => findings.push(f),
  };
  for (const rule of rules) {
    try {
      rule.check(ctx);
    } catch (err: unknown) {
      // a rule that breaks is a failed check, and the other rules still report
      findings.push({
        rule: rule.id,
        severity: 'error',
        file: '.',
        line: 1,
        message: `rule ${rule.id} could not evaluate: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'this is a bug in imagegate; please report it with the JSON output',
      });
    }
  }

  return finish(
    {
      base: baseSha,
      head: headSha,
      mergeBase,
      at,
      changes: devices.map((c) => summarize(c, base, headLoad.model)),
      protectedPaths: changes.protectedPaths,
      emergency: { requested: emergencyRequested, granted: emergencyGranted },
      approvals:
        evidence && verdict
          ? { required: verdict.required, approvers: evidence.approvers, counted: verdict.eligible, ignored: evidence.ignored, met: verdict.met }
          : null,
    },
    findings,
    rules,
  );
}
