import { parseOffsetTimestamp } from '../../validate/index.js';
import { prWindows, windowLine } from '../scheduled.js';
import { overlaps } from '../time.js';
import type { GateRule } from '../types.js';

/** No change window touches a change freeze that covers the device's site. Emergencies do not relax this. */
export const windowFreeze: GateRule = {
  id: 'window-freeze',
  meta: {
    severity: 'error',
    description: 'The change window does not overlap a change freeze for the device\'s site.',
    rationale: 'Freezes protect business peaks; only a policy change (approved by the policy owners) lifts one.',
  },
  check(ctx) {
    for (const w of prWindows(ctx)) {
      for (const f of ctx.base.policies.change.freezes) {
        if (f.sites && !f.sites.includes(w.device.site)) continue;
        const start = parseOffsetTimestamp(f.start);
        const end = parseOffsetTimestamp(f.end);
        // a freeze whose bounds cannot be read covers everything: fail closed
        if (start !== null && end !== null && !overlaps(w, { start, end })) continue;
        ctx.report({
          rule: windowFreeze.id,
          severity: 'error',
          file: w.device.source.file,
          line: windowLine(w.device),
          device: w.device.name,
          message: `${w.device.name}: window overlaps change freeze "${f.id}" (${f.start} to ${f.end}): ${f.reason}`,
          hint: 'move the window after the freeze',
        });
      }
    }
  },
};
