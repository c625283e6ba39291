import type { CliCommand } from './command.js';
import { collectCommand } from './collect.js';
import { simCommand } from './sim.js';
import { validateCommand } from './validate.js';
import { checkCommand } from './check.js';
import { eventsCommand } from './events.js';
import { reconcileCommand } from './reconcile.js';
import { demoCommand } from './demo.js';
import { parseCommand } from './parse.js';
import { windowsCommand } from './windows.js';
import { mergeCommand } from './merge.js';

/** Every CLI command, in the order `--help` lists them. One file per command under src/cli/. */
export const commands: CliCommand[] = [validateCommand, checkCommand, eventsCommand, reconcileCommand, parseCommand, windowsCommand, collectCommand, simCommand, mergeCommand, demoCommand];
