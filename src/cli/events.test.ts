import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent } from '../model/event.js';
import { memoryIo } from './io.js';
import { runCli } from './run.js';

const ROOT = join(import.meta.dirname, '..', '..');

// fra1-access-01 is in the example fleet (management 192.0.2.31, Europe/Berlin)
const LOG = [
  'Dec  3 22:10:01 192.0.2.31 4711: Dec  3 23:10:00.512 CET: %PARSER-5-CFGLOG_LOGGEDCMD: User:alice  logged command:copy scp://alice@10.9.9.9/cat9k_iosxe.17.15.01.SPA.bin flash:',
  'Dec  3 22:10:02 192.0.2.31 4712: Dec  3 23:10:01.000 CET: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/1, changed state to up',
  'Dec  3 22:12:30 fra1-access-01.net.example.com 4713: Dec  3 23:12:29.001 CET: %PARSER-5-CFGLOG_LOGGEDCMD: User:alice  logged command:deb crypto isakmp',
  'Dec  3 22:13:00 unknown-sw 99: Dec  3 22:13:00.000 UTC: %SYS-5-RELOAD: Reload requested by eve on vty0 (10.6.6.6).',
].join('\n');

describe('imagegate events', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ig-events-cli-'));
    writeFileSync(join(dir, 'router.log'), `${LOG}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function events(...args: string[]) {
    const io = memoryIo({}, dir);
    const code = await runCli(['events', ...args], io);
    return { code, out: io.out, err: io.err };
  }

  it('writes NDJSON resolved against the repository, with the detection policy, and a summary on stderr', async () => {
    const r = await events('--repo', ROOT, '--year', '2026', 'router.log');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as DeviceEvent);
    expect(lines.map((e) => [e.kind, e.device, e.actor, e.file, e.ts, e.clock, e.source.line, e.pattern])).toEqual([
      ['transfer', 'fra1-access-01', 'alice', 'cat9k_iosxe.17.15.01.SPA.bin', '2026-12-03T22:10:00.512Z', 'inferred-year', 1, undefined],
      ['risky-command', 'fra1-access-01', 'alice', null, '2026-12-03T22:12:29.001Z', 'inferred-year', 3, 'debug'],
      ['reload', null, 'eve', null, '2026-12-03T22:13:00.000Z', 'inferred-year', 4, undefined],
    ]);
    expect(r.err).toContain('router.log: syslog, 4 lines, 3 events, 3 relevant, 1 from unknown hosts, 0 skipped');
  });

  it('writes to --out and a JSON summary with a version', async () => {
    const r = await events('--year', '2026', '--out', 'events.ndjson', '--summary-json', 'summary.json', 'router.log');
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain('no --repo given');
    expect(readFileSync(join(dir, 'events.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { version: number; files: { path: string; lines: number }[] };
    expect(summary).toMatchObject({ version: 1, files: [{ path: 'router.log', lines: 4 }] });
  });

  it('reports a missing file and goes on; exit 2 only when nothing could be read', async () => {
    const some = await events('missing.log', 'router.log');
    expect(some.code).toBe(0);
    expect(some.err).toMatch(/missing\.log: not read: ENOENT/);
    const none = await events('missing.log', 'gone.log');
    expect(none.code).toBe(2);
    expect(none.err).toContain('none of the files could be read');
  });

  it('exits 2 with a hint on a bad zone, year or source', async () => {
    const tz = await events('--tz', 'Mars/Olympus', 'router.log');
    expect(tz.code).toBe(2);
    expect(tz.err).toMatch(/unknown time zone "Mars\/Olympus"\n {2}hint: use an IANA zone/);
    expect((await events('--year', '26', 'router.log')).code).toBe(2);
    const src = await events('--source', 'pcap', 'router.log');
    expect(src.err).toContain('one of: ndjson, zeek, tacacs, xferlog, tftpd, syslog');
  });

  it('exits 2 naming the file it cannot write', async () => {
    const r = await events('--out', 'no/such/dir/events.ndjson', 'router.log');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/imagegate: no\/such\/dir\/events\.ndjson: cannot write \(ENOENT\)/);
  });

  it('re-reads its own output', async () => {
    await events('--year', '2026', '--out', 'events.ndjson', 'router.log');
    const again = await events('--repo', ROOT, 'events.ndjson');
    expect(again.err).toContain('events.ndjson: ndjson, 3 lines, 3 events, 3 relevant');
    expect(again.out.trim().split('\n').map((l) => (JSON.parse(l) as DeviceEvent).device)).toEqual(['fra1-access-01', 'fra1-access-01', null]);
  });
});
