import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { GitRepo } from '../git/index.js';
import { buildLedger } from '../ledger/index.js';
import { SEVERITIES, type Severity } from '../model/policy.js';
import { renderJson, renderMarkdown, windowVerdicts, type FindingsFile } from '../report/index.js';
import { parseStateFile } from '../collect/state-file.js';
import { mergeFindingsFiles, mergeStateFiles, parseFindingsFile } from '../shard/merge.js';
import { redact } from '../util/redact.js';
import { EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';
import { exitCodeFor, syncGitHub, syncSummary } from './reconcile.js';

interface Options {
  out?: string;
  format: 'json' | 'md';
  repo: string;
  ref: string;
  github?: boolean;
  failOn: Severity | 'none';
}

async function readAll(paths: string[], io: Io): Promise<Array<{ path: string; text: string }>> {
  return Promise.all(
    paths.map(async (p) => {
      try {
        return { path: p, text: await readFile(resolve(io.cwd, p), 'utf8') };
      } catch (err: unknown) {
        throw new InputError(p, undefined, `cannot be read: ${err instanceof Error ? err.message : String(err)}`, {
          hint: 'pass the files the shard jobs wrote (download their artifacts first)',
        });
      }
    }),
  );
}

async function output(text: string, opts: Options, io: Io): Promise<void> {
  if (!opts.out) return io.stdout(text);
  const path = resolve(io.cwd, opts.out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

async function run(paths: string[], opts: Options, io: Io): Promise<number> {
  const files = await readAll(paths, io);
  const kind = /"kind"\s*:\s*"(imagegate-[a-z]+)"/.exec(files[0]?.text ?? '')?.[1];
  if (kind === 'imagegate-state') {
    if (opts.github || opts.format === 'md') throw new UsageError('--github and --format md are for findings files; state files merge to JSON');
    const merged = mergeStateFiles(files.map((f) => ({ path: f.path, state: parseStateFile(f.path, f.text) })));
    await output(redact(`${JSON.stringify(merged, null, 2)}\n`, io.env), opts, io);
    const unverified = merged.devices.filter((d) => d.status !== 'ok').length;
    io.stderr(`imagegate merge: ${files.length} shards, ${merged.devices.length} devices, ${unverified} unverified\n`);
    return EXIT_OK;
  }
  if (kind !== 'imagegate-findings') {
    throw new InputError(files[0]?.path ?? '(none)', undefined, 'is neither a state file nor a findings file', {
      hint: 'merge the outputs of `imagegate collect --shard` or `imagegate reconcile --shard --format json`',
    });
  }
  const merged: FindingsFile = mergeFindingsFiles(files.map((f) => ({ path: f.path, file: parseFindingsFile(f.path, f.text) })));
  // the merged file is on disk before GitHub is asked anything, as with reconcile
  const needLedger = opts.format === 'md' || opts.github;
  const result = { at: merged.at, findings: merged.findings, suppressed: [], coverage: merged.coverage };
  if (!needLedger) await output(renderJson(merged), opts, io);
  else {
    const ledger = await buildLedger(new GitRepo(resolve(io.cwd, opts.repo)), { ref: opts.ref });
    const windows = windowVerdicts(result, ledger.authorizations);
    const text =
      opts.format === 'json'
        ? renderJson(merged)
        : redact(
            renderMarkdown(
              { at: merged.at, findings: merged.findings, suppressedCount: merged.suppressed.length, coverage: merged.coverage, windows },
              { authorizations: (d: string) => ledger.forDevice(d) },
            ),
            io.env,
          );
    await output(text, opts, io);
    if (opts.github) {
      if (!(opts.out && opts.format === 'json')) await writeFile(resolve(io.cwd, 'imagegate-findings.json'), renderJson(merged));
      io.stderr(syncSummary(await syncGitHub({ result, ledger }, io)));
    }
  }
  io.stderr(`imagegate merge: ${files.length} shards, ${merged.findings.length} findings, ${merged.coverage.verified}/${merged.coverage.devicesExpected} devices verified\n`);
  return exitCodeFor(
    merged.findings.map((f) => f.severity),
    opts.failOn,
  );
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  register(program: Command, io: Io, done) {
    program
      .command('merge')
      .description('join the state or findings files of sharded jobs (--shard i/n) into one; refuses a missing or duplicated shard')
      .argument('<files...>', 'the shard files, all of one kind (state or findings)')
      .option('--out <file>', 'write the merged file here instead of stdout')
      .addOption(new Option('--format <format>', 'output for findings files').choices(['json', 'md']).default('json'))
      .option('--repo <dir>', 'repository (for --format md and --github: the ledger)', '.')
      .option('--ref <ref>', 'branch or commit of the ledger', 'HEAD')
      .option('--github', 'file, update and close GitHub issues for the merged findings (GITHUB_TOKEN, GITHUB_REPOSITORY)')
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a merged finding is at or above this severity').choices([...SEVERITIES, 'none']).default('high'))
      .action((files: string[], opts: Options) => done(run(files, opts, io)));
  },
};
