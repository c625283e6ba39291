import type { MaintenanceWindow } from '../model/policy.js';
import { containingOccurrence, occurrences, zonedToUtc } from './time.js';

test('wall-clock times map to UTC on both sides of DST, in the gap and in the repeated hour', () => {
  const iso = (t: number) => new Date(t).toISOString();
  expect(iso(zonedToUtc(2026, 7, 7, 1, 0, 'Europe/Berlin'))).toBe('2026-07-06T23:00:00.000Z');
  expect(iso(zonedToUtc(2026, 12, 8, 1, 0, 'Europe/Berlin'))).toBe('2026-12-08T00:00:00.000Z');
  expect(iso(zonedToUtc(2026, 10, 25, 1, 0, 'Europe/Berlin'))).toBe('2026-10-24T23:00:00.000Z');
  // 02:30 happens twice on 25 Oct: the first (CEST) one
  expect(iso(zonedToUtc(2026, 10, 25, 2, 30, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  // 02:30 does not exist on 29 Mar: clocks read 03:30 CEST
  expect(iso(zonedToUtc(2026, 3, 29, 2, 30, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
  expect(iso(zonedToUtc(2026, 11, 1, 1, 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
});

test('a Saturday window in New York keeps its local start across the November change', () => {
  const w: MaintenanceWindow = { id: 'sat', timezone: 'America/New_York', days: ['sat'], start: '02:00', durationMinutes: 240 };
  const starts = occurrences(w, Date.parse('2026-10-30T00:00:00Z'), Date.parse('2026-11-08T00:00:00Z')).map((o) => new Date(o.start).toISOString());
  expect(starts).toEqual(['2026-10-31T06:00:00.000Z', '2026-11-07T07:00:00.000Z']);
});

test('a window that crosses midnight contains a change window on the next day', () => {
  const w: MaintenanceWindow = { id: 'late', timezone: 'Asia/Tokyo', days: ['fri'], start: '23:00', durationMinutes: 180 };
  expect(containingOccurrence(w, Date.parse('2026-12-05T00:30:00+09:00'), Date.parse('2026-12-05T01:30:00+09:00'))).toBeDefined();
  expect(containingOccurrence(w, Date.parse('2026-12-05T01:30:00+09:00'), Date.parse('2026-12-05T02:30:00+09:00'))).toBeUndefined();
});
