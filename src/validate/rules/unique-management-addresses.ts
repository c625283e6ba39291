import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const uniqueManagementAddresses: ValidateRule = {
  id: 'unique-management-addresses',
  meta: {
    severity: 'error',
    description: 'No two devices share a management address and port: the collector would read one device twice and never the other.',
  },
  check({ model, report }) {
    const first = new Map<string, string>();
    for (const d of model.devices) {
      const key = `${d.management.host.toLowerCase()}:${d.management.port ?? 22}`;
      const other = first.get(key);
      if (other === undefined) first.set(key, d.source.file);
      else {
        report({
          ...refOf(d.source, '/management/host'),
          message: `management address ${key} is also used by ${other}`,
          hint: 'each device needs its own management address (or port)',
        });
      }
    }
  },
};
