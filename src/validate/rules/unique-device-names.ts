import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const uniqueDeviceNames: ValidateRule = {
  id: 'unique-device-names',
  meta: {
    severity: 'error',
    description: 'Device names are unique (compared case-insensitively, as DNS and syslog do).',
  },
  check({ model, report }) {
    const first = new Map<string, string>();
    for (const d of model.devices) {
      const key = d.name.toLowerCase();
      const other = first.get(key);
      if (other === undefined) first.set(key, d.source.file);
      else report({ ...refOf(d.source, '/name'), message: `device name "${d.name}" is also used by ${other}`, hint: 'give each device its own name' });
    }
  },
};
