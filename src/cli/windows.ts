/**
 * `imagegate windows`: the change windows the ledger holds, at a moment (table, JSON or an iCalendar feed).
 * `imagegate windows open`: run on every push to the default branch; opens a tracking issue per change the
 * pushed commits authorized and comments on the merged PR (with --github; without, prints what it would do).
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { GitRepo } from '../git/index.js';
import { createOctokit } from '../github/client.js';
import { parseRepository, syncIssues, upsertComment, type SyncOutcome } from '../github/windows.js';
import { buildLedger, type Ledger } from '../ledger/index.js';
import { windowsCalendar } from '../ledger/ics.js';
import { prNotes, renderPrNote, trackedChanges, WINDOW_LABEL, cell, type TrackedChange } from '../ledger/tracking.js';
import { listWindows, type ChangeWindowView } from '../ledger/windows.js';
import { siteZones } from '../ledger/zones.js';
import { redact } from '../util/redact.js';
import { defuseWorkflowCommands } from '../util/workflow-commands.js';
import { EXIT_INPUT, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

export const WINDOWS_OUTPUT_VERSION = 1;
const MARKER_PATTERN = /<!-- imagegate:window:[0-9a-f]{40}:[A-Za-z0-9._-]+ -->/;
const ZERO_SHA = /^0{40}$/;

interface ListOptions {
  repo: string;
  ref: string;
  at?: string;
  format: 'table' | 'json' | 'ics';
}

interface OpenOptions {
  repo: string;
  before: string;
  after: string;
  github?: boolean;
  /** `table` (the parent's default) means text here; `ics` has no meaning for `open`. */
  format: 'table' | 'json' | 'ics';
}

function instant(at: string | undefined): string {
  if (at === undefined) return new Date().toISOString();
  const t = Date.parse(at);
  if (!/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/.test(at) || Number.isNaN(t)) {
    throw new UsageError(`--at ${JSON.stringify(at)} is not an ISO 8601 time`, { hint: 'write it with an offset, e.g. 2026-12-05T02:00:00+01:00 or 2026-12-05T01:00:00Z' });
  }
  return new Date(t).toISOString();
}

function reportProblems(ledger: Ledger, io: Io): void {
  for (const p of ledger.problems) {
    io.stderr(redact(`imagegate: warning: ${p.file}${p.line === undefined ? '' : `:${p.line}`} at ${p.commit.slice(0, 10)}: ${p.message} (no authorization read from this version)\n`, io.env));
  }
}

function statusText(v: ChangeWindowView): string {
  if (v.status !== 'active') return `${v.status} by ${(v.endedBy ?? '').slice(0, 10)}`;
  if (!v.opened) return 'not opened (window started before merge): reschedule';
  return v.via === 'direct' ? 'active, UNREVIEWED (direct push)' : 'active';
}

function table(views: ChangeWindowView[], at: string): string {
  const lines = [
    `Change windows at ${at}`,
    '',
    '| phase | device | image | window (UTC) | window (device/site time) | ticket | executor | PR | commit | status |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const v of views) {
    const utc = `${v.startUtc.slice(0, 16).replace('T', ' ')}Z – ${v.endUtc.slice(0, 16).replace('T', ' ')}Z`;
    lines.push(
      `| ${v.phase} | ${cell(v.device)} | ${cell(v.fromImage)} → ${cell(v.toImage)} | ${utc} | ${cell(v.startLocal)} – ${cell(v.endLocal)} ${cell(v.zone)} | ${cell(v.ticket)} | ${cell(v.executor)} | ${v.pr === null ? '—' : `#${v.pr}`} | ${v.commit.slice(0, 10)} | ${cell(statusText(v))} |`,
    );
  }
  if (views.length === 0) lines.push('', 'No change windows in the history.');
  return `${lines.join('\n')}\n`;
}

function viewJson(v: ChangeWindowView): Record<string, unknown> {
  const { authorization, ...rest } = v;
  return { ...rest, from: authorization.from, to: authorization.to };
}

async function list(opts: ListOptions, io: Io): Promise<number> {
  const at = instant(opts.at);
  const repo = new GitRepo(resolve(io.cwd, opts.repo));
  const ledger = await buildLedger(repo, { ref: opts.ref });
  const views = listWindows(ledger, at, await siteZones(await repo.tree(ledger.head)));
  reportProblems(ledger, io);
  if (opts.format === 'ics') io.stdout(redact(windowsCalendar(views), io.env));
  else if (opts.format === 'json') {
    const out = { version: WINDOWS_OUTPUT_VERSION, ref: opts.ref, head: ledger.head, at, windows: views.map(viewJson), problems: ledger.problems };
    io.stdout(redact(`${JSON.stringify(out, null, 2)}\n`, io.env));
  } else io.stdout(redact(table(views, at), io.env));
  return EXIT_OK;
}

/**
 * The first-parent commits the push added. A new branch (all-zero `before`) counts only its tip: the first push
 * of an existing history must not open an issue for every change ever made.
 */
async function pushedCommits(repo: GitRepo, before: string, after: string): Promise<Set<string>> {
  if (!/^[0-9a-f]{40}$/.test(after)) throw new UsageError(`--after must be a full commit sha, got ${JSON.stringify(after)}`, { hint: 'pass ${{ github.event.after }}' });
  if (!/^[0-9a-f]{40}$/.test(before)) throw new UsageError(`--before must be a full commit sha, got ${JSON.stringify(before)}`, { hint: 'pass ${{ github.event.before }}' });
  if (ZERO_SHA.test(before)) return new Set([await repo.revParse(after)]);
  await repo.revParse(before).catch((err: unknown) => {
    throw new UsageError(`--before ${before} is not in this clone`, {
      hint: 'check out the full history (actions/checkout with fetch-depth: 0)',
      cause: err,
    });
  });
  return new Set((await repo.firstParentLog(after, before)).map((c) => c.sha));
}

function describeChange(c: TrackedChange): Record<string, unknown> {
  const devices = [...new Set([...c.views.map((v) => v.device), ...c.unscheduled.map((a) => a.device)])];
  return { marker: c.marker, commit: c.commit, changeId: c.changeId, pr: c.pr, via: c.via, title: c.title, state: c.state, needsReschedule: c.needsReschedule, devices };
}

async function open(opts: OpenOptions, io: Io): Promise<number> {
  if (opts.format === 'ics') throw new UsageError('windows open writes text or json, not ics', { hint: 'use `imagegate windows --format ics` for the calendar feed' });
  const at = new Date().toISOString();
  const repo = new GitRepo(resolve(io.cwd, opts.repo));
  const range = await pushedCommits(repo, opts.before, opts.after);
  const ledger = await buildLedger(repo, { ref: opts.after });
  reportProblems(ledger, io);
  const changes = trackedChanges(ledger, range, at, await siteZones(await repo.tree(ledger.head)));
  const notes = prNotes(changes, range);

  if (!opts.github) {
    if (opts.format === 'json') {
      const out = { version: WINDOWS_OUTPUT_VERSION, before: opts.before, after: opts.after, dryRun: true, changes: changes.map(describeChange), prComments: notes.map((n) => ({ pr: n.pr, commit: n.commit })) };
      io.stdout(redact(`${JSON.stringify(out, null, 2)}\n`, io.env));
    } else {
      const lines = changes.map((c) => `would ${c.state === 'closed' ? 'close' : 'open'}: ${c.title}`);
      lines.push(...notes.map((n) => `would comment on #${n.pr}`));
      if (lines.length === 0) lines.push('no authorization created or ended by these commits');
      // titles carry the ticket from YAML: printed to the step log, it must not start a workflow command
      io.stdout(redact(defuseWorkflowCommands(`${lines.join('\n')}\n(dry run: pass --github to write to GitHub)\n`), io.env));
    }
    return EXIT_OK;
  }

  const repository = io.env['GITHUB_REPOSITORY'] ?? '';
  const token = io.env['GITHUB_TOKEN'] ?? '';
  const ref = parseRepository(repository);
  if (!ref) throw new UsageError(`GITHUB_REPOSITORY ${JSON.stringify(repository)} is not owner/repo`, { hint: 'GitHub Actions sets it; elsewhere export GITHUB_REPOSITORY=owner/repo' });
  if (token === '') throw new UsageError('GITHUB_TOKEN is not set', { hint: 'pass the workflow token through env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}' });
  const client = createOctokit({
    token,
    ...(io.env['GITHUB_API_URL'] ? { baseUrl: io.env['GITHUB_API_URL'] } : {}),
    // same switch as `reconcile`: tests against the local fake skip GitHub's one-second spacing of writes
    ...(io.env['IMAGEGATE_GITHUB_NO_WAIT'] === '1' ? { noWait: true } : {}),
    onNotice: (m) => io.stderr(redact(`imagegate: ${m}\n`, io.env)) });

  // when the label or the issue list cannot be read this throws (GitHubError, exit 2): nothing could be matched, nothing is written
  const issues = await syncIssues(client, ref, changes, WINDOW_LABEL, MARKER_PATTERN);
  const numbers = new Map<string, number>();
  for (const o of issues) if (o.number !== null && o.action !== 'failed') numbers.set(o.marker, o.number);
  const comments: Array<SyncOutcome & { pr: number }> = [];
  for (const n of notes) comments.push({ ...(await upsertComment(client, ref, n.pr, n.marker, renderPrNote(n, numbers))), pr: n.pr });

  const failed = [...issues, ...comments].filter((o) => o.action === 'failed');
  if (opts.format === 'json') {
    const out = {
      version: WINDOWS_OUTPUT_VERSION,
      before: opts.before,
      after: opts.after,
      dryRun: false,
      changes: changes.map((c, i) => ({ ...describeChange(c), issue: issues[i]?.number ?? null, action: issues[i]?.action ?? 'failed', error: issues[i]?.error })),
      prComments: comments.map((c) => ({ pr: c.pr, action: c.action, error: c.error })),
    };
    io.stdout(redact(`${JSON.stringify(out, null, 2)}\n`, io.env));
  } else {
    const lines = changes.map((c, i) => `${issues[i]?.action ?? 'failed'} #${issues[i]?.number ?? '?'}: ${c.title}`);
    lines.push(...comments.map((c) => `${c.action} comment on #${c.pr}`));
    if (lines.length === 0) lines.push('no authorization created or ended by these commits');
    io.stdout(redact(defuseWorkflowCommands(`${lines.join('\n')}\n`), io.env));
  }
  for (const f of failed) io.stderr(redact(`imagegate: ${f.marker}: ${f.error ?? 'failed'}\n`, io.env));
  return failed.length > 0 ? EXIT_INPUT : EXIT_OK;
}

export const windowsCommand: CliCommand = {
  name: 'windows',
  register(program: Command, io: Io, done) {
    const windows = program
      .command('windows')
      .description('list the change windows the authorization ledger (git history) holds: upcoming, open, closed')
      .option('--repo <dir>', 'repository root', '.')
      .option('--ref <ref>', 'branch or commit whose first-parent history is the ledger', 'HEAD')
      .option('--at <iso>', 'the moment phases are computed for (default: now)')
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'ics']).default('table'))
      .action((opts: ListOptions) => done(list(opts, io)));
    windows
      .command('open')
      .description('open a tracking issue per change the pushed commits authorized and comment on the merged PR')
      .requiredOption('--before <sha>', 'the commit before the push (github.event.before)')
      .requiredOption('--after <sha>', 'the pushed commit (github.event.after)')
      .option('--github', 'write to GitHub (GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL from the environment); without it, a dry run')
      // --repo and --format are the parent's (commander would hand a repeated option to the parent anyway)
      .addHelpText('after', '\nAlso: --repo DIR, --format json (written before or after `open`).')
      .action((_opts: unknown, cmd: Command) => done(open(cmd.optsWithGlobals<OpenOptions>(), io)));
  },
};
