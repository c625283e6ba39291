import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { collect } from '../collect/index.js';
import { readEvents, createSummary } from '../events/index.js';
import { GitRepo } from '../git/index.js';
import { createOctokit } from '../github/client.js';
import { syncFindingIssues, type IssueSyncResult } from '../github/issues.js';
import { getViewerLogin, pullsForCommit } from '../github/pulls.js';
import { buildLedger, type Ledger } from '../ledger/index.js';
import { confirmPullRequests } from '../ledger/confirm.js';
import type { Authorization } from '../model/authorization.js';
import { SEVERITIES, type Severity } from '../model/policy.js';
import { formatProblem } from '../model/problem.js';
import type { RepoModel } from '../model/repo.js';
import type { StateFile } from '../model/state.js';
import { parseStateFile } from '../collect/state-file.js';
import { reconcile } from '../reconcile/index.js';
import type { ReconcileResult } from '../reconcile/types.js';
import { issueItem, renderJson, renderMarkdown, resolvedComment, toFindingsFile, windowVerdicts, type FindingsFile } from '../report/index.js';
import { loadGitRef } from '../repo/index.js';
import { redact } from '../util/redact.js';
import { expandGlobs } from '../util/glob.js';
import { inShard, parseShard, type Shard } from '../shard/index.js';
import type { DeviceEvent } from '../model/event.js';
import { EXIT_FINDINGS, EXIT_OK, type CliCommand } from './command.js';
import type { Io } from './io.js';

interface Options {
  repo: string;
  ref: string;
  state?: string;
  collect?: boolean;
  sshConfig?: string;
  events?: string[];
  at?: string;
  format: 'md' | 'json';
  out?: string;
  findings?: string;
  github?: boolean;
  failOn: Severity | 'none';
  year?: string;
  tz?: string;
  shard?: string;
  verifyPrs?: boolean;
}

/** Reads and checks a state file written by `imagegate collect`. */
export async function readStateFile(path: string): Promise<StateFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err: unknown) {
    throw new InputError(path, undefined, `cannot read the state file: ${err instanceof Error ? err.message : String(err)}`, {
      hint: 'write one with `imagegate collect --out FILE`, or use --collect',
    });
  }
  return parseStateFile(path, text);
}

export interface ReconcileRun {
  model: RepoModel;
  ledger: Ledger;
  result: ReconcileResult;
  file: FindingsFile;
  markdown: string;
}

export interface ReconcileRepoOptions {
  repoDir: string;
  ref: string;
  /** Collected state, or a function that collects it from the loaded model (`--collect`). */
  states: StateFile | ((model: RepoModel) => Promise<StateFile>);
  eventFiles: string[];
  at: string;
  generatedAt: string;
  year?: number;
  tz?: string;
  repoUrl?: string;
  /** Checks the ledger's pull-request claims with GitHub (in place) before anything is judged. */
  confirmPrs?: (authorizations: Authorization[], at: string) => Promise<void>;
  /** Reconcile only this shard's devices (`--shard i/n`); events of unknown hosts go to shard 1 alone. */
  shard?: Shard;
  /** Loader and ledger problems go here (as text for people). */
  warn(line: string): void;
}

/** The whole pipeline below the CLI: git model and ledger, events, reconcile, rendered reports. */
export async function reconcileRepo(o: ReconcileRepoOptions): Promise<ReconcileRun> {
  const git = new GitRepo(o.repoDir);
  const loaded = await loadGitRef(git, o.ref);
  for (const p of loaded.problems) o.warn(formatProblem(p));
  if (!loaded.model) throw new InputError(o.repoDir, undefined, `policies could not be loaded at ${o.ref}`, { hint: 'run `imagegate validate` and fix the problems above' });
  const fullLedger = await buildLedger(git, { ref: o.ref });
  if (o.confirmPrs) await o.confirmPrs(fullLedger.authorizations, o.at);
  const allDevices = loaded.model.devices;
  const { model, ledger, keepEvent, keepState } = shardView(loaded.model, fullLedger, o.shard);
  for (const p of ledger.problems) o.warn(`${p.file}${p.line ? `:${p.line}` : ''}: ledger: ${p.message} (at ${p.commit.slice(0, 12)})`);
  const summary = createSummary();
  const events = filterEvents(readEvents(o.eventFiles, {
    // all devices resolve hosts, so that another shard's device is not taken for an unknown one
    devices: allDevices,
    detection: model.policies.detection,
    summary,
    ...(o.year !== undefined ? { year: o.year } : {}),
    ...(o.tz !== undefined ? { tz: o.tz } : {}),
  }), keepEvent);
  const collected = typeof o.states === 'function' ? await o.states(model) : o.states;
  const states: StateFile = { ...collected, devices: collected.devices.filter(keepState) };
  const result = await reconcile({ model, ledger, states, events, at: o.at });
  result.coverage.eventFiles = summary.files.map((f) => ({
    path: f.path,
    lines: f.lines,
    events: f.events,
    skipped: Object.values(f.skipped).reduce((a, b) => a + b, 0),
  }));
  for (const f of summary.files) if (f.error !== undefined) o.warn(`${f.path}: ${f.error}`);
  const mdOpts = { authorizations: (d: string) => ledger.forDevice(d), ...(o.repoUrl ? { repoUrl: o.repoUrl } : {}) };
  const windows = windowVerdicts(result, ledger.authorizations);
  const file = toFindingsFile(result, o.generatedAt, windows);
  if (o.shard) file.shard = o.shard;
  const markdown = renderMarkdown({ at: result.at, findings: result.findings, suppressedCount: result.suppressed.length, coverage: result.coverage, windows }, mdOpts);
  return { model, ledger, result, file, markdown };
}

/** The slice of model, ledger, events and state one shard reconciles; the identity when there is no shard. */
function shardView(full: RepoModel, fullLedger: Ledger, shard: Shard | undefined) {
  if (!shard) return { model: full, ledger: fullLedger, keepEvent: () => true, keepState: () => true };
  const mine = new Set(full.devices.filter((d) => inShard(d.name, shard)).map((d) => d.name.toLowerCase()));
  const owns = (name: string): boolean => mine.has(name.toLowerCase());
  const authorizations = fullLedger.authorizations.filter((a) => owns(a.device));
  // the full ledger's lookups (forDevice, contextOf) stay; only the list that windows and verdicts walk is cut
  const ledger: Ledger = Object.assign(Object.create(fullLedger) as Ledger, { authorizations });
  return {
    model: { ...full, devices: full.devices.filter((d) => owns(d.name)) },
    ledger,
    keepEvent: (e: DeviceEvent) => (e.device === null ? shard.index === 1 : owns(e.device)),
    keepState: (s: { device: string }) => owns(s.device),
  };
}

async function* filterEvents(events: AsyncIterable<DeviceEvent>, keep: (e: DeviceEvent) => boolean): AsyncGenerator<DeviceEvent> {
  for await (const e of events) if (keep(e)) yield e;
}

function parseAt(at: string | undefined): string {
  if (at === undefined) return new Date().toISOString();
  const t = Date.parse(at);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at)) {
    throw new UsageError(`--at "${at}" is not an ISO 8601 time with a zone`, { hint: 'e.g. --at 2026-12-05T08:00:00Z' });
  }
  return new Date(t).toISOString();
}

async function writeOut(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** The client and repository that `--github` and `--verify-prs` talk to, from the environment only. */
function gitHubContext(io: Io, flag: string): { client: ReturnType<typeof createOctokit>; owner: string; repo: string } {
  const token = io.env['GITHUB_TOKEN'];
  const repository = io.env['GITHUB_REPOSITORY'];
  if (!token) throw new UsageError(`${flag} needs GITHUB_TOKEN in the environment`, { hint: 'in Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}' });
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository ?? '');
  if (!m?.[1] || !m[2]) throw new UsageError(`${flag} needs GITHUB_REPOSITORY=owner/name in the environment`, { hint: 'Actions sets it; set it yourself elsewhere' });
  const client = createOctokit({
    token,
    ...(io.env['GITHUB_API_URL'] ? { baseUrl: io.env['GITHUB_API_URL'] } : {}),
    ...(io.env['IMAGEGATE_GITHUB_NO_WAIT'] === '1' ? { noWait: true } : {}),
    onNotice: (msg) => io.stderr(redact(`imagegate: github: ${msg}\n`, io.env)),
  });
  return { client, owner: m[1], repo: m[2] };
}

/** `--verify-prs`: each recent authorization's pull request, as GitHub itself records it (read-only). */
export function confirmPrsWithGitHub(io: Io, flag: string): (authorizations: Authorization[], at: string) => Promise<void> {
  const { client, owner, repo } = gitHubContext(io, flag);
  return async (authorizations, at) => {
    const r = await confirmPullRequests(authorizations, at, (sha) => pullsForCommit(client, { owner, repo }, sha));
    io.stderr(`imagegate: github: ${r.checked} recent changes checked against their pull requests, ${r.unconfirmed} not confirmed\n`);
  };
}

/** Files, updates and closes the issues of a reconcile result (also of merged shards: `imagegate merge --github`). */
export async function syncGitHub(run: Pick<ReconcileRun, 'result' | 'ledger'>, io: Io): Promise<IssueSyncResult> {
  const { client, owner, repo } = gitHubContext(io, '--github');
  const viewer = await getViewerLogin(client);
  const at = run.result.at;
  const repoUrl = `${(io.env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/$/, '')}/${owner}/${repo}`;
  const mdOpts = { authorizations: (d: string) => run.ledger.forDevice(d), repoUrl };
  return syncFindingIssues({
    client,
    repo: { owner, repo },
    items: run.result.findings.map((f) => issueItem(f, at, mdOpts)),
    unverifiedDevices: run.result.coverage.unverified.map((u) => u.device),
    windows: windowVerdicts(run.result, run.ledger.authorizations),
    resolvedComment: resolvedComment(at),
    viewer,
    ...(io.env['IMAGEGATE_GITHUB_NO_WAIT'] === '1' ? { writeIntervalMs: 0 } : {}),
  });
}

export function syncSummary(s: IssueSyncResult): string {
  return (
    `imagegate: github: ${s.created.length} created, ${s.updated.length} updated, ${s.reopened.length} reopened, ${s.closed.length} closed, ` +
    `${s.suppressed.length} suppressed (closed as not planned), ${s.windowsClosed.length} change windows verified\n`
  );
}

export function exitCodeFor(severities: Severity[], failOn: Severity | 'none'): number {
  if (failOn === 'none') return EXIT_OK;
  const min = SEVERITIES.indexOf(failOn);
  return severities.some((s) => SEVERITIES.indexOf(s) >= min) ? EXIT_FINDINGS : EXIT_OK;
}

async function run(opts: Options, io: Io): Promise<number> {
  if (opts.collect && opts.state) throw new UsageError('give either --state FILE or --collect, not both');
  if (!opts.collect && !opts.state) throw new UsageError('reconcile needs --state FILE (or --collect)', { hint: 'write one with `imagegate collect --out state.json`' });
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1970 && year <= 9999)) throw new UsageError(`--year "${opts.year}" is not a year`);
  const at = parseAt(opts.at);
  const sshConfig = opts.sshConfig === undefined ? undefined : resolve(io.cwd, opts.sshConfig);
  const states = opts.state
    ? await readStateFile(resolve(io.cwd, opts.state))
    : (model: RepoModel) => collect(model.devices, model.catalog, { env: io.env, ...(sshConfig !== undefined ? { sshConfig } : {}) });
  const warn = (line: string): void => io.stderr(redact(`imagegate: warning: ${line}\n`, io.env));
  const r = await reconcileRepo({
    repoDir: resolve(io.cwd, opts.repo),
    ref: opts.ref,
    states,
    eventFiles: expandGlobs(opts.events ?? [], io.cwd),
    at,
    generatedAt: new Date().toISOString(),
    warn,
    ...(year !== undefined ? { year } : {}),
    ...(opts.tz !== undefined ? { tz: opts.tz } : {}),
    ...(opts.shard !== undefined ? { shard: parseShard(opts.shard) } : {}),
    // with a token, the ledger's pull-request claims are checked with GitHub before anything is judged
    ...(opts.github || opts.verifyPrs ? { confirmPrs: confirmPrsWithGitHub(io, opts.github ? '--github' : '--verify-prs') } : {}),
  });
  const text = opts.format === 'json' ? renderJson(r.file) : redact(r.markdown, io.env);
  if (opts.out) await writeOut(resolve(io.cwd, opts.out), text);
  else io.stdout(text);
  if (opts.github) {
    // the findings are on disk before GitHub is asked anything: a failing API loses nothing
    const findingsPath = resolve(io.cwd, opts.findings ?? (opts.out && opts.format === 'json' ? opts.out : 'imagegate-findings.json'));
    if (!(opts.out && opts.format === 'json' && findingsPath === resolve(io.cwd, opts.out))) await writeOut(findingsPath, renderJson(r.file));
    io.stderr(syncSummary(await syncGitHub(r, io)));
  }
  const counts = SEVERITIES.slice()
    .reverse()
    .map((s) => [s, r.result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  io.stderr(
    `imagegate reconcile: ${r.result.findings.length} findings${counts.length ? ` (${counts.join(', ')})` : ''}, ` +
      `${r.result.coverage.verified}/${r.result.coverage.devicesExpected} devices verified\n`,
  );
  return exitCodeFor(
    r.result.findings.map((f) => f.severity),
    opts.failOn,
  );
}

export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  register(program: Command, io: Io, done) {
    program
      .command('reconcile')
      .description('compare live state and device logs with what git approved; report findings (exit 1 at or above --fail-on, 2 bad input)')
      .option('--repo <dir>', 'repository root (a git repository)', '.')
      .option('--ref <ref>', 'branch or commit whose policies, devices and history count', 'HEAD')
      .option('--state <file>', 'state file written by `imagegate collect`')
      .option('--collect', 'collect live state over SSH first instead of --state')
      .option('--ssh-config <file>', 'OpenSSH-style config for --collect')
      .option('--events <files...>', 'log files or globs, .gz too (syslog, TACACS+, tftpd, xferlog, Zeek) or NDJSON from `imagegate events`')
      .option('--at <iso>', 'reconcile as of this time (default: now)')
      .addOption(new Option('--format <format>', 'report format').choices(['md', 'json']).default('md'))
      .option('--out <file>', 'write the report here instead of stdout')
      .option('--findings <file>', 'with --github: where the findings JSON is written before any API call (default imagegate-findings.json)')
      .option('--github', 'file, update and close GitHub issues (GITHUB_TOKEN, GITHUB_REPOSITORY from the environment)')
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES, 'none']).default('high'))
      .option('--year <year>', 'year for log time stamps that have none')
      .option('--tz <zone>', 'IANA zone for log time stamps without one (devices without a timezone)')
      .option('--verify-prs', 'check with GitHub (read-only) that each recent change came through the merged pull request its commit names; implied by --github')
      .option('--shard <i/n>', 'reconcile only shard i of n (stable by device name hash); join the shards with `imagegate merge`')
      .action((opts: Options) => done(run(opts, io)));
  },
};
