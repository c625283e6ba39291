/** The ledger and the windows view over the real example fleet (devices/, policies/), as a team would use it. */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { GitRepo } from '../git/index.js';
import { GitFixture } from '../../test/support/git-fixture.js';
import { buildLedger, type Ledger } from './index.js';
import { listWindows } from './windows.js';
import { siteZones } from './zones.js';

const FILE = 'devices/nyc1/nyc1-access-01.yaml';
let f: GitFixture;
let merge: string;
let ledger: Ledger;

beforeAll(async () => {
  const scheduled = readFileSync(FILE, 'utf8');
  // the same device before the upgrade PR: old image first in the boot list, no change block
  const before = scheduled
    .replace('image: c9k-17.12.04', 'image: c9k-17.09.05')
    .replace(/    - "flash:cat9k_iosxe\.17\.12\.04\.SPA\.bin"\n    - "flash:cat9k_iosxe\.17\.09\.05\.SPA\.bin"\n/, '    - "flash:cat9k_iosxe.17.09.05.SPA.bin"\n')
    .replace(/\nchange:\n[\s\S]*$/, '\n');
  expect(before).not.toContain('change:');
  f = new GitFixture('ig-ledger-example-');
  f.copyIn('devices', 'devices').copyIn('policies', 'policies').write({ [FILE]: before });
  f.commit('Example fleet');
  f.checkout('chg0041872', true).commit('Upgrade nyc1-access-01 to 17.12.04', { [FILE]: scheduled });
  f.at('2026-12-01T15:00:00Z');
  merge = f.mergePr('chg0041872', 7, 'Upgrade nyc1-access-01 to 17.12.04');
  ledger = await buildLedger(new GitRepo(f.dir), { ref: 'main' });
});
afterAll(() => f.cleanup());

test('the upgrade PR of the example fleet is one authorization with its ticket, window and boot change', () => {
  expect(ledger.problems).toEqual([]);
  expect(ledger.authorizations).toEqual([
    {
      device: 'nyc1-access-01',
      from: { image: 'c9k-17.09.05', boot: { system: ['flash:cat9k_iosxe.17.09.05.SPA.bin'], configRegister: '0x2102' } },
      to: { image: 'c9k-17.12.04', boot: { system: ['flash:cat9k_iosxe.17.12.04.SPA.bin', 'flash:cat9k_iosxe.17.09.05.SPA.bin'], configRegister: '0x2102' } },
      window: { start: '2026-12-12T02:00:00-05:00', end: '2026-12-12T04:00:00-05:00' },
      ticket: 'CHG0041872',
      executor: 'svc-imagegate',
      transfer: 'scp',
      commit: merge,
      mergedAt: '2026-12-01T15:00:00.000Z',
      pr: 7,
      via: 'merge',
      status: 'active',
    },
  ]);
  expect(ledger.activeAt('nyc1-access-01', '2026-12-12T07:30:00Z')).toHaveLength(1);
  expect(ledger.activeAt('nyc1-access-01', '2026-12-12T09:00:00Z')).toHaveLength(0);
});

test('the window shows in the device zone, New York, and in UTC', async () => {
  const zones = await siteZones(await new GitRepo(f.dir).tree('main'));
  const [w] = listWindows(ledger, '2026-12-12T07:30:00Z', zones);
  expect(w).toEqual(expect.objectContaining({ zone: 'America/New_York', startLocal: '2026-12-12 02:00 -05:00', startUtc: '2026-12-12T07:00:00.000Z', phase: 'open', opened: true }));
});
