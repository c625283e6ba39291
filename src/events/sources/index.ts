import type { EventSource } from '../types.js';
import { ndjson } from './ndjson.js';
import { syslog } from './syslog.js';
import { tacacs } from './tacacs.js';
import { tftpd } from './tftpd.js';
import { xferlog } from './xferlog.js';
import { zeek } from './zeek.js';

/**
 * Every log format `imagegate events` reads, one file each in this folder. Detection asks each in turn and
 * takes the highest score; syslog is the fallback.
 */
export const sources: readonly EventSource[] = [ndjson, zeek, tacacs, xferlog, tftpd, syslog];

export function sourceById(id: string): EventSource | undefined {
  return sources.find((s) => s.id === id);
}

/** The format of a file from its first non-empty lines. */
export function detectSource(lines: string[]): { source: EventSource; detected: boolean } {
  let best: EventSource = syslog;
  let score = 0;
  for (const s of sources) {
    const v = s.detect(lines);
    if (v > score) {
      best = s;
      score = v;
    }
  }
  return { source: best, detected: score >= 0.3 };
}
