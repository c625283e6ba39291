/** Change windows as people look at them: one row per authorization that has a window, with its phase at a moment. */
import type { Authorization, WindowPhase } from '../model/authorization.js';
import type { TimeWindow } from '../model/device.js';
import { windowOpens, type Ledger } from './index.js';
import { formatInZone } from './zones.js';
import { isTimeZone } from '../util/time-zone.js';

export interface ChangeWindowView {
  device: string;
  file: string;
  site: string | null;
  /** Zone the local times are in: the device's, else its site's, else UTC. */
  zone: string;
  fromImage: string | null;
  toImage: string | null;
  window: TimeWindow;
  startUtc: string;
  endUtc: string;
  startLocal: string;
  endLocal: string;
  ticket: string | null;
  executor: string | null;
  transfer: Authorization['transfer'];
  commit: string;
  pr: number | null;
  via: Authorization['via'];
  mergedAt: string;
  status: Authorization['status'];
  endedBy: string | null;
  endedAt: string | null;
  /** False when the window had started before the change landed: never opened, must be rescheduled. */
  opened: boolean;
  phase: WindowPhase;
  authorization: Authorization;
}

export function phaseAt(window: TimeWindow, at: string): WindowPhase {
  const t = Date.parse(at);
  if (t < Date.parse(window.start)) return 'upcoming';
  return t < Date.parse(window.end) ? 'open' : 'closed';
}

function windowView(ledger: Ledger, auth: Authorization & { window: TimeWindow }, at: string, siteZones: Map<string, string>): ChangeWindowView {
  const ctx = ledger.contextOf(auth);
  const candidate = ctx.timezone ?? (ctx.site === null ? undefined : siteZones.get(ctx.site));
  const zone = candidate !== undefined && isTimeZone(candidate) ? candidate : 'UTC';
  return {
    device: auth.device,
    file: ctx.file,
    site: ctx.site,
    zone,
    fromImage: auth.from.image,
    toImage: auth.to.image,
    window: auth.window,
    startUtc: new Date(auth.window.start).toISOString(),
    endUtc: new Date(auth.window.end).toISOString(),
    startLocal: formatInZone(auth.window.start, zone),
    endLocal: formatInZone(auth.window.end, zone),
    ticket: auth.ticket,
    executor: auth.executor,
    transfer: auth.transfer,
    commit: auth.commit,
    pr: auth.pr,
    via: auth.via,
    mergedAt: auth.mergedAt,
    status: auth.status,
    endedBy: ctx.endedBy,
    endedAt: ctx.endedAt,
    opened: windowOpens(auth),
    phase: phaseAt(auth.window, at),
    authorization: auth,
  };
}

/** Every authorization with a window, ordered by window start, then device. */
export function listWindows(ledger: Ledger, at: string, siteZones: Map<string, string> = new Map()): ChangeWindowView[] {
  return ledger.authorizations
    .filter((a): a is Authorization & { window: TimeWindow } => a.window !== null)
    .map((a) => windowView(ledger, a, at, siteZones))
    .sort((a, b) => Date.parse(a.window.start) - Date.parse(b.window.start) || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0));
}
