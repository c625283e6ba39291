/**
 * A tree at a commit that reads files by blob id. `git cat-file --batch` resolves `<commit>:<path>` by walking
 * the tree for every file (about 1 s of CPU for 10,000 device files); one `ls-tree -r` followed by reads by
 * blob id costs a tenth of that, which the gate needs for large fleets. Goes through the git wrapper.
 */
import { catFileBatch, type GitRepo } from '../git/index.js';
import type { TreeReader } from '../repo/tree.js';

export async function blobTree(git: GitRepo, sha: string): Promise<TreeReader> {
  const out = await git.raw(['ls-tree', '-r', '-z', '--full-tree', sha]);
  const blobs = new Map<string, string>();
  for (const entry of out.split('\0')) {
    // `<mode> blob <id>\t<path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && id) blobs.set(entry.slice(tab + 1), id);
  }
  const all = [...blobs.keys()].sort();
  const readMany = async (paths: string[]): Promise<Map<string, Buffer>> => {
    const wanted = paths.filter((p) => blobs.has(p));
    const contents = await catFileBatch(git.dir, wanted.map((p) => blobs.get(p) ?? ''));
    const result = new Map<string, Buffer>();
    wanted.forEach((p, i) => {
      const b = contents[i];
      if (b) result.set(p, b);
    });
    return result;
  };
  return {
    label: `git:${sha.slice(0, 12)}`,
    list: (prefix) => Promise.resolve(prefix === '' ? all : all.filter((f) => f.startsWith(`${prefix}/`))),
    read: async (path) => (await readMany([path])).get(path) ?? null,
    readMany,
  };
}
