import { refOf } from '../../model/source.js';
import { isTimeZone } from '../time.js';
import type { ValidateRule } from '../types.js';

const HINT = 'use an IANA zone name such as Europe/Berlin, America/New_York or UTC';

export const timezone: ValidateRule = {
  id: 'timezone',
  meta: {
    severity: 'error',
    description: 'Device and maintenance-window time zones are IANA zone names (Europe/Berlin), not abbreviations (CET) or offsets.',
  },
  check({ model, report }) {
    for (const d of model.devices) {
      if (d.timezone !== undefined && !isTimeZone(d.timezone)) {
        report({ ...refOf(d.source, '/timezone'), message: `"${d.timezone}" is not a known time zone`, hint: HINT });
      }
    }
    const { change } = model.policies;
    change.maintenanceWindows.forEach((w, n) => {
      if (!isTimeZone(w.timezone)) report({ ...refOf(change.source, `/maintenanceWindows/${n}/timezone`), message: `"${w.timezone}" is not a known time zone`, hint: HINT });
    });
  },
};
