import type { ClockQuality } from '../model/event.js';
import type { ObservedTime } from './types.js';
import { zonedToUtc } from '../util/time-zone.js';

export const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * Zone abbreviations devices print after a time stamp (`clock timezone MEST 2`). Only unambiguous ones: an
 * abbreviation not listed here falls back to the device's IANA zone, which is the better source anyway.
 */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, UT: 0,
  CET: 60, CEST: 120, MET: 60, MEST: 120, MESZ: 120, MEZ: 60, WET: 0, WEST: 60, EET: 120, EEST: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  JST: 540, KST: 540, AEST: 600, AEDT: 660, HKT: 480, SGT: 480,
};

/** Minutes east of UTC for a logged zone (`+01:00`, `-0500`, `UTC`, `CEST`), or null when not known. */
export function zoneOffsetMinutes(zone: string): number | null {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
  return ABBREVIATIONS[zone.toUpperCase()] ?? null;
}

export interface TimeContext {
  /** Zone of the device the line is about (from its YAML), if any. */
  deviceZone: string | null;
  /** `--tz`. */
  defaultZone: string;
  /** `--year`. */
  year: number | null;
  /** The file's modification time: the reference for inferred years and uptime-only lines. */
  fileTime: number;
}

export interface ResolvedTime {
  ms: number;
  clock: ClockQuality;
}

const DAY = 86_400_000;

/**
 * Turns an observed time into a UTC instant and says how far to trust it. A year-less stamp takes `--year`,
 * else the year of the file's modification time; a stamp more than a day after the file was last written
 * belongs to the year before (a December line in a file rotated in January).
 */
export function resolveTime(t: ObservedTime, ctx: TimeContext, marks: { unsynced?: boolean; uptime?: boolean }): ResolvedTime {
  let ms: number;
  let clock: ClockQuality = 'synced';
  if (t.type === 'epoch') {
    ms = t.ms;
  } else if (t.type === 'none') {
    return { ms: ctx.fileTime, clock: 'uptime' };
  } else {
    const toUtc = (year: number): number => {
      const explicit = t.zone === null ? null : zoneOffsetMinutes(t.zone);
      if (explicit !== null) return Date.UTC(year, t.month - 1, t.day, t.hour, t.minute, t.second, t.ms) - explicit * 60_000;
      const zone = t.writer === 'device' ? (ctx.deviceZone ?? ctx.defaultZone) : ctx.defaultZone;
      return zonedToUtc(year, t.month, t.day, t.hour, t.minute, t.second, t.ms, zone);
    };
    if (t.year !== null) {
      ms = toUtc(t.year);
    } else {
      clock = 'inferred-year';
      if (ctx.year !== null) {
        ms = toUtc(ctx.year);
      } else {
        const fileYear = new Date(ctx.fileTime).getUTCFullYear();
        ms = toUtc(fileYear);
        if (ms > ctx.fileTime + DAY) ms = toUtc(fileYear - 1);
      }
    }
  }
  if (marks.uptime) clock = 'uptime';
  if (marks.unsynced) clock = 'unsynced';
  return { ms, clock };
}
