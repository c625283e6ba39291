import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, type Problem } from '../model/problem.js';
import { readExampleFleet } from '../repo/example-fleet.js';
import { loadRepo, memoryTree } from '../repo/index.js';
import { runValidateRules, VALIDATE_RULES } from './index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const fleet = readExampleFleet(ROOT);

type Edit = [file: string, from: string | RegExp, to: string];

async function validate(edits: Edit[], extra: Record<string, string> = {}): Promise<{ problems: Problem[]; files: Record<string, string> }> {
  const files = { ...fleet, ...extra };
  for (const [file, from, to] of edits) {
    const before = files[file];
    if (before === undefined) throw new Error(`no file ${file}`);
    const after = before.replace(from, to);
    if (after === before) throw new Error(`edit of ${file} changed nothing: ${String(from)}`);
    files[file] = after;
  }
  const { model, problems } = await loadRepo(memoryTree(files));
  if (!model || problems.length > 0) throw new Error(`fixture does not load: ${JSON.stringify(problems)}`);
  return { problems: runValidateRules(model), files };
}

/** 1-based line of the first line of `text` containing `needle` (after `after`, when given). */
function lineWith(text: string | undefined, needle: string, after = ''): number {
  const lines = (text ?? '').split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

const CORE = 'devices/fra1/fra1-core-01.yaml';
const LEAF = 'devices/fra1/fra1-leaf-01.yaml';
const EDGE = 'devices/fra1/fra1-edge-01.yaml';
const ACCESS = 'devices/fra1/fra1-access-01.yaml';
const OOB = 'devices/nyc1/nyc1-oob-01.yaml';
const WAN = 'devices/nyc1/nyc1-wan-01.yaml';
const SCHEDULED = 'devices/nyc1/nyc1-access-01.yaml';
const IMAGES = 'policies/images.yaml';
const CHANGE = 'policies/change.yaml';
const IDS = 'policies/identities.yaml';
const DETECTION = 'policies/detection.yaml';

interface Case {
  name: string;
  rule: string;
  edits: Edit[];
  extra?: Record<string, string>;
  file: string;
  /** Text on the line that must be reported, found in the edited file. */
  at: string;
  after?: string;
  severity?: 'error' | 'warning';
  message: RegExp;
}

const cases: Case[] = [
  { name: 'unknown image', rule: 'image-in-catalog', edits: [[OOB, 'image: c2900-15.7-3.M8', 'image: c2900-15.9']], file: OOB, at: 'image:', message: /"c2900-15.9" is not in policies\/images.yaml/ },
  { name: 'image of another platform', rule: 'image-in-catalog', edits: [[LEAF, 'image: eos-4.32.2F', 'image: nxos-10.4.3']], file: LEAF, at: 'image:', message: /is for cisco_nxos, but this device is arista_eos/ },
  { name: 'image for other models', rule: 'image-in-catalog', edits: [[WAN, 'model: "ISR4451-X/K9"', 'model: "ISR4331/K9"']], file: WAN, at: 'image:', message: /not ISR4331\/K9/ },
  { name: 'revoked image', rule: 'image-status', edits: [[ACCESS, 'image: c9k-17.12.04', 'image: c9k-17.03.01']], file: ACCESS, at: 'image:', message: /revoked \(cisco-sa-/ },
  { name: 'deprecated image', rule: 'image-status', severity: 'warning', edits: [[CORE, 'image: nxos-10.4.3', 'image: nxos-10.3.5'], [CORE, 'nxos64-cs.10.4.3.F.bin', 'nxos64-cs.10.3.5.M.bin']], file: CORE, at: 'image:', message: /deprecated/ },
  { name: 'short sha256', rule: 'image-hash-format', edits: [[IMAGES, /sha256: ([0-9a-f]{60})[0-9a-f]{4}/, 'sha256: $1']], file: IMAGES, at: 'sha256:', message: /sha256 of image "c9k-17.12.04" has 60 hex digits; sha256 has 64/ },
  { name: 'non-hex sha512', rule: 'image-hash-format', edits: [[IMAGES, /sha512: [0-9a-f]{2}/, 'sha512: zz']], file: IMAGES, at: 'sha512:', message: /not hex digits/ },
  { name: 'md5 only', rule: 'image-hash-required', edits: [[IMAGES, /    sha512: \w+\n    sha256: \w+\n/, '    md5: 0123456789abcdef0123456789abcdef\n']], file: IMAGES, at: '- id: c9k-17.12.04', message: /none of the required hashes \(sha512 or sha256\)/ },
  { name: 'boot points at another file', rule: 'boot-image', edits: [[CORE, '"bootflash:nxos64-cs.10.4.3.F.bin"', '"bootflash:nxos64-cs.10.3.5.M.bin"']], file: CORE, at: 'bootflash:', message: /not the image file nxos64-cs.10.4.3.F.bin/ },
  { name: 'packages.conf outside IOS-XE', rule: 'boot-image', edits: [[OOB, '"flash:c2900-universalk9-mz.SPA.157-3.M8.bin"', '"flash:packages.conf"']], file: OOB, at: 'packages.conf', message: /install mode; cisco_ios boots the image file/ },
  { name: 'boot variable on Junos', rule: 'boot-image', edits: [[EDGE, 'image: junos-23.4R2-S3\n', 'image: junos-23.4R2-S3\nboot:\n  system: ["re0:junos"]\n']], file: EDGE, at: 'boot:', message: /Junos has no boot variable/ },
  { name: 'no boot block on NX-OS', rule: 'boot-image', edits: [[CORE, /boot:[\s\S]*$/, '']], file: CORE, at: 'name:', message: /has no boot block/ },
  { name: 'EOS boot without file system', rule: 'boot-image', edits: [[LEAF, '"flash:/EOS-4.32.2F.swi"', '"EOS-4.32.2F.swi"']], file: LEAF, at: 'EOS-4.32.2F.swi', message: /not <filesystem>:<file>/ },
  { name: 'config register 0x2142 without a reason', rule: 'config-register', edits: [[WAN, 'configRegister: "0x2102"', 'configRegister: "0x2142"']], file: WAN, at: 'configRegister', message: /0x2142 is not the normal value \(0x2102 or 0x102\)/ },
  { name: 'config register on EOS', rule: 'config-register', edits: [[LEAF, '"flash:/EOS-4.32.2F.swi"\n', '"flash:/EOS-4.32.2F.swi"\n  configRegister: "0x2102"\n']], file: LEAF, at: 'configRegister', message: /arista_eos has no config register/ },
  { name: 'name differs from file name', rule: 'device-path', edits: [[OOB, 'name: nyc1-oob-01', 'name: nyc1-oob-1']], file: OOB, at: 'name:', message: /differs from the file name "nyc1-oob-01"/ },
  { name: 'site differs from folder', rule: 'device-path', edits: [[OOB, 'site: nyc1', 'site: fra1']], file: OOB, at: 'site:', message: /site "fra1" differs from the folder "nyc1"/ },
  {
    name: 'two devices with one name', rule: 'unique-device-names', edits: [],
    extra: { 'devices/nyc1/nyc1-oob-02.yaml': (fleet[OOB] ?? '').replace('198.51.100.51', '198.51.100.52').replace('nyc1-oob-01.net', 'nyc1-oob-02.net') },
    file: 'devices/nyc1/nyc1-oob-02.yaml', at: 'name:', message: /"nyc1-oob-01" is also used by devices\/nyc1\/nyc1-oob-01.yaml/,
  },
  { name: 'shared management address', rule: 'unique-management-addresses', edits: [[OOB, 'host: 198.51.100.51', 'host: 198.51.100.21']], file: WAN, at: 'host:', message: /198.51.100.21:22 is also used by devices\/nyc1\/nyc1-oob-01.yaml/ },
  { name: 'alias naming another device', rule: 'unique-aliases', edits: [[OOB, '"nyc1-oob-01.net.example.com"', '"nyc1-wan-01"']], file: OOB, at: '"nyc1-wan-01"', message: /already names device nyc1-wan-01/ },
  { name: 'duplicate image id', rule: 'unique-ids', edits: [[IMAGES, 'id: c9k-17.09.05', 'id: c9k-17.12.04']], file: IMAGES, at: 'id: c9k-17.12.04', after: 'Dublin', message: /image "c9k-17.12.04" is already defined on line 8/ },
  { name: 'device account of two people', rule: 'unique-ids', edits: [[IDS, 'accounts: [lobrien]', 'accounts: [lobrien, jrivera]']], file: IDS, at: 'accounts: [lobrien', message: /device account "jrivera"/ },
  { name: 'redundancy group of one', rule: 'redundancy-group', severity: 'warning', edits: [[LEAF, 'role: leaf\n', 'role: leaf\nredundancyGroup: fra1-leaf\n']], file: LEAF, at: 'redundancyGroup', message: /"fra1-leaf" has only this device/ },
  { name: 'window for a site with no devices', rule: 'known-sites', edits: [[CHANGE, 'sites: [fra1]', 'sites: [fra2]']], file: CHANGE, at: 'sites: [fra2]', message: /site "fra2" has no devices/ },
  { name: 'window for a role no device has', rule: 'known-sites', severity: 'warning', edits: [[CHANGE, 'sites: [nyc1]\n', 'sites: [nyc1]\n    roles: [spine]\n']], file: CHANGE, at: 'roles: [spine]', message: /role "spine" is on no device/ },
  { name: 'unknown executor', rule: 'known-identities', edits: [[SCHEDULED, 'executor: svc-imagegate', 'executor: bob']], file: SCHEDULED, at: 'executor:', message: /"bob" is not in policies\/identities.yaml/ },
  { name: 'executor without image work', rule: 'known-identities', edits: [[SCHEDULED, 'executor: svc-imagegate', 'executor: mchen']], file: SCHEDULED, at: 'executor:', message: /may not do image work/ },
  { name: 'person in an undefined team', rule: 'known-teams', edits: [[IDS, 'teams: [security, policy-owners]', 'teams: [secops, policy-owners]']], file: IDS, at: 'teams: [secops', message: /team "secops" is not defined/ },
  { name: 'policy owners undefined', rule: 'known-teams', edits: [[CHANGE, 'policyOwners: [policy-owners]', 'policyOwners: [owners]']], file: CHANGE, at: 'policyOwners', message: /team "owners"/ },
  { name: 'window start without offset', rule: 'change-window', edits: [[SCHEDULED, 'start: "2026-12-12T02:00:00-05:00"', 'start: "2026-12-12T02:00:00"']], file: SCHEDULED, at: 'start:', message: /not an ISO 8601 time with an offset/ },
  { name: 'window ending before it starts', rule: 'change-window', edits: [[SCHEDULED, 'end: "2026-12-12T04:00:00-05:00"', 'end: "2026-12-12T06:00:00Z"']], file: SCHEDULED, at: 'end:', message: /ends \(2026-12-12T06:00:00Z\) before or when it starts/ },
  { name: 'blank ticket', rule: 'change-window', edits: [[SCHEDULED, 'ticket: CHG0041872', 'ticket: " "']], file: SCHEDULED, at: 'ticket:', message: /ticket is blank/ },
  { name: 'impossible date', rule: 'change-window', edits: [[SCHEDULED, 'start: "2026-12-12T02:00:00-05:00"', 'start: "2026-02-30T02:00:00-05:00"']], file: SCHEDULED, at: 'start:', message: /not an ISO 8601 time/ },
  { name: 'freeze ending before it starts', rule: 'freeze-window', edits: [[CHANGE, 'end: "2027-01-04T08:00:00+01:00"', 'end: "2026-12-01T08:00:00+01:00"']], file: CHANGE, at: 'end: "2026-12-01', message: /freeze "year-end-2026" ends before or when it starts/ },
  { name: 'suppression until without offset', rule: 'freeze-window', edits: [[DETECTION, 'suppressions: []', 'suppressions:\n  - rule: boot-change\n    until: "2027-01-01"\n    reason: lab']], file: DETECTION, at: 'until:', message: /until "2027-01-01"/ },
  { name: 'unknown device time zone', rule: 'timezone', edits: [[CORE, 'timezone: Europe/Berlin', 'timezone: Berlin']], file: CORE, at: 'timezone:', message: /"Berlin" is not a known time zone/ },
  { name: 'unknown window time zone', rule: 'timezone', edits: [[CHANGE, 'timezone: America/New_York', 'timezone: EST5EDT/Boston']], file: CHANGE, at: 'EST5EDT', message: /not a known time zone/ },
  { name: 'broken pattern', rule: 'detection-pattern', edits: [[DETECTION, 'pattern: "^\\\\s*gdb\\\\b"', 'pattern: "^(gdb"']], file: DETECTION, at: 'pattern: "^(gdb"', message: /pattern "gdb" is not a valid regular expression/ },
];

describe('validate rules on the example fleet', () => {
  it('the example fleet is clean', async () => {
    expect((await validate([])).problems).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.rule}: ${c.name}`, c] as const))('%s', async (_n, c) => {
    const { problems, files } = await validate(c.edits, c.extra);
    const line = lineWith(files[c.file], c.at, c.after);
    const mine = problems.filter((p) => p.rule === c.rule);
    expect(mine).toEqual([expect.objectContaining({ file: c.file, line, kind: 'rule', severity: c.severity ?? 'error' })]);
    expect(mine[0]?.message).toMatch(c.message);
    expect(mine[0]?.hint).toBeTruthy();
  });

  it('accepts a non-standard config register with a reason', async () => {
    const { problems } = await validate([[WAN, 'configRegister: "0x2102"', 'configRegister: "0x2142"\n  configRegisterReason: password recovery, CHG0040001']]);
    expect(problems).toEqual([]);
  });

  it("each rule's doc shows, as its failing example, the output of one of these cases", async () => {
    const outputs = new Map<string, string[]>();
    for (const c of cases) {
      const { problems } = await validate(c.edits, c.extra);
      outputs.set(c.rule, [...(outputs.get(c.rule) ?? []), ...problems.filter((p) => p.rule === c.rule).map(formatProblem)]);
    }
    const wrong: Array<[string, string, string[]]> = [];
    for (const rule of VALIDATE_RULES) {
      const md = readFileSync(join(import.meta.dirname, 'rules', `${rule.id}.md`), 'utf8');
      const shown = /^`([^`]+)`$/m.exec(md.slice(md.indexOf('## Fails')))?.[1] ?? '';
      const prefix = shown.replace(/\.\.\.$/, '');
      const actual = outputs.get(rule.id) ?? [];
      if (!actual.some((o) => o.startsWith(prefix))) wrong.push([rule.id, shown, actual]);
    }
    expect(wrong).toEqual([]);
  });

  it('every rule has a must-fail case here', () => {
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual(VALIDATE_RULES.map((r) => r.id).sort());
  });
});

describe('rule registry, rule files and docs stay in step', () => {
  const dir = join(import.meta.dirname, 'rules');
  const files = readdirSync(dir);
  const ids = VALIDATE_RULES.map((r) => r.id);

  it('one .ts file per registered rule, named after its id', () => {
    const ruleFiles = files.filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(ruleFiles.sort()).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('one .md per rule with its id, description and a passing and a failing example', () => {
    const docs = files.filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
    expect(docs.sort()).toEqual([...ids].sort());
    for (const rule of VALIDATE_RULES) {
      const md = readFileSync(join(dir, `${rule.id}.md`), 'utf8');
      expect(md.split('\n')[0]).toBe(`# ${rule.id}`);
      expect(md).toContain(rule.meta.description);
      expect(md).toMatch(/## Passes/);
      expect(md).toMatch(/## Fails/);
      expect(md).toContain(`Severity: ${rule.meta.severity}`);
    }
  });
});
