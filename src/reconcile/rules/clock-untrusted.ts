import type { ClockQuality } from '../../model/event.js';
import type { Evidence } from '../../model/finding.js';
import { IMAGE_WORK_KINDS } from '../authorize.js';
import { isUntrustedClock, logEvidence } from '../evidence.js';
import type { EventRule } from '../types.js';

const MAX_EVIDENCE = 5;

/**
 * Image work logged with an unsynchronized (`*`/`.`) or uptime clock: its time cannot be checked against a
 * window. The events are still judged (and flagged by the other rules); this says why their times are doubtful.
 */
export const clockUntrusted: EventRule = {
  id: 'clock-untrusted',
  kind: 'event',
  meta: { severity: 'low', description: 'Image, boot or reload events carry an unsynchronized or uptime clock; they are still judged, marked as such.' },
  start(ctx) {
    const devices = new Map<string, { clock: ClockQuality; evidence: Evidence[]; count: number }>();
    return {
      onEvent(ev) {
        if (ev.device === null || !isUntrustedClock(ev.clock) || (!IMAGE_WORK_KINDS.has(ev.kind) && ev.kind !== 'risky-command')) return;
        const key = `${ev.device}\u0000${ev.clock}`;
        let d = devices.get(key);
        if (!d) devices.set(key, (d = { clock: ev.clock, evidence: [], count: 0 }));
        d.count += 1;
        if (d.evidence.length < MAX_EVIDENCE) d.evidence.push(logEvidence(ev));
      },
      finish() {
        for (const [key, d] of [...devices.entries()].sort(([a], [b]) => a.localeCompare(b))) {
          const device = key.split('\u0000')[0] ?? key;
          ctx.report({
            device,
            summary: `${device}: ${d.count} image/boot/reload event${d.count === 1 ? '' : 's'} logged with an ${d.clock === 'uptime' ? 'uptime-only' : 'unsynchronized'} clock`,
            reasons: [
              d.clock === 'uptime' ? 'the log gives time since boot only' : 'the device clock was not synchronized (* or . before the timestamp)',
              'times of these events cannot be verified against change windows; they are judged as logged and never hidden',
            ],
            evidence: d.evidence,
            identity: d.clock,
          });
        }
        devices.clear();
      },
    };
  },
};
