/**
 * `npm run bench`: runs every benchmark, each in its own process so that peak memory is its own, prints
 * each figure as it comes and writes docs/benchmarks.md.
 * Usage: node dist/bench.js [--only NAME[,NAME]] [--scale N] [--no-scaling] [--no-write]
 * A full run also measures each benchmark at a tenth of its input, for the scaling table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarks } from './index.js';
import type { BenchRow } from './types.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fmt(row: BenchRow): string {
  const peer = row.peer ? ` | peer ${row.peer.name}: ${row.peer.value} ${row.peer.unit}` : '';
  const target = row.target ? ` | target ${row.target.text}: ${row.target.met ? 'met' : 'MISSED'}` : '';
  return `${row.name} [${row.input}] ${row.metric}: ${row.value} ${row.unit}${peer}${target}`;
}

async function child(name: string, scale: number): Promise<void> {
  const bench = benchmarks.find((b) => b.name === name);
  if (!bench) throw new Error(`no benchmark ${name}`);
  const workDir = mkdtempSync(join(tmpdir(), `ig-bench-${name}-`));
  try {
    const rows = await bench.run({ scale, workDir, log: (l) => process.stderr.write(`  ${l}\n`) });
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } finally {
    // a git a benchmark started may still be finishing in the background: retry rather than fail the run
    rmSync(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

function runOne(self: string, name: string, scale: number): BenchRow[] | null {
  const r = spawnSync(process.execPath, ['--expose-gc', self, '--child', name, '--scale', String(scale)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout.toString().trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('[')) {
    process.stdout.write(`  FAILED (exit ${r.status})\n`);
    process.exitCode = 1;
    return null;
  }
  return JSON.parse(last) as BenchRow[];
}

async function main(): Promise<void> {
  const one = arg('--child');
  const scale = Number(arg('--scale') ?? '1');
  if (one) return child(one, scale);
  const only = arg('--only')?.split(',');
  const selected = benchmarks.filter((b) => !only || only.includes(b.name));
  const self = fileURLToPath(import.meta.url);
  const all: BenchRow[] = [];
  const small: Array<{ bench: string; rows: BenchRow[] }> = [];
  const large: Array<{ bench: string; rows: BenchRow[] }> = [];
  // a full run also measures every benchmark at a tenth of its input, so the report shows how time and memory grow
  const scaling = !only && !process.argv.includes('--no-scaling') ? scale / 10 : null;
  for (const b of selected) {
    process.stdout.write(`# ${b.name}: ${b.description}\n`);
    const rows = runOne(self, b.name, scale);
    if (!rows) continue;
    for (const row of rows) process.stdout.write(`  ${fmt(row)}\n`);
    all.push(...rows);
    large.push({ bench: b.name, rows });
    if (scaling !== null) {
      process.stdout.write(`  (scaling: the same at ${scaling}x)\n`);
      const tenth = runOne(self, b.name, scaling);
      if (tenth) small.push({ bench: b.name, rows: tenth });
    }
  }
  if (!process.argv.includes('--no-write') && !only) writeReport(all, scaling === null ? [] : scalingRows(small, large));
}

/** Rows of the 1/10 run beside the full run, matched by benchmark, name and metric. */
function scalingRows(small: Array<{ bench: string; rows: BenchRow[] }>, large: Array<{ bench: string; rows: BenchRow[] }>): string[] {
  const out: string[] = [];
  for (const l of large) {
    const s = small.find((x) => x.bench === l.bench);
    if (!s) continue;
    // the k-th row of a name and metric at 1x pairs with the k-th of the same name and metric at 0.1x
    const seen = new Map<string, number>();
    for (const row of l.rows) {
      const key = `${row.name}\u0000${row.metric}\u0000${row.unit}`;
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      const twin = s.rows.filter((r) => `${r.name}\u0000${r.metric}\u0000${r.unit}` === key)[k];
      if (!twin) continue;
      const growth = twin.value > 0 ? `${(row.value / twin.value).toFixed(1)}x` : '—';
      out.push(`| ${row.name} | ${row.metric} | ${twin.input} | ${twin.value} ${twin.unit} | ${row.input} | ${row.value} ${row.unit} | ${growth} |`);
    }
  }
  return out;
}

function ratioText(x: number): string {
  return `${x >= 0.1 ? x.toFixed(1) : x.toFixed(3)}x`;
}

function writeReport(rows: BenchRow[], scaling: string[]): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.`,
    'Reproduce: `npm ci && npm run bench` (one benchmark: `npm run bench -- --only NAME`; larger input: `--scale N`).',
    '',
    'The ratio is imagegate against the peer on the same input: above 1x imagegate is faster (or leaner), below 1x the',
    'peer is. Some peers are a floor rather than a rival (plain git reading the same history, grep finding lines without',
    'parsing them): they show how close to the raw cost of reading the input imagegate gets.',
    '',
    '| benchmark | input | metric | imagegate | peer (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const peer = r.peer ? `${r.peer.name}: ${r.peer.value} ${r.peer.unit}` : '—';
    const ratio = r.peer && r.peer.value > 0 && r.value > 0 ? ratioText(r.unit === r.peer.unit && /\/s$/.test(r.unit) ? r.value / r.peer.value : r.peer.value / r.value) : '—';
    const target = r.target ? `${r.target.text} (${r.target.met ? 'met' : 'missed'})` : '—';
    lines.push(`| ${r.name} | ${r.input} | ${r.metric} | ${r.value} ${r.unit} | ${peer} | ${ratio} | ${target} |`);
  }
  if (scaling.length > 0) {
    lines.push(
      '',
      '## Scaling: the same benchmarks at a tenth of the input',
      '',
      'Input grows 10x from the left column to the right. Linear work shows about 10x in time figures, about 1x in',
      'rates, and memory that stays flat where it is bounded by design (streaming) rather than by input.',
      '',
      '| benchmark | metric | 0.1x input | 0.1x | 1x input | 1x | growth |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...scaling,
    );
  }
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
  process.stdout.write('wrote docs/benchmarks.md\n');
}

await main();
