import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { GitRepo, assertRef } from './index.js';
import { GitError } from '../errors.js';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
  }).toString();
}

describe('GitRepo', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ig-git-'));
    git(dir, 'init', '-q', '-b', 'main');
    await mkdir(join(dir, 'devices/a'), { recursive: true });
    await writeFile(join(dir, 'devices/a/r1.yaml'), 'name: r1\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'first');
    await writeFile(join(dir, 'devices/a/r2.yaml'), 'name: r2\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'second (#12)');
  });

  it('reads a tree at a ref in one batch, and reports missing files as absent', async () => {
    const repo = new GitRepo(dir);
    const tree = await repo.tree('HEAD~1');
    expect(await tree.list('devices')).toEqual(['devices/a/r1.yaml']);
    const many = await tree.readMany(['devices/a/r1.yaml', 'devices/a/r2.yaml']);
    expect(many.get('devices/a/r1.yaml')?.toString()).toBe('name: r1\n');
    expect(many.has('devices/a/r2.yaml')).toBe(false);
  });

  it('walks first-parent history oldest first with changed files', async () => {
    const log = await new GitRepo(dir).firstParentLog('main');
    expect(log.map((c) => c.subject)).toEqual(['first', 'second (#12)']);
    expect(log[1]?.files).toEqual([{ status: 'A', path: 'devices/a/r2.yaml' }]);
  });

  it('fails closed with a GitError on a ref that does not exist', async () => {
    await expect(new GitRepo(dir).revParse('nope')).rejects.toBeInstanceOf(GitError);
  });

  it('refuses refs that look like options', () => {
    expect(() => assertRef('--output=/tmp/x')).toThrow(GitError);
    expect(() => assertRef('main..evil')).toThrow(GitError);
  });
});
