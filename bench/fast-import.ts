/**
 * Generated git histories for benchmarks: a fresh repository fed through one `git fast-import` stream (thousands
 * of commits in seconds, where `git commit` per change would take minutes), and the device paths they use.
 */
import { spawn, spawnSync } from 'node:child_process';

export const SITES = Array.from({ length: 40 }, (_, i) => `site${String(i + 1).padStart(2, '0')}`);

export const devicePath = (i: number): string => `devices/${SITES[i % SITES.length]}/sw-${String(i).padStart(5, '0')}.yaml`;

/** A fast-import `data` block. */
export const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;

export interface FastImport {
  /** Queues stream text; written out in large pieces. */
  push(...parts: string[]): void;
  /** Ends the stream and waits for git. */
  end(): Promise<void>;
}

export function fastImport(dir: string): FastImport {
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exit ${code}`))));
  });
  let parts: string[] = [];
  return {
    push(...more) {
      parts.push(...more);
      if (parts.length > 5000) {
        child.stdin.write(parts.join(''));
        parts = [];
      }
    },
    end() {
      child.stdin.end(parts.join(''));
      return done;
    },
  };
}
