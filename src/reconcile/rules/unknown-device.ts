import type { Evidence } from '../../model/finding.js';
import { IMAGE_WORK_KINDS } from '../authorize.js';
import { logEvidence } from '../evidence.js';
import type { EventRule } from '../types.js';

const MAX_EVIDENCE = 5;
/** Distinct unknown hosts tracked; a log full of strangers must not exhaust memory. */
const MAX_HOSTS = 10_000;

/** Events from a host that is in no device file: an unmanaged device, or logs that name devices in a way git does not know. */
export const unknownDevice: EventRule = {
  id: 'unknown-device',
  kind: 'event',
  meta: { severity: 'medium', description: 'Events come from a host that is in no device file (medium with image work, else low).' },
  start(ctx) {
    const hosts = new Map<string, { evidence: Evidence[]; count: number; imageWork: boolean }>();
    return {
      onEvent(ev) {
        if (ev.device !== null || ev.kind === 'other') return;
        const key = ev.host.toLowerCase();
        let h = hosts.get(key);
        if (!h) {
          if (hosts.size >= MAX_HOSTS) return;
          hosts.set(key, (h = { evidence: [], count: 0, imageWork: false }));
        }
        h.count += 1;
        if (IMAGE_WORK_KINDS.has(ev.kind)) h.imageWork = true;
        if (h.evidence.length < MAX_EVIDENCE) h.evidence.push(logEvidence(ev));
      },
      finish() {
        for (const [host, h] of [...hosts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
          ctx.report({
            severity: h.imageWork ? 'medium' : 'low',
            device: host,
            summary: `${h.count} event${h.count === 1 ? '' : 's'} from ${host}, which is in no device file${h.imageWork ? ' (including image work)' : ''}`,
            reasons: ['the host matches no device name, management address or alias in devices/'],
            evidence: h.evidence,
            identity: host,
          });
        }
        hosts.clear();
      },
    };
  },
};
