import { Command, CommanderError } from 'commander';
import { isKnownError, InputError } from '../errors.js';
import { redact } from '../util/redact.js';
import { EXIT_INPUT } from './command.js';
import { commands } from './commands.js';
import type { Io } from './io.js';
import { VERSION } from '../version.js';

/** Runs the CLI; the only place that maps errors to exit codes. Never throws for known errors. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let pending: Promise<number> | undefined;
  const program = new Command('imagegate')
    .description('Keep router and switch OS images under change control (MITRE ATT&CK T1601.001, AN1293).')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const command of commands) command.register(program, io, (action) => (pending = action));
  try {
    await program.parseAsync(argv, { from: 'user' });
    if (pending === undefined) {
      if (argv.length === 0) io.stdout(program.helpInformation());
      return 0;
    }
    return await pending;
  } catch (err: unknown) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // help and version exit through here with code 0; commander already printed what it had to say
    return err.exitCode === 0 ? 0 : EXIT_INPUT;
  }
  if (isKnownError(err)) {
    const where = err instanceof InputError ? `${err.where}: ` : '';
    io.stderr(redact(`imagegate: ${where}${err.message}\n`));
    if (err.hint) io.stderr(redact(`  hint: ${err.hint}\n`));
    return EXIT_INPUT;
  }
  // a bug: keep the stack, still without secrets
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr(redact(`imagegate: internal error (please report): ${text}\n`));
  return 3;
}
