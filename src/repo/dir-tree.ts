import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { TreeReader } from './tree.js';

/** The working directory as a tree. */
export function dirTree(root: string): TreeReader {
  async function walk(dir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err: unknown) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full, out);
      else if (e.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  }
  const read = async (path: string): Promise<Buffer | null> => {
    try {
      return await readFile(join(root, path));
    } catch (err: unknown) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return null;
      throw err;
    }
  };
  return {
    label: root,
    async list(prefix) {
      const out: string[] = [];
      await walk(prefix === '' ? root : join(root, prefix), out);
      return out.sort();
    },
    read,
    // synchronous on purpose: 10,000 small files read in ~0.15 s this way, against ~1.5 s as 10,000 promises
    // queued on libuv's four threads (open, stat, read, close each a round trip)
    async readMany(paths) {
      const result = new Map<string, Buffer>();
      for (const p of paths) {
        try {
          result.set(p, readFileSync(join(root, p)));
        } catch (err: unknown) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code !== 'ENOENT' && code !== 'EISDIR') throw err;
        }
      }
      return result;
    },
  };
}
