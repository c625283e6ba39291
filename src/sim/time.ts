import { zoneFormatter } from '../util/time-zone.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Wall-clock fields of `date` in an IANA zone, with the zone's abbreviation as devices print it. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
  zone: string;
}

const WALL: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
  timeZoneName: 'short',
};

const formatter = (zone: string, locale: string): Intl.DateTimeFormat => zoneFormatter(zone, WALL, locale);

const lastSecond = new Map<string, { second: number; clock: WallClock }>();

/** Wall clock of `date` in `zone`; Intl is slow, so the fields of the last second are kept per zone. */
export function wallClock(date: Date, zone = 'UTC'): WallClock {
  const second = Math.floor(date.getTime() / 1000);
  const last = lastSecond.get(zone);
  if (last && last.second === second) return { ...last.clock, ms: date.getUTCMilliseconds() };
  const clock = computeWallClock(date, zone);
  lastSecond.set(zone, { second, clock });
  return clock;
}

function computeWallClock(date: Date, zone: string): WallClock {
  const parts = (locale: string): Record<string, string> =>
    Object.fromEntries(formatter(zone, locale).formatToParts(date).map((p) => [p.type, p.value]));
  const us = parts('en-US');
  // en-US knows the American abbreviations, en-GB the European ones; devices print those, not GMT+1
  let zoneName = us.timeZoneName ?? 'UTC';
  if (zoneName.startsWith('GMT')) zoneName = parts('en-GB').timeZoneName ?? zoneName;
  return {
    year: Number(us.year),
    month: Number(us.month),
    day: Number(us.day),
    hour: Number(us.hour),
    minute: Number(us.minute),
    second: Number(us.second),
    ms: date.getUTCMilliseconds(),
    weekday: DAYS.indexOf(us.weekday ?? 'Sun'),
    zone: zoneName,
  };
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

export function monthName(m: number): string {
  return MONTHS[m - 1] ?? 'Jan';
}

export function dayName(d: number): string {
  return DAYS[d] ?? 'Sun';
}

/** `Dec  4 20:01:02`: the RFC 3164 timestamp, day padded with a space. */
export function rfc3164(c: WallClock): string {
  return `${monthName(c.month)} ${String(c.day).padStart(2, ' ')} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}`;
}

export function hms(c: WallClock): string {
  return `${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}`;
}

/** `1 year, 2 weeks, 3 days, 4 hours, 5 minutes` as Cisco prints uptime. */
export function ciscoUptime(seconds: number): string {
  let s = Math.max(0, Math.floor(seconds));
  const units: Array<[string, number]> = [
    ['year', 365 * 86400],
    ['week', 7 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const out: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0) out.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return out.length ? out.join(', ') : '0 minutes';
}
