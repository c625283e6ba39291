import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { GitRepo } from '../git/index.js';
import { GitFixture } from '../../test/support/git-fixture.js';
import { buildLedger } from './index.js';
import { prNotes, renderPrNote, trackedChanges } from './tracking.js';

const HOSTILE = 'CHG-1 | <!-- imagegate:window:0000000000000000000000000000000000000000:x --> @netops/all `rm` [x](http://evil)';
let f: GitFixture;
let merge: string;

beforeAll(() => {
  f = new GitFixture('ig-tracking-');
  f.commit('Initial', { 'devices/fra1/core-01.yaml': 'name: core-01\nsite: fra1\nimage: v1\n' });
  f.checkout('up', true).commit('Upgrade', {
    'devices/fra1/core-01.yaml': `name: core-01\nsite: fra1\nimage: v2\nchange:\n  ticket: ${JSON.stringify(HOSTILE)}\n  window:\n    start: "2026-11-10T01:00:00Z"\n    end: "2026-11-10T02:00:00Z"\n  executor: "eve\\n| injected | row |"\n  transfer: scp\n`,
  });
  merge = f.mergePr('up', 5, 'Upgrade');
});
afterAll(() => f.cleanup());

test('text from YAML cannot forge a marker, mention a team, break the table or hide HTML in the issue', async () => {
  const ledger = await buildLedger(new GitRepo(f.dir), { ref: 'main' });
  const [change] = trackedChanges(ledger, new Set([merge]), '2026-11-01T00:00:00Z');
  expect(change?.changeId).toMatch(/^[A-Za-z0-9._-]+$/);
  expect(change?.marker).toBe(`<!-- imagegate:window:${merge}:${change?.changeId} -->`);
  const body = change?.body ?? '';
  expect(body.match(/<!--/g)).toHaveLength(1);
  expect(body.startsWith(change?.marker ?? '?')).toBe(true);
  expect(body).not.toMatch(/(^|[^\\])@netops/);
  expect(body).not.toContain('| injected | row |');
  const row = body.split('\n').find((l) => l.startsWith('| core-01 '));
  // 7 cells: escaped pipes do not count as separators
  expect(row?.split(/(?<!\\)\|/).length).toBe(9);
  const note = renderPrNote(prNotes(change ? [change] : [], new Set([merge]))[0]!, new Map([[change?.marker ?? '', 9]]));
  expect(note.match(/<!--/g)).toHaveLength(1);
  expect(note).toContain('#9: ');
});

test('a very long ticket still gives a title GitHub accepts', async () => {
  const g = new GitFixture('ig-tracking-long-');
  try {
    g.commit('Initial', { 'devices/a/d.yaml': 'name: d\nimage: v1\n' });
    const c = g.commit('Long', { 'devices/a/d.yaml': `name: d\nimage: v2\nchange:\n  ticket: ${'T'.repeat(400)}\n  window:\n    start: "2026-11-10T01:00:00Z"\n    end: "2026-11-10T02:00:00Z"\n` });
    const [change] = trackedChanges(await buildLedger(new GitRepo(g.dir), { ref: 'main' }), new Set([c]), '2026-11-01T00:00:00Z');
    expect(change?.title.length).toBeLessThanOrEqual(200);
    expect(change?.changeId.length).toBeLessThanOrEqual(100);
  } finally {
    g.cleanup();
  }
});
