import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createRequire } from 'node:module';
import { runCli } from '../src/cli/run.js';
import { memoryIo } from '../src/cli/io.js';
import { GitFixture } from './support/git-fixture.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from './support/fake-github.js';

interface PushPayload {
  ref: string;
  before: string;
  after: string;
  created: boolean;
  repository: { full_name: string; default_branch?: string };
  head_commit: { id: string } | null;
  commits: Array<{ id: string }>;
}

/** A real `push` payload from GitHub's documentation examples, pointed at our commits. */
function pushPayload(before: string, after: string, commits: string[]): PushPayload {
  const require = createRequire(import.meta.url);
  const all = require('@octokit/webhooks-examples') as Array<{ name: string; examples: PushPayload[] }>;
  const branchPush = all.find((e) => e.name === 'push')?.examples.find((p) => p.ref.startsWith('refs/heads/'));
  if (!branchPush) throw new Error('no branch push example in @octokit/webhooks-examples');
  const p = structuredClone(branchPush);
  p.before = before;
  p.after = after;
  p.created = /^0+$/.test(before);
  p.commits = p.commits.slice(0, 1).flatMap((c) => commits.map((id) => ({ ...c, id })));
  if (p.head_commit) p.head_commit.id = after;
  return p;
}

const ZERO = '0'.repeat(40);
const W1 = { start: '2026-11-10T01:00:00+01:00', end: '2026-11-10T05:00:00+01:00' };
const W2 = { start: '2026-11-12T01:00:00+01:00', end: '2026-11-12T05:00:00+01:00' };

function device(name: string, image: string, change?: { ticket: string; start: string; end: string }): string {
  const lines = [`name: ${name}`, 'platform: cisco_xe', 'model: C9500', 'site: fra1', 'role: core', 'timezone: Europe/Berlin', `image: ${image}`];
  if (change) lines.push('change:', `  ticket: ${change.ticket}`, '  window:', `    start: "${change.start}"`, `    end: "${change.end}"`, '  executor: alice', '  transfer: scp');
  return `${lines.join('\n')}\n`;
}

let fake: FakeGitHub;
let f: GitFixture;
let repo: FakeRepo;
const REPO = 'Codertocat/Hello-World';

beforeEach(async () => {
  fake = await startFakeGitHub();
  repo = fake.repo(REPO);
  f = new GitFixture('ig-windows-open-');
  f.commit('Initial fleet', { 'devices/fra1/core-01.yaml': device('core-01', 'v1'), 'devices/fra1/core-02.yaml': device('core-02', 'v1') });
});
afterEach(async () => {
  await fake.close();
  f.cleanup();
});

/** PRs take their numbers from the sequence issues use, as on GitHub: register them before any issue is opened. */
function pulls(...numbers: number[]): void {
  for (const n of numbers) fake.addPull(REPO, { number: n, user: 'alice', state: 'closed', head: { ref: `pr-${n}`, sha: 'a'.repeat(40) } });
}

/** A PR branch and its merge, as GitHub's merge button makes it. */
function mergedPr(n: number, branch: string, files: Record<string, string>, title = `Change ${n}`): string {
  f.checkout('main').checkout(branch, true).commit(title, files);
  return f.mergePr(branch, n, title);
}

async function windowsOpen(payload: PushPayload, ...extra: string[]) {
  const io = memoryIo({ GITHUB_REPOSITORY: payload.repository.full_name, GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' }, f.dir);
  const code = await runCli(['windows', 'open', '--before', payload.before, '--after', payload.after, '--github', ...extra], io);
  return { code, out: io.out, err: io.err };
}

const issues = () => [...repo.issues.values()].filter((i) => i.labels.includes('change-window'));
const commentsOn = (n: number) => [...repo.comments.values()].filter((c) => c.issueNumber === n);
const writes = () => fake.requests.filter((r) => r.method !== 'GET').length;

describe('imagegate windows open against the OpenAPI-checked fake GitHub', () => {
  test('a merge opens one tracking issue and one PR comment; a re-run writes nothing', async () => {
    pulls(12);
    const merge = mergedPr(12, 'up', { 'devices/fra1/core-01.yaml': device('core-01', 'v2', { ticket: 'CHG-1', ...W1 }) }, 'Upgrade core-01');
    const push = pushPayload(ZERO, merge, [merge]);
    const first = await windowsOpen(push);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const [issue] = issues();
    expect(issues()).toHaveLength(1);
    expect(issue?.title).toBe('Change window CHG-1: core-01 from 2026-11-10 00:00Z');
    expect(issue?.state).toBe('open');
    expect(issue?.body).toContain(`<!-- imagegate:window:${merge}:CHG-1 -->`);
    expect(issue?.body).toContain('| core-01 | v1 → v2 | 2026-11-10 00:00Z – 2026-11-10 04:00Z | 2026-11-10 01:00 +01:00 – 2026-11-10 05:00 +01:00 (Europe/Berlin) | alice | scp | authorized |');
    expect(issue?.body).toContain('PR: #12');
    const comments = commentsOn(12);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`<!-- imagegate:window-pr:${merge} -->`);
    expect(comments[0]?.body).toContain(`#${issue?.number}: Change window CHG-1`);

    const before = writes();
    const again = await windowsOpen(push);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^unchanged #\d+: Change window CHG-1/m);
    expect(writes()).toBe(before);
    expect(issues()).toHaveLength(1);
    expect(commentsOn(12)).toHaveLength(1);
    expect(`${first.out}${first.err}${again.out}${again.err}`).not.toContain(fake.token);
    expect(fake.violations).toEqual([]);
  });

  test('a later push: reschedule closes the old issue, a late window asks for a reschedule, a revert withdraws', async () => {
    pulls(12, 13, 14, 15);
    const m12 = mergedPr(12, 'up', { 'devices/fra1/core-01.yaml': device('core-01', 'v2', { ticket: 'CHG-1', ...W1 }) });
    await windowsOpen(pushPayload(ZERO, m12, [m12]));

    const m13 = mergedPr(13, 'move', { 'devices/fra1/core-01.yaml': device('core-01', 'v2', { ticket: 'CHG-1', ...W2 }) }, 'Move CHG-1');
    f.at('2026-11-10T00:30:00Z'); // W1 for core-02 started at 00:00Z
    const m14 = mergedPr(14, 'late', { 'devices/fra1/core-02.yaml': device('core-02', 'v2', { ticket: 'CHG-2', ...W1 }) }, 'Upgrade core-02');
    const push2 = pushPayload(m12, m14, [m13, m14]);
    const second = await windowsOpen(push2);
    expect(second.code).toBe(0);

    const byMarker = (commit: string, id: string) => issues().find((i) => i.body?.includes(`<!-- imagegate:window:${commit}:${id} -->`));
    expect(issues()).toHaveLength(3);
    expect(byMarker(m12, 'CHG-1')).toEqual(expect.objectContaining({ state: 'closed', title: 'Change window CHG-1: superseded (core-01)' }));
    expect(byMarker(m12, 'CHG-1')?.body).toContain(`core-01 superseded by \`${m13.slice(0, 10)}\``);
    expect(byMarker(m13, 'CHG-1')).toEqual(expect.objectContaining({ state: 'open', title: 'Change window CHG-1: core-01 from 2026-11-12 00:00Z' }));
    const late = byMarker(m14, 'CHG-2');
    expect(late).toEqual(expect.objectContaining({ state: 'open', title: 'Reschedule needed: CHG-2 (core-02)' }));
    expect(late?.body).toContain('**not opened**');
    expect(commentsOn(13)).toHaveLength(1);
    expect(commentsOn(14)[0]?.body).toContain('were **not opened**');

    const before = writes();
    expect((await windowsOpen(push2)).code).toBe(0);
    expect(writes()).toBe(before);

    f.checkout('main').checkout('revert-13-move', true).git('revert', '--no-edit', '-m', '1', m13);
    const m15 = f.mergePr('revert-13-move', 15, 'Revert "Move CHG-1"');
    const third = await windowsOpen(pushPayload(m14, m15, [m15]));
    expect(third.code).toBe(0);
    expect(byMarker(m13, 'CHG-1')).toEqual(expect.objectContaining({ state: 'closed', title: 'Change window CHG-1: withdrawn (core-01)' }));
    expect(issues()).toHaveLength(3);
    expect(commentsOn(15)).toHaveLength(0); // a revert authorizes nothing
    expect(fake.violations).toEqual([]);
  });

  test('a failed issue create is reported, the rest goes on, and the re-run creates only what is missing', async () => {
    pulls(20);
    const m = mergedPr(20, 'two', {
      'devices/fra1/core-01.yaml': device('core-01', 'v2', { ticket: 'CHG-A', ...W1 }),
      'devices/fra1/core-02.yaml': device('core-02', 'v2', { ticket: 'CHG-B', ...W2 }),
    });
    const push = pushPayload(ZERO, m, [m]);
    fake.failNext(1, 422, {}, { match: /^POST \/repos\/[^/]+\/[^/]+\/issues$/ });
    const first = await windowsOpen(push, '--format', 'json');
    expect(first.code).toBe(2);
    const out = JSON.parse(first.out) as { version: number; changes: Array<{ changeId: string; action: string }> };
    expect(out.version).toBe(1);
    expect(out.changes.map((c) => [c.changeId, c.action])).toEqual([
      ['CHG-A', 'failed'],
      ['CHG-B', 'created'],
    ]);
    expect(first.err).toMatch(/imagegate:window:.*CHG-A.*HTTP 422/);
    expect(issues()).toHaveLength(1);

    const second = await windowsOpen(push);
    expect(second.code).toBe(0);
    expect(issues().map((i) => i.title).sort()).toEqual(['Change window CHG-A: core-01 from 2026-11-10 00:00Z', 'Change window CHG-B: core-02 from 2026-11-12 00:00Z']);
    expect(commentsOn(20)).toHaveLength(1);
    expect(commentsOn(20)[0]?.body).toMatch(/#\d+: Change window CHG-A[\s\S]*#\d+: Change window CHG-B/);
    expect(fake.violations).toEqual([]);
  });

  test('without --github it is a dry run that touches nothing; missing env is a usage error', async () => {
    pulls(30, 31);
    const m = mergedPr(30, 'up', { 'devices/fra1/core-01.yaml': device('core-01', 'v2', { ticket: 'CHG-9', ...W1 }) });
    const io = memoryIo({}, f.dir);
    expect(await runCli(['windows', 'open', '--before', ZERO, '--after', m], io)).toBe(0);
    expect(io.out).toContain('would open: Change window CHG-9: core-01');
    expect(io.out).toContain('would comment on #30');
    expect(fake.requests).toHaveLength(0);

    // a new branch (all-zero before) counts only its tip, not every change in its history
    const tip = mergedPr(31, 'next', { 'devices/fra1/core-02.yaml': device('core-02', 'v2', { ticket: 'CHG-10', ...W2 }) });
    const fresh = memoryIo({}, f.dir);
    expect(await runCli(['windows', 'open', '--before', ZERO, '--after', tip], fresh)).toBe(0);
    expect(fresh.out).toContain('would open: Change window CHG-10');
    expect(fresh.out).not.toContain('CHG-9');

    const noToken = memoryIo({ GITHUB_REPOSITORY: REPO }, f.dir);
    expect(await runCli(['windows', 'open', '--before', ZERO, '--after', m, '--github'], noToken)).toBe(2);
    expect(noToken.err).toMatch(/GITHUB_TOKEN is not set/);
    const badSha = memoryIo({}, f.dir);
    expect(await runCli(['windows', 'open', '--before', '--upload-pack=x', '--after', m], badSha)).toBe(2);
  });
});
