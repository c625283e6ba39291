/**
 * IANA time-zone arithmetic with Intl only (no tz library), shared by the gate (maintenance windows), the event
 * reader (device clocks), the ledger and validate. Formatters are cached: building one costs far more than using it.
 */
const formatters = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();
const validity = new Map<string, boolean>();

const NUMERIC: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/**
 * A formatter for `zone`, made once per zone, locale and options object (callers pass module constants).
 * Throws a RangeError for a zone this runtime does not know.
 */
export function zoneFormatter(zone: string, options: Intl.DateTimeFormatOptions = NUMERIC, locale = 'en-US'): Intl.DateTimeFormat {
  // keyed by the options object itself: this sits on the log-reading hot path (several lookups per time stamp)
  let byZone = formatters.get(options);
  if (!byZone) formatters.set(options, (byZone = new Map()));
  const key = `${locale}|${zone}`;
  let f = byZone.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    byZone.set(key, f);
  }
  return f;
}

const formatter = (zone: string): Intl.DateTimeFormat => zoneFormatter(zone);

/** Whether `zone` is an IANA time zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  let ok = validity.get(zone);
  if (ok === undefined) {
    try {
      formatter(zone);
      ok = true;
    } catch {
      ok = false;
    }
    validity.set(zone, ok);
  }
  return ok;
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
 * The UTC instant of a local wall-clock reading in `zone`. A reading in the spring-forward gap is taken with the
 * offset before the change (02:30 comes out as 03:30 local, as clocks do); in the autumn hour that repeats, the
 * earlier instant wins.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // a zone changes its offset at most once around a given day: the offsets a day before and after cover both sides
  const before = zoneOffsetMs(guess - 86_400_000, zone);
  const after = zoneOffsetMs(guess + 86_400_000, zone);
  const valid = [guess - before, guess - after].filter((t) => zoneOffsetMs(t, zone) === guess - t);
  if (valid.length > 0) return Math.min(...valid);
  return guess - before;
}
