import type { ClockQuality, DeviceEvent } from '../model/event.js';
import type { Evidence } from '../model/finding.js';

export function logEvidence(ev: DeviceEvent): Evidence {
  return { kind: 'log', path: ev.source.path, line: ev.source.line, ts: ev.ts, raw: ev.raw, clock: ev.clock };
}

/** Lower rank = less trustworthy. */
const CLOCK_RANK: Record<ClockQuality, number> = { uptime: 0, unsynced: 1, 'inferred-year': 2, synced: 3 };

/** Lowest clock quality among the evidence; state and git evidence count as synced. */
export function lowestClock(evidence: Evidence[]): ClockQuality {
  let worst: ClockQuality = 'synced';
  for (const e of evidence) if (e.kind === 'log' && CLOCK_RANK[e.clock] < CLOCK_RANK[worst]) worst = e.clock;
  return worst;
}

/** A clock that says nothing about the wall-clock time of the event. */
export function isUntrustedClock(clock: ClockQuality): boolean {
  return clock === 'unsynced' || clock === 'uptime';
}
