import type { Command } from 'commander';
import type { Io } from './io.js';

/** Exit codes: 0 clean, 1 violations or findings at or above the threshold, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

/**
 * One CLI command: `register` adds it (options, help) to the program; its action resolves to an exit code
 * through `done`. Each command lives in its own file under src/cli/ and is listed in commands.ts.
 */
export interface CliCommand {
  name: string;
  register(program: Command, io: Io, done: (action: Promise<number>) => void): void;
}
