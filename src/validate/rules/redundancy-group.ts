import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const redundancyGroup: ValidateRule = {
  id: 'redundancy-group',
  meta: {
    severity: 'warning',
    description: 'A redundancy group has at least two members; a group of one is usually a misspelt group name.',
  },
  check({ index, report }) {
    // real groups per site, for the "did you mean" hint
    const bySite = new Map<string, string[]>();
    for (const [group, members] of index.groups) {
      const site = members[0]?.site;
      if (members.length > 1 && site !== undefined) bySite.set(site, [...(bySite.get(site) ?? []), group]);
    }
    for (const [group, members] of index.groups) {
      const only = members[0];
      if (members.length !== 1 || !only) continue;
      const others = bySite.get(only.site) ?? [];
      report({
        ...refOf(only.source, '/redundancyGroup'),
        message: `redundancy group "${group}" has only this device`,
        hint: others.length > 0 ? `did you mean one of: ${others.join(', ')}? Or remove redundancyGroup` : 'add its partner, or remove redundancyGroup',
      });
    }
  },
};
