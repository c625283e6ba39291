import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitFixture } from '../../test/support/git-fixture.js';
import { startFakeGitHub, type FakeGitHub } from '../../test/support/fake-github.js';
import { changed, fleetFiles, GOOD_WINDOW, spec, deviceFile, deviceYaml } from '../gate/fleet-fixture.js';
import { memoryIo } from './io.js';
import { runCli } from './run.js';

interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown>>;
}
const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];
const example = (name: string, action: string): Record<string, unknown> => {
  const e = examples.find((x) => x.name === name)?.examples.find((x) => x['action'] === action);
  if (!e) throw new Error(`no ${name}.${action} example`);
  return structuredClone(e);
};

let repo: GitFixture;
let tmp: string;
let base: string;
let head: string;
const AT = '2026-12-01T12:00:00Z';

beforeEach(() => {
  repo = new GitFixture('ig-check-');
  tmp = mkdtempSync(join(tmpdir(), 'ig-check-out-'));
  base = repo.commit('fleet', fleetFiles());
  repo.checkout('pr', true);
  head = repo.commit('upgrade fra1-access-01', changed('fra1-access-01', { image: 'c9k-17.12.04', change: { ...GOOD_WINDOW, executor: 'akoch' } }));
  repo.checkout('main');
});
afterEach(() => {
  repo.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

async function check(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(env, repo.dir);
  const code = await runCli(['check', '--at', AT, ...args], io);
  return { code, out: io.out, err: io.err };
}

/** A real pull_request payload, pointed at our repository, commits and author. */
function pullRequestEvent(number: number, labels: string[] = []): string {
  const e = example('pull_request', 'opened');
  const pr = e['pull_request'] as Record<string, Record<string, unknown>>;
  (pr as Record<string, unknown>)['number'] = number;
  (pr['head'] as Record<string, unknown>)['sha'] = head;
  (pr['base'] as Record<string, unknown>)['sha'] = base;
  (pr['user'] as Record<string, unknown>)['login'] = 'anna-koch';
  (pr as Record<string, unknown>)['labels'] = labels.map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: 'https://api.github.com/x', name, color: 'ff0000', default: false, description: null }));
  (e['repository'] as Record<string, unknown>)['full_name'] = 'acme/network';
  const path = join(tmp, 'event.json');
  writeFileSync(path, JSON.stringify(e));
  return path;
}

describe('without GitHub', () => {
  test('a clean upgrade passes (exit 0) and the text names the move', async () => {
    const r = await check(['--base', 'main', '--head', 'pr']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/PASS/);
    expect(r.out).toMatch(/fra1-access-01: c9k-17.09.05 -> c9k-17.12.04/);
  });

  test('a failing PR exits 1 with versioned JSON', async () => {
    repo.checkout('pr');
    repo.commit('too early', changed('fra1-access-01', { image: 'c9k-17.12.04', change: { start: '2026-12-03T01:00:00+01:00', end: '2026-12-03T02:00:00+01:00' } }));
    repo.checkout('main');
    const r = await check(['--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { version: number; passed: boolean; findings: Array<{ rule: string }> };
    expect(json.version).toBe(1);
    expect(json.passed).toBe(false);
    expect(json.findings.map((f) => f.rule)).toContain('window-lead-time');
  });

  test('a ref that does not exist is a failed check, not a pass', async () => {
    const r = await check(['--base', 'main', '--head', 'no-such-branch', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ passed: false, findings: [{ rule: 'git-error' }] });
  });

  test('an unreadable base policy fails closed', async () => {
    repo.commit('break the policy', { 'policies/change.yaml': 'maxWindowMinutes: [\n' });
    const r = await check(['--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ passed: false, findings: [{ rule: 'base-unreadable' }] });
  });

  test('bad usage exits 2', async () => {
    expect((await check(['--base', 'main'])).code).toBe(2);
    expect((await check(['--base', 'main', '--head', 'pr', '--at', 'tomorrow'])).code).toBe(2);
  });

  test('base and head come from a real merge_group payload', async () => {
    const e = example('merge_group', 'checks_requested');
    const group = e['merge_group'] as Record<string, unknown>;
    group['base_sha'] = base;
    group['head_sha'] = head;
    const path = join(tmp, 'mg.json');
    writeFileSync(path, JSON.stringify(e));
    const r = await check(['--format', 'json'], { GITHUB_EVENT_PATH: path, GITHUB_EVENT_NAME: 'merge_group' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ base, head, passed: true });
  });

  test('workflow commands and Markdown in YAML values are escaped', async () => {
    const hostile = 'CHG1%0A::error::pwned, @octocat <img src=x> ```';
    repo.checkout('pr');
    const d = spec('fra1-access-01');
    repo.commit('hostile', {
      [deviceFile(d)]: deviceYaml({ ...d, image: 'c9k-17.12.04', change: { ...GOOD_WINDOW, executor: 'nobody' } })
        .replace('ticket: CHG0001234', `ticket: ${JSON.stringify(hostile)}`),
    });
    repo.checkout('main');
    const summary = join(tmp, 'summary.md');
    const r = await check(['--base', 'main', '--head', 'pr', '--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    for (const line of r.out.split('\n').filter(Boolean)) expect(line).toMatch(/^::(error|warning|notice) /);
    expect(r.out).toMatch(/executor "nobody" is not in policies/);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('CHG1%0A::error::pwned, @\u200boctocat &lt;img src=x&gt; \\`\\`\\`');
    expect(md).not.toMatch(/@octocat|<img/);
  });
});

describe('with GitHub (fake server validated against the OpenAPI description)', () => {
  let fake: FakeGitHub;
  let summary: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    summary = join(tmp, 'summary.md');
    env = {
      GITHUB_TOKEN: fake.token,
      GITHUB_API_URL: fake.url,
      GITHUB_REPOSITORY: 'acme/network',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: pullRequestEvent(42),
      GITHUB_STEP_SUMMARY: summary,
      IMAGEGATE_GITHUB_NO_WAIT: '1',
    };
    fake.addPull('acme/network', { number: 42, user: 'anna-koch', head: { ref: 'pr', sha: head }, base: { ref: 'main', sha: base } });
    fake.addTeamMember('acme', 'netops', 'jrivera-net');
    fake.addTeamMember('acme', 'netops', 'lobrien');
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });
  const approve = (login: string, sha = head) => fake.addReview('acme/network', { pullNumber: 42, user: login, state: 'APPROVED', commitId: sha, body: '' });

  test('two approvals on the head commit from netops pass, and one sticky comment is kept up to date', async () => {
    approve('jrivera-net');
    approve('lobrien');
    const first = await check(['--format', 'github', '--github'], env);
    expect(first.err).toMatch(/PR comment created/);
    expect(first.code).toBe(0);
    const second = await check(['--format', 'github', '--github'], env);
    expect(second.code).toBe(0);
    const comments = [...fake.repo('acme/network').comments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/^<!-- imagegate:gate -->\n## imagegate gate: ✅ passed/);
    expect(existsSync(summary) && readFileSync(summary, 'utf8')).toMatch(/2 of 2 counted on the head commit: jrivera-net, lobrien/);
  });

  test('stale, self and executor approvals do not count (separation of duties)', async () => {
    repo.checkout('pr');
    // jrivera executes the change, so his approval cannot count
    head = repo.commit('jrivera executes', changed('fra1-access-01', { image: 'c9k-17.12.04', change: { ...GOOD_WINDOW, executor: 'jrivera' } }));
    repo.checkout('main');
    fake.repo('acme/network').pulls.get(42)!.head.sha = head;
    env['GITHUB_EVENT_PATH'] = pullRequestEvent(42);
    approve('anna-koch');
    approve('lobrien', 'f'.repeat(40));
    approve('jrivera-net');
    const r = await check(['--format', 'json', '--github'], env);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { approvals: { counted: string[]; ignored: Array<{ login: string }> }; findings: Array<{ rule: string; message: string }> };
    expect(json.approvals.counted).toEqual([]);
    expect(json.approvals.ignored.map((i) => i.login).sort()).toEqual(['anna-koch', 'lobrien']);
    expect(json.findings.find((f) => f.rule === 'approvals')?.message).toMatch(/0 of 2 required approvals.*jrivera-net cannot count \(executor/);
  });

  test('without a token that can read org teams, team rules fail closed and name the token to use', async () => {
    approve('jrivera-net');
    approve('lobrien');
    fake.addToken('ghs_actionsInstallationToken0000000000', { login: 'github-actions[bot]', kind: 'installation', readOrg: false });
    const r = await check(['--format', 'github', '--github'], { ...env, GITHUB_TOKEN: 'ghs_actionsInstallationToken0000000000' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/::error .*cannot read the members of acme\/netops.*IMAGEGATE_TEAMS_TOKEN/);
    // the comment is still written by the installation (its login cannot be read, so it is found as a bot's)
    await check(['--format', 'github', '--github'], { ...env, GITHUB_TOKEN: 'ghs_actionsInstallationToken0000000000' });
    expect(fake.repo('acme/network').comments.size).toBe(1);
    // a separate teams token fixes it
    fake.addToken('github_pat_teamsReader000000000000000', { login: 'teams-reader', readOrg: true });
    const ok = await check(['--format', 'github', '--github'], { ...env, GITHUB_TOKEN: 'ghs_actionsInstallationToken0000000000', IMAGEGATE_TEAMS_TOKEN: 'github_pat_teamsReader000000000000000' });
    expect(ok.code).toBe(0);
  });

  test('a planted marker in a person\'s comment is not taken over', async () => {
    fake.repo('acme/network').comments.set(1, { id: 1, issueNumber: 42, body: '<!-- imagegate:gate --> fake pass', user: 'mallory', createdAt: fake.now(), updatedAt: fake.now() });
    approve('jrivera-net');
    approve('lobrien');
    await check(['--format', 'github', '--github'], env);
    const bodies = [...fake.repo('acme/network').comments.values()].map((c) => `${c.user}: ${c.body.slice(0, 40)}`);
    expect(bodies).toEqual(['mallory: <!-- imagegate:gate --> fake pass', expect.stringMatching(/^imagegate-bot: <!-- imagegate:gate -->/)]);
  });

  test('the emergency label relaxes the lead time only with the extra approvals', async () => {
    repo.checkout('pr');
    head = repo.commit('urgent', changed('fra1-access-01', { image: 'c9k-17.12.04', change: { start: '2026-12-03T01:00:00+01:00', end: '2026-12-03T02:00:00+01:00' } }));
    repo.checkout('main');
    const pull = fake.repo('acme/network').pulls.get(42)!;
    pull.head.sha = head;
    pull.labels = ['emergency-change'];
    env['GITHUB_EVENT_PATH'] = pullRequestEvent(42);
    approve('jrivera-net');
    approve('lobrien');
    const two = JSON.parse((await check(['--format', 'json', '--github'], env)).out) as { passed: boolean; emergency: unknown };
    expect(two).toMatchObject({ passed: false, emergency: { requested: true, granted: false } });
    fake.addTeamMember('acme', 'security', 'meichen');
    approve('meichen');
    const three = await check(['--format', 'json', '--github'], env);
    const json = JSON.parse(three.out) as { passed: boolean; findings: Array<{ rule: string; severity: string }> };
    expect(three.code).toBe(0);
    expect(json.findings.find((f) => f.rule === 'window-lead-time')?.severity).toBe('warning');
  });

  test('a GitHub failure after retries is a failed check with a clear message', async () => {
    fake.failNext(10, 502);
    const r = await check(['--format', 'github', '--github'], env);
    expect(r.code).toBe(1);
    // the first call and its three retries, then the verdict; the comment is still attempted and fails too
    expect(fake.requests.slice(0, 4).map((q) => `${q.method} ${q.status}`)).toEqual(Array(4).fill('GET 502'));
    expect(r.out).toMatch(/::error file=\.,line=1,title=imagegate github-error::GET .*pulls\/42 failed \(HTTP 502\)/);
    expect(r.out + r.err).not.toContain(fake.token);
  });

  test('a PR touching policies needs a policy owner', async () => {
    repo.checkout('pr');
    head = repo.commit('policy', { 'policies/change.yaml': `${fleetFiles()['policies/change.yaml'] ?? ''}# tweak\n` });
    repo.checkout('main');
    fake.repo('acme/network').pulls.get(42)!.head.sha = head;
    env['GITHUB_EVENT_PATH'] = pullRequestEvent(42);
    approve('jrivera-net');
    approve('lobrien');
    const r = await check(['--format', 'json', '--github'], env);
    expect(r.code).toBe(1);
    fake.addTeamMember('acme', 'policy-owners', 'jrivera-net');
    expect((await check(['--format', 'json', '--github'], env)).code).toBe(0);
  });
});
