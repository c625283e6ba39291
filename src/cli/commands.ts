import type { CliCommand } from './command.js';
import { validateCommand } from './validate.js';

/** Every CLI command, in the order `--help` lists them. One file per command under src/cli/. */
export const commands: CliCommand[] = [validateCommand];
