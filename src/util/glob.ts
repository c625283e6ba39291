/**
 * Expands the file patterns that log rotation leaves (`/var/log/net/*.log*`, `logs/** /syslog-*.gz`) the way a
 * shell would: `*`, `?` and `[...]` within a path segment, `**` across segments. A path without wildcards is
 * kept as it is, so that a missing file is reported by whoever opens it. Node 20 has no fs.glob.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

const WILD = /[*?[]/;

function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function entries(dir: string): Array<{ name: string; isDir: boolean }> {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((e) => ({
      name: e.name,
      isDir: e.isDirectory() || (e.isSymbolicLink() && statSync(join(dir, e.name), { throwIfNoEntry: false })?.isDirectory() === true),
    }));
  } catch {
    return [];
  }
}

function expandFrom(base: string, parts: string[], out: string[]): void {
  if (parts.length === 0) {
    out.push(base);
    return;
  }
  const [head, ...rest] = parts as [string, ...string[]];
  if (head === '**') {
    expandFrom(base, rest, out);
    for (const e of entries(base)) if (e.isDir && !e.name.startsWith('.')) expandFrom(join(base, e.name), parts, out);
    return;
  }
  if (!WILD.test(head)) {
    expandFrom(join(base, head), rest, out);
    return;
  }
  const re = segmentRegex(head);
  for (const e of entries(base).sort((a, b) => a.name.localeCompare(b.name))) {
    // as in a shell, a wildcard does not match a leading dot
    if (e.name.startsWith('.') && !head.startsWith('.')) continue;
    if (!re.test(e.name)) continue;
    if (rest.length > 0 && !e.isDir) continue;
    expandFrom(join(base, e.name), rest, out);
  }
}

/**
 * Each pattern expanded against `cwd`; results in pattern order, each pattern's matches sorted, no duplicates.
 * A pattern that matches nothing is returned as it is (the caller reports it as a missing file).
 */
export function expandGlobs(patterns: string[], cwd: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const pattern of patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    let matches: string[] = [abs];
    if (WILD.test(pattern)) {
      const parts = abs.split(sep).filter((p, i) => p !== '' || i === 0);
      const root = parts[0] === '' ? sep : parts[0]!;
      matches = [];
      expandFrom(root, parts.slice(1), matches);
      matches = matches.filter((m) => statSync(m, { throwIfNoEntry: false })?.isFile() === true);
      if (matches.length === 0) matches = [abs];
    }
    for (const m of matches) {
      if (!seen.has(m)) {
        seen.add(m);
        out.push(m);
      }
    }
  }
  return out;
}
