import { prWindows, relaxable, windowLine } from '../scheduled.js';
import type { GateRule } from '../types.js';

/** A change window starts at least minLeadTimeHours after now (`--at`). */
export const windowLeadTime: GateRule = {
  id: 'window-lead-time',
  meta: {
    severity: 'error',
    description: 'The change window starts at least minLeadTimeHours after the check runs (or --at).',
    rationale: 'Reviewers, the NOC and on-call need notice; a window in the past authorizes what already happened.',
  },
  check(ctx) {
    const hours = ctx.base.policies.change.minLeadTimeHours;
    const earliest = ctx.now.getTime() + hours * 3_600_000;
    for (const w of prWindows(ctx)) {
      if (w.start >= earliest) continue;
      const { severity, suffix } = relaxable(ctx);
      const past = w.start < ctx.now.getTime();
      ctx.report({
        rule: windowLeadTime.id,
        severity,
        file: w.device.source.file,
        line: windowLine(w.device),
        device: w.device.name,
        message: past
          ? `${w.device.name}: the window starts in the past (${w.device.change?.window.start ?? ''})${suffix}`
          : `${w.device.name}: the window starts less than ${hours} h from now (${ctx.now.toISOString()})${suffix}`,
        hint: `start at ${new Date(earliest).toISOString()} or later`,
      });
    }
  },
};
