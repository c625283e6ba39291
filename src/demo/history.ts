/**
 * The demo's git history: a real repository built with the git binary under a fixed clock, so the ledger
 * derives the same authorization (and the report the same fingerprints) on every run. Git itself runs through
 * the one wrapper (src/git gitWrite).
 */
import { gitWrite } from '../git/index.js';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class DemoRepo {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.git('1970-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
  }

  git(at: string, ...args: string[]): string {
    return gitWrite(this.dir, args, { at, author: { name: 'Anna Koch', email: 'anna.koch@example.net' }, committer: { name: 'GitHub', email: 'noreply@github.com' } });
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
