/**
 * The one git wrapper. simple-git is imported nowhere else. LANG=C.UTF-8 so that git's output parses the
 * same everywhere; every failure becomes a GitError so that the gate and the ledger fail closed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitError } from '../errors.js';
import type { TreeReader } from '../repo/tree.js';

const GIT_ENV = { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

function gitEnv(): Record<string, string> {
  const env: Record<string, string> = { ...GIT_ENV, PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
  for (const name of ['HOME']) {
    const v = process.env[name];
    if (v !== undefined) env[name] = v;
  }
  return env;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Committer date, UTC ISO: when the commit landed on its branch. */
  committedAt: string;
  /** Author date, UTC ISO: differs from committedAt when a commit was rebased or cherry-picked onto the branch. */
  authoredAt?: string;
  /** Committer e-mail: GitHub's merge button commits as `noreply@github.com`. */
  committerEmail?: string;
  subject: string;
  body: string;
}

export interface ChangedFile {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  path: string;
  /** For renames and copies, the old path. */
  from?: string;
  /** Object id of the file after the change (all zeros for a deletion): read it with catFileBatch, no tree walk. */
  blob?: string;
}

export interface CommitWithFiles extends CommitInfo {
  /** Files changed against the first parent (for a root commit: against the empty tree). */
  files: ChangedFile[];
}

export class GitRepo {
  readonly dir: string;
  private readonly git: SimpleGit;

  constructor(dir: string) {
    this.dir = dir;
    // a minimal environment: simple-git refuses variables such as EDITOR or GIT_SSH that could run programs
    try {
      this.git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 4 }).env(gitEnv());
    } catch (err: unknown) {
      // simple-git refuses a folder that does not exist with a plain Error: a wrong --repo is bad input, not a bug
      throw new GitError(`${dir}: ${err instanceof Error ? err.message : String(err)}`, { hint: 'pass the repository root with --repo DIR', cause: err });
    }
  }

  private async run<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err: unknown) {
      const detail = err instanceof Error ? err.message.trim().split('\n')[0] : String(err);
      throw new GitError(`git ${what} failed in ${this.dir}: ${detail}`, { cause: err });
    }
  }

  raw(args: string[]): Promise<string> {
    return this.run(args[0] ?? 'raw', () => this.git.raw(args));
  }

  /** Full sha of a ref; GitError when it does not resolve. */
  async revParse(ref: string): Promise<string> {
    assertRef(ref);
    try {
      return (await this.raw(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).trim();
    } catch (err: unknown) {
      throw new GitError(`${JSON.stringify(ref)} is not a commit in ${this.dir}`, { hint: 'pass a branch, tag or commit sha that exists (fetch it first in a shallow clone)', cause: err });
    }
  }

  async mergeBase(a: string, b: string): Promise<string> {
    assertRef(a);
    assertRef(b);
    return (await this.raw(['merge-base', a, b])).trim();
  }

  /**
   * Commits reachable from `to` along first parents, oldest first; `from` (exclusive) bounds the range.
   * `blobs` adds each file's object id, so that many versions are read by id in one batch instead of by path.
   */
  async firstParentLog(to: string, from?: string, opts: { blobs?: boolean } = {}): Promise<CommitWithFiles[]> {
    assertRef(to);
    if (from) assertRef(from);
    const range = from ? `${from}..${to}` : to;
    const RS = '\x1e';
    const US = '\x1f';
    const out = await this.raw([
      'log',
      '--first-parent',
      '--diff-merges=first-parent',
      ...(opts.blobs ? ['--raw', '--no-abbrev'] : ['--name-status']),
      '--no-renames',
      '--reverse',
      `--format=${RS}%H${US}%P${US}%an${US}%ae${US}%cI${US}%aI${US}%ce${US}%s${US}%b${US}`,
      range,
      '--',
    ]);
    const commits: CommitWithFiles[] = [];
    for (const chunk of out.split(RS)) {
      if (chunk.trim() === '') continue;
      const fields = chunk.split(US);
      const [sha = '', parents = '', an = '', ae = '', cI = '', aI = '', ce = '', subject = '', body = ''] = fields;
      const rest = fields[9] ?? '';
      const files: ChangedFile[] = [];
      for (const line of rest.split('\n')) {
        if (line.trim() === '') continue;
        const [meta = '', ...paths] = line.split('\t');
        // --raw: `:<old mode> <new mode> <old id> <new id> <status>`; --name-status: `<status>`
        const raw = meta.startsWith(':') ? meta.split(' ') : null;
        const status = raw ? (raw[4] ?? '') : meta;
        const id = raw ? { blob: raw[3] ?? '' } : {};
        const s = status[0] as ChangedFile['status'];
        if (s === 'R' || s === 'C') files.push({ status: s, from: unquotePath(paths[0] ?? ''), path: unquotePath(paths[1] ?? ''), ...id });
        else files.push({ status: s, path: unquotePath(paths[0] ?? ''), ...id });
      }
      commits.push({
        sha,
        parents: parents.split(' ').filter(Boolean),
        authorName: an,
        authorEmail: ae,
        committedAt: new Date(cI).toISOString(),
        authoredAt: new Date(aI).toISOString(),
        committerEmail: ce,
        subject,
        body: body.trim(),
        files,
      });
    }
    return commits;
  }

  /** Paths changed between two refs (`a...b` when `threeDot`, i.e. since their merge base). */
  async changedFiles(a: string, b: string, threeDot = false): Promise<ChangedFile[]> {
    assertRef(a);
    assertRef(b);
    const out = await this.raw(['diff', '--name-status', '--no-renames', threeDot ? `${a}...${b}` : `${a}..${b}`, '--']);
    return out
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const [status = '', path = ''] = line.split('\t');
        return { status: status[0] as ChangedFile['status'], path: unquotePath(path) };
      });
  }

  /** A read-only tree at `ref`. */
  async tree(ref: string): Promise<TreeReader> {
    const sha = await this.revParse(ref);
    return new GitTree(this, sha, ref);
  }
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * git C-quotes a path that holds a control character, `"`, `\` or a non-ASCII byte (`"src/\303\261.ts"`).
 * Read as is, such a path matched no folder: a PR could add `.github/workflows/ñ.yml` or a device file past
 * every path rule. Decoded here to the path as stored.
 */
export function unquotePath(path: string): string {
  if (path.length < 2 || !path.startsWith('"') || !path.endsWith('"')) return path;
  const body = path.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Refs and shas only; never an option, never a path with `..`. Keeps user input out of git's option parser. */
export function assertRef(ref: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/@{}^~-]*$/.test(ref) || ref.includes('..')) {
    throw new GitError(`not a valid git ref: ${JSON.stringify(ref)}`, { hint: 'pass a branch, tag or commit sha' });
  }
}

/**
 * A tree at a commit. One `ls-tree -r` lists every path with its blob id, and files are then read by blob id:
 * `cat-file --batch` on `<commit>:<path>` walks the tree for every file (about 1 s of CPU for 10,000 device
 * files); by id it costs a tenth of that.
 */
class GitTree implements TreeReader {
  readonly label: string;
  private listing: Promise<Map<string, string>> | undefined;
  constructor(
    private readonly repo: GitRepo,
    private readonly sha: string,
    ref: string,
  ) {
    this.label = `git:${ref}`;
  }

  private blobs(): Promise<Map<string, string>> {
    this.listing ??= this.repo.raw(['ls-tree', '-r', '-z', '--full-tree', this.sha]).then((out) => {
      const blobs = new Map<string, string>();
      for (const entry of out.split('\0')) {
        // `<mode> <type> <id>\t<path>`; -z leaves paths unquoted
        const tab = entry.indexOf('\t');
        if (tab < 0) continue;
        const [, type, id] = entry.slice(0, tab).split(' ');
        if (type === 'blob' && id) blobs.set(entry.slice(tab + 1), id);
      }
      return blobs;
    });
    return this.listing;
  }

  async list(prefix: string): Promise<string[]> {
    const all = [...(await this.blobs()).keys()].sort();
    if (prefix === '') return all;
    const p = `${prefix}/`;
    return all.filter((f) => f.startsWith(p));
  }

  async read(path: string): Promise<Buffer | null> {
    return (await this.readMany([path])).get(path) ?? null;
  }

  /** One `git cat-file --batch` process for all files, by blob id. */
  async readMany(paths: string[]): Promise<Map<string, Buffer>> {
    const ids = await this.blobs();
    const wanted = paths.filter((p) => ids.has(p));
    const contents = await catFileBatch(this.repo.dir, wanted.map((p) => ids.get(p) ?? ''));
    const result = new Map<string, Buffer>();
    const lost: string[] = [];
    wanted.forEach((p, i) => {
      const b = contents[i];
      if (b) result.set(p, b);
      else lost.push(p);
    });
    if (lost.length > 0) {
      // a file the tree lists but whose object cannot be read is corruption, not a missing file: a device
      // must never drop out of the fleet silently because its blob is gone
      throw new GitError(`${lost[0]}${lost.length > 1 ? ` and ${lost.length - 1} more` : ''}: listed in ${this.label} but the object is missing in ${this.repo.dir}`, {
        hint: 'the repository is corrupt or incomplete: run `git fsck`, fetch again or clone afresh',
      });
    }
    return result;
  }
}

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * Writes to a repository under a fixed clock and identities, with no user or system configuration (signing,
 * hooks) and no background gc, so that the same steps give the same commit ids every time. Only the demo writes
 * git; the product itself reads it.
 */
export function gitWrite(dir: string, args: string[], who: { at: string; author: GitIdentity; committer: GitIdentity }): string {
  return execFileSync('git', ['-c', 'gc.auto=0', ...args], {
    cwd: dir,
    env: {
      ...gitEnv(),
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: who.author.name,
      GIT_AUTHOR_EMAIL: who.author.email,
      GIT_COMMITTER_NAME: who.committer.name,
      GIT_COMMITTER_EMAIL: who.committer.email,
      GIT_AUTHOR_DATE: who.at,
      GIT_COMMITTER_DATE: who.at,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

/** Reads objects through one `git cat-file --batch`; a missing object yields null. */
export function catFileBatch(dir: string, specs: string[]): Promise<Array<Buffer | null>> {
  if (specs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: dir, env: gitEnv() });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => reject(new GitError(`git cat-file failed in ${dir}: ${err.message}`, { cause: err })));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new GitError(`git cat-file failed in ${dir}: ${stderr.trim() || `exit ${code}`}`));
        return;
      }
      const buf = Buffer.concat(chunks);
      const out: Array<Buffer | null> = [];
      let pos = 0;
      for (let i = 0; i < specs.length; i++) {
        const nl = buf.indexOf(10, pos);
        if (nl < 0) {
          reject(new GitError(`git cat-file: truncated output in ${dir}`));
          return;
        }
        const header = buf.toString('utf8', pos, nl);
        pos = nl + 1;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          out.push(null);
          continue;
        }
        const size = Number(header.split(' ')[2]);
        const type = header.split(' ')[1];
        out.push(type === 'blob' ? buf.subarray(pos, pos + size) : null);
        pos += size + 1;
      }
      resolve(out);
    });
    child.stdin.end(specs.map((s) => `${s}\n`).join(''));
  });
}
