import { refOf } from '../../model/source.js';
import { parseOffsetTimestamp } from '../time.js';
import type { ValidateRule } from '../types.js';

const EXAMPLE = 'write it like "2026-12-18T00:00:00+01:00"';

export const freezeWindow: ValidateRule = {
  id: 'freeze-window',
  meta: {
    severity: 'error',
    description: 'Freezes and suppressions have ISO 8601 times with an explicit offset; a freeze starts before it ends.',
  },
  check({ model, report }) {
    const { change, detection } = model.policies;
    change.freezes.forEach((f, n) => {
      const start = parseOffsetTimestamp(f.start);
      const end = parseOffsetTimestamp(f.end);
      if (start === null) report({ ...refOf(change.source, `/freezes/${n}/start`), message: `freeze "${f.id}" start "${f.start}" is not an ISO 8601 time with an offset`, hint: EXAMPLE });
      if (end === null) report({ ...refOf(change.source, `/freezes/${n}/end`), message: `freeze "${f.id}" end "${f.end}" is not an ISO 8601 time with an offset`, hint: EXAMPLE });
      if (start !== null && end !== null && start >= end) {
        report({ ...refOf(change.source, `/freezes/${n}/end`), message: `freeze "${f.id}" ends before or when it starts`, hint: 'the end must come after the start' });
      }
    });
    detection.suppressions.forEach((s, n) => {
      if (parseOffsetTimestamp(s.until) === null) {
        report({ ...refOf(detection.source, `/suppressions/${n}/until`), message: `suppression until "${s.until}" is not an ISO 8601 time with an offset`, hint: EXAMPLE });
      }
    });
  },
};
