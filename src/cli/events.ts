import { open, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { createSummary, formatSummary, readEvents, sources, type EventsSummary } from '../events/index.js';
import type { Device } from '../model/device.js';
import type { DetectionPolicy } from '../model/policy.js';
import { formatProblem } from '../model/problem.js';
import { loadWorkingTree } from '../repo/index.js';
import { redact } from '../util/redact.js';
import { expandGlobs } from '../util/glob.js';
import { EXIT_INPUT, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

interface Options {
  repo?: string;
  source?: string;
  year?: string;
  tz?: string;
  host?: string;
  out?: string;
  summaryJson?: string;
  all?: boolean;
}

async function repoInputs(dir: string, io: Io): Promise<{ devices: Device[]; detection?: DetectionPolicy }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(dir, undefined, 'not a directory', { hint: 'pass the repository root with --repo DIR' });
  const { model, problems } = await loadWorkingTree(dir);
  if (model === null) {
    const first = problems[0];
    throw new InputError(first?.file ?? dir, first?.line, first?.message ?? 'repository could not be loaded', {
      hint: 'run `imagegate validate --repo DIR` to see every problem',
    });
  }
  const first = problems[0];
  if (first) io.stderr(`imagegate events: ${problems.length} input problem(s); devices with problems are left out, e.g. ${formatProblem(first)}\n`);
  return { devices: model.devices, detection: model.policies.detection };
}

function cannotWrite(path: string, err: unknown): InputError {
  const why = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
  return new InputError(path, undefined, `cannot write (${why})`, { hint: 'check that the folder exists and is writable' });
}

async function run(files: string[], opts: Options, io: Io): Promise<number> {
  let year: number | undefined;
  if (opts.year !== undefined) {
    year = Number(opts.year);
    if (!/^\d{4}$/.test(opts.year)) throw new UsageError(`--year "${opts.year}" is not a year`, { hint: 'give four digits, e.g. --year 2026' });
  }
  const repo = opts.repo === undefined ? { devices: [] } : await repoInputs(resolve(io.cwd, opts.repo), io);
  if (opts.repo === undefined) io.stderr('imagegate events: no --repo given: hosts are not resolved to devices and detection uses the built-in patterns\n');
  const summary: EventsSummary = createSummary();
  const outPath = opts.out === undefined ? null : resolve(io.cwd, opts.out);
  const out = outPath === null ? null : await open(outPath, 'w').catch((err: unknown) => Promise.reject(cannotWrite(opts.out ?? '', err)));
  let batch = '';
  const flush = async (): Promise<void> => {
    if (batch === '') return;
    const text = redact(batch, io.env);
    batch = '';
    if (out) await out.write(text).catch((err: unknown) => Promise.reject(cannotWrite(opts.out ?? '', err)));
    else io.stdout(text);
  };
  const events = readEvents(
    expandGlobs(files, io.cwd),
    {
      devices: repo.devices,
      ...('detection' in repo && repo.detection ? { detection: repo.detection } : {}),
      ...(year === undefined ? {} : { year }),
      ...(opts.tz === undefined ? {} : { tz: opts.tz }),
      ...(opts.source === undefined ? {} : { source: opts.source }),
      ...(opts.host === undefined ? {} : { host: opts.host }),
      all: opts.all === true,
      summary,
    },
  );
  try {
    for await (const event of events) {
      batch += `${JSON.stringify(event)}\n`;
      if (batch.length > 64 * 1024) await flush();
    }
    await flush();
  } finally {
    await out?.close();
  }
  for (const f of summary.files) f.path = f.path.startsWith(`${io.cwd}/`) ? f.path.slice(io.cwd.length + 1) : f.path;
  io.stderr(redact(`${formatSummary(summary)}\n`, io.env));
  if (opts.summaryJson !== undefined) {
    const text = redact(`${JSON.stringify(summary, null, 2)}\n`, io.env);
    const path = opts.summaryJson;
    await writeFile(resolve(io.cwd, path), text).catch((err: unknown) => Promise.reject(cannotWrite(path, err)));
  }
  const readable = summary.files.filter((f) => f.error === undefined || f.lines > 0);
  if (readable.length === 0) {
    io.stderr('imagegate events: none of the files could be read\n');
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

export const eventsCommand: CliCommand = {
  name: 'events',
  register(program: Command, io: Io, done) {
    program
      .command('events')
      .description('turn device logs (syslog, TACACS+ accounting, tftpd/xferlog/Zeek transfer logs, .gz too) into NDJSON events')
      .argument('<files...>', 'log files or globs (quoted, e.g. "/var/log/net/*.log*"), .gz too; the format of each is detected from its first lines')
      .option('--repo <dir>', 'repository root: resolve hosts to devices/ and use policies/detection.yaml')
      .option('--source <source>', `force the format: ${sources.map((s) => s.id).join(', ')}`)
      .option('--year <year>', 'year of time stamps that carry none (default: from the file time)')
      .option('--tz <zone>', 'IANA zone of receiver time stamps and of devices without a timezone (default UTC)')
      .option('--host <name>', 'the device (name, address or alias) of lines that name no host, e.g. a saved `show logging` buffer')
      .option('--out <file>', 'write NDJSON here instead of stdout')
      .option('--summary-json <file>', 'also write the per-file summary as JSON')
      .option('--all', 'also write events of kind other (show commands, entering config mode)')
      .action((files: string[], opts: Options) => done(run(files, opts, io)));
  },
};
