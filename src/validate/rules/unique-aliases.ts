import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const uniqueAliases: ValidateRule = {
  id: 'unique-aliases',
  meta: {
    severity: 'error',
    description:
      "An alias names one device only: it is not another device's alias, name or management address, or a log line would be pinned on the wrong device.",
  },
  check({ model, report }) {
    // every name a log line could use for a device, to the device that owns it
    const owner = new Map<string, string>();
    for (const d of model.devices) {
      for (const n of [d.name, d.management.host]) if (!owner.has(n.toLowerCase())) owner.set(n.toLowerCase(), d.name);
    }
    for (const d of model.devices) {
      (d.aliases ?? []).forEach((alias, i) => {
        const key = alias.toLowerCase();
        const other = owner.get(key);
        if (other !== undefined && other !== d.name) {
          report({ ...refOf(d.source, `/aliases/${i}`), message: `alias "${alias}" already names device ${other}`, hint: 'remove it from one of the two devices' });
        } else if (other === undefined) {
          owner.set(key, d.name);
        }
      });
    }
  },
};
