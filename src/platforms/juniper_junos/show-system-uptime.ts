import type { VersionFacts } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';
import { memberSections } from './sections.js';

const COMMAND = 'show system uptime';
// `System booted: 2021-03-29 13:32:05 MSK (22w0d 19:16 ago)`; under a day `(19:16:05 ago)`
const BOOTED = /^System booted:.*\((?:(\d+)w)?(?:(\d+)d)?\s*(?:(\d+):(\d{2})(?::(\d{2}))?)?\s*ago\)/;
// the BSD uptime line: ` 8:48AM  up 154 days, 19:16, 2 users, ...` or `up 3 mins,` or `up 2:03,`
const UP = /\bup\s+(?:(\d+)\s+days?,\s*)?(?:(\d+):(\d{2})|(\d+)\s+mins?|(\d+)\s+hrs?)/;

/** Uptime from `show system uptime` on Junos (the first member when the output has sections). */
export function parseJunosShowSystemUptime(raw: string): Pick<VersionFacts, 'uptimeSeconds'> {
  const lines = prepare(raw, 'juniper_junos', COMMAND);
  const first = (memberSections(lines)[0] as { lines: string[] }).lines;
  for (const line of first) {
    const m = BOOTED.exec(line);
    if (m === null || (m[1] ?? m[2] ?? m[3]) === undefined) continue;
    const [weeks, days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4], m[5]].map((v) => Number(v ?? 0)) as number[];
    return { uptimeSeconds: ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0) };
  }
  for (const line of first) {
    const m = UP.exec(line);
    if (m === null) continue;
    const days = Number(m[1] ?? 0);
    const minutes = m[2] !== undefined ? Number(m[2]) * 60 + Number(m[3]) : m[4] !== undefined ? Number(m[4]) : Number(m[5]) * 60;
    return { uptimeSeconds: days * 86400 + minutes * 60 };
  }
  throw notUnderstood('juniper_junos', COMMAND, lines, 'no "System booted: ... ago)" line and no "up ..." line');
}
