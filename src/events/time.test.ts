import { resolveTime, zoneOffsetMinutes } from './time.js';
import { zonedToUtc } from '../util/time-zone.js';
import type { ObservedTime } from './types.js';

const iso = (ms: number): string => new Date(ms).toISOString();

type Wall = Extract<ObservedTime, { type: 'wall' }>;

function wall(month: number, day: number, hour: number, extra: Partial<Wall> = {}): Wall {
  return { type: 'wall', year: null, month, day, hour, minute: 0, second: 0, ms: 0, zone: null, writer: 'device', ...extra };
}

describe('time', () => {
  it('converts wall clock in an IANA zone to UTC, DST included', () => {
    expect(iso(zonedToUtc(2026, 1, 15, 12, 0, 0, 0, 'Europe/Berlin'))).toBe('2026-01-15T11:00:00.000Z');
    expect(iso(zonedToUtc(2026, 7, 15, 12, 0, 0, 0, 'Europe/Berlin'))).toBe('2026-07-15T10:00:00.000Z');
    expect(iso(zonedToUtc(2026, 3, 8, 1, 30, 0, 0, 'America/New_York'))).toBe('2026-03-08T06:30:00.000Z');
    expect(iso(zonedToUtc(2026, 3, 8, 3, 30, 0, 0, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    // the repeated hour in November: the first occurrence (still EDT)
    expect(iso(zonedToUtc(2026, 11, 1, 1, 30, 0, 0, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads logged zones: offsets and unambiguous abbreviations', () => {
    expect(zoneOffsetMinutes('+01:00')).toBe(60);
    expect(zoneOffsetMinutes('-0530')).toBe(-330);
    expect(zoneOffsetMinutes('MEST')).toBe(120);
    expect(zoneOffsetMinutes('UTC')).toBe(0);
    expect(zoneOffsetMinutes('XYZ')).toBeNull();
  });

  const fileTime = Date.parse('2027-01-02T08:00:00Z');
  const ctx = { deviceZone: 'Europe/Berlin', defaultZone: 'UTC', year: null, fileTime };

  it('infers the year from the file time, a December line in a January file belonging to the year before', () => {
    expect(resolveTime(wall(12, 31, 23), ctx, {})).toEqual({ ms: Date.parse('2026-12-31T22:00:00Z'), clock: 'inferred-year' });
    expect(iso(resolveTime(wall(1, 2, 7), ctx, {}).ms)).toBe('2027-01-02T06:00:00.000Z');
  });

  it('takes --year when given, and the explicit zone of the stamp over the device zone', () => {
    expect(iso(resolveTime(wall(12, 31, 23, { zone: 'UTC' }), { ...ctx, year: 2030 }, {}).ms)).toBe('2030-12-31T23:00:00.000Z');
  });

  it('uses --tz for receiver stamps and for devices without a zone', () => {
    const t = wall(6, 1, 12, { year: 2026, writer: 'receiver' });
    expect(resolveTime(t, { ...ctx, defaultZone: 'America/New_York' }, {})).toEqual({ ms: Date.parse('2026-06-01T16:00:00Z'), clock: 'synced' });
    expect(iso(resolveTime({ ...t, writer: 'device' }, { ...ctx, deviceZone: null, defaultZone: 'Asia/Tokyo' }, {}).ms)).toBe('2026-06-01T03:00:00.000Z');
  });

  it('says unsynced and uptime when the line did, and puts uptime-only lines at the file time', () => {
    expect(resolveTime(wall(3, 1, 0), ctx, { unsynced: true }).clock).toBe('unsynced');
    expect(resolveTime({ type: 'none' }, ctx, { uptime: true })).toEqual({ ms: fileTime, clock: 'uptime' });
  });
});
