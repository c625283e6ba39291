import { describeWindow, mergedWindows, prWindows, windowLine } from '../scheduled.js';
import { overlaps } from '../time.js';
import type { GateRule } from '../types.js';

/** Members of one redundancy group are never down together: their windows do not overlap. */
export const redundancyOverlap: GateRule = {
  id: 'redundancy-overlap',
  meta: {
    severity: 'error',
    description: 'Windows of devices in the same redundancy group do not overlap, within this PR or with windows already merged.',
    rationale: 'Upgrading both members of a pair at once takes the service down.',
  },
  check(ctx) {
    const mine = prWindows(ctx);
    const all = [...mine, ...mergedWindows(ctx)];
    for (const w of mine) {
      const group = w.device.redundancyGroup;
      if (!group) continue;
      const clashes = all.filter((o) => o.device.name !== w.device.name && o.device.redundancyGroup === group && overlaps(w, o));
      if (clashes.length === 0) continue;
      ctx.report({
        rule: redundancyOverlap.id,
        severity: 'error',
        file: w.device.source.file,
        line: windowLine(w.device),
        device: w.device.name,
        message: `${w.device.name}: window overlaps ${clashes.map(describeWindow).join(', ')} in redundancy group ${group}`,
        hint: 'schedule members of a redundancy group in separate windows',
      });
    }
  },
};
