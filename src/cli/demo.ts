import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { playDemoDay } from '../demo/index.js';
import { renderJson } from '../report/index.js';
import { redact } from '../util/redact.js';
import { EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';
import { reconcileRepo } from './reconcile.js';

interface Options {
  out: string;
  fleet?: string;
}

/** The example fleet ships with the package: look upward from this file (src/cli or dist/) for devices/ and policies/. */
function findExampleRoot(cwd: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'devices')) && existsSync(join(dir, 'policies'))) return dir;
    dir = dirname(dir);
  }
  return existsSync(join(cwd, 'devices')) && existsSync(join(cwd, 'policies')) ? cwd : undefined;
}

async function run(opts: Options, io: Io): Promise<number> {
  const exampleRoot = opts.fleet ? resolve(io.cwd, opts.fleet) : findExampleRoot(io.cwd);
  if (!exampleRoot || !existsSync(join(exampleRoot, 'devices'))) {
    throw new UsageError('cannot find the example fleet (devices/ and policies/)', { hint: 'run from the imagegate checkout, or pass --fleet DIR' });
  }
  const outDir = resolve(io.cwd, opts.out);
  const started = process.hrtime.bigint();
  const step = (text: string): void => io.stderr(`demo: ${text}\n`);
  const day = await playDemoDay({ exampleRoot, outDir, cwd: io.cwd, step });
  const r = await reconcileRepo({
    repoDir: day.repoDir,
    ref: 'HEAD',
    states: day.states,
    eventFiles: day.eventFiles.map((f) => resolve(io.cwd, f)),
    at: day.at,
    generatedAt: day.at,
    year: Number(day.at.slice(0, 4)),
    warn: (line) => io.stderr(redact(`demo: warning: ${line}\n`, io.env)),
  });
  // name the files relative to where the demo was run, so the report reads the same on every machine
  for (const f of r.file.coverage.eventFiles) f.path = f.path.startsWith(io.cwd) ? f.path.slice(io.cwd.length + 1) : f.path;
  const markdown = redact(r.markdown.split(`${io.cwd}/`).join(''), io.env);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'report.md'), markdown);
  await writeFile(join(outDir, 'report.json'), renderJson(r.file).split(`${io.cwd}/`).join(''));
  io.stdout(markdown);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  step(`${r.result.findings.length} findings; wrote ${join(opts.out, 'report.md')} and ${join(opts.out, 'report.json')} in ${seconds.toFixed(1)} s`);
  return EXIT_OK;
}

export const demoCommand: CliCommand = {
  name: 'demo',
  register(program: Command, io: Io, done) {
    program
      .command('demo')
      .description('a day of the example fleet on loopback: an approved upgrade, a tampered device, collected, reconciled, reported (npm start)')
      .option('--out <dir>', 'where report.md, report.json, the demo repository and the logs go', 'imagegate-demo')
      .option('--fleet <dir>', 'example fleet to start from (a folder with devices/ and policies/)')
      .action((opts: Options) => done(run(opts, io)));
  },
};
