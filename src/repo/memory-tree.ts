import type { TreeReader } from './tree.js';

/** A tree held in memory: for tests, and for callers that already have the files (a PR's head from an API). */
export function memoryTree(files: Record<string, string | Uint8Array>, label = 'memory'): TreeReader {
  const read = async (path: string): Promise<Buffer | null> => {
    const c = files[path];
    return c === undefined ? null : Buffer.from(c);
  };
  return {
    label,
    async list(prefix) {
      return Object.keys(files)
        .filter((p) => prefix === '' || p.startsWith(`${prefix}/`))
        .sort();
    },
    read,
    async readMany(paths) {
      const out = new Map<string, Buffer>();
      for (const p of paths) {
        const c = await read(p);
        if (c) out.set(p, c);
      }
      return out;
    },
  };
}
