/** What reading one file gave. `skipped` counts lines that looked relevant but could not be used, by reason. */
export interface FileSummary {
  path: string;
  /** Source format used, and whether it was detected (false: forced with `--source`, or guessed). */
  format: string;
  detected: boolean;
  bytes: number;
  lines: number;
  /** Lines that became events (of any kind, `other` included). */
  events: number;
  /** Events of a kind other than `other`. */
  relevant: number;
  /** Events whose host matched no device. */
  unknownHosts: number;
  skipped: Record<string, number>;
  /** The file could not be read (to the end); what was read before stays counted. */
  error?: string;
  /** The last line had no newline: it may be cut off. */
  truncatedLastLine?: boolean;
}

export interface EventsSummary {
  version: 1;
  files: FileSummary[];
}

export function createSummary(): EventsSummary {
  return { version: 1, files: [] };
}

export function newFileSummary(path: string): FileSummary {
  return { path, format: 'unknown', detected: false, bytes: 0, lines: 0, events: 0, relevant: 0, unknownHosts: 0, skipped: {} };
}

export function skip(s: FileSummary, reason: string): void {
  s.skipped[reason] = (s.skipped[reason] ?? 0) + 1;
}

/** One line per file for people: `path: format, N lines, M relevant, K skipped (reason n, ...)`. */
export function formatSummary(summary: EventsSummary): string {
  const out: string[] = [];
  for (const f of summary.files) {
    if (f.error !== undefined && f.lines === 0) {
      out.push(`${f.path}: not read: ${f.error}`);
      continue;
    }
    const skipped = Object.entries(f.skipped);
    const total = skipped.reduce((n, [, c]) => n + c, 0);
    const why = skipped.length ? ` (${skipped.map(([r, c]) => `${r} ${c}`).join(', ')})` : '';
    const fmt = f.detected ? f.format : `${f.format}, not detected`;
    const unknown = f.unknownHosts ? `, ${f.unknownHosts} from unknown hosts` : '';
    const cut = f.truncatedLastLine ? ', last line without newline' : '';
    const err = f.error !== undefined ? `; stopped: ${f.error}` : '';
    out.push(`${f.path}: ${fmt}, ${f.lines} lines, ${f.events} events, ${f.relevant} relevant${unknown}, ${total} skipped${why}${cut}${err}`);
  }
  return out.join('\n');
}
