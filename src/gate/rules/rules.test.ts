import { GitFixture } from '../../../test/support/git-fixture.js';
import { GitRepo } from '../../git/index.js';
import { runGate } from '../runner.js';
import type { GateRule } from '../types.js';
import { GATE_RULES } from './index.js';
import { changed, cleanupGateRepo, fleetFiles, gatePr, GOOD_WINDOW, ofRule, NEW_IMAGE_ENTRY, IMAGES_YAML, deviceFile, spec, deviceYaml } from '../fleet-fixture.js';

afterAll(cleanupGateRepo);

const upgrade = (name: string, window = GOOD_WINDOW, extra: Record<string, unknown> = {}) =>
  changed(name, { image: 'c9k-17.12.04', change: { ...window }, ...extra });

test('a complete upgrade in an allowed window passes every rule but the (unchecked) approvals', async () => {
  const r = await gatePr({ pr: upgrade('fra1-access-01') });
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(r.passed).toBe(true);
  expect(ofRule(r, 'approvals')).toEqual(['warning devices/fra1/fra1-access-01.yaml']);
  expect(r.changes).toEqual([expect.objectContaining({ device: 'fra1-access-01', fromImage: 'c9k-17.09.05', toImage: 'c9k-17.12.04', toVersion: '17.12.04' })]);
});

describe('head-valid', () => {
  test('fails when the head does not validate, naming the validate rule and line', async () => {
    const r = await gatePr({ pr: changed('fra1-access-01', { image: 'c9k-99.99' }) });
    const f = r.findings.find((x) => x.rule === 'head-valid/image-in-catalog');
    expect(f).toMatchObject({ severity: 'error', file: 'devices/fra1/fra1-access-01.yaml', line: 11 });
  });
  test('a device file that no longer parses is reported, not treated as removed', async () => {
    const r = await gatePr({ pr: { [deviceFile(spec('fra1-access-01'))]: 'name: [unclosed\n' } });
    expect(r.passed).toBe(false);
    expect(r.findings.some((f) => f.rule.startsWith('head-valid/') && f.file === 'devices/fra1/fra1-access-01.yaml')).toBe(true);
    expect(r.changes).toEqual([]);
  });
});

describe('change-block-required', () => {
  test('an image change without a change block fails at the image line', async () => {
    const r = await gatePr({ pr: changed('fra1-access-01', { image: 'c9k-17.12.04' }) });
    expect(r.findings.filter((f) => f.rule === 'change-block-required')).toEqual([
      expect.objectContaining({ severity: 'error', line: 11, message: expect.stringMatching(/image, boot variables change has no change block/) }),
    ]);
  });
  test('an executor without imageWork and a disallowed transfer fail', async () => {
    const r = await gatePr({ pr: changed('fra1-access-01', { image: 'c9k-17.12.04', change: { ...GOOD_WINDOW, executor: 'lobrien', transfer: 'tftp' } }) });
    const messages = r.findings.filter((f) => f.rule === 'change-block-required').map((f) => f.message);
    expect(messages).toEqual([expect.stringMatching(/lobrien" is not allowed to do image work/), expect.stringMatching(/transfer "tftp" is not allowed/)]);
  });
  test('an executor unknown to the base identities fails even if the PR adds them', async () => {
    const r = await gatePr({ pr: changed('fra1-access-01', { image: 'c9k-17.12.04', change: { ...GOOD_WINDOW, executor: 'mallory' } }) });
    expect(r.findings.find((f) => f.rule === 'change-block-required')?.message).toMatch(/"mallory" is not in policies\/identities.yaml on the base/);
  });
  test('a merge base whose policies do not load does not make changed devices look new (fail closed)', async () => {
    const broken = { ...fleetFiles(), 'policies/change.yaml': 'maxWindowMinutes: [\n' };
    const r = await gatePr({ base: broken, mainAfter: { 'policies/change.yaml': fleetFiles()['policies/change.yaml'] ?? '' }, pr: changed('fra1-access-01', { image: 'c9k-17.12.04' }) });
    expect(ofRule(r, 'change-block-required')).toEqual(['error fra1-access-01']);
  });
  test('renaming a device in the same PR does not turn its upgrade into an "added" device', async () => {
    const d = spec('fra1-access-01');
    const r = await gatePr({
      pr: { [deviceFile(d)]: null, 'devices/fra1/fra1-acc-01.yaml': deviceYaml({ ...d, name: 'fra1-acc-01', image: 'c9k-17.12.04' }) },
    });
    expect(r.changes).toEqual([expect.objectContaining({ device: 'fra1-acc-01', kind: 'modified', fromImage: 'c9k-17.09.05', toImage: 'c9k-17.12.04' })]);
    expect(ofRule(r, 'change-block-required')).toEqual(['error fra1-acc-01']);
  });
  test('adding a new device is not image work', async () => {
    const r = await gatePr({ pr: { 'devices/fra1/fra1-access-09.yaml': deviceYaml({ name: 'fra1-access-09', site: 'fra1', role: 'access', host: 99 }) } });
    expect(ofRule(r, 'change-block-required')).toEqual([]);
    expect(r.changes.map((c) => c.kind)).toEqual(['added']);
  });
});

describe('image-approved-on-base', () => {
  test('approving a new image in images.yaml and using it in the same PR fails', async () => {
    const r = await gatePr({
      pr: { 'policies/images.yaml': IMAGES_YAML + NEW_IMAGE_ENTRY, ...changed('fra1-access-01', { image: 'c9k-17.15.03', change: GOOD_WINDOW }) },
    });
    const f = r.findings.find((x) => x.rule === 'image-approved-on-base');
    expect(f?.message).toMatch(/added to policies\/images.yaml in this same PR; the base catalog judges/);
    expect(r.passed).toBe(false);
  });
  test('the same image passes once the catalog change is merged', async () => {
    const base = { ...fleetFiles(), 'policies/images.yaml': IMAGES_YAML + NEW_IMAGE_ENTRY };
    const r = await gatePr({ base, pr: changed('fra1-access-01', { image: 'c9k-17.15.03', change: GOOD_WINDOW }) });
    expect(ofRule(r, 'image-approved-on-base')).toEqual([]);
  });
  test('a deprecated image is a warning, reported once', async () => {
    const r = await gatePr({ base: fleetFiles({ 'fra1-access-01': { image: 'c9k-17.03.01' } }), pr: changed('fra1-access-01', { image: 'c9k-17.06.01', change: GOOD_WINDOW }) });
    expect(r.findings.filter((f) => /deprecated/.test(f.message)).map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning head-valid/image-status']);
  });
  test('a revoked image that the PR marks approved is judged by the base catalog', async () => {
    const approvedAgain = IMAGES_YAML.replace(/(id: c9k-17.03.01[\s\S]*?status: )revoked/, '$1approved');
    const r = await gatePr({ pr: { 'policies/images.yaml': approvedAgain, ...changed('fra1-access-01', { image: 'c9k-17.03.01', change: GOOD_WINDOW }) } });
    expect(r.findings.filter((f) => f.rule === 'image-approved-on-base').map((f) => `${f.severity} ${f.message}`)).toEqual(['error fra1-access-01: image "c9k-17.03.01" is revoked in the catalog']);
  });
});

describe('window-maintenance', () => {
  test('a window outside the site\'s maintenance windows fails at the window start line', async () => {
    const r = await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-12-09T01:00:00+01:00', end: '2026-12-09T03:00:00+01:00' }) });
    expect(r.findings.filter((f) => f.rule === 'window-maintenance')).toEqual([
      expect.objectContaining({ severity: 'error', line: 19, message: expect.stringMatching(/outside every maintenance window for fra1\/access/) }),
    ]);
  });
  test('a window that runs past the end of the maintenance window fails', async () => {
    const r = await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-12-08T04:00:00+01:00', end: '2026-12-08T05:30:00+01:00' }) });
    expect(ofRule(r, 'window-maintenance')).toEqual(['error fra1-access-01']);
  });
  test('a role-specific window applies only to that role', async () => {
    const sunday = { start: '2026-12-06T01:00:00+01:00', end: '2026-12-06T02:00:00+01:00' };
    expect(ofRule(await gatePr({ pr: upgrade('fra1-core-01', sunday) }), 'window-maintenance')).toEqual([]);
    expect(ofRule(await gatePr({ pr: upgrade('fra1-access-01', sunday) }), 'window-maintenance')).toEqual(['error fra1-access-01']);
  });
  test('a window across the end of DST is judged in the policy zone (Sunday 25 Oct 2026, Berlin)', async () => {
    // 01:00 CEST (23:00Z) to 03:30 CET (02:30Z): inside "sun 01:00 for 240 min", which ends 04:00 CET (03:00Z)
    const acrossDst = { start: '2026-10-25T01:00:00+02:00', end: '2026-10-25T03:30:00+01:00' };
    const at = new Date('2026-10-20T00:00:00Z');
    expect(ofRule(await gatePr({ pr: upgrade('fra1-core-01', acrossDst), now: at }), 'window-maintenance')).toEqual([]);
    // 03:30 CET to 04:30 CET runs past the end: with a fixed CEST offset it would wrongly pass
    const late = { start: '2026-10-25T03:30:00+01:00', end: '2026-10-25T04:30:00+01:00' };
    expect(ofRule(await gatePr({ pr: upgrade('fra1-core-01', late), now: at }), 'window-maintenance')).toEqual(['error fra1-core-01']);
  });
  test('summer time moves the window in UTC: 03:00Z in July is 05:00 in Berlin, outside 01:00-05:00', async () => {
    const at = new Date('2026-07-01T00:00:00Z');
    expect(ofRule(await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-07-07T03:00:00Z', end: '2026-07-07T03:30:00Z' }), now: at }), 'window-maintenance')).toEqual([
      'error fra1-access-01',
    ]);
    expect(ofRule(await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-07-06T23:00:00Z', end: '2026-07-07T02:00:00Z' }), now: at }), 'window-maintenance')).toEqual([]);
  });
});

describe('window-freeze', () => {
  test('a window inside the year-end freeze fails', async () => {
    const r = await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-12-22T01:00:00+01:00', end: '2026-12-22T02:00:00+01:00' }) });
    expect(r.findings.find((f) => f.rule === 'window-freeze')?.message).toMatch(/change freeze "year-end-2026"/);
  });
  test('a window before the freeze passes', async () => {
    expect(ofRule(await gatePr({ pr: upgrade('fra1-access-01') }), 'window-freeze')).toEqual([]);
  });
});

describe('window-length', () => {
  test('a window longer than maxWindowMinutes fails', async () => {
    const r = await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-12-08T01:00:00+01:00', end: '2026-12-08T05:01:00+01:00' }) });
    expect(r.findings.find((f) => f.rule === 'window-length')?.message).toMatch(/lasts 241 minutes; at most 240/);
  });
  test('exactly the maximum passes', async () => {
    const r = await gatePr({ pr: upgrade('fra1-access-01', { start: '2026-12-08T01:00:00+01:00', end: '2026-12-08T05:00:00+01:00' }) });
    expect(ofRule(r, 'window-length')).toEqual([]);
  });
});

describe('window-lead-time', () => {
  test('a window less than 48 h after --at fails', async () => {
    const thursday = { start: '2026-12-03T01:00:00+01:00', end: '2026-12-03T02:00:00+01:00' };
    expect(ofRule(await gatePr({ pr: upgrade('fra1-access-01', thursday) }), 'window-lead-time')).toEqual(['error fra1-access-01']);
  });
  test('a PR that only reschedules a merged window is judged as a change', async () => {
    const base = fleetFiles({ 'fra1-access-01': { image: 'c9k-17.12.04', change: GOOD_WINDOW } });
    const r = await gatePr({ base, pr: changed('fra1-access-01', { image: 'c9k-17.12.04', change: { start: '2026-12-03T01:00:00+01:00', end: '2026-12-03T02:00:00+01:00' } }) });
    expect(ofRule(r, 'window-lead-time')).toEqual(['error fra1-access-01']);
    expect(r.changes).toEqual([expect.objectContaining({ device: 'fra1-access-01', fromImage: 'c9k-17.12.04', toImage: 'c9k-17.12.04' })]);
  });
  test('the emergency label alone does not relax it', async () => {
    const thursday = { start: '2026-12-03T01:00:00+01:00', end: '2026-12-03T02:00:00+01:00' };
    const r = await gatePr({ pr: upgrade('fra1-access-01', thursday), info: { number: 1, author: 'anna-koch', labels: ['emergency-change'], headSha: null } });
    expect(r.findings.find((f) => f.rule === 'window-lead-time')).toMatchObject({ severity: 'error', message: expect.stringMatching(/extra emergency approvals/) });
  });
});

describe('redundancy-overlap', () => {
  test('both members of a pair in one PR with overlapping windows fail', async () => {
    const r = await gatePr({ pr: { ...upgrade('fra1-access-01'), ...upgrade('fra1-access-02') } });
    expect(ofRule(r, 'redundancy-overlap')).toEqual(['error fra1-access-01', 'error fra1-access-02']);
  });
  test('a window that overlaps one merged on main meanwhile fails', async () => {
    const r = await gatePr({ mainAfter: upgrade('fra1-access-02'), pr: upgrade('fra1-access-01') });
    expect(r.findings.find((f) => f.rule === 'redundancy-overlap')?.message).toMatch(/fra1-access-02 .* \(merged\)/);
  });
  test('members in separate windows pass', async () => {
    const thursday = { start: '2026-12-10T01:00:00+01:00', end: '2026-12-10T03:00:00+01:00' };
    expect(ofRule(await gatePr({ pr: { ...upgrade('fra1-access-01'), ...upgrade('fra1-access-02', thursday) } }), 'redundancy-overlap')).toEqual([]);
  });
});

describe('site-concurrency', () => {
  test('three devices of one site at once fail (at most 2)', async () => {
    const r = await gatePr({ pr: { ...upgrade('fra1-access-01'), ...upgrade('fra1-access-03'), ...upgrade('fra1-core-01') } });
    expect(ofRule(r, 'site-concurrency')).toEqual(['error fra1-access-01', 'error fra1-access-03', 'error fra1-core-01']);
  });
  test('two devices at once pass; back-to-back windows do not overlap', async () => {
    const later = { start: '2026-12-08T03:00:00+01:00', end: '2026-12-08T05:00:00+01:00' };
    const r = await gatePr({ pr: { ...upgrade('fra1-access-01'), ...upgrade('fra1-access-03'), ...upgrade('fra1-core-01', later) } });
    expect(ofRule(r, 'site-concurrency')).toEqual([]);
  });
});

describe('downgrade', () => {
  test('a lower version without the flag fails', async () => {
    const r = await gatePr({ base: fleetFiles({ 'fra1-access-01': { image: 'c9k-17.12.04' } }), pr: upgrade('fra1-access-01', GOOD_WINDOW, { image: 'c9k-17.09.05' }) });
    expect(r.findings.find((f) => f.rule === 'downgrade')).toMatchObject({ severity: 'error', message: expect.stringMatching(/DOWNGRADE from 17.12.04/) });
  });
  test('with downgrade: true it is called out as a warning', async () => {
    const r = await gatePr({
      base: fleetFiles({ 'fra1-access-01': { image: 'c9k-17.12.04' } }),
      pr: changed('fra1-access-01', { image: 'c9k-17.09.05', change: { ...GOOD_WINDOW, downgrade: true } }),
    });
    expect(ofRule(r, 'downgrade')).toEqual(['warning fra1-access-01']);
    expect(r.passed).toBe(true);
  });
  test('an upgrade is not a downgrade', async () => {
    expect(ofRule(await gatePr({ pr: upgrade('fra1-access-01') }), 'downgrade')).toEqual([]);
  });
});

describe('protected-paths', () => {
  test('a PR touching policies/ says it needs the policy owners', async () => {
    const r = await gatePr({ pr: { 'policies/change.yaml': `${fleetFiles()['policies/change.yaml'] ?? ''}# note\n` } });
    expect(r.findings.find((f) => f.rule === 'protected-paths')?.message).toMatch(/changes policies\/change.yaml: it needs an approval from the policy owners \(policy-owners\)/);
  });
  test('a PR touching the tool\'s code or workflows is protected too; device-only PRs are not', async () => {
    const r = await gatePr({ pr: { 'src/gate/x.ts': 'export {};\n', '.github/workflows/gate.yml': 'on: push\n', 'README.md': 'x\n' } });
    expect(r.protectedPaths).toEqual(['.github/workflows/gate.yml', 'src/gate/x.ts']);
    expect((await gatePr({ pr: upgrade('fra1-access-01') })).protectedPaths).toEqual([]);
  });
});

describe('robustness', () => {
  test('a rule that throws fails the check and the other rules still report', async () => {
    const repo = new GitFixture('ig-gate-');
    try {
      repo.commit('fleet', fleetFiles());
      repo.checkout('pr', true);
      repo.commit('pr', changed('fra1-access-01', { image: 'c9k-17.12.04' }));
      const broken: GateRule = {
        id: 'broken',
        meta: { severity: 'error', description: 'x', rationale: 'x' },
        check: () => {
          throw new Error('boom');
        },
      };
      const r = await runGate({ git: new GitRepo(repo.dir), base: 'main', head: 'pr', now: new Date('2026-12-01T12:00:00Z'), pr: null, rules: [broken, ...GATE_RULES] });
      expect(r.passed).toBe(false);
      expect(r.findings.find((f) => f.rule === 'broken')?.message).toMatch(/could not evaluate: boom/);
      expect(r.findings.some((f) => f.rule === 'change-block-required')).toBe(true);
    } finally {
      repo.cleanup();
    }
  });
});
