/**
 * Time arithmetic for change windows, with Intl only (no tz library): a recurring maintenance window is
 * wall-clock time in its own zone, so its UTC instants move with daylight saving time.
 */
import type { MaintenanceWindow, Weekday } from '../model/policy.js';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time in `zone`. A time in the spring-forward gap comes out shifted
 * by the gap (02:30 becomes 03:30), as clocks do; an ambiguous autumn time takes the earlier instant.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // a zone changes its offset at most once around a given day: the offsets a day before and after cover both sides
  const before = zoneOffsetMs(guess - 86_400_000, zone);
  const after = zoneOffsetMs(guess + 86_400_000, zone);
  const valid = [guess - before, guess - after].filter((t) => zoneOffsetMs(t, zone) === guess - t);
  if (valid.length > 0) return Math.min(...valid);
  // in the spring-forward gap: clocks read the time shifted by the gap, i.e. the instant under the old offset
  return guess - before;
}

/** Local calendar date (y, m, d) of an instant in `zone`. */
export function localDate(instant: number, zone: string): { year: number; month: number; day: number } {
  const local = new Date(instant + zoneOffsetMs(instant, zone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

export interface Occurrence {
  start: number;
  end: number;
}

/** Occurrences of a recurring maintenance window that could contain any part of [from, to]. */
export function occurrences(window: MaintenanceWindow, from: number, to: number): Occurrence[] {
  const [hh = '0', mm = '0'] = window.start.split(':');
  const out: Occurrence[] = [];
  const first = localDate(from - 2 * 86_400_000, window.timezone);
  const cursor = new Date(Date.UTC(first.year, first.month - 1, first.day));
  const stop = to + 86_400_000;
  for (let guard = 0; guard < 400; guard++) {
    const y = cursor.getUTCFullYear();
    const m = cursor.getUTCMonth() + 1;
    const d = cursor.getUTCDate();
    const weekday = WEEKDAYS[cursor.getUTCDay()];
    if (weekday && window.days.includes(weekday)) {
      const start = zonedToUtc(y, m, d, Number(hh), Number(mm), window.timezone);
      if (start > stop) break;
      out.push({ start, end: start + window.durationMinutes * 60_000 });
    }
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (Date.UTC(y, m - 1, d) > stop + 86_400_000) break;
  }
  return out;
}

/** The occurrence of `window` that wholly contains [start, end], if any. */
export function containingOccurrence(window: MaintenanceWindow, start: number, end: number): Occurrence | undefined {
  return occurrences(window, start, end).find((o) => o.start <= start && end <= o.end);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `2026-12-08 01:00 CET (Europe/Berlin)`-style rendering for messages. */
export function formatInZone(instant: number, zone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return `${f.format(new Date(instant))} (${zone})`;
}
