import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const devicePath: ValidateRule = {
  id: 'device-path',
  meta: {
    severity: 'error',
    description: 'A device file is devices/<site>/<name>.yaml: its name is the file name and its site the folder.',
  },
  check({ model, report }) {
    for (const d of model.devices) {
      const parts = d.source.file.split('/');
      const base = (parts[parts.length - 1] ?? '').replace(/\.ya?ml$/, '');
      const folder = parts.length === 3 ? parts[1] : undefined;
      const expected = `devices/${d.site}/${d.name}.yaml`;
      if (base !== d.name) {
        report({ ...refOf(d.source, '/name'), message: `name "${d.name}" differs from the file name "${base}"`, hint: `rename the file to ${expected} or fix the name` });
      }
      if (folder !== d.site) {
        report({
          ...refOf(d.source, '/site'),
          message: folder === undefined ? `device file is not in a site folder` : `site "${d.site}" differs from the folder "${folder}"`,
          hint: `move the file to ${expected} or fix the site`,
        });
      }
    }
  },
};
