/**
 * Which zone a window is shown in besides UTC: the device's own `timezone`, else the zone of its site's
 * maintenance windows in policies/change.yaml at the same ref, else UTC.
 */
import { load } from 'js-yaml';
import type { TreeReader } from '../repo/tree.js';
import { isTimeZone, zoneFormatter } from '../util/time-zone.js';

/** site -> IANA zone, from the maintenance windows that name the site. Unreadable policy: no zones (UTC is shown). */
export async function siteZones(tree: TreeReader): Promise<Map<string, string>> {
  const zones = new Map<string, string>();
  const raw = await tree.read('policies/change.yaml');
  if (!raw) return zones;
  let doc: unknown;
  try {
    doc = load(raw.toString('utf8'));
  } catch {
    return zones;
  }
  const windows = (doc as { maintenanceWindows?: unknown } | null)?.maintenanceWindows;
  if (!Array.isArray(windows)) return zones;
  for (const w of windows as Array<{ sites?: unknown; timezone?: unknown }>) {
    if (typeof w?.timezone !== 'string' || !isTimeZone(w.timezone) || !Array.isArray(w.sites)) continue;
    for (const s of w.sites) if (typeof s === 'string' && !zones.has(s)) zones.set(s, w.timezone);
  }
  return zones;
}


const WITH_OFFSET: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'longOffset',
};

/** `2026-11-10 01:00 +01:00` in `zone` (DST as the zone has it), or in UTC as `2026-11-10 00:00Z`. */
export function formatInZone(iso: string, zone: string): string {
  const d = new Date(iso);
  if (zone === 'UTC') return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}Z`;
  const parts = zoneFormatter(zone, WITH_OFFSET).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace(/^GMT$/, 'GMT+00:00').replace('GMT', '');
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${offset}`;
}
