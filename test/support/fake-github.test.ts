import { createOctokit } from '../../src/github/client.js';
import { GitHubError } from '../../src/errors.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.repo('acme/network');
});
afterEach(async () => {
  await fake.close();
});

const client = (token = fake.token, extra: { timeoutMs?: number; retries?: number } = {}) =>
  createOctokit({ token, baseUrl: fake.url, noWait: true, ...extra });

test('issues, labels and comments round-trip with responses that match GitHub\'s OpenAPI description', async () => {
  const gh = client();
  await gh.rest.issues.createLabel({ owner: 'acme', repo: 'network', name: 'imagegate', color: 'b60205' });
  const created = await gh.rest.issues.create({ owner: 'acme', repo: 'network', title: 'drift on core-01', body: 'x', labels: ['imagegate'] });
  expect(created.data.number).toBe(1);
  await gh.rest.issues.create({ owner: 'acme', repo: 'network', title: 'unlabelled' });
  const labelled = await gh.rest.issues.listForRepo({ owner: 'acme', repo: 'network', labels: 'imagegate', state: 'all' });
  expect(labelled.data.map((i) => i.title)).toEqual(['drift on core-01']);
  for (let k = 0; k < 7; k++) await gh.rest.issues.createComment({ owner: 'acme', repo: 'network', issue_number: 1, body: `c${k}` });
  const comments = await gh.paginate(gh.rest.issues.listComments, { owner: 'acme', repo: 'network', issue_number: 1, per_page: 3 });
  expect(comments.map((c) => c.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  const first = comments[0];
  if (!first) throw new Error('no comment');
  await gh.rest.issues.updateComment({ owner: 'acme', repo: 'network', comment_id: first.id, body: 'edited' });
  await gh.rest.issues.update({ owner: 'acme', repo: 'network', issue_number: 1, state: 'closed', state_reason: 'completed' });
  const closed = await gh.rest.issues.get({ owner: 'acme', repo: 'network', issue_number: 1 });
  expect(closed.data.state).toBe('closed');
  expect(fake.requests.filter((r) => r.route === '/repos/{owner}/{repo}/issues/{issue_number}/comments' && r.method === 'GET')).toHaveLength(3);
  expect(fake.violations).toEqual([]);
});

test('pulls, reviews, files, team membership and the viewer validate against the OpenAPI description', async () => {
  fake.addPull('acme/network', { number: 7, user: 'alice', head: { ref: 'upgrade', sha: 'a'.repeat(40) }, files: [{ filename: 'devices/dc1/core-01.yaml', status: 'modified', additions: 3, deletions: 1 }] });
  fake.addReview('acme/network', { pullNumber: 7, user: 'bob', state: 'APPROVED', commitId: 'a'.repeat(40), body: '' });
  fake.addTeamMember('acme', 'netops', 'bob');
  const gh = client();
  expect((await gh.rest.pulls.get({ owner: 'acme', repo: 'network', pull_number: 7 })).data.head.sha).toBe('a'.repeat(40));
  expect((await gh.rest.pulls.listReviews({ owner: 'acme', repo: 'network', pull_number: 7 })).data[0]?.user?.login).toBe('bob');
  expect((await gh.rest.pulls.listFiles({ owner: 'acme', repo: 'network', pull_number: 7 })).data[0]?.filename).toBe('devices/dc1/core-01.yaml');
  expect((await gh.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'netops', username: 'bob' })).data.state).toBe('active');
  await expect(gh.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'netops', username: 'carol' })).rejects.toMatchObject({ status: 404 });
  expect((await gh.rest.users.getAuthenticated()).data.login).toBe('imagegate-bot');
  expect(fake.violations).toEqual([]);
});

test('a fake answer that drifts from GitHub\'s schema is reported as a violation', async () => {
  fake.route('GET', '/user', () => ({ status: 200, body: { login: 'x' } }));
  await client().rest.users.getAuthenticated();
  expect(fake.violations.join('\n')).toMatch(/GET \/user response 200/);
});

test('a request GitHub would not understand is reported as a violation', async () => {
  await client().request('GET /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'network', colour: 'red' });
  expect(fake.violations.join('\n')).toMatch(/unknown query parameter "colour"/);
});

test('5xx answers are retried and then succeed', async () => {
  fake.failNext(2, 502);
  const r = await client().rest.issues.listForRepo({ owner: 'acme', repo: 'network' });
  expect(r.status).toBe(200);
  expect(fake.requests.map((q) => q.status)).toEqual([502, 502, 200]);
});

test('a secondary rate limit with retry-after is honoured and retried', async () => {
  fake.failNext(1, 403, { 'retry-after': '1' });
  const r = await client().rest.issues.create({ owner: 'acme', repo: 'network', title: 't' });
  expect(r.status).toBe(201);
  expect(fake.requests.map((q) => q.status)).toEqual([403, 201]);
});

test('a primary rate limit is waited out until its reset, if the reset is near', async () => {
  const soon = String(Math.floor(Date.now() / 1000) + 2);
  fake.failNext(1, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': soon });
  const r = await client().rest.issues.listForRepo({ owner: 'acme', repo: 'network' });
  expect(r.status).toBe(200);
  expect(fake.requests.map((q) => q.status)).toEqual([403, 200]);
});

test('a primary rate limit that resets in an hour fails instead of hanging the job', async () => {
  const later = String(Math.floor(Date.now() / 1000) + 3600);
  fake.failNext(1, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': later });
  const notices: string[] = [];
  const gh = createOctokit({ token: fake.token, baseUrl: fake.url, noWait: true, onNotice: (m) => notices.push(m) });
  await expect(gh.rest.issues.listForRepo({ owner: 'acme', repo: 'network' })).rejects.toMatchObject({ name: 'GitHubError', status: 403 });
  expect(notices.join('\n')).toMatch(/rate limit on GET .*giving up/);
});

test('a request that times out is retried', async () => {
  fake.failNext(1, 'timeout');
  const r = await client(fake.token, { timeoutMs: 300 }).rest.issues.listForRepo({ owner: 'acme', repo: 'network' });
  expect(r.status).toBe(200);
  expect(fake.requests).toHaveLength(2);
});

test('a failure that outlasts the retries becomes a GitHubError without the token in it', async () => {
  fake.failNext(10, 500);
  const err: unknown = await client(fake.token, { retries: 2 }).rest.issues.listForRepo({ owner: 'acme', repo: 'network' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GitHubError);
  expect((err as GitHubError).status).toBe(500);
  expect(fake.requests).toHaveLength(3);
  expect(JSON.stringify({ m: (err as Error).message, h: (err as GitHubError).hint })).not.toContain(fake.token);
});

test('a rejected token is a 401 GitHubError with a hint, and the token is redacted', async () => {
  const bad = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  const err: unknown = await client(bad).rest.users.getAuthenticated().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GitHubError);
  expect((err as GitHubError).status).toBe(401);
  expect((err as GitHubError).hint).toMatch(/token/);
  expect((err as Error).message).not.toContain(bad);
});

test('an installation token cannot read /user or team membership without members:read', async () => {
  fake.addToken('ghs_installationToken000000000000000000', { login: 'github-actions[bot]', kind: 'installation', readOrg: false });
  const gh = client('ghs_installationToken000000000000000000');
  await expect(gh.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
  await expect(gh.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'netops', username: 'bob' })).rejects.toMatchObject({ status: 403 });
  expect(fake.violations).toEqual([]);
});
