const UNIT_SECONDS: Record<string, number> = {
  year: 365 * 86400,
  week: 7 * 86400,
  day: 86400,
  hour: 3600,
  minute: 60,
  second: 1,
};

/**
 * Seconds from an uptime phrase as IOS (`1 year, 2 weeks, 3 days, 4 hours, 5 minutes`), NX-OS
 * (`123 day(s), 5 hour(s), 15 minute(s), 19 second(s)`) and EOS (`3 weeks, 0 days, 20 hours and 45 minutes`) print it.
 * Undefined when the phrase holds anything else, so that an unknown shape is never half-read.
 */
export function parseUptimePhrase(text: string): number | undefined {
  const part = /(\d+)\s+(year|week|day|hour|minute|second)s?(?:\(s\))?/gy;
  const separator = /\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*$)/y;
  let total = 0;
  let index = 0;
  let parts = 0;
  const input = text.trim();
  while (index < input.length) {
    part.lastIndex = index;
    const m = part.exec(input);
    if (m === null) return undefined;
    total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? Number.NaN);
    parts++;
    separator.lastIndex = part.lastIndex;
    const s = separator.exec(input);
    if (s === null) return undefined;
    index = separator.lastIndex;
    if (s[0] === '' && index < input.length) return undefined;
  }
  return parts > 0 && Number.isFinite(total) ? total : undefined;
}
