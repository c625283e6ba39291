import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import ICAL from 'ical.js';
import { runCli } from '../src/cli/run.js';
import { memoryIo } from '../src/cli/io.js';
import { GitFixture } from './support/git-fixture.js';

const BERLIN = 'devices/fra1/core-01.yaml';
const NYC = 'devices/nyc1/edge-01.yaml';

function device(name: string, site: string, image: string, change?: { ticket: string; start: string; end: string }, tz?: string): string {
  const lines = [
    `name: ${name}`,
    'platform: cisco_xe',
    'model: C9500-24Y4C',
    `site: ${site}`,
    'role: core',
    ...(tz ? [`timezone: ${tz}`] : []),
    'management:',
    '  host: 192.0.2.11',
    '  hostKey: SHA256:2sVw1bq4nqzcW3H0CzvV0fGxS2m4y8Jtq0w3j0Yb7mE',
    `image: ${image}`,
  ];
  if (change) lines.push('change:', `  ticket: '${change.ticket}'`, '  window:', `    start: "${change.start}"`, `    end: "${change.end}"`, '  executor: alice', '  transfer: scp');
  return `${lines.join('\n')}\n`;
}

const CHANGE_POLICY = `maintenanceWindows:
  - id: nyc-sat
    sites: [nyc1]
    timezone: America/New_York
    days: [sat]
    start: "02:00"
    durationMinutes: 240
`;

let f: GitFixture;
let merged: string;
let direct: string;
beforeAll(() => {
  f = new GitFixture('ig-windows-cli-');
  f.commit('Initial fleet', {
    [BERLIN]: device('core-01', 'fra1', 'c9k-17.09.05', undefined, 'Europe/Berlin'),
    [NYC]: device('edge-01', 'nyc1', 'c9k-17.09.05'),
    'policies/change.yaml': CHANGE_POLICY,
  });
  f.checkout('up', true).commit('Upgrade core-01', {
    [BERLIN]: device('core-01', 'fra1', 'c9k-17.12.04', { ticket: 'CHG-1; evil, "text"', start: '2026-11-10T01:00:00+01:00', end: '2026-11-10T05:00:00+01:00' }, 'Europe/Berlin'),
  });
  merged = f.mergePr('up', 12, 'Upgrade core-01');
  // summer time in New York: the local time shows -04:00
  direct = f.commit('edge-01 upgrade', { [NYC]: device('edge-01', 'nyc1', 'c9k-17.12.04', { ticket: 'CHG-2', start: '2027-07-10T06:00:00Z', end: '2027-07-10T10:00:00Z' }) });
});
afterAll(() => f.cleanup());

async function cli(...args: string[]) {
  const io = memoryIo({}, f.dir);
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

describe('imagegate windows', () => {
  test('json lists each window with its phase at --at, zones from the device or its site', async () => {
    const r = await cli('windows', '--format', 'json', '--at', '2026-11-10T02:00:00Z');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { version: number; windows: Array<Record<string, unknown>> };
    expect(out.version).toBe(1);
    expect(out.windows).toEqual([
      expect.objectContaining({ device: 'core-01', phase: 'open', commit: merged, pr: 12, via: 'merge', zone: 'Europe/Berlin', startLocal: '2026-11-10 01:00 +01:00', startUtc: '2026-11-10T00:00:00.000Z', fromImage: 'c9k-17.09.05', toImage: 'c9k-17.12.04', status: 'active', opened: true }),
      expect.objectContaining({ device: 'edge-01', phase: 'upcoming', commit: direct, pr: null, via: 'direct', zone: 'America/New_York', startLocal: '2027-07-10 02:00 -04:00' }),
    ]);
  });

  test('phases move with --at: closed after the end', async () => {
    const out = JSON.parse((await cli('windows', '--format', 'json', '--at', '2027-08-01T00:00:00Z')).out) as { windows: Array<{ phase: string }> };
    expect(out.windows.map((w) => w.phase)).toEqual(['closed', 'closed']);
  });

  test('table is Markdown with escaped cells and the unreviewed push called out', async () => {
    const r = await cli('windows', '--at', '2026-11-01T00:00:00Z');
    expect(r.code).toBe(0);
    expect(r.out).toContain('| upcoming | core-01 | c9k-17.09.05 → c9k-17.12.04 | 2026-11-10 00:00Z – 2026-11-10 04:00Z |');
    expect(r.out).toContain('CHG-1; evil, "text"');
    expect(r.out).toMatch(/edge-01 .*UNREVIEWED/);
  });

  test('ics parses back with ical.js: one event per window, UTC times, stable UIDs', async () => {
    const first = await cli('windows', '--format', 'ics');
    const second = await cli('windows', '--format', 'ics', '--at', '2030-01-01T00:00:00Z');
    expect(first.out).toBe(second.out);
    const cal = new ICAL.Component(ICAL.parse(first.out));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.uid)).toEqual([`${merged}-core-01@imagegate`, `${direct}-edge-01@imagegate`]);
    expect(events[0]?.summary).toBe('core-01: c9k-17.09.05 -> c9k-17.12.04 (CHG-1; evil, "text")');
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2026-11-10T00:00:00.000Z');
    expect(events[1]?.summary).toMatch(/^\[unreviewed\] edge-01/);
  });

  test('a bad --at is a usage error with a hint, exit 2', async () => {
    const r = await cli('windows', '--at', 'tomorrow');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--at "tomorrow" is not an ISO 8601 time/);
    expect(r.err).toMatch(/hint:/);
  });

  test('a ref that does not exist is a git error, exit 2, no stack trace', async () => {
    const r = await cli('windows', '--ref', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('a device file that does not parse somewhere in history is a warning naming file, line and commit', async () => {
    const g = new GitFixture('ig-windows-bad-');
    try {
      g.commit('Initial', { [BERLIN]: device('core-01', 'fra1', 'v1') });
      const bad = g.commit('oops', { [BERLIN]: 'name: core-01\nimage: [v2\n' });
      const io = memoryIo({}, g.dir);
      expect(await runCli(['windows', '--format', 'json'], io)).toBe(0);
      expect(io.err).toContain(`imagegate: warning: ${BERLIN}:3 at ${bad.slice(0, 10)}:`);
      expect((JSON.parse(io.out) as { problems: unknown[] }).problems).toHaveLength(1);
    } finally {
      g.cleanup();
    }
  });
});
