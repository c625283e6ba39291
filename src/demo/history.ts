/**
 * The demo's git history: a real repository built with the git binary under a fixed clock, so the ledger
 * derives the same authorization (and the report the same fingerprints) on every run. The product reads git
 * only through src/git; this writer exists for the demo and the end-to-end tests alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class DemoRepo {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.git('1970-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
  }

  git(at: string, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: this.dir,
        LANG: 'C.UTF-8',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Anna Koch',
        GIT_AUTHOR_EMAIL: 'anna.koch@example.net',
        GIT_COMMITTER_NAME: 'GitHub',
        GIT_COMMITTER_EMAIL: 'noreply@github.com',
        GIT_AUTHOR_DATE: at,
        GIT_COMMITTER_DATE: at,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  }

  copyIn(from: string, to: string): void {
    cpSync(from, join(this.dir, to), { recursive: true });
  }

  /** Files under a folder, repository-relative. */
  list(folder: string): string[] {
    return (readdirSync(join(this.dir, folder), { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath?: string; path?: string; isFile(): boolean }>)
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? e.path ?? '', e.name).slice(this.dir.length + 1))
      .sort();
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
  }

  commit(at: string, message: string): string {
    this.git(at, 'add', '-A');
    this.git(at, 'commit', '-q', '--allow-empty', '-m', message);
    return this.git(at, 'rev-parse', 'HEAD').trim();
  }

  /** A pull request merged the way GitHub's "Create a merge commit" does it. */
  mergePr(at: string, branch: string, number: number, title: string): string {
    this.git(at, 'checkout', '-q', 'main');
    this.git(at, 'merge', '-q', '--no-ff', '-m', `Merge pull request #${number} from acme/${branch}\n\n${title}`, branch);
    return this.git(at, 'rev-parse', 'HEAD').trim();
  }
}
