import { afterEach, describe, expect, test } from '@jest/globals';
import { GitRepo } from '../git/index.js';
import { GitFixture } from '../../test/support/git-fixture.js';
import { buildLedger } from './index.js';
import type { Authorization } from '../model/authorization.js';

interface DeviceOpts {
  image: string;
  boot?: string;
  change?: { ticket: string; start: string; end: string; executor?: string; transfer?: string };
}

const PATH = 'devices/fra1/core-01.yaml';

/** A device file as the example fleet writes them. */
function device(name: string, o: DeviceOpts): string {
  const lines = [
    '# yaml-language-server: $schema=../../schemas/device.schema.json',
    `name: ${name}`,
    'platform: cisco_xe',
    'model: C9500-24Y4C',
    'site: fra1',
    'role: core',
    'timezone: Europe/Berlin',
    'management:',
    '  host: 192.0.2.11',
    '  hostKey: SHA256:2sVw1bq4nqzcW3H0CzvV0fGxS2m4y8Jtq0w3j0Yb7mE',
    `image: ${o.image}`,
    'boot:',
    '  system:',
    `    - ${o.boot ?? 'flash:packages.conf'}`,
    '  configRegister: "0x2102"',
  ];
  if (o.change) {
    lines.push(
      'change:',
      `  ticket: ${o.change.ticket}`,
      '  window:',
      `    start: "${o.change.start}"`,
      `    end: "${o.change.end}"`,
      `  executor: ${o.change.executor ?? 'alice'}`,
      `  transfer: ${o.change.transfer ?? 'scp'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const V1 = 'c9k-17.09.05';
const V2 = 'c9k-17.12.04';
const V3 = 'c9k-17.15.01';
const W1 = { start: '2026-11-10T01:00:00+01:00', end: '2026-11-10T05:00:00+01:00' };
const W2 = { start: '2026-11-12T01:00:00+01:00', end: '2026-11-12T05:00:00+01:00' };
const BOOT_SPEC = (image: string) => ({ image, boot: { system: ['flash:packages.conf'], configRegister: '0x2102' } });

const fixtures: GitFixture[] = [];
function repo(): GitFixture {
  const f = new GitFixture('ig-ledger-');
  fixtures.push(f);
  f.commit('Initial fleet', { [PATH]: device('core-01', { image: V1 }), 'devices/fra1/core-02.yaml': device('core-02', { image: V1 }) });
  return f;
}
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

async function ledgerOf(f: GitFixture) {
  return buildLedger(new GitRepo(f.dir), { ref: 'main' });
}

/** A PR branch that upgrades core-01 to `image` in `window`. */
function branch(f: GitFixture, name: string, content: string, path = PATH): void {
  f.checkout('main').checkout(name, true).commit(`Upgrade ${name}`, { [path]: content });
}

type Expected = Partial<Authorization> & { commit: string; ticket: string | null };

/** The exact authorizations: what a test does not say is core-01, V1 -> V2 in W1 by alice over scp, merged, active. */
function expectExactly(f: GitFixture, auths: Authorization[], expected: Expected[]): void {
  const full = expected.map((e) => ({
    device: 'core-01',
    from: BOOT_SPEC(V1),
    to: BOOT_SPEC(V2),
    window: W1,
    executor: 'alice',
    transfer: 'scp',
    mergedAt: new Date(f.git('show', '-s', '--format=%cI', e.commit).trim()).toISOString(),
    pr: null,
    via: 'merge',
    status: 'active',
    ...e,
  }));
  expect(auths).toEqual(full);
}

describe('buildLedger on real git histories', () => {
  test('a merge commit yields one authorization with the PR number and the landing time', async () => {
    const f = repo();
    branch(f, 'up', device('core-01', { image: V2, change: { ticket: 'CHG-1', ...W1 } }));
    f.at('2026-11-02T09:00:00Z');
    const merge = f.mergePr('up', 12, 'Upgrade core-01');
    const ledger = await ledgerOf(f);
    expect(ledger.problems).toEqual([]);
    expect(ledger.authorizations).toEqual([
      {
        device: 'core-01',
        from: BOOT_SPEC(V1),
        to: BOOT_SPEC(V2),
        window: W1,
        ticket: 'CHG-1',
        executor: 'alice',
        transfer: 'scp',
        commit: merge,
        mergedAt: '2026-11-02T09:00:00.000Z',
        pr: 12,
        via: 'merge',
        status: 'active',
      },
    ]);
    expect(ledger.contextOf(ledger.authorizations[0]!)).toEqual(
      expect.objectContaining({ file: PATH, site: 'fra1', timezone: 'Europe/Berlin', endedAt: null }),
    );
  });

  test('a squash merge yields one authorization via squash', async () => {
    const f = repo();
    branch(f, 'up', device('core-01', { image: V2, change: { ticket: 'CHG-2', ...W1, transfer: 'sftp' } }));
    const sq = f.squashPr('up', 7, 'Upgrade core-01 to 17.12.04');
    expectExactly(f, (await ledgerOf(f)).authorizations, [{ commit: sq, pr: 7, via: 'squash', ticket: 'CHG-2', transfer: 'sftp' }]);
  });

  test('a rebase merge: each replayed commit is its own authorization, via rebase, no PR number', async () => {
    const f = repo();
    f.checkout('pr', true);
    f.commit('Upgrade core-01', { [PATH]: device('core-01', { image: V2, change: { ticket: 'CHG-3', ...W1 } }) });
    f.commit('Upgrade core-02', { 'devices/fra1/core-02.yaml': device('core-02', { image: V2, change: { ticket: 'CHG-3', ...W2 } }) });
    f.checkout('main').commit('Unrelated docs (#3)', { 'README.md': 'fleet\n' });
    // GitHub's "Rebase and merge": the PR's commits replayed onto main, committed by GitHub at one time
    f.at('2026-11-03T12:00:00Z').git('cherry-pick', 'main..pr');
    const [c1 = '', c2 = ''] = f.git('rev-list', '--reverse', 'HEAD~2..HEAD').trim().split('\n');
    expectExactly(f, (await ledgerOf(f)).authorizations, [
      { commit: c1, via: 'rebase', ticket: 'CHG-3', mergedAt: '2026-11-03T12:00:00.000Z' },
      { device: 'core-02', commit: c2, via: 'rebase', ticket: 'CHG-3', window: W2, mergedAt: '2026-11-03T12:00:00.000Z' },
    ]);
  });

  test('a direct push is recorded as direct and unreviewed', async () => {
    const f = repo();
    const c = f.commit('hotfix core-01', { [PATH]: device('core-01', { image: V2, change: { ticket: 'CHG-4', ...W1 } }) });
    expectExactly(f, (await ledgerOf(f)).authorizations, [{ commit: c, via: 'direct', ticket: 'CHG-4' }]);
  });

  test('a merge commit without a PR number is direct too', async () => {
    const f = repo();
    branch(f, 'local', device('core-01', { image: V2, change: { ticket: 'CHG-5', ...W1 } }));
    f.checkout('main').git('merge', '-q', '--no-ff', '-m', "Merge branch 'local'", 'local');
    expectExactly(f, (await ledgerOf(f)).authorizations, [{ commit: f.head(), via: 'direct', ticket: 'CHG-5' }]);
  });

  test('a reschedule supersedes the earlier authorization and keeps its from state', async () => {
    const f = repo();
    branch(f, 'up', device('core-01', { image: V2, change: { ticket: 'CHG-6', ...W1 } }));
    const first = f.mergePr('up', 20);
    branch(f, 'move', device('core-01', { image: V2, change: { ticket: 'CHG-6', ...W2 } }));
    const second = f.mergePr('move', 21, 'Move CHG-6 window');
    const ledger = await ledgerOf(f);
    expectExactly(f, ledger.authorizations, [
      { commit: first, pr: 20, ticket: 'CHG-6', status: 'superseded', supersededBy: second },
      { commit: second, pr: 21, ticket: 'CHG-6', window: W2 },
    ]);
    expect(ledger.contextOf(ledger.authorizations[0]!).endedBy).toBe(second);
  });

  test("GitHub's Revert button (a revert PR, merged) withdraws the authorization and creates none", async () => {
    const f = repo();
    branch(f, 'up', device('core-01', { image: V2, change: { ticket: 'CHG-7', ...W1 } }));
    const merged = f.mergePr('up', 30, 'Upgrade core-01');
    f.checkout('revert-30-up', true).git('revert', '--no-edit', '-m', '1', merged);
    const revert = f.mergePr('revert-30-up', 31, 'Revert "Upgrade core-01"');
    expectExactly(f, (await ledgerOf(f)).authorizations, [{ commit: merged, pr: 30, ticket: 'CHG-7', status: 'withdrawn', withdrawnBy: revert }]);
  });

  test('a plain git revert pushed to main withdraws a squash-merged authorization', async () => {
    const f = repo();
    branch(f, 'up', device('core-01', { image: V2, change: { ticket: 'CHG-8', ...W1 } }));
    const sq = f.squashPr('up', 40, 'Upgrade core-01');
    f.git('revert', '--no-edit', sq);
    const revert = f.head();
    expect(f.git('log', '-1', '--format=%B')).toContain(`This reverts commit ${sq}`);
    expectExactly(f, (await ledgerOf(f)).authorizations, [{ commit: sq, pr: 40, via: 'squash', ticket: 'CHG-8', status: 'withdrawn', withdrawnBy: revert }]);
  });

  test('two changes to one device in a row each yield one; the first stays when its window had closed', async () => {
    const f = repo();
    branch(f, 'a', device('core-01', { image: V2, change: { ticket: 'CHG-9', ...W1 } }));
    const a = f.mergePr('a', 50);
    f.at('2026-11-11T08:00:00Z'); // W1 is over
    branch(f, 'b', device('core-01', { image: V3, change: { ticket: 'CHG-10', ...W2 } }));
    const b = f.mergePr('b', 51);
    expectExactly(f, (await ledgerOf(f)).authorizations, [
      { commit: a, pr: 50, ticket: 'CHG-9' },
      { commit: b, pr: 51, from: BOOT_SPEC(V2), to: BOOT_SPEC(V3), ticket: 'CHG-10', window: W2 },
    ]);
  });

  test('a new target before the pending window supersedes the pending one', async () => {
    const f = repo();
    branch(f, 'a', device('core-01', { image: V2, change: { ticket: 'CHG-11', ...W1 } }));
    const a = f.mergePr('a', 60);
    branch(f, 'b', device('core-01', { image: V3, change: { ticket: 'CHG-11', ...W1 } }));
    const b = f.mergePr('b', 61);
    expectExactly(f, (await ledgerOf(f)).authorizations, [
      { commit: a, pr: 60, ticket: 'CHG-11', status: 'superseded', supersededBy: b },
      { commit: b, pr: 61, ticket: 'CHG-11', from: BOOT_SPEC(V2), to: BOOT_SPEC(V3) },
    ]);
  });

  test('a boot variable change alone is an authorization; an unrelated edit is not', async () => {
    const f = repo();
    branch(f, 'boot', device('core-01', { image: V1, boot: 'flash:cat9k_iosxe.17.09.05.SPA.bin', change: { ticket: 'CHG-12', ...W1 } }));
    const boot = f.mergePr('boot', 70);
    branch(f, 'other', device('core-02', { image: V1 }).replace('192.0.2.11', '192.0.2.12'), 'devices/fra1/core-02.yaml');
    f.mergePr('other', 71);
    expectExactly(f, (await ledgerOf(f)).authorizations, [
      { commit: boot, pr: 70, ticket: 'CHG-12', to: { image: V1, boot: { system: ['flash:cat9k_iosxe.17.09.05.SPA.bin'], configRegister: '0x2102' } } },
    ]);
  });

  test('removing the change block before the window withdraws it; after the window it is only cleanup', async () => {
    const f = repo();
    branch(f, 'a', device('core-01', { image: V2, change: { ticket: 'CHG-13', ...W1 } }));
    const a = f.mergePr('a', 80);
    branch(f, 'cancel', device('core-01', { image: V2 }));
    const cancel = f.mergePr('cancel', 81);
    branch(f, 'b', device('core-02', { image: V2, change: { ticket: 'CHG-14', ...W1 } }), 'devices/fra1/core-02.yaml');
    const b = f.mergePr('b', 82);
    f.at('2026-11-11T08:00:00Z');
    branch(f, 'cleanup', device('core-02', { image: V2 }), 'devices/fra1/core-02.yaml');
    f.mergePr('cleanup', 83);
    expectExactly(f, (await ledgerOf(f)).authorizations, [
      { commit: a, pr: 80, ticket: 'CHG-13', status: 'withdrawn', withdrawnBy: cancel },
      { device: 'core-02', commit: b, pr: 82, ticket: 'CHG-14' },
    ]);
  });

  test('a device file that does not parse at some commit is a problem, not an authorization; the next good one diffs against the last good', async () => {
    const f = repo();
    const bad = f.commit('broken', { [PATH]: 'name: core-01\nimage: [unclosed\n' });
    const good = f.commit('fixed', { [PATH]: device('core-01', { image: V2, change: { ticket: 'CHG-15', ...W1 } }) });
    const ledger = await ledgerOf(f);
    expect(ledger.problems).toEqual([expect.objectContaining({ commit: bad, file: PATH, line: 3 })]);
    expectExactly(f, ledger.authorizations, [{ commit: good, via: 'direct', ticket: 'CHG-15' }]);
  });
});

describe('activeAt', () => {
  test('a window that had already started when its PR landed is never active, not even after the landing', async () => {
    const f = repo();
    // W1 runs 00:00-04:00Z; the PR lands at 00:30Z
    branch(f, 'late', device('core-02', { image: V2, change: { ticket: 'CHG-20', ...W1 } }), 'devices/fra1/core-02.yaml');
    f.at('2026-11-10T00:30:00Z');
    const late = f.mergePr('late', 90);
    const ledger = await ledgerOf(f);
    expect(ledger.forDevice('core-02').map((a) => a.commit)).toEqual([late]);
    expect(ledger.activeAt('core-02', '2026-11-10T00:15:00Z')).toEqual([]);
    expect(ledger.activeAt('core-02', '2026-11-10T01:00:00Z')).toEqual([]);
  });

  test('in window after landing is active; before landing, after the end, or after a reschedule is not', async () => {
    const f = repo();
    branch(f, 'up', device('core-01', { image: V2, change: { ticket: 'CHG-22', ...W1 } }));
    f.at('2026-11-05T10:00:00Z');
    const first = f.mergePr('up', 92);
    f.at('2026-11-10T02:00:00Z'); // during W1 (01:00-05:00 +01:00 = 00:00-04:00Z)
    branch(f, 'move', device('core-01', { image: V2, change: { ticket: 'CHG-22', ...W2 } }));
    f.mergePr('move', 93);
    const ledger = await ledgerOf(f);
    expect(ledger.activeAt('core-01', '2026-11-05T09:59:00Z')).toEqual([]);
    expect(ledger.activeAt('core-01', '2026-11-10T01:00:00Z').map((a) => a.commit)).toEqual([first]);
    expect(ledger.activeAt('core-01', '2026-11-10T03:00:00Z')).toEqual([]); // superseded at 02:01Z
    expect(ledger.activeAt('core-01', '2026-11-12T01:00:00Z').map((a) => a.pr)).toEqual([93]);
    expect(ledger.activeAt('core-01', '2026-11-12T04:00:00Z')).toEqual([]); // end is exclusive
    expect(ledger.activeAt('core-02', '2026-11-12T01:00:00Z')).toEqual([]);
  });
});
