/**
 * Scaling past one machine (issue 8): n shard jobs of `reconcile --shard i/n` joined by `imagegate merge` find
 * exactly what one job finds; a missing shard is refused; gzip and globbed logs give the same findings as plain files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { playDemoDay } from '../../src/demo/index.js';
import type { Finding } from '../../src/model/finding.js';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
let dir: string;
let repoDir: string;
let at: string;
let logs: string[];

interface Out {
  findings: Finding[];
  coverage: { devicesExpected: number; verified: number };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({}, dir);
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

async function reconcileJson(extra: string[]): Promise<Out> {
  const r = await cli(['reconcile', '--repo', repoDir, '--state', 'state.json', '--at', at, '--format', 'json', '--fail-on', 'none', ...extra]);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.code).toBe(0);
  const out = extra.indexOf('--out');
  return JSON.parse(out >= 0 ? readFileSync(join(dir, extra[out + 1]!), 'utf8') : r.out) as Out;
}

const prints = (o: Out): string[] => o.findings.map((f) => f.fingerprint).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ig-shard-'));
  const day = await playDemoDay({ exampleRoot: ROOT, outDir: join(dir, 'demo'), cwd: dir });
  repoDir = day.repoDir;
  at = day.at;
  logs = day.eventFiles;
  writeFileSync(join(dir, 'state.json'), JSON.stringify(day.states));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([2, 3, 5])('%i shards merged find exactly what one run finds', async (n) => {
  const whole = await reconcileJson(['--events', ...logs]);
  expect(whole.findings.length).toBeGreaterThan(3);
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const out = `shard-${n}-${i}.json`;
    await reconcileJson(['--events', ...logs, '--shard', `${i}/${n}`, '--out', out]);
    files.push(out);
  }
  const merged = await cli(['merge', ...files, '--fail-on', 'none']);
  expect(merged.code).toBe(0);
  const m = JSON.parse(merged.out) as Out & { shard?: unknown };
  expect(prints(m)).toEqual(prints(whole));
  expect(m.coverage.devicesExpected).toBe(whole.coverage.devicesExpected);
  expect(m.coverage.verified).toBe(whole.coverage.verified);
  expect(m.shard).toBeUndefined();
});

test('a missing shard is refused with exit 2, naming it', async () => {
  for (let i = 1; i <= 3; i++) await reconcileJson(['--events', ...logs, '--shard', `${i}/3`, '--out', `m-${i}.json`]);
  const r = await cli(['merge', 'm-1.json', 'm-3.json']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/missing shard\(s\) 2\/3/);
  expect(r.err).not.toMatch(/\n\s+at /);
});

test('gzip, globbed and rotated logs give the same findings as the plain files', async () => {
  const plain = await reconcileJson(['--events', ...logs]);
  for (const f of logs) writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(dir, f))));
  const zipped = await reconcileJson(['--events', 'demo/logs/*.gz']);
  expect(prints(zipped)).toEqual(prints(plain));
  const globbed = await reconcileJson(['--events', 'demo/**/*.log', 'demo/logs/*.acct']);
  expect(prints(globbed)).toEqual(prints(plain));
  // rotation renames files; the findings (and so the GitHub issues) stay the same
  for (const f of logs) writeFileSync(join(dir, `${f}.1`), readFileSync(join(dir, f)));
  const rotated = await reconcileJson(['--events', 'demo/logs/*.1']);
  expect(prints(rotated)).toEqual(prints(plain));
});
