import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The example fleet's files (devices/ and policies/) read from `root`, as a path -> text record. Tests copy
 * it, break one line and load it through memoryTree.
 */
export function readExampleFleet(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.yaml')) out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(join(root, 'devices'));
  walk(join(root, 'policies'));
  return out;
}
