import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import { formatProblem, type Problem } from '../model/problem.js';
import { GitRepo } from '../git/index.js';
import { loadGitRef, loadWorkingTree } from '../repo/index.js';
import { redact } from '../util/redact.js';
import { runValidateRules } from '../validate/index.js';
import { VERSION } from '../version.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

export const VALIDATE_OUTPUT_VERSION = 1;

export interface ValidateSummary {
  devices: number;
  images: number;
  errors: number;
  warnings: number;
  /** Problems of kind `input` (unreadable, unparsable, schema): any of them makes the exit code 2. */
  inputProblems: number;
  exitCode: number;
}

interface Options {
  repo: string;
  ref?: string;
  format: 'text' | 'json';
}

/**
 * Loads the working tree of `dir` (or the tree of `ref` in its git repository) and runs the rules; input
 * problems win over rule failures for the exit code.
 */
export async function validateRepo(dir: string, ref?: string): Promise<{ problems: Problem[]; summary: ValidateSummary }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(dir, undefined, 'not a directory', { hint: 'pass the repository root with --repo DIR' });
  const { model, problems: input } = ref === undefined ? await loadWorkingTree(dir) : await loadGitRef(new GitRepo(dir), ref);
  // semantic rules on a partial model would report ghosts (a redundancy partner "missing" because its file
  // did not parse), so they run once the input is clean, as a compiler checks types after parsing
  const rules = model && input.length === 0 ? runValidateRules(model) : [];
  const problems = [...input, ...rules].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const exitCode = input.length > 0 ? EXIT_INPUT : errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  return {
    problems,
    summary: {
      devices: model?.devices.length ?? 0,
      images: model?.catalog.images.length ?? 0,
      errors,
      warnings: problems.length - errors,
      inputProblems: input.length,
      exitCode,
    },
  };
}

async function run(opts: Options, io: Io): Promise<number> {
  const dir = resolve(io.cwd, opts.repo);
  const { problems, summary } = await validateRepo(dir, opts.ref);
  if (opts.format === 'json') {
    io.stdout(redact(`${JSON.stringify({ version: VALIDATE_OUTPUT_VERSION, tool: VERSION, problems, summary }, null, 2)}\n`, io.env));
    return summary.exitCode;
  }
  const lines = problems.map((p) => `${formatProblem(p)}${p.severity === 'warning' ? ' [warning]' : ''}\n`);
  io.stdout(redact(lines.join(''), io.env));
  const counts = `${summary.devices} devices, ${summary.images} images: ${summary.errors} errors, ${summary.warnings} warnings`;
  io.stderr(
    summary.exitCode === EXIT_INPUT
      ? `imagegate validate: ${summary.inputProblems} input problems; semantic rules not run until the files above read and parse\n`
      : `imagegate validate: ${counts}\n`,
  );
  return summary.exitCode;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  register(program: Command, io: Io, done) {
    program
      .command('validate')
      .description('check devices/ and policies/ against the schemas and the semantic rules (exit 0 clean, 1 rule failure, 2 unreadable input)')
      .option('--repo <dir>', 'repository root', '.')
      .option('--ref <ref>', 'validate this commit, branch or tag of the repository instead of the working tree')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .action((opts: Options) => done(run(opts, io)));
  },
};
