/**
 * `imagegate check`: the pull-request gate. Exit 0 pass, 1 fail, 2 bad usage. It fails closed: a git error,
 * an unreadable base or a GitHub failure after retries is a failed check with a message, never a pass.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { GitError, GitHubError, UsageError } from '../errors.js';
import { readApprovals } from '../gate/approvals.js';
import { parseGateEvent, type GateEvent } from '../gate/event.js';
import { GATE_MARKER, renderAnnotations, renderJson, renderMarkdown, renderText } from '../gate/output.js';
import { failedResult, runGate, type GateResult } from '../gate/runner.js';
import type { PullRequestInfo } from '../gate/types.js';
import { GitRepo } from '../git/index.js';
import { createOctokit, type GitHubClient } from '../github/client.js';
import { upsertStickyComment } from '../github/comments.js';
import { getPull, getViewerLogin, type RepoRef } from '../github/pulls.js';
import { redact } from '../util/redact.js';
import { EXIT_FINDINGS, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

interface Options {
  base?: string;
  head?: string;
  repo: string;
  at?: string;
  format: 'text' | 'json' | 'github';
  github?: boolean;
}

/** Rows in the PR comment (GitHub caps a comment at 65,536 characters); the job summary lists far more. */
const COMMENT_ROWS = 50;
/** Rows in the job summary, whose limit is 1 MiB per step. */
const SUMMARY_ROWS = 2000;

async function readEvent(io: Io): Promise<GateEvent | null> {
  const path = io.env['GITHUB_EVENT_PATH'];
  if (!path) return null;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err: unknown) {
    throw new UsageError(`cannot read the event file GITHUB_EVENT_PATH=${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseGateEvent(JSON.parse(text) as unknown, io.env['GITHUB_EVENT_NAME']);
  } catch {
    throw new UsageError(`the event file ${path} is not JSON`);
  }
}

function parseAt(at: string | undefined): Date {
  if (at === undefined) return new Date();
  const t = /(Z|[+-]\d{2}:?\d{2})$/.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`--at ${JSON.stringify(at)} is not an ISO 8601 time with an offset`, { hint: 'e.g. --at 2026-12-01T12:00:00Z' });
  return new Date(t);
}

interface GitHubSession {
  client: GitHubClient;
  teamsClient: GitHubClient;
  repo: RepoRef;
  number: number;
}

function githubSession(io: Io, event: GateEvent | null): GitHubSession {
  const token = io.env['GITHUB_TOKEN'];
  if (!token) throw new UsageError('--github needs a token in GITHUB_TOKEN', { hint: 'in the workflow: env: GITHUB_TOKEN: ${{ github.token }}' });
  const full = io.env['GITHUB_REPOSITORY'];
  const [owner, name] = full?.split('/') ?? [];
  const repo = owner && name ? { owner, repo: name } : event?.repo;
  if (!repo) throw new UsageError('--github needs GITHUB_REPOSITORY (owner/name)');
  const number = event?.pr?.number;
  if (number === null || number === undefined) throw new UsageError('--github needs a pull_request or merge_group event in GITHUB_EVENT_PATH that names the PR');
  const baseUrl = io.env['GITHUB_API_URL'] ?? 'https://api.github.com';
  const notice = (m: string): void => io.stderr(redact(`imagegate: ${m}\n`, io.env));
  // tests only: keep every retry decision but do not sleep (as `windows` and `reconcile` do)
  const noWait = io.env['IMAGEGATE_GITHUB_NO_WAIT'] === '1' ? { noWait: true } : {};
  const client = createOctokit({ token, baseUrl, onNotice: notice, ...noWait });
  const teamsToken = io.env['IMAGEGATE_TEAMS_TOKEN'];
  const teamsClient = teamsToken ? createOctokit({ token: teamsToken, baseUrl, onNotice: notice, ...noWait }) : client;
  return { client, teamsClient, repo, number };
}

async function evaluate(opts: Options, io: Io, base: string, head: string, now: Date, event: GateEvent | null, session: GitHubSession | null): Promise<GateResult> {
  const git = new GitRepo(resolve(io.cwd, opts.repo));
  let pr: PullRequestInfo | null = event?.pr ?? null;
  try {
    if (session) {
      // labels and the head may have changed since the event was sent: ask GitHub
      const pull = await getPull(session.client, session.repo, session.number);
      pr = { number: pull.number, author: pull.author, labels: pull.labels, headSha: pull.headSha };
      const { author } = pull;
      // reviews count on the commit judged; a merge group judges its own commit, built from the PR's head
      const reviewedSha = (judged: string): string => (event?.kind === 'merge_group' ? pull.headSha : judged);
      return await runGate({
        git,
        base,
        head,
        now,
        pr,
        readApprovals: (teams, judged) =>
          readApprovals(session.client, { repo: session.repo, pullNumber: session.number, author, headSha: reviewedSha(judged), teams, teamsClient: session.teamsClient }),
      });
    }
    return await runGate({ git, base, head, now, pr });
  } catch (err: unknown) {
    if (err instanceof GitError) return failedResult({ base, head, now }, 'git-error', err.message, err.hint);
    if (err instanceof GitHubError) return failedResult({ base, head, now }, 'github-error', err.message, err.hint);
    throw err;
  }
}

async function publish(result: GateResult, io: Io, session: GitHubSession | null): Promise<string | null> {
  const summaryPath = io.env['GITHUB_STEP_SUMMARY'];
  if (summaryPath) await appendFile(summaryPath, renderMarkdown(result, { maxRows: SUMMARY_ROWS }));
  if (!session) return null;
  try {
    const viewer = await getViewerLogin(session.client);
    const r = await upsertStickyComment(session.client, session.repo, session.number, {
      marker: GATE_MARKER,
      body: renderMarkdown(result, { marker: true, maxRows: COMMENT_ROWS }),
      viewer,
    });
    return `PR comment ${r.action} (id ${r.id})`;
  } catch (err: unknown) {
    if (err instanceof GitHubError) {
      // the verdict stands; a comment that cannot be written is reported, and never turns a fail into a pass
      io.stderr(redact(`imagegate: could not write the PR comment: ${err.message}\n`, io.env));
      return null;
    }
    throw err;
  }
}

async function run(opts: Options, io: Io): Promise<number> {
  const now = parseAt(opts.at);
  const event = await readEvent(io);
  const base = opts.base ?? event?.base ?? undefined;
  const head = opts.head ?? event?.head ?? undefined;
  if (!base || !head) throw new UsageError('check needs --base REF and --head REF (or a pull_request / merge_group event in GITHUB_EVENT_PATH)');
  const session = opts.github ? githubSession(io, event) : null;
  const result = await evaluate(opts, io, base, head, now, event, session);
  if (opts.format === 'json') io.stdout(renderJson(result));
  else if (opts.format === 'github') {
    io.stdout(renderAnnotations(result));
    const note = await publish(result, io, session);
    if (note) io.stderr(`imagegate: ${note}\n`);
    io.stderr(renderText(result));
  } else io.stdout(renderText(result));
  return result.passed ? EXIT_OK : EXIT_FINDINGS;
}

export const checkCommand: CliCommand = {
  name: 'check',
  register(program: Command, io: Io, done) {
    program
      .command('check')
      .description('judge a pull request (base..head) against the policies of the base (exit 0 pass, 1 fail, 2 bad usage)')
      .option('--base <ref>', 'base commit or branch (default: from GITHUB_EVENT_PATH)')
      .option('--head <ref>', 'head commit or branch (default: from GITHUB_EVENT_PATH)')
      .option('--repo <dir>', 'repository root', '.')
      .option('--at <iso>', 'judge time rules as of this time (ISO 8601 with offset); default now')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
      .option('--github', 'read approvals and labels from GitHub and write the PR comment (needs GITHUB_TOKEN; teams: IMAGEGATE_TEAMS_TOKEN)')
      .action((opts: Options) => done(run(opts, io)));
  },
};
