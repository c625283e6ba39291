/**
 * A small fleet for gate tests, written into real git repositories: two sites (fra1 in Europe/Berlin,
 * nyc1 in America/New_York), redundancy pairs, a catalog with approved, deprecated and revoked images.
 * Tests change single files to build the pull request they need.
 */
import { createHash } from 'node:crypto';
import { GitFixture } from '../../test/support/git-fixture.js';
import { GitRepo } from '../git/index.js';
import { runGate, type GateResult } from './runner.js';
import type { ApprovalEvidence, PullRequestInfo } from './types.js';

const hex = (algo: 'sha512' | 'sha256', text: string): string => createHash(algo).update(text).digest('hex');

function image(id: string, platform: string, models: string[], file: string, version: string, status: string): string {
  return `  - id: ${id}
    platform: ${platform}
    models: [${models.map((m) => JSON.stringify(m)).join(', ')}]
    file: ${file}
    version: "${version}"
    status: ${status}
    sha512: ${hex('sha512', file)}
    sha256: ${hex('sha256', file)}
`;
}

export const IMAGES_YAML = `images:
${image('c9k-17.09.05', 'cisco_xe', ['C9300-48P'], 'cat9k_iosxe.17.09.05.SPA.bin', '17.09.05', 'approved')}${image('c9k-17.12.04', 'cisco_xe', ['C9300-48P'], 'cat9k_iosxe.17.12.04.SPA.bin', '17.12.04', 'approved')}${image('c9k-17.06.01', 'cisco_xe', ['C9300-48P'], 'cat9k_iosxe.17.06.01.SPA.bin', '17.06.01', 'deprecated')}${image('c9k-17.03.01', 'cisco_xe', ['C9300-48P'], 'cat9k_iosxe.17.03.01.SPA.bin', '17.03.01', 'revoked')}`;

/** A catalog entry a PR might add, e.g. to approve a new image. */
export const NEW_IMAGE_ENTRY = image('c9k-17.15.03', 'cisco_xe', ['C9300-48P'], 'cat9k_iosxe.17.15.03.SPA.bin', '17.15.03', 'approved');

export const CHANGE_YAML = `maintenanceWindows:
  - id: fra1-weeknight
    sites: [fra1]
    timezone: Europe/Berlin
    days: [tue, thu]
    start: "01:00"
    durationMinutes: 240
  - id: fra1-sunday-night
    sites: [fra1]
    roles: [core]
    timezone: Europe/Berlin
    days: [sun]
    start: "01:00"
    durationMinutes: 240
  - id: nyc1-saturday
    sites: [nyc1]
    timezone: America/New_York
    days: [sat]
    start: "02:00"
    durationMinutes: 240
freezes:
  - id: year-end-2026
    start: "2026-12-18T00:00:00+01:00"
    end: "2027-01-04T08:00:00+01:00"
    reason: Year-end change freeze.
maxWindowMinutes: 240
minLeadTimeHours: 48
maxConcurrentPerSite: 2
allowedTransfers: [scp, https]
requiredHashes: [sha512, sha256]
approvals:
  count: 2
  teams: [netops]
  separationOfDuties: true
policyOwners: [policy-owners]
emergency:
  label: emergency-change
  extraApprovals: 1
  teams: [security]
`;

export const IDENTITIES_YAML = `teams:
  - id: netops
    github: acme/netops
  - id: security
    github: acme/security
  - id: policy-owners
    github: acme/policy-owners
people:
  - id: akoch
    name: Anna Koch
    github: anna-koch
    accounts: [akoch]
    teams: [netops]
    imageWork: true
  - id: jrivera
    name: Jorge Rivera
    github: jrivera-net
    accounts: [jrivera]
    teams: [netops, policy-owners]
    imageWork: true
  - id: mchen
    name: Mei Chen
    github: meichen
    accounts: [mchen]
    teams: [security, policy-owners]
    imageWork: false
  - id: lobrien
    name: Liam O'Brien
    github: lobrien
    accounts: [lobrien]
    teams: [netops]
    imageWork: false
automation:
  - id: svc-imagegate
    accounts: [svc-imagegate]
    teams: [netops]
    imageWork: true
`;

export const DETECTION_YAML = `riskyCommands:
  - id: gdb
    pattern: "^\\\\s*gdb\\\\b"
    severity: critical
    description: The debugger can rewrite the running image in memory.
correlationHorizonMinutes: 120
clockSkewSeconds: 120
suppressions: []
`;

export interface ChangeSpec {
  ticket?: string;
  start: string;
  end: string;
  executor?: string;
  transfer?: string;
  downgrade?: boolean;
}

export interface DeviceSpec {
  name: string;
  site: 'fra1' | 'nyc1';
  role: string;
  group?: string;
  image?: string;
  change?: ChangeSpec;
  /** Host number, for unique management addresses. */
  host: number;
}

const FILES: Record<string, string> = {
  'c9k-17.09.05': 'cat9k_iosxe.17.09.05.SPA.bin',
  'c9k-17.12.04': 'cat9k_iosxe.17.12.04.SPA.bin',
  'c9k-17.06.01': 'cat9k_iosxe.17.06.01.SPA.bin',
  'c9k-17.03.01': 'cat9k_iosxe.17.03.01.SPA.bin',
  'c9k-17.15.03': 'cat9k_iosxe.17.15.03.SPA.bin',
};

export function deviceYaml(d: DeviceSpec): string {
  const img = d.image ?? 'c9k-17.09.05';
  const key = createHash('sha256').update(d.name).digest('base64').replace(/=+$/, '');
  let text = `name: ${d.name}
platform: cisco_xe
model: C9300-48P
site: ${d.site}
role: ${d.role}
${d.group ? `redundancyGroup: ${d.group}\n` : ''}management:
  host: 192.0.2.${d.host}
  hostKey: SHA256:${key}
timezone: ${d.site === 'fra1' ? 'Europe/Berlin' : 'America/New_York'}
image: ${img}
boot:
  system:
    - "flash:${FILES[img] ?? `${img}.bin`}"
  configRegister: "0x2102"
`;
  if (d.change) {
    const c = d.change;
    text += `change:
  ticket: ${c.ticket ?? 'CHG0001234'}
  window:
    start: "${c.start}"
    end: "${c.end}"
  executor: ${c.executor ?? 'akoch'}
  transfer: ${c.transfer ?? 'scp'}
${c.downgrade ? '  downgrade: true\n' : ''}`;
  }
  return text;
}

export const FLEET: DeviceSpec[] = [
  { name: 'fra1-access-01', site: 'fra1', role: 'access', group: 'fra1-access-a', host: 11 },
  { name: 'fra1-access-02', site: 'fra1', role: 'access', group: 'fra1-access-a', host: 12 },
  { name: 'fra1-access-03', site: 'fra1', role: 'access', group: 'fra1-access-b', host: 13 },
  { name: 'fra1-access-04', site: 'fra1', role: 'access', group: 'fra1-access-b', host: 14 },
  { name: 'fra1-core-01', site: 'fra1', role: 'core', group: 'fra1-core', host: 15 },
  { name: 'nyc1-core-01', site: 'nyc1', role: 'core', group: 'nyc1-core', host: 21 },
  { name: 'nyc1-core-02', site: 'nyc1', role: 'core', group: 'nyc1-core', host: 22 },
];

export const spec = (name: string): DeviceSpec => {
  const d = FLEET.find((f) => f.name === name);
  if (!d) throw new Error(`no fixture device ${name}`);
  return d;
};

export const deviceFile = (d: DeviceSpec): string => `devices/${d.site}/${d.name}.yaml`;

/** The fleet's files, with `overrides` applied to devices by name. */
export function fleetFiles(overrides: Partial<Record<string, Partial<DeviceSpec>>> = {}): Record<string, string> {
  const files: Record<string, string> = {
    'policies/images.yaml': IMAGES_YAML,
    'policies/change.yaml': CHANGE_YAML,
    'policies/identities.yaml': IDENTITIES_YAML,
    'policies/detection.yaml': DETECTION_YAML,
  };
  for (const d of FLEET) files[deviceFile(d)] = deviceYaml({ ...d, ...overrides[d.name] });
  return files;
}

/** The same device file with a change, for a PR. */
export function changed(name: string, patch: Partial<DeviceSpec>): Record<string, string> {
  const d = spec(name);
  return { [deviceFile(d)]: deviceYaml({ ...d, ...patch }) };
}

/** 2026-12-01T12:00Z, a Tuesday: Tue 8 Dec 01:00-05:00 Berlin is the next allowed window with 48 h notice. */
export const NOW = new Date('2026-12-01T12:00:00Z');
export const GOOD_WINDOW = { start: '2026-12-08T01:00:00+01:00', end: '2026-12-08T03:00:00+01:00' };

export interface PrCase {
  /** Files on the base before the PR branches off, over the fleet (a superset of it, as fleetFiles() gives). */
  base?: Record<string, string | null>;
  /** Commits on main after the PR branched (windows merged meanwhile). */
  mainAfter?: Record<string, string | null>;
  pr: Record<string, string | null>;
  now?: Date;
  info?: PullRequestInfo;
  approvals?: ApprovalEvidence;
}

let shared: { repo: GitFixture; fleet: string } | undefined;
let prCount = 0;

/** Removes the repository gatePr shares between the tests of a file (call it in afterAll). */
export function cleanupGateRepo(): void {
  shared?.repo.cleanup();
  shared = undefined;
}

/**
 * Builds a base branch and a PR branch and runs the gate on them. The tests of a file share one repository
 * (branches from one fleet commit) so that each case costs a few git commands, not a new repository.
 */
export async function gatePr(c: PrCase): Promise<GateResult> {
  shared ??= ((): { repo: GitFixture; fleet: string } => {
    const repo = new GitFixture('ig-gate-');
    return { repo, fleet: repo.commit('fleet', fleetFiles()) };
  })();
  const { repo, fleet } = shared;
  const n = ++prCount;
  repo.git('checkout', '-q', '-b', `base-${n}`, fleet);
  if (c.base) repo.commit('base', c.base);
  repo.checkout(`pr-${n}`, true);
  repo.commit('the PR', c.pr);
  repo.checkout(`base-${n}`);
  if (c.mainAfter) repo.commit('merged meanwhile', c.mainAfter);
  const approvals = c.approvals;
  return runGate({
    git: new GitRepo(repo.dir),
    base: `base-${n}`,
    head: `pr-${n}`,
    now: c.now ?? NOW,
    pr: c.info ?? null,
    ...(approvals ? { readApprovals: () => Promise.resolve(approvals) } : {}),
  });
}

/** Findings of one rule, as `rule severity device` strings, for compact assertions. */
export function ofRule(result: GateResult, rule: string): string[] {
  return result.findings.filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.device ?? f.file}`);
}
