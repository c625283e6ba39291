/**
 * Real git repositories for tests: a temporary repo on `main`, files written and committed with fixed
 * identities and dates, branches and merges as GitHub makes them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class GitFixture {
  readonly dir: string;
  private clock: number;

  constructor(prefix = 'ig-repo-', startIso = '2026-11-01T10:00:00Z') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.clock = Date.parse(startIso);
    this.git('init', '-q', '-b', 'main');
  }

  /** Runs git with a fixed identity; each call that makes a commit advances the clock one minute. */
  git(...args: string[]): string {
    const when = new Date(this.clock).toISOString();
    // no background `git gc --auto`: it would race the cleanup of the temporary repository
    return execFileSync('git', ['-c', 'gc.auto=0', ...args], {
      cwd: this.dir,
      env: {
        PATH: process.env['PATH'],
        HOME: this.dir,
        GIT_AUTHOR_NAME: 'Alice Engineer',
        GIT_AUTHOR_EMAIL: 'alice@example.net',
        GIT_COMMITTER_NAME: 'GitHub',
        GIT_COMMITTER_EMAIL: 'noreply@github.com',
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_DATE: when,
      },
    }).toString();
  }

  /** Sets the clock used for the next commits. */
  at(iso: string): this {
    this.clock = Date.parse(iso);
    return this;
  }

  write(files: Record<string, string | null>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    return this;
  }

  /** Copies a directory (e.g. the example fleet) into the repo. */
  copyIn(from: string, to = '.'): this {
    cpSync(from, join(this.dir, to), { recursive: true });
    return this;
  }

  commit(message: string, files: Record<string, string | null> = {}): string {
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    this.clock += 60_000;
    return this.head();
  }

  head(ref = 'HEAD'): string {
    return this.git('rev-parse', ref).trim();
  }

  checkout(branch: string, create = false): this {
    if (create) this.git('checkout', '-q', '-b', branch);
    else this.git('checkout', '-q', branch);
    return this;
  }

  /** A merge commit as GitHub's "Create a merge commit" writes it. */
  mergePr(branch: string, pr: number, title = 'Change'): string {
    this.checkout('main');
    this.git('merge', '-q', '--no-ff', '-m', `Merge pull request #${pr} from example/${branch}\n\n${title}`, branch);
    this.clock += 60_000;
    return this.head();
  }

  /** A squash merge: one commit on main titled `Title (#pr)`. */
  squashPr(branch: string, pr: number, title = 'Change'): string {
    this.checkout('main');
    this.git('merge', '-q', '--squash', branch);
    this.git('commit', '-q', '-m', `${title} (#${pr})`);
    this.clock += 60_000;
    return this.head();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
