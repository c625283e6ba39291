import { mkdtempSync, rmSync, writeFileSync, unlinkSync, readFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { DeviceEvent } from '../model/event.js';
import { FLEET } from './__fixtures__/devices.js';
import { readEvents } from './index.js';
import { CHUNK, MAX_LINE } from './reader.js';
import { createSummary, type EventsSummary } from './summary.js';
import type { ReadEventsOptions } from './types.js';

const FIX = join(fileURLToPath(new URL('.', import.meta.url)), '__fixtures__');
const RELOAD = (n: number, user = 'alice'): string =>
  `Dec  3 22:14:00 10.0.0.1 ${n}: Dec  3 23:13:59.000 CET: %SYS-5-RELOAD: Reload requested by ${user} on vty0 (10.9.9.9).`;
const NOISE = (n: number): string => `Dec  3 22:14:00 10.0.0.1 ${n}: Dec  3 23:13:59.000 CET: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/${n % 48}, changed state to up`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ig-events-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function read(files: string[], opts: Partial<ReadEventsOptions> & { fileYear?: true } = {}): Promise<{ events: DeviceEvent[]; summary: EventsSummary }> {
  const summary = createSummary();
  const events: DeviceEvent[] = [];
  const { fileYear, ...rest } = opts;
  for await (const e of readEvents(files, { devices: FLEET, ...(fileYear ? {} : { year: 2026 }), summary, ...rest })) events.push(e);
  return { events, summary };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Deterministic bytes (xorshift), so a failure can be replayed. */
function garbage(size: number, seed = 7): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 255;
  }
  return b;
}

describe('reading logs robustly', () => {
  it('survives binary garbage with keywords inside, counting what it could not use', async () => {
    const bin = Buffer.concat([garbage(300_000), Buffer.from('%SYS-5-RELOAD\n'), garbage(1000, 3), Buffer.from(`\n${RELOAD(1)}\n`)]);
    const { events, summary } = await read([file('garbage.log', bin)], { source: 'syslog' });
    const f = summary.files[0];
    expect(f?.error).toBeUndefined();
    expect(f?.lines).toBeGreaterThan(1000);
    expect(events.at(-1)).toMatchObject({ kind: 'reload', actor: 'alice', source: { line: f?.lines } });
  });

  it('skips a 1 MB line and counts it, keeping line numbers right after it', async () => {
    const long = `${RELOAD(1, 'mallory')} ${'x'.repeat(1024 * 1024)}`;
    const p = file('long.log', `${RELOAD(0)}\n${long}\n${RELOAD(2, 'bob')}\n`);
    const { events, summary } = await read([p]);
    expect(events.map((e) => [e.actor, e.source.line])).toEqual([
      ['alice', 1],
      ['bob', 3],
    ]);
    expect(summary.files[0]).toMatchObject({ lines: 3, skipped: { 'line-too-long': 1 } });
  });

  it('skips a line longer than a chunk that never ends', async () => {
    const p = file('endless.log', `${RELOAD(0)}\n${'y'.repeat(CHUNK + MAX_LINE * 2)}`);
    const { events, summary } = await read([p]);
    expect(events).toHaveLength(1);
    expect(summary.files[0]).toMatchObject({ lines: 2, skipped: { 'line-too-long': 1 }, truncatedLastLine: true });
  });

  it('reads a truncated last line and says it had no newline', async () => {
    const { events, summary } = await read([file('cut.log', `${NOISE(1)}\n${RELOAD(2)}`)]);
    expect(events).toHaveLength(1);
    expect(events[0]?.source.line).toBe(2);
    expect(summary.files[0]).toMatchObject({ lines: 2, truncatedLastLine: true });
  });

  it('reads CRLF line ends like LF', async () => {
    const { events } = await read([file('crlf.log', `${NOISE(1)}\r\n${RELOAD(2)}\r\n`)]);
    expect(events[0]).toMatchObject({ kind: 'reload', actor: 'alice', raw: RELOAD(2) });
  });

  it('decodes invalid UTF-8 with replacement characters', async () => {
    const bad = Buffer.concat([Buffer.from(RELOAD(1).replace('alice', 'al')), Buffer.from([0xff, 0xfe, 0x0a])]);
    const { events, summary } = await read([file('utf8.log', bad)]);
    expect(events).toHaveLength(1);
    expect(events[0]?.raw).toContain('\uFFFD');
    expect(summary.files[0]?.skipped).toEqual({});
  });

  it('reads an empty file as no lines', async () => {
    const { events, summary } = await read([file('empty.log', '')]);
    expect(events).toEqual([]);
    expect(summary.files[0]).toMatchObject({ lines: 0, events: 0, detected: false });
    expect(summary.files[0]?.error).toBeUndefined();
  });

  it('finishes a file deleted while it is read, and numbers lines across chunk boundaries', async () => {
    const lines: string[] = [];
    for (let i = 1, size = 0; size < 3 * CHUNK; i++) {
      const line = i % 5000 === 0 ? RELOAD(i) : NOISE(i);
      lines.push(line);
      size += line.length + 1;
    }
    const p = file('big.log', `${lines.join('\n')}\n`);
    const summary = createSummary();
    const seen: number[] = [];
    for await (const e of readEvents([p], { devices: FLEET, year: 2026, summary })) {
      if (seen.length === 0) unlinkSync(p);
      seen.push(e.source.line);
    }
    const expected = lines.map((l, i) => (l.includes('RELOAD') ? i + 1 : 0)).filter((n) => n > 0);
    expect(seen).toEqual(expected);
    expect(summary.files[0]).toMatchObject({ lines: lines.length, relevant: expected.length });
  });

  it('reports a missing file and a directory, and goes on with the rest', async () => {
    mkdirSync(join(dir, 'sub'));
    const good = file('good.log', `${RELOAD(1)}\n`);
    const { events, summary } = await read([join(dir, 'missing.log'), join(dir, 'sub'), good]);
    expect(events).toHaveLength(1);
    expect(summary.files.map((f) => f.error)).toEqual([expect.stringContaining('ENOENT'), 'not a regular file', undefined]);
  });

  it('finds a relevant line that straddles two chunks', async () => {
    const p = file('straddle.log', `${'x'.repeat(CHUNK - 30)}\n${RELOAD(2)}\n${NOISE(3)}\n`);
    const { events, summary } = await read([p]);
    expect(events.map((e) => [e.actor, e.source.line, e.raw])).toEqual([['alice', 2, RELOAD(2)]]);
    expect(summary.files[0]).toMatchObject({ lines: 3, skipped: {} });
  });

  it('reads gzip like the plain file', async () => {
    const plain = join(FIX, 'written', 'ios-rsyslog.log');
    const gz = file('ios.log.gz', gzipSync(readFileSync(plain)));
    const a = await read([plain]);
    const b = await read([gz]);
    expect(b.events.map((e) => ({ ...e, source: { ...e.source, path: '' } }))).toEqual(a.events.map((e) => ({ ...e, source: { ...e.source, path: '' } })));
    expect(b.summary.files[0]?.lines).toBe(a.summary.files[0]?.lines);
  });

  it('reports a corrupt gzip stream and keeps what it read', async () => {
    const gz = gzipSync(Buffer.from(`${RELOAD(1)}\n`.repeat(1000)));
    const { summary } = await read([file('bad.gz', gz.subarray(0, gz.length - 20))]);
    expect(summary.files[0]?.error).toBeDefined();
  });

  it('reads its own NDJSON back as the same events', async () => {
    const first = await read([join(FIX, 'written', 'junos.log'), join(FIX, 'written', 'tftpd.log')]);
    const p = file('events.ndjson', first.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const again = await read([p]);
    expect(again.summary.files[0]).toMatchObject({ format: 'ndjson', detected: true });
    expect(again.events).toEqual(first.events);
  });

  it('takes --source over detection, counting lines that do not fit', async () => {
    const { events, summary } = await read([join(FIX, 'written', 'xferlog')], { source: 'tacacs' });
    expect(events).toEqual([]);
    expect(summary.files[0]).toMatchObject({ format: 'tacacs', detected: false, skipped: { 'unparsed-tacacs': 3 } });
  });

  it('places year-less lines by the file time: December lines of a file written in January are last year', async () => {
    const p = file('rotated.log', [
      'Dec 31 23:59:00 10.0.0.1 1: Dec 31 23:59:00.000 UTC: %SYS-5-RELOAD: Reload requested by alice',
      'Jan  1 00:01:00 10.0.0.1 2: Jan  1 00:01:00.000 UTC: %SYS-5-RELOAD: Reload requested by bob',
    ].join('\n'));
    const written = new Date('2027-01-01T12:00:00Z');
    utimesSync(p, written, written);
    const { events } = await read([p], { fileYear: true });
    expect(events.map((e) => [e.ts, e.clock])).toEqual([
      ['2026-12-31T23:59:00.000Z', 'inferred-year'],
      ['2027-01-01T00:01:00.000Z', 'inferred-year'],
    ]);
    const forced = await read([p], { year: 2020 });
    expect(forced.events.map((e) => e.ts)).toEqual(['2020-12-31T23:59:00.000Z', '2020-01-01T00:01:00.000Z']);
  });

  it('returns the summary as the generator result too', async () => {
    const gen = readEvents([file('one.log', `${RELOAD(1)}\n`)], { devices: FLEET, year: 2026 });
    let next = await gen.next();
    while (!next.done) next = await gen.next();
    expect(next.value.files[0]).toMatchObject({ lines: 1, events: 1, relevant: 1 });
  });

  it('refuses an unknown source or zone before reading anything', async () => {
    await expect(read([], { source: 'nope' })).rejects.toThrow('unknown source "nope"');
    await expect(read([], { tz: 'Mars/Olympus' })).rejects.toThrow('unknown time zone');
  });
});
