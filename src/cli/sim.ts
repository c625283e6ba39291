import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../errors.js';
import { inShard, parseShard } from '../shard/index.js';
import { SIM_PASSWORD, startFleet, type Fleet } from '../sim/index.js';
import { syntheticFleet } from '../sim/synthetic.js';
import { loadModel } from './collect.js';
import { EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

interface Options {
  fleet?: string;
  synthetic?: number;
  portBase: number;
  logDir: string;
  sshConfigOut?: string;
  shard?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a TCP port, 0-65535 (0: ephemeral)');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20000) throw new InvalidArgumentError('a device count, 1-20000');
  return n;
}

/** Runs the fleet until `stop` resolves; the command wires it to SIGINT and SIGTERM. */
export async function runSim(opts: Options, io: Io, stop: Promise<void>, started?: (fleet: Fleet) => void): Promise<number> {
  if ((opts.fleet === undefined) === (opts.synthetic === undefined)) throw new UsageError('pass either --fleet DIR or --synthetic N');
  let input;
  if (opts.fleet !== undefined) {
    const dir = resolve(io.cwd, opts.fleet);
    // a repository root, or its devices/ folder
    const root = !existsSync(join(dir, 'devices')) && basename(dir) === 'devices' ? dirname(dir) : dir;
    const model = await loadModel(root, io);
    input = { devices: model.devices, catalog: model.catalog };
  } else {
    input = syntheticFleet(opts.synthetic ?? 1);
  }
  if (opts.shard !== undefined) {
    const shard = parseShard(opts.shard);
    input = { ...input, devices: input.devices.filter((d) => inShard(d.name, shard)) };
  }
  if (input.devices.length === 0) throw new UsageError('no device to simulate', { hint: 'the fleet (or this shard of it) is empty' });
  const logDir = resolve(io.cwd, opts.logDir);
  await mkdir(logDir, { recursive: true });
  const fleet = await startFleet(input.devices, input.catalog, { portBase: opts.portBase, logDir });
  try {
    if (opts.sshConfigOut) await writeFile(resolve(io.cwd, opts.sshConfigOut), fleet.sshConfig());
    const ports = Object.values(fleet.endpoints).map((e) => e.port);
    io.stdout(
      `imagegate sim: ${ports.length} devices on 127.0.0.1 ports ${Math.min(...ports)}-${Math.max(...ports)}; logs in ${logDir}` +
        `${opts.sshConfigOut ? `; ssh config in ${opts.sshConfigOut}` : ''}; users svc-imagegate and admin, password ${SIM_PASSWORD}\n`,
    );
    if (!opts.sshConfigOut) io.stdout(fleet.sshConfig());
    started?.(fleet);
    await stop;
  } finally {
    await fleet.close();
  }
  io.stderr('imagegate sim: stopped\n');
  return EXIT_OK;
}

export const simCommand: CliCommand = {
  name: 'sim',
  register(program: Command, io: Io, done) {
    program
      .command('sim')
      .description('run simulated devices on 127.0.0.1 (SSH, outputs, state, logs) until interrupted')
      .option('--fleet <dir>', 'repository root (or its devices/ folder) whose devices to simulate')
      .option('--synthetic <n>', 'simulate n generated devices over the five platforms instead', count)
      .option('--port-base <port>', 'first port; device i listens on port-base + i (0: ephemeral ports)', port, 0)
      .option('--log-dir <dir>', 'where syslog, TACACS+ and TFTP logs are written', 'sim-logs')
      .option('--ssh-config-out <file>', 'write an OpenSSH config pointing every device name at its port')
      .option('--shard <i/n>', 'simulate only shard i of n (by device name hash, as collect shards), to spread a fleet over processes')
      .action((opts: Options) => {
        const stop = new Promise<void>((res) => {
          process.once('SIGINT', () => res());
          process.once('SIGTERM', () => res());
        });
        done(runSim(opts, io, stop));
      });
  },
};
