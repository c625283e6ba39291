import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, ParseError, UsageError } from '../errors.js';
import { PLATFORMS, isPlatformId } from '../model/platform.js';
import { matchCommand } from '../platforms/command-match.js';
import { allowedCommands, drivers } from '../platforms/index.js';
import { redact } from '../util/redact.js';
import { EXIT_INPUT, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

export const PARSE_OUTPUT_VERSION = 1;
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

interface Options {
  platform: string;
  command: string;
}

async function readInput(file: string | undefined, io: Io): Promise<{ name: string; text: string }> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buf.length;
      if (size > MAX_INPUT_BYTES) throw new InputError('<stdin>', undefined, 'input is larger than 64 MiB');
      chunks.push(buf);
    }
    return { name: '<stdin>', text: Buffer.concat(chunks).toString('utf8') };
  }
  const path = resolve(io.cwd, file);
  const info = await stat(path).catch((err: unknown) => {
    throw new InputError(file, undefined, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      hint: 'pass a file with the captured device output, or - to read standard input',
    });
  });
  if (!info.isFile()) throw new InputError(file, undefined, 'not a file');
  if (info.size > MAX_INPUT_BYTES) throw new InputError(file, undefined, 'input is larger than 64 MiB');
  return { name: file, text: await readFile(path, 'utf8') };
}

async function run(file: string | undefined, opts: Options, io: Io): Promise<number> {
  if (!isPlatformId(opts.platform)) {
    throw new UsageError(`unknown platform "${opts.platform}"`, { hint: `use one of: ${PLATFORMS.join(', ')}` });
  }
  const driver = drivers[opts.platform];
  const matches = matchCommand(driver, opts.command);
  const valid = allowedCommands(driver).filter((c) => !driver.sessionSetup.includes(c));
  if (matches.length === 0) {
    throw new UsageError(`${opts.platform} has no parser for "${opts.command}"`, {
      hint: `use one of: ${valid.join(' | ')} (abbreviations such as "sh ver" work)`,
    });
  }
  if (matches.length > 1) {
    throw new UsageError(`"${opts.command}" is ambiguous on ${opts.platform}: ${matches.map((m) => m.command).join(' | ')}`, {
      hint: 'type more of the command',
    });
  }
  const match = matches[0] as (typeof matches)[number];
  const input = await readInput(file, io);
  let result: unknown;
  try {
    result = match.parse(input.text);
  } catch (err: unknown) {
    if (!(err instanceof ParseError)) throw err;
    const shown = err.excerpt === '' ? '' : `\n  first lines not understood:\n${err.excerpt.split('\n').map((l) => `    | ${l}`).join('\n')}`;
    io.stderr(redact(`imagegate: ${input.name}: ${err.message}${shown}\n`, io.env));
    return EXIT_INPUT;
  }
  const out = { version: PARSE_OUTPUT_VERSION, platform: driver.id, command: match.command, fact: match.fact, result };
  io.stdout(redact(`${JSON.stringify(out, null, 2)}\n`, io.env));
  return EXIT_OK;
}

/** `imagegate parse --platform P --command "CMD" [FILE|-]`: parse captured device output offline, print JSON. */
export const parseCommand: CliCommand = {
  name: 'parse',
  register(program: Command, io: Io, done) {
    program
      .command('parse')
      .description('Parse captured device output with the platform parsers and print the facts as JSON')
      .argument('[file]', 'file with the device output; - or nothing reads standard input')
      .requiredOption('--platform <platform>', `platform: ${PLATFORMS.join(', ')}`)
      .requiredOption('--command <command>', 'the command that produced the output, e.g. "show version" or "sh ver"')
      .action((file: string | undefined, opts: Options) => done(run(file, opts, io)));
  },
};
