import { prWindows, windowLine } from '../scheduled.js';
import type { GateRule } from '../types.js';

/** A change window is no longer than the policy's maximum (validate's change-window checks that it ends after it starts). */
export const windowLength: GateRule = {
  id: 'window-length',
  meta: {
    severity: 'error',
    description: 'The change window lasts at most maxWindowMinutes.',
    rationale: 'A long window is a standing authorization; activity in it would look approved.',
  },
  check(ctx) {
    const max = ctx.base.policies.change.maxWindowMinutes;
    for (const w of prWindows(ctx)) {
      const minutes = (w.end - w.start) / 60_000;
      if (minutes > max) {
        ctx.report({
          rule: windowLength.id,
          severity: 'error',
          file: w.device.source.file,
          line: windowLine(w.device, 'end'),
          device: w.device.name,
          message: `${w.device.name}: the window lasts ${minutes} minutes; at most ${max} are allowed`,
          hint: 'split the work into several windows',
        });
      }
    }
  },
};
