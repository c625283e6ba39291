/**
 * A local fake of the GitHub REST API (127.0.0.1 only) for tests of everything that talks to GitHub.
 * Every request and response is validated against GitHub's official OpenAPI description
 * (see fake-github-openapi.ts): a fake answer that drifts from the real API shows up in `violations`,
 * and tests assert that list is empty. An operation the fake lacks is added where it is needed:
 *
 *   fake.route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', (req) => {
 *     const repo = req.repo;            // the in-memory repository named by {owner}/{repo}, if any
 *     ...                               // req.params, req.query, req.body, req.actor
 *     return { status: 200, body: [...] };
 *   });
 *
 * The path must be GitHub's OpenAPI template (the route is refused otherwise); the request and the answer
 * are validated against that operation like the built-in ones.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { operation, validateRequest, validateResponse, type CompiledOperation } from './fake-github-openapi.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface FakeRequest {
  method: string;
  /** The OpenAPI template that matched, e.g. `/repos/{owner}/{repo}/issues`. */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The account the token belongs to. */
  actor: FakeAccount;
  repo: FakeRepo | undefined;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (req: FakeRequest, fake: FakeGitHub) => FakeResponse | Promise<FakeResponse>;

export interface FakeAccount {
  login: string;
  id: number;
  type: 'User' | 'Bot';
  /** `installation` mimics GITHUB_TOKEN / app tokens: no `GET /user`, and org team reads only with `readOrg`. */
  kind: 'user' | 'installation';
  /** Whether the token may read organization team membership (members:read / read:org). */
  readOrg: boolean;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  draft: boolean;
  labels: string[];
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  files: { filename: string; status: 'added' | 'removed' | 'modified' | 'renamed'; additions: number; deletions: number }[];
  createdAt: string;
  updatedAt: string;
  /** Set for a merged pull request: the commit the merge left on the base branch, and when. */
  mergeCommitSha?: string | null;
  mergedAt?: string | null;
}

export interface FakeReview {
  id: number;
  pullNumber: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commitId: string;
  body: string;
  submittedAt: string;
}

export interface FakeRepo {
  owner: string;
  name: string;
  id: number;
  issues: Map<number, FakeIssue>;
  comments: Map<number, FakeComment>;
  labels: Map<string, FakeLabel>;
  pulls: Map<number, FakePull>;
  reviews: FakeReview[];
  nextNumber: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  route: string | undefined;
  body: unknown;
  status: number;
  injected: boolean;
}

export interface FaultOptions {
  /** Only requests whose `METHOD /path` matches are failed (default: any request). */
  match?: RegExp;
  /** Response body (default: a GitHub error object fitting the status). */
  body?: unknown;
}

interface Fault {
  remaining: number;
  status: number | 'timeout';
  headers: Record<string, string>;
  options: FaultOptions;
}

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  handler: FakeHandler;
  op: CompiledOperation;
}

export interface FakeGitHub {
  /** API root for `createOctokit({ baseUrl })`. */
  readonly url: string;
  /** A user token (`tokenFor('alice')`), accepted by default and allowed to read org teams. */
  readonly token: string;
  readonly requests: LoggedRequest[];
  readonly violations: string[];
  /** Registers a token for an account (created if new). */
  addToken(token: string, account: Partial<FakeAccount> & { login: string }): FakeAccount;
  account(login: string, type?: 'User' | 'Bot'): FakeAccount;
  repo(fullName: string): FakeRepo;
  addTeamMember(org: string, teamSlug: string, login: string, role?: 'member' | 'maintainer'): void;
  teamMembers(org: string, teamSlug: string): Map<string, 'member' | 'maintainer'>;
  addPull(fullName: string, pull: Partial<FakePull> & { user: string; head: { ref: string; sha: string } }): FakePull;
  addReview(fullName: string, review: Omit<FakeReview, 'id' | 'submittedAt'> & { submittedAt?: string }): FakeReview;
  /** The next `n` requests (matching `options.match`) answer `status` (or hang, for `'timeout'`). */
  failNext(n: number, status: number | 'timeout', headers?: Record<string, string>, options?: FaultOptions): void;
  /** Adds or replaces the handler of an operation; `path` must be a GitHub OpenAPI path template. */
  route(method: string, path: string, handler: FakeHandler): void;
  /** The clock the fake stamps objects with (ISO, seconds precision). */
  now(): string;
  setNow(iso: string | undefined): void;
  userJson(login: string): { [key: string]: JsonValue };
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function pageOf<T>(items: T[], query: URLSearchParams, selfUrl: URL): { page: T[]; link: string | undefined } {
  const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
  const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const at = (p: number): string => {
    const u = new URL(selfUrl.href);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return u.href;
  };
  const links: string[] = [];
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
  return { page: slice, link: links.length > 0 ? links.join(', ') : undefined };
}

function errorBody(status: number, message?: string): { message: string; documentation_url: string; status: string } {
  const defaults: Record<number, string> = {
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    422: 'Validation Failed',
    500: 'Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return { message: message ?? defaults[status] ?? 'Error', documentation_url: DOCS, status: String(status) };
}

export function errorResponse(status: number, message?: string): FakeResponse {
  return { status, body: errorBody(status, message) };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  return JSON.parse(text) as unknown;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let fixedNow: string | undefined;
  let nextId = 1000;
  const id = (): number => ++nextId;
  const accounts = new Map<string, FakeAccount>();
  const tokens = new Map<string, FakeAccount>();
  const repos = new Map<string, FakeRepo>();
  const teams = new Map<string, Map<string, 'member' | 'maintainer'>>();
  const requests: LoggedRequest[] = [];
  const violations: string[] = [];
  const faults: Fault[] = [];
  const routes: Route[] = [];
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let base = '';

  const now = (): string => fixedNow ?? isoSeconds(new Date());

  const account = (login: string, type?: 'User' | 'Bot'): FakeAccount => {
    let a = accounts.get(login);
    if (!a) {
      const bot = type === 'Bot' || login.endsWith('[bot]');
      a = { login, id: id(), type: bot ? 'Bot' : 'User', kind: 'user', readOrg: true };
      accounts.set(login, a);
    }
    return a;
  };

  const userJson = (login: string): { [key: string]: JsonValue } => {
    const a = account(login);
    const u = `${base}/users/${encodeURIComponent(login)}`;
    return {
      login: a.login,
      id: a.id,
      node_id: `U_${a.id}`,
      avatar_url: `${base}/avatars/${a.id}`,
      gravatar_id: '',
      url: u,
      html_url: `${base}/${encodeURIComponent(login)}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      type: a.type,
      site_admin: false,
    };
  };

  const repo = (fullName: string): FakeRepo => {
    let r = repos.get(fullName);
    if (!r) {
      const [owner, name] = fullName.split('/');
      if (!owner || !name) throw new Error(`fake GitHub: repository "${fullName}" is not owner/name`);
      r = { owner, name, id: id(), issues: new Map(), comments: new Map(), labels: new Map(), pulls: new Map(), reviews: [], nextNumber: 1 };
      repos.set(fullName, r);
    }
    return r;
  };

  const repoUrl = (r: FakeRepo): string => `${base}/repos/${r.owner}/${r.name}`;
  const htmlUrl = (r: FakeRepo): string => `${base}/${r.owner}/${r.name}`;

  const labelJson = (r: FakeRepo, name: string): { [key: string]: JsonValue } => {
    const l = r.labels.get(name) ?? { id: 0, name, color: 'ededed', description: null };
    return {
      id: l.id,
      node_id: `LA_${l.id}`,
      url: `${repoUrl(r)}/labels/${encodeURIComponent(name)}`,
      name: l.name,
      description: l.description,
      color: l.color,
      default: false,
    };
  };

  const ensureLabel = (r: FakeRepo, name: string): void => {
    if (!r.labels.has(name)) r.labels.set(name, { id: id(), name, color: 'ededed', description: null });
  };

  const issueJson = (r: FakeRepo, i: FakeIssue): { [key: string]: JsonValue } => {
    const u = `${repoUrl(r)}/issues/${i.number}`;
    const pull = r.pulls.get(i.number);
    const comments = [...r.comments.values()].filter((c) => c.issueNumber === i.number).length;
    return {
      id: i.number * 7 + r.id,
      node_id: `I_${r.id}_${i.number}`,
      url: u,
      repository_url: repoUrl(r),
      labels_url: `${u}/labels{/name}`,
      comments_url: `${u}/comments`,
      events_url: `${u}/events`,
      html_url: `${htmlUrl(r)}/${pull ? 'pull' : 'issues'}/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: userJson(i.user),
      labels: i.labels.map((l) => labelJson(r, l)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      comments,
      closed_at: i.closedAt,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      author_association: 'MEMBER',
      ...(pull
        ? {
            pull_request: {
              url: `${repoUrl(r)}/pulls/${i.number}`,
              html_url: `${htmlUrl(r)}/pull/${i.number}`,
              diff_url: `${htmlUrl(r)}/pull/${i.number}.diff`,
              patch_url: `${htmlUrl(r)}/pull/${i.number}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  };

  const commentJson = (r: FakeRepo, c: FakeComment): { [key: string]: JsonValue } => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${repoUrl(r)}/issues/comments/${c.id}`,
    html_url: `${htmlUrl(r)}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoUrl(r)}/issues/${c.issueNumber}`,
    body: c.body,
    user: userJson(c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: 'MEMBER',
  });

  const repositoryJson = (r: FakeRepo): { [key: string]: JsonValue } => {
    const u = repoUrl(r);
    return {
      id: r.id,
      node_id: `R_${r.id}`,
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      owner: userJson(r.owner),
      private: true,
      html_url: htmlUrl(r),
      description: null,
      fork: false,
      url: u,
      archive_url: `${u}/{archive_format}{/ref}`,
      assignees_url: `${u}/assignees{/user}`,
      blobs_url: `${u}/git/blobs{/sha}`,
      branches_url: `${u}/branches{/branch}`,
      collaborators_url: `${u}/collaborators{/collaborator}`,
      comments_url: `${u}/comments{/number}`,
      commits_url: `${u}/commits{/sha}`,
      compare_url: `${u}/compare/{base}...{head}`,
      contents_url: `${u}/contents/{+path}`,
      contributors_url: `${u}/contributors`,
      deployments_url: `${u}/deployments`,
      downloads_url: `${u}/downloads`,
      events_url: `${u}/events`,
      forks_url: `${u}/forks`,
      git_commits_url: `${u}/git/commits{/sha}`,
      git_refs_url: `${u}/git/refs{/sha}`,
      git_tags_url: `${u}/git/tags{/sha}`,
      git_url: `git://127.0.0.1/${r.owner}/${r.name}.git`,
      issue_comment_url: `${u}/issues/comments{/number}`,
      issue_events_url: `${u}/issues/events{/number}`,
      issues_url: `${u}/issues{/number}`,
      keys_url: `${u}/keys{/key_id}`,
      labels_url: `${u}/labels{/name}`,
      languages_url: `${u}/languages`,
      merges_url: `${u}/merges`,
      milestones_url: `${u}/milestones{/number}`,
      notifications_url: `${u}/notifications{?since,all,participating}`,
      pulls_url: `${u}/pulls{/number}`,
      releases_url: `${u}/releases{/id}`,
      ssh_url: `git@127.0.0.1:${r.owner}/${r.name}.git`,
      stargazers_url: `${u}/stargazers`,
      statuses_url: `${u}/statuses/{sha}`,
      subscribers_url: `${u}/subscribers`,
      subscription_url: `${u}/subscription`,
      tags_url: `${u}/tags`,
      teams_url: `${u}/teams`,
      trees_url: `${u}/git/trees{/sha}`,
      clone_url: `${htmlUrl(r)}.git`,
      mirror_url: null,
      hooks_url: `${u}/hooks`,
      svn_url: htmlUrl(r),
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 1,
      default_branch: 'main',
      open_issues: 0,
      open_issues_count: 0,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: false,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: now(),
      created_at: '2026-01-05T09:00:00Z',
      updated_at: now(),
    };
  };

  const pullJson = (r: FakeRepo, p: FakePull): { [key: string]: JsonValue } => {
    const u = `${repoUrl(r)}/pulls/${p.number}`;
    const link = (href: string): { href: string } => ({ href });
    const side = (s: { ref: string; sha: string }): { [key: string]: JsonValue } => ({
      label: `${r.owner}:${s.ref}`,
      ref: s.ref,
      sha: s.sha,
      user: userJson(r.owner),
      repo: repositoryJson(r),
    });
    return {
      url: u,
      id: p.number * 11 + r.id,
      node_id: `PR_${r.id}_${p.number}`,
      html_url: `${htmlUrl(r)}/pull/${p.number}`,
      diff_url: `${htmlUrl(r)}/pull/${p.number}.diff`,
      patch_url: `${htmlUrl(r)}/pull/${p.number}.patch`,
      issue_url: `${repoUrl(r)}/issues/${p.number}`,
      commits_url: `${u}/commits`,
      review_comments_url: `${u}/comments`,
      review_comment_url: `${repoUrl(r)}/pulls/comments{/number}`,
      comments_url: `${repoUrl(r)}/issues/${p.number}/comments`,
      statuses_url: `${repoUrl(r)}/statuses/${p.head.sha}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: userJson(p.user),
      body: p.body,
      labels: p.labels.map((l) => labelJson(r, l)),
      milestone: null,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: null,
      merged_at: p.mergedAt ?? null,
      merge_commit_sha: p.mergeCommitSha ?? null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(p.head),
      base: side(p.base),
      _links: {
        self: link(u),
        html: link(`${htmlUrl(r)}/pull/${p.number}`),
        issue: link(`${repoUrl(r)}/issues/${p.number}`),
        comments: link(`${repoUrl(r)}/issues/${p.number}/comments`),
        review_comments: link(`${u}/comments`),
        review_comment: link(`${repoUrl(r)}/pulls/comments{/number}`),
        commits: link(`${u}/commits`),
        statuses: link(`${repoUrl(r)}/statuses/${p.head.sha}`),
      },
      author_association: 'MEMBER',
      auto_merge: null,
      draft: p.draft,
      merged: false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments: [...r.comments.values()].filter((c) => c.issueNumber === p.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: p.files.reduce((s, f) => s + f.additions, 0),
      deletions: p.files.reduce((s, f) => s + f.deletions, 0),
      changed_files: p.files.length,
    };
  };

  const reviewJson = (r: FakeRepo, v: FakeReview): { [key: string]: JsonValue } => ({
    id: v.id,
    node_id: `PRR_${v.id}`,
    user: userJson(v.user),
    body: v.body,
    state: v.state,
    html_url: `${htmlUrl(r)}/pull/${v.pullNumber}#pullrequestreview-${v.id}`,
    pull_request_url: `${repoUrl(r)}/pulls/${v.pullNumber}`,
    _links: {
      html: { href: `${htmlUrl(r)}/pull/${v.pullNumber}#pullrequestreview-${v.id}` },
      pull_request: { href: `${repoUrl(r)}/pulls/${v.pullNumber}` },
    },
    submitted_at: v.submittedAt,
    commit_id: v.commitId,
    author_association: 'MEMBER',
  });

  const list = (items: unknown[], req: FakeRequest, path: string): FakeResponse => {
    const self = new URL(`${base}${path}`);
    for (const [k, v] of req.query) self.searchParams.append(k, v);
    const { page, link } = pageOf(items, req.query, self);
    return { status: 200, body: page, ...(link ? { headers: { link } } : {}) };
  };

  const stringField = (body: unknown, key: string): string | undefined => {
    if (typeof body !== 'object' || body === null) return undefined;
    const v = (body as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  };
  const field = (body: unknown, key: string): unknown =>
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  const labelNames = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.map((l) => (typeof l === 'string' ? l : stringField(l, 'name') ?? '')).filter((l) => l !== '')
      : [];

  const fake: FakeGitHub = {
    get url() {
      return base;
    },
    token: 'ghp_fakeTokenForTestsOnly0000000000000000',
    requests,
    violations,
    addToken(token, partial) {
      const a = { ...account(partial.login, partial.type), ...partial };
      accounts.set(a.login, a);
      tokens.set(token, a);
      return a;
    },
    account,
    repo,
    addTeamMember(org, teamSlug, login, role = 'member') {
      account(login);
      fake.teamMembers(org, teamSlug).set(login, role);
    },
    teamMembers(org, teamSlug) {
      const key = `${org}/${teamSlug}`;
      let t = teams.get(key);
      if (!t) {
        t = new Map();
        teams.set(key, t);
      }
      return t;
    },
    addPull(fullName, partial) {
      const r = repo(fullName);
      account(partial.user);
      const number = partial.number ?? r.nextNumber;
      r.nextNumber = Math.max(r.nextNumber, number + 1);
      const stamp = now();
      const p: FakePull = {
        number,
        title: partial.title ?? `PR ${number}`,
        body: partial.body ?? null,
        user: partial.user,
        state: partial.state ?? 'open',
        draft: partial.draft ?? false,
        labels: partial.labels ?? [],
        base: partial.base ?? { ref: 'main', sha: '0'.repeat(40) },
        head: partial.head,
        files: partial.files ?? [],
        createdAt: partial.createdAt ?? stamp,
        updatedAt: partial.updatedAt ?? stamp,
        mergeCommitSha: partial.mergeCommitSha ?? null,
        mergedAt: partial.mergedAt ?? null,
      };
      for (const l of p.labels) ensureLabel(r, l);
      r.pulls.set(number, p);
      r.issues.set(number, {
        number,
        title: p.title,
        body: p.body,
        state: p.state,
        stateReason: null,
        labels: p.labels,
        user: p.user,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
        closedAt: null,
      });
      return p;
    },
    addReview(fullName, partial) {
      const r = repo(fullName);
      account(partial.user);
      const v: FakeReview = { ...partial, id: id(), submittedAt: partial.submittedAt ?? now() };
      r.reviews.push(v);
      return v;
    },
    failNext(n, status, headers = {}, options = {}) {
      faults.push({ remaining: n, status, headers, options });
    },
    route(method, path, handler) {
      const op = operation(method, path);
      const keys: string[] = [];
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, key: string) => {
        keys.push(key);
        return '([^/]+)';
      });
      const existing = routes.findIndex((r) => r.method === op.method && r.template === path);
      const entry: Route = { method: op.method, template: path, regex: new RegExp(`^${pattern}$`), keys, handler, op };
      if (existing >= 0) routes[existing] = entry;
      else routes.push(entry);
    },
    now,
    setNow(iso) {
      fixedNow = iso;
    },
    userJson,
    async close() {
      for (const res of hanging) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  fake.addToken(fake.token, { login: 'imagegate-bot', kind: 'user', readOrg: true });

  // Built-in operations: the ones the gate, the ledger and the reconciler share.
  const needRepo = (req: FakeRequest): FakeRepo => {
    if (!req.repo) throw new FakeHttpError(404);
    return req.repo;
  };
  const needIssue = (r: FakeRepo, raw: string | undefined): FakeIssue => {
    const i = r.issues.get(Number(raw));
    if (!i) throw new FakeHttpError(404);
    return i;
  };

  fake.route('GET', '/user', (req) => {
    if (req.actor.kind === 'installation') return errorResponse(403, 'Resource not accessible by integration');
    const u = userJson(req.actor.login);
    return {
      status: 200,
      body: {
        ...u,
        name: null,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2026-01-05T09:00:00Z',
        updated_at: '2026-01-05T09:00:00Z',
      },
    };
  });

  fake.route('GET', '/repos/{owner}/{repo}/issues', (req) => {
    const r = needRepo(req);
    const state = req.query.get('state') ?? 'open';
    const wanted = (req.query.get('labels') ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
    const items = [...r.issues.values()]
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => wanted.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number)
      .map((i) => issueJson(r, i));
    return list(items, req, `/repos/${r.owner}/${r.name}/issues`);
  });

  fake.route('POST', '/repos/{owner}/{repo}/issues', (req) => {
    const r = needRepo(req);
    const title = field(req.body, 'title');
    if (title === undefined || title === '') return errorResponse(422);
    const labels = labelNames(field(req.body, 'labels'));
    for (const l of labels) ensureLabel(r, l);
    const stamp = now();
    const i: FakeIssue = {
      number: r.nextNumber++,
      title: String(title),
      body: stringField(req.body, 'body') ?? null,
      state: 'open',
      stateReason: null,
      labels,
      user: req.actor.login,
      createdAt: stamp,
      updatedAt: stamp,
      closedAt: null,
    };
    r.issues.set(i.number, i);
    return { status: 201, body: issueJson(r, i), headers: { location: `${repoUrl(r)}/issues/${i.number}` } };
  });

  fake.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (req) => {
    const r = needRepo(req);
    return { status: 200, body: issueJson(r, needIssue(r, req.params['issue_number'])) };
  });

  fake.route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', (req) => {
    const r = needRepo(req);
    const i = needIssue(r, req.params['issue_number']);
    const title = field(req.body, 'title');
    if (typeof title === 'string' || typeof title === 'number') i.title = String(title);
    const body = field(req.body, 'body');
    if (typeof body === 'string' || body === null) i.body = body;
    const state = field(req.body, 'state');
    if (state === 'open' || state === 'closed') {
      if (state !== i.state) i.closedAt = state === 'closed' ? now() : null;
      i.state = state;
      const reason = field(req.body, 'state_reason');
      i.stateReason = reason === 'completed' || reason === 'not_planned' || reason === 'reopened' ? reason : state === 'closed' ? 'completed' : 'reopened';
    }
    const labels = field(req.body, 'labels');
    if (Array.isArray(labels)) {
      i.labels = labelNames(labels);
      for (const l of i.labels) ensureLabel(r, l);
    }
    i.updatedAt = now();
    return { status: 200, body: issueJson(r, i) };
  });

  fake.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
    const r = needRepo(req);
    const i = needIssue(r, req.params['issue_number']);
    const items = [...r.comments.values()].filter((c) => c.issueNumber === i.number).map((c) => commentJson(r, c));
    return list(items, req, `/repos/${r.owner}/${r.name}/issues/${i.number}/comments`);
  });

  fake.route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
    const r = needRepo(req);
    const i = needIssue(r, req.params['issue_number']);
    const body = stringField(req.body, 'body');
    if (body === undefined) return errorResponse(422);
    const stamp = now();
    const c: FakeComment = { id: id(), issueNumber: i.number, body, user: req.actor.login, createdAt: stamp, updatedAt: stamp };
    r.comments.set(c.id, c);
    return { status: 201, body: commentJson(r, c), headers: { location: `${repoUrl(r)}/issues/comments/${c.id}` } };
  });

  fake.route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (req) => {
    const r = needRepo(req);
    const c = r.comments.get(Number(req.params['comment_id']));
    if (!c) return errorResponse(404);
    if (c.user !== req.actor.login) return errorResponse(403, 'Resource not accessible by integration');
    const body = stringField(req.body, 'body');
    if (body === undefined) return errorResponse(422);
    c.body = body;
    c.updatedAt = now();
    return { status: 200, body: commentJson(r, c) };
  });

  fake.route('GET', '/repos/{owner}/{repo}/labels', (req) => {
    const r = needRepo(req);
    return list([...r.labels.keys()].map((n) => labelJson(r, n)), req, `/repos/${r.owner}/${r.name}/labels`);
  });

  fake.route('POST', '/repos/{owner}/{repo}/labels', (req) => {
    const r = needRepo(req);
    const name = stringField(req.body, 'name');
    if (!name) return errorResponse(422);
    if (r.labels.has(name)) return { status: 422, body: { ...errorBody(422), errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] } };
    r.labels.set(name, {
      id: id(),
      name,
      color: stringField(req.body, 'color') ?? 'ededed',
      description: stringField(req.body, 'description') ?? null,
    });
    return { status: 201, body: labelJson(r, name) };
  });

  fake.route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (req) => {
    const r = needRepo(req);
    const i = needIssue(r, req.params['issue_number']);
    const raw = Array.isArray(req.body) ? req.body : field(req.body, 'labels');
    for (const l of labelNames(raw)) {
      ensureLabel(r, l);
      if (!i.labels.includes(l)) i.labels.push(l);
    }
    return { status: 200, body: i.labels.map((l) => labelJson(r, l)) };
  });

  fake.route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', (req) => {
    const r = needRepo(req);
    const p = r.pulls.get(Number(req.params['pull_number']));
    return p ? { status: 200, body: pullJson(r, p) } : errorResponse(404);
  });

  // pull requests a commit belongs to: merged ones by their merge commit, open ones by their head
  fake.route('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', (req) => {
    const r = needRepo(req);
    const sha = req.params['commit_sha'] ?? '';
    const items = [...r.pulls.values()].filter((p) => p.mergeCommitSha === sha || p.head.sha === sha).map((p) => pullJson(r, p));
    return list(items, req, `/repos/${r.owner}/${r.name}/commits/${sha}/pulls`);
  });

  fake.route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', (req) => {
    const r = needRepo(req);
    const n = Number(req.params['pull_number']);
    if (!r.pulls.has(n)) return errorResponse(404);
    const items = r.reviews.filter((v) => v.pullNumber === n && v.state !== 'PENDING').map((v) => reviewJson(r, v));
    return list(items, req, `/repos/${r.owner}/${r.name}/pulls/${n}/reviews`);
  });

  fake.route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', (req) => {
    const r = needRepo(req);
    const n = Number(req.params['pull_number']);
    const p = r.pulls.get(n);
    if (!p) return errorResponse(404);
    const items = p.files.map((f, k) => ({
      sha: (k + 1).toString(16).padStart(40, '0'),
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.additions + f.deletions,
      blob_url: `${htmlUrl(r)}/blob/${p.head.sha}/${f.filename}`,
      raw_url: `${htmlUrl(r)}/raw/${p.head.sha}/${f.filename}`,
      contents_url: `${repoUrl(r)}/contents/${f.filename}?ref=${p.head.sha}`,
    }));
    return list(items, req, `/repos/${r.owner}/${r.name}/pulls/${n}/files`);
  });

  fake.route('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', (req) => {
    // GitHub answers an installation token without members:read like this; it never says "not a member".
    if (!req.actor.readOrg) return errorResponse(403, 'Resource not accessible by integration');
    const org = req.params['org'] ?? '';
    const slug = req.params['team_slug'] ?? '';
    const login = req.params['username'] ?? '';
    const role = teams.get(`${org}/${slug}`)?.get(login);
    if (!role) return { status: 404, body: errorBody(404) };
    return { status: 200, body: { url: `${base}/teams/${slug}/memberships/${login}`, role, state: 'active' } };
  });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-github-api-version-selected': '2022-11-28',
      ...headers,
    });
    res.end(text);
  };

  const actorId = (req: IncomingMessage): number => tokens.get((req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, ''))?.id ?? 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      violations.push(`${method} ${url.pathname}: request body is not JSON`);
      send(res, 400, errorBody(400, 'Problems parsing JSON'), {});
      return;
    }
    const matched = routes
      .filter((r) => r.method === method)
      .map((r) => ({ r, m: r.regex.exec(url.pathname) }))
      .find((x) => x.m !== null);
    const entry: LoggedRequest = { method, path: url.pathname + url.search, route: matched?.r.template, body, status: 0, injected: false };
    requests.push(entry);

    const fault = faults.find((f) => f.remaining > 0 && (!f.options.match || f.options.match.test(`${method} ${url.pathname}`)));
    if (fault) {
      fault.remaining--;
      entry.injected = true;
      if (fault.status === 'timeout') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      entry.status = fault.status;
      // GitHub's own wording: the throttling client tells the two limits apart by it and by the headers
      const primary = fault.headers['x-ratelimit-remaining'] === '0';
      const message =
        fault.status === 403 || fault.status === 429
          ? primary
            ? `API rate limit exceeded for user ID ${actorId(req)}.`
            : 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
          : undefined;
      send(res, fault.status, fault.options.body ?? errorBody(fault.status, message), fault.headers);
      return;
    }

    const auth = req.headers.authorization ?? '';
    const token = auth.replace(/^(token|bearer)\s+/i, '');
    const actor = tokens.get(token);
    if (!actor) {
      entry.status = 401;
      send(res, 401, errorBody(401), {});
      return;
    }
    if (!matched?.m) {
      violations.push(`${method} ${url.pathname}: the fake GitHub does not implement this operation (add it with fake.route)`);
      entry.status = 404;
      send(res, 404, errorBody(404), {});
      return;
    }
    const { r: route, m } = matched;
    const params: Record<string, string> = {};
    route.keys.forEach((k, idx) => {
      params[k] = decodeURIComponent(m[idx + 1] ?? '');
    });
    violations.push(...validateRequest(route.op, url.searchParams, body));
    const repoName = params['owner'] && params['repo'] ? `${params['owner']}/${params['repo']}` : undefined;
    const fakeReq: FakeRequest = {
      method,
      route: route.template,
      params,
      query: url.searchParams,
      body,
      actor,
      repo: repoName ? repos.get(repoName) : undefined,
    };
    let out: FakeResponse;
    try {
      out = await route.handler(fakeReq, fake);
    } catch (err: unknown) {
      if (err instanceof FakeHttpError) out = errorResponse(err.status);
      else {
        violations.push(`${method} ${route.template}: handler threw ${String(err)}`);
        out = errorResponse(500);
      }
    }
    violations.push(...validateResponse(route.op, out.status, out.body));
    entry.status = out.status;
    send(res, out.status, out.body, out.headers ?? {});
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      violations.push(`fake GitHub crashed: ${String(err)}`);
      if (!res.headersSent) send(res, 500, errorBody(500), {});
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake GitHub: no TCP address');
  base = `http://127.0.0.1:${address.port}`;
  return fake;
}

/** Thrown by handlers to answer with a GitHub error status. */
export class FakeHttpError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}
