/**
 * The gate cannot be talked out of its job: changes to what judges (workflows, CODEOWNERS, policies, the tool's
 * own code and build) need the policy owners; a PR cannot loosen the policy that judges it; hostile file
 * names and values cannot reach a device command, a workflow command or the Markdown as anything but text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { ImagegateError } from '../../src/errors.js';
import { unquotePath } from '../../src/git/index.js';
import { isProtectedPath } from '../../src/gate/change-set.js';
import { changed, fleetFiles, gatePr, GOOD_WINDOW } from '../../src/gate/fleet-fixture.js';
import type { ApprovalEvidence } from '../../src/gate/types.js';
import { PLATFORMS } from '../../src/model/platform.js';
import { assertSafeFileName, drivers, hashTemplates, isAllowedCommand } from '../../src/platforms/index.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { GitFixture } from '../support/git-fixture.js';
import { anyText, runs } from './fuzz.js';

/** Two netops approvals on the head commit; `owners` adds a policy owner's. */
function approvals(owners = false): ApprovalEvidence {
  const approvers = ['jrivera-net', 'lobrien', ...(owners ? ['pat-policy'] : [])];
  return {
    approvers,
    ignored: [],
    changesRequested: [],
    teamApprovers: new Map([
      ['acme/netops', ['jrivera-net', 'lobrien']],
      ['acme/security', []],
      ['acme/policy-owners', owners ? ['pat-policy'] : []],
    ]),
    teamErrors: new Map(),
  };
}
const info = { number: 7, author: 'anna-koch', labels: [], headSha: null };
const upgrade = changed('fra1-access-01', { image: 'c9k-17.12.04', change: { ...GOOD_WINDOW, executor: 'akoch' } });

describe('what judges the PR is protected', () => {
  // each is a way to change the verdict without touching a device: the workflow, its owners, the rules, the tool, its build and install
  const PROTECTED = [
    '.github/workflows/gate.yml',
    '.github/workflows/new.yml',
    '.github/actionlint.yaml',
    '.github/CODEOWNERS',
    'CODEOWNERS',
    'docs/CODEOWNERS',
    'policies/change.yaml',
    'policies/identities.yaml',
    'src/gate/rules/approvals.ts',
    'bin/imagegate.js',
    'scripts/build.mjs',
    'package.json',
    'package-lock.json',
    '.npmrc',
  ];

  test.each(PROTECTED)('%s is protected', (path) => {
    expect(isProtectedPath(path)).toBe(true);
  });

  test('CODEOWNERS gives every protected path an owner, so branch protection asks them even where the gate cannot', () => {
    const rules = readFileSync('.github/CODEOWNERS', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split(/\s+/));
    // CODEOWNERS patterns as this repository writes them: `/dir/`, `/file`, `/file*`
    const owns = (pattern: string, path: string): boolean => {
      const p = pattern.replace(/^\//, '');
      if (p.endsWith('/')) return path.startsWith(p);
      if (p.endsWith('*')) return path.startsWith(p.slice(0, -1)) && !path.slice(p.length - 1).includes('/');
      return path === p;
    };
    for (const path of PROTECTED) expect({ path, owned: rules.some(([pattern = '', ...owners]) => owners.length > 0 && owns(pattern, path)) }).toEqual({ path, owned: true });
  });

  test.each(['devices/fra1/fra1-access-01.yaml', 'README.md', 'docs/gate.md', 'srcx/a.ts', 'devices/src/x.yaml'])('%s is not', (path) => {
    expect(isProtectedPath(path)).toBe(false);
  });

  test('a PR that changes them with a device upgrade: every path called out, failing without a policy owner, passing with one', async () => {
    const pr = { ...upgrade, ...Object.fromEntries(PROTECTED.map((p) => [p, `${fleetFiles()[p] ?? ''}# changed by the PR\n`])) };
    const without = await gatePr({ pr, info, approvals: approvals() });
    expect([...without.protectedPaths].sort()).toEqual([...PROTECTED].sort());
    expect(without.findings.filter((f) => f.rule === 'protected-paths' && f.severity === 'error').map((f) => f.message)).toEqual([
      expect.stringMatching(/changes .* and \d+ more: it needs an approval from policy owners policy-owners/),
    ]);
    expect(without.passed).toBe(false);
    const withOwner = await gatePr({ pr, info, approvals: approvals(true) });
    expect(withOwner.findings.filter((f) => f.rule === 'protected-paths')).toEqual([]);
  });

  test('names git quotes (non-ASCII, control characters, quotes) are read as stored, so no path rule is bypassed', async () => {
    const names = ['.github/workflows/ñ.yml', 'src/gate/rules/\u00fcber.ts', 'policies/tab\there.yaml', '.github/"q".yml', 'src/back\\slash.ts'];
    const r = await gatePr({ pr: { ...upgrade, ...Object.fromEntries(names.map((n) => [n, 'x\n'])) }, info, approvals: approvals() });
    expect([...r.protectedPaths].sort()).toEqual([...names].sort());
    expect(r.passed).toBe(false);
    expect(unquotePath('"devices/fra1/caf\\303\\251\\t\\"x\\\\.yaml"')).toBe('devices/fra1/café\t"x\\.yaml');
    expect(unquotePath('plain/path.yaml')).toBe('plain/path.yaml');
  });

  test('deleting CODEOWNERS or moving the tool\'s code away is a change to them too', async () => {
    const base = { ...fleetFiles(), '.github/CODEOWNERS': '* @acme/netops\n', 'src/gate/extra.ts': 'export {};\n' };
    const r = await gatePr({ base, pr: { '.github/CODEOWNERS': null, 'src/gate/extra.ts': null, 'lib/extra.ts': 'export {};\n' }, info, approvals: approvals() });
    expect(r.protectedPaths).toEqual(['.github/CODEOWNERS', 'src/gate/extra.ts']);
    expect(r.passed).toBe(false);
  });

  test('a PR that loosens the policy is judged by the policy it loosens', async () => {
    const loose = (fleetFiles()['policies/change.yaml'] ?? '')
      .replace('maxWindowMinutes: 240', 'maxWindowMinutes: 100000')
      .replace('allowedTransfers: [scp, https]', 'allowedTransfers: [scp, https, tftp]')
      .replace(/approvals:\n {2}count: 2/, 'approvals:\n  count: 0');
    expect(loose).toContain('count: 0');
    const pr = {
      ...changed('fra1-access-01', { image: 'c9k-17.12.04', change: { start: '2026-12-08T01:00:00+01:00', end: '2026-12-10T01:00:00+01:00', executor: 'akoch', transfer: 'tftp' } }),
      'policies/change.yaml': loose,
    };
    const r = await gatePr({ pr, info, approvals: { ...approvals(), approvers: [], teamApprovers: new Map([['acme/netops', []], ['acme/policy-owners', []]]) } });
    const rules = new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule));
    expect([...rules]).toEqual(expect.arrayContaining(['window-length', 'approvals', 'protected-paths']));
    expect(r.passed).toBe(false);
  });
});

describe('device commands: only safe file names reach a device', () => {
  const hostile = ['a.bin; reload', 'a.bin | redirect tftp://x', 'a.bin\nreload', '../nvram/startup-config', 'flash:/x.bin', 'x y.bin', '$(reload)', '`reload`', '-rf', '.hidden', 'a..bin', 'a.bin\u0000', 'a.bin>flash:x', 'a\rreload', 'ａ.bin'];

  test.each(hostile.map((h) => [JSON.stringify(h), h]))('%s is refused with a known error, and no platform would send it', (_label, name) => {
    expect(() => assertSafeFileName(name)).toThrow(ImagegateError);
    for (const platform of PLATFORMS) {
      const hash = drivers[platform].facts.hash;
      if (hash === 'unsupported') continue;
      for (const algorithm of hash.algorithms) expect(() => hash.command(name, algorithm)).toThrow(ImagegateError);
      // a command spliced by hand is not on the allowlist either
      for (const t of hashTemplates(drivers[platform])) expect(isAllowedCommand(drivers[platform], `${t.prefix}${name}${t.suffix}`)).toBe(false);
    }
  });

  test('any name: refused with a known error, or plain letters, digits and . _ + - only and allowed in every hash command', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(60), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,40}$/)), (name) => {
        let ok: string;
        try {
          ok = assertSafeFileName(name);
        } catch (err: unknown) {
          expect(err).toBeInstanceOf(ImagegateError);
          return;
        }
        expect(ok).toMatch(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/);
        expect(ok).not.toContain('..');
        for (const platform of PLATFORMS) {
          const hash = drivers[platform].facts.hash;
          if (hash === 'unsupported') continue;
          for (const algorithm of hash.algorithms) {
            expect(isAllowedCommand(drivers[platform], hash.command(ok, algorithm))).toBe(true);
          }
        }
      }),
      runs(300),
    );
  });
});

describe('annotations, the job summary and the PR comment', () => {
  let repo: GitFixture;
  let tmp: string;
  beforeAll(() => {
    repo = new GitFixture('ig-hard-gate-');
    tmp = mkdtempSync(join(tmpdir(), 'ig-hard-gate-out-'));
    repo.commit('fleet', fleetFiles());
    repo.checkout('pr', true);
    // a file name, a YAML value and a commit message, each carrying workflow commands, Markdown and HTML
    const evil = 'devices/fra1/x\n::add-mask::imagegate\n##[set-output name=passed;]true,line=1::@octocat <img src=x>.yaml';
    const files: Record<string, string> = { ...upgrade, [evil]: 'name: "::error::pwned\\n::stop-commands::t"\nplatform: cisco_xe\n' };
    const key = Object.keys(upgrade)[0] ?? '';
    files[key] = (files[key] ?? '').replace(/ticket: .*/, 'ticket: "CHG1\\n::set-output name=passed::true ##[error]x @octocat"');
    repo.commit('::error::commit message\n\n::add-mask::imagegate\n##[set-output name=x;]y', files);
    repo.checkout('main');
  });
  afterAll(() => {
    repo.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('every stdout line is one of the gate\'s own annotations; nothing hostile runs or renders', async () => {
    const summary = join(tmp, 'summary.md');
    const io = memoryIo({ GITHUB_STEP_SUMMARY: summary }, repo.dir);
    const code = await runCli(['check', '--at', '2026-12-01T12:00:00Z', '--base', 'main', '--head', 'pr', '--format', 'github'], io);
    // the hostile device file is seen (its name is decoded from git's quoting) and fails the schema
    expect(code).toBe(1);
    const lines = io.out.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(0);
    // one annotation per line, its properties exactly file, line, title (a `##[` in its data is only text once the line is a `::` command)
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) (file=[^,:\n]*,line=\d+,title=imagegate [a-z/-]+|title=imagegate)::[^\n]*$/);
    for (const l of io.err.split("\n")) expect([l, l.includes("##[") || /^\s*::/.test(l)]).toEqual([l, false]);
    const md = readFileSync(summary, 'utf8');
    expect(md).not.toMatch(/@octocat|<img/);
    for (const l of md.split('\n')) expect(/^\s*::/.test(l) || l.includes('##[')).toBe(false);
  });
});

describe('windows open: a hostile ticket and commit message after the merge', () => {
  const HOSTILE = 'CHG1\n::add-mask::imagegate\n##[set-output name=a;]b @octocat <img src=x> <!-- imagegate:window:x:y -->';
  const device = (image: string, ticket?: string): string =>
    [
      'name: core-01', 'platform: cisco_xe', 'model: C9500', 'site: fra1', 'role: core', 'timezone: Europe/Berlin', `image: ${image}`,
      ...(ticket ? ['change:', `  ticket: ${JSON.stringify(ticket)}`, '  window:', '    start: "2026-12-08T01:00:00+01:00"', '    end: "2026-12-08T03:00:00+01:00"', '  executor: alice', '  transfer: scp'] : []),
    ].join('\n') + '\n';

  test('the step log gets no workflow command; the tracking issue and PR comment no mention, HTML or second marker', async () => {
    const repo = new GitFixture('ig-hard-windows-', '2026-12-01T10:00:00Z');
    const fake = await startFakeGitHub();
    try {
      const before = repo.commit('Initial fleet', { 'devices/fra1/core-01.yaml': device('v1') });
      repo.checkout('up', true).commit(`::error::x\n\n::add-mask::imagegate`, { 'devices/fra1/core-01.yaml': device('v2', HOSTILE) });
      const after = repo.mergePr('up', 42, '::warning::merged ##[set-output name=c;]d @octocat');
      fake.repo('acme/network');
      fake.addPull('acme/network', { number: 42, user: 'alice', state: 'closed', head: { ref: 'up', sha: 'a'.repeat(40) } });
      const env = { GITHUB_REPOSITORY: 'acme/network', GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.url, IMAGEGATE_GITHUB_NO_WAIT: '1' };
      for (const extra of [[], ['--github']]) {
        const io = memoryIo(env, repo.dir);
        const code = await runCli(['windows', 'open', '--before', before, '--after', after, ...extra], io);
        expect([code, io.err]).toEqual([0, '']);
        expect(io.out).toMatch(/core-01/);
        for (const l of `${io.out}${io.err}`.split('\n')) expect([l, /^\s*::/.test(l) || l.includes('##[')]).toEqual([l, false]);
      }
      // titles are plain text on GitHub; bodies are Markdown
      const texts = [...fake.repo('acme/network').issues.values()].map((i) => i.body ?? '').concat([...fake.repo('acme/network').comments.values()].map((c) => c.body));
      expect(texts.length).toBeGreaterThanOrEqual(2);
      for (const t of texts) {
        // a backslash does not stop a mention (GitHub links them after rendering): only a zero-width space does
        expect(t).not.toMatch(/@octocat|<img/);
        expect(t.split('<!--').length - 1).toBeLessThanOrEqual(1);
      }
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});
