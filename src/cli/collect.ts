import { writeFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { collect } from '../collect/index.js';
import { InputError, UsageError } from '../errors.js';
import { formatProblem } from '../model/problem.js';
import type { RepoModel } from '../model/repo.js';
import type { StateFile } from '../model/state.js';
import { loadWorkingTree } from '../repo/index.js';
import { inShard, parseShard } from '../shard/index.js';
import { redact } from '../util/redact.js';
import { EXIT_FINDINGS, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

interface Options {
  repo: string;
  device?: string[];
  concurrency: number;
  timeout: number;
  sshConfig?: string;
  out?: string;
  shard?: string;
}

function positive(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

/** Loads the working tree; any input problem stops here (exit 2) with every problem listed. */
export async function loadModel(dir: string, io: Io): Promise<RepoModel> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(dir, undefined, 'not a directory', { hint: 'pass the repository root (with devices/ and policies/) with --repo DIR' });
  const { model, problems } = await loadWorkingTree(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (model === null || errors.length > 0) {
    for (const p of errors.slice(1)) io.stderr(redact(`${formatProblem(p)}\n`, io.env));
    const first = errors[0];
    if (first) throw new InputError(first.file, first.line, first.message, first.hint ? { hint: first.hint } : {});
    throw new InputError(dir, undefined, 'the policies could not be loaded', { hint: 'run imagegate validate' });
  }
  return model;
}

function summary(state: StateFile): string {
  const bad = state.devices.filter((d) => d.status !== 'ok');
  const lines = [`imagegate collect: ${state.devices.length} devices: ${state.devices.length - bad.length} verified, ${bad.length} unverified\n`];
  for (const d of bad) lines.push(`  ${d.device}: ${d.reason ?? 'unverified'}${d.detail ? ` (${d.detail.split('\n')[0] ?? ''})` : ''}\n`);
  return lines.join('');
}

async function run(opts: Options, io: Io): Promise<number> {
  const model = await loadModel(resolve(io.cwd, opts.repo), io);
  let devices = model.devices;
  if (opts.device && opts.device.length > 0) {
    const unknown = opts.device.filter((n) => !devices.some((d) => d.name === n));
    if (unknown.length > 0) {
      throw new UsageError(`no device named ${unknown.join(', ')}`, { hint: `devices are: ${devices.map((d) => d.name).slice(0, 20).join(', ')}` });
    }
    devices = devices.filter((d) => opts.device?.includes(d.name));
  }
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard) devices = devices.filter((d) => inShard(d.name, shard));
  let sshConfig: string | undefined;
  if (opts.sshConfig !== undefined) {
    sshConfig = resolve(io.cwd, opts.sshConfig);
    if (!(await stat(sshConfig).catch(() => null))?.isFile()) throw new InputError(opts.sshConfig, undefined, 'SSH config file not found');
  }
  let unverified = 0;
  const state = await collect(devices, model.catalog, {
    concurrency: opts.concurrency,
    timeoutSeconds: opts.timeout,
    env: io.env,
    ...(sshConfig ? { sshConfig } : {}),
    onProgress: (done, total, s) => {
      if (s.status !== 'ok') unverified++;
      if (io.isTTY) io.stderr(`\rcollect ${done}/${total}${unverified ? ` (${unverified} unverified)` : ''}${done === total ? '\n' : ''}`);
    },
  });
  if (shard) state.shard = shard;
  const json = redact(`${JSON.stringify(state, null, 2)}\n`, io.env);
  if (opts.out) await writeFile(resolve(io.cwd, opts.out), json);
  else io.stdout(json);
  io.stderr(redact(summary(state), io.env));
  return state.devices.every((d) => d.status === 'ok') ? EXIT_OK : EXIT_FINDINGS;
}

export const collectCommand: CliCommand = {
  name: 'collect',
  register(program: Command, io: Io, done) {
    program
      .command('collect')
      .description('read live state over SSH (pinned host keys, read-only commands) into a state file (exit 0 all verified, 1 some unverified, 2 bad input)')
      .option('--repo <dir>', 'repository root', '.')
      .option('--device <name...>', 'only these devices')
      .option('--concurrency <n>', 'devices at once', positive('--concurrency'), 20)
      .option('--timeout <seconds>', 'limit for the connection and for each command', positive('--timeout'), 30)
      .option('--ssh-config <file>', 'OpenSSH-style config (Host, HostName, Port, User, IdentityFile)')
      .option('--out <file>', 'write the state file here instead of standard output')
      .option('--shard <i/n>', 'collect only shard i of n (stable by device name hash); join the shards with `imagegate merge`')
      .addHelpText('after', '\nCredentials come from the environment only: IMAGEGATE_SSH_PASSWORD, IMAGEGATE_SSH_KEY (a key file), SSH_AUTH_SOCK (an agent).')
      .action((opts: Options) => done(run(opts, io)));
  },
};
