/**
 * Time arithmetic for change windows, with Intl only (no tz library): a recurring maintenance window is
 * wall-clock time in its own zone, so its UTC instants move with daylight saving time.
 */
import type { MaintenanceWindow, Weekday } from '../model/policy.js';
import { zoneFormatter, zoneOffsetMs, zonedToUtc as zonedToUtcFull } from '../util/time-zone.js';

export { zoneOffsetMs };

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** The UTC instant of a local wall-clock minute in `zone` (see util/time-zone.ts for DST gaps and repeats). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  return zonedToUtcFull(year, month, day, hour, minute, 0, 0, zone);
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
const MESSAGE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

export function formatInZone(instant: number, zone: string): string {
  return `${zoneFormatter(zone, MESSAGE_TIME, 'en-GB').format(new Date(instant))} (${zone})`;
}
