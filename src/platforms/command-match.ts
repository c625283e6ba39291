import type { HashAlgorithm } from '../model/image.js';
import { assertSafeFileName } from './file-name.js';
import { FILE_PLACEHOLDER, fixedFacts, hashTemplates } from './index.js';
import type { PlatformDriver } from './types.js';

export type CommandMatch =
  | { fact: 'version' | 'boot' | 'files' | 'uptime'; command: string; parse: (raw: string) => unknown }
  | { fact: 'hash'; command: string; algorithm: HashAlgorithm; file: string; parse: (raw: string) => unknown };

const FILE_SYSTEM = /^[a-z][a-z0-9-]*:\/{0,3}$/i;
const FS_AND_FILE = /^[a-z][a-z0-9-]*:\/{0,3}(?:[^\s/]+\/)*([^\s/]+)$/i;
const PATH_AND_FILE = /^\/(?:[^\s/]+\/)*([^\s/]+)$/;

/**
 * How one word the engineer typed compares with one word of a driver command: `exact`, an abbreviation (`sh` for
 * `show`), a different file system or directory in the same position (`bootflash:` for `flash:`), or no match. A
 * `<file>` word yields the file name.
 */
function compareWord(typed: string, word: string): { score: number; file?: string } | null {
  const t = typed.toLowerCase();
  const w = word.toLowerCase();
  if (w.includes(FILE_PLACEHOLDER)) {
    const m = (w.startsWith('/') ? PATH_AND_FILE : FS_AND_FILE).exec(typed);
    return m === null ? null : { score: 1, file: m[1] as string };
  }
  if (t === w) return { score: 2 };
  if (FILE_SYSTEM.test(w)) return FILE_SYSTEM.test(t) ? { score: 1 } : null;
  if (w.startsWith('/')) return t.startsWith('/') ? { score: 1 } : null;
  return w.startsWith(t) ? { score: 1 } : null;
}

function compare(typed: string[], command: string): { score: number; file?: string } | null {
  let words = command.split(/\s+/);
  // `dir` alone lists the default file system, which is the one the driver names
  if (typed.length === words.length - 1 && FILE_SYSTEM.test(words[words.length - 1] ?? '')) words = words.slice(0, -1);
  if (typed.length !== words.length) return null;
  let score = 0;
  let file: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const r = compareWord(typed[i] as string, words[i] as string);
    if (r === null) return null;
    score += r.score;
    if (r.file !== undefined) file = r.file;
  }
  return file === undefined ? { score } : { score, file };
}

/**
 * The facts whose command the typed command names, best first: exact words before abbreviations (`sh ver`), any
 * file system in a file-system position. A hash command's file name must pass the file-name check (throws otherwise).
 */
export function matchCommand(driver: PlatformDriver, typed: string): CommandMatch[] {
  const words = typed.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const scored: Array<{ score: number; match: CommandMatch }> = [];
  for (const [fact, spec] of fixedFacts(driver)) {
    for (const command of [spec.command, ...(spec.aliases ?? [])]) {
      const r = compare(words, command);
      if (r !== null) scored.push({ score: r.score, match: { fact, command: spec.command, parse: (raw) => spec.parse(raw) } });
    }
  }
  const hash = driver.facts.hash;
  if (hash !== 'unsupported') {
    for (const t of hashTemplates(driver)) {
      const r = compare(words, `${t.prefix}${FILE_PLACEHOLDER}${t.suffix}`);
      if (r === null || r.file === undefined) continue;
      const file = assertSafeFileName(r.file);
      scored.push({
        score: r.score,
        match: { fact: 'hash', command: hash.command(file, t.algorithm), algorithm: t.algorithm, file, parse: (raw) => hash.parse(raw, file, t.algorithm) },
      });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const out: CommandMatch[] = [];
  for (const { match } of scored) {
    const key = match.fact === 'hash' ? `hash:${match.algorithm}` : match.fact;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(match);
  }
  const best = scored[0]?.score;
  return out.filter((m) => scored.some((s) => s.match === m && s.score === best));
}
