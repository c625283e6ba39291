import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const knownSites: ValidateRule = {
  id: 'known-sites',
  meta: {
    severity: 'error',
    description: 'Sites that maintenance windows and freezes name have devices; a role a window names is a warning when no device has it.',
  },
  check({ model, index, report }) {
    const { change } = model.policies;
    const known = [...index.sites].sort().join(', ');
    const checkSites = (sites: string[] | undefined, pointer: string): void =>
      sites?.forEach((s, i) => {
        if (!index.sites.has(s)) report({ ...refOf(change.source, `${pointer}/${i}`), message: `site "${s}" has no devices`, hint: `sites with devices: ${known}` });
      });
    change.maintenanceWindows.forEach((w, n) => {
      checkSites(w.sites, `/maintenanceWindows/${n}/sites`);
      w.roles?.forEach((r, i) => {
        if (!index.roles.has(r)) {
          report({
            ...refOf(change.source, `/maintenanceWindows/${n}/roles/${i}`),
            severity: 'warning',
            message: `role "${r}" is on no device`,
            hint: `roles in use: ${[...index.roles].sort().join(', ')}`,
          });
        }
      });
    });
    change.freezes.forEach((f, n) => checkSites(f.sites, `/freezes/${n}/sites`));
  },
};
