/**
 * The house rules of DESIGN.md, enforced: each infrastructure library is wrapped once, and data flows one
 * way (nothing below the CLI imports it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VERSION } from '../src/version.js';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== '__fixtures__') out.push(...sources(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = sources(join(root, 'src')).map((f) => ({ path: relative(root, f), text: readFileSync(f, 'utf8') }));

function importers(pattern: RegExp): string[] {
  return files.filter((f) => pattern.test(f.text)).map((f) => f.path);
}

describe('architecture', () => {
  it('imports ssh2 only in src/collect and src/sim', () => {
    const bad = importers(/from ['"]ssh2['"]/).filter((p) => !/^src\/(collect|sim)\//.test(p));
    expect(bad).toEqual([]);
  });

  it('imports simple-git only in src/git', () => {
    expect(importers(/from ['"]simple-git['"]/).filter((p) => !p.startsWith('src/git/'))).toEqual([]);
  });

  it('runs the git binary only from src/git (no second git writer)', () => {
    expect(importers(/from ['"]node:child_process['"]/).filter((p) => !p.startsWith('src/git/'))).toEqual([]);
  });

  it('imports @octokit only in src/github', () => {
    expect(importers(/from ['"]@octokit\//).filter((p) => !p.startsWith('src/github/'))).toEqual([]);
  });

  it('never imports the CLI from below it', () => {
    expect(importers(/from ['"](\.\.\/)+cli\//).filter((p) => !p.startsWith('src/cli/'))).toEqual([]);
  });

  it('prints only from the CLI (library code returns values)', () => {
    const bad = importers(/\bconsole\.(log|error|warn)\(|process\.(stdout|stderr)\.write\(/).filter(
      (p) => !/^src\/(cli|sim)\//.test(p),
    );
    expect(bad).toEqual([]);
  });

  // regression: `*.log` in .gitignore kept the log fixtures out of git, and a fresh clone failed
  it('tracks every test fixture in git, so a fresh clone has them', () => {
    if (!existsSync(join(root, '.git'))) return;
    const all: string[] = [];
    const walk = (dir: string, inFixtures: boolean): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full, inFixtures || name === '__fixtures__');
        else if (inFixtures) all.push(relative(root, full));
      }
    };
    walk(join(root, 'src'), false);
    const tracked = new Set(execFileSync('git', ['ls-files', '-z', 'src'], { cwd: root }).toString().split('\0'));
    expect(all.filter((f) => !tracked.has(f))).toEqual([]);
  });

  it('keeps the version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
