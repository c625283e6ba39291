/** ISO 8601 date-time with an explicit offset; a time without one is ambiguous across sites and DST. */
const OFFSET_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an ISO 8601 timestamp with an explicit offset, or null when it is not one (or not a real date). */
export function parseOffsetTimestamp(text: string): number | null {
  const m = OFFSET_TIMESTAMP.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  if (oh !== undefined && (Number(oh) > 18 || Number(om) > 59)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export { isTimeZone } from '../util/time-zone.js';
