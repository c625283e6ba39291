/**
 * `npm run bench`: runs every benchmark, each in its own process so that peak memory is its own, prints
 * each figure as it comes and writes docs/benchmarks.md.
 * Usage: node dist/bench.js [--only NAME[,NAME]] [--scale N] [--no-write]
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
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const one = arg('--child');
  const scale = Number(arg('--scale') ?? '1');
  if (one) return child(one, scale);
  const only = arg('--only')?.split(',');
  const selected = benchmarks.filter((b) => !only || only.includes(b.name));
  const all: BenchRow[] = [];
  const self = fileURLToPath(import.meta.url);
  for (const b of selected) {
    process.stdout.write(`# ${b.name}: ${b.description}\n`);
    const r = spawnSync(process.execPath, ['--expose-gc', self, '--child', b.name, '--scale', String(scale)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = r.stdout.toString().trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !last.startsWith('[')) {
      process.stdout.write(`  FAILED (exit ${r.status})\n`);
      process.exitCode = 1;
      continue;
    }
    const rows = JSON.parse(last) as BenchRow[];
    for (const row of rows) process.stdout.write(`  ${fmt(row)}\n`);
    all.push(...rows);
  }
  if (!process.argv.includes('--no-write') && !only) writeReport(all);
}

function writeReport(rows: BenchRow[]): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.`,
    'Reproduce: `npm ci && npm run bench` (one benchmark: `npm run bench -- --only NAME`; larger input: `--scale N`).',
    '',
    '| benchmark | input | metric | imagegate | peer (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const peer = r.peer ? `${r.peer.name}: ${r.peer.value} ${r.peer.unit}` : '—';
    const ratio = r.peer && r.peer.value > 0 && r.value > 0 ? `${(r.unit === r.peer.unit && /\/s$/.test(r.unit) ? r.value / r.peer.value : r.peer.value / r.value).toFixed(1)}x` : '—';
    const target = r.target ? `${r.target.text} (${r.target.met ? 'met' : 'missed'})` : '—';
    lines.push(`| ${r.name} | ${r.input} | ${r.metric} | ${r.value} ${r.unit} | ${peer} | ${ratio} | ${target} |`);
  }
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
  process.stdout.write('wrote docs/benchmarks.md\n');
}

await main();
