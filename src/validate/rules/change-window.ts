import { refOf } from '../../model/source.js';
import { parseOffsetTimestamp } from '../time.js';
import type { ValidateRule } from '../types.js';

const EXAMPLE = 'write it like "2026-12-12T02:00:00-05:00" (with the offset of the time zone you mean, or Z for UTC)';

export const changeWindow: ValidateRule = {
  id: 'change-window',
  meta: {
    severity: 'error',
    description: "A change block is complete: a ticket and a window whose start and end are ISO 8601 with an explicit offset, start before end.",
  },
  check({ model, report }) {
    for (const d of model.devices) {
      const c = d.change;
      if (!c) continue;
      if (c.ticket.trim() === '') report({ ...refOf(d.source, '/change/ticket'), message: 'change ticket is blank', hint: 'name the change ticket, e.g. CHG0041872' });
      const start = parseOffsetTimestamp(c.window.start);
      const end = parseOffsetTimestamp(c.window.end);
      if (start === null) report({ ...refOf(d.source, '/change/window/start'), message: `window start "${c.window.start}" is not an ISO 8601 time with an offset`, hint: EXAMPLE });
      if (end === null) report({ ...refOf(d.source, '/change/window/end'), message: `window end "${c.window.end}" is not an ISO 8601 time with an offset`, hint: EXAMPLE });
      if (start !== null && end !== null && start >= end) {
        report({ ...refOf(d.source, '/change/window/end'), message: `window ends (${c.window.end}) before or when it starts (${c.window.start})`, hint: 'the end must come after the start' });
      }
    }
  },
};
