import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const redundancyGroup: ValidateRule = {
  id: 'redundancy-group',
  meta: {
    severity: 'warning',
    description: 'A redundancy group has at least two members; a group of one is usually a misspelt group name.',
  },
  check({ index, report }) {
    for (const [group, members] of index.groups) {
      const only = members[0];
      if (members.length !== 1 || !only) continue;
      const others = [...index.groups].filter(([, m]) => m.length > 1 && m[0]?.site === only.site).map(([g]) => g);
      report({
        ...refOf(only.source, '/redundancyGroup'),
        message: `redundancy group "${group}" has only this device`,
        hint: others.length > 0 ? `did you mean one of: ${others.join(', ')}? Or remove redundancyGroup` : 'add its partner, or remove redundancyGroup',
      });
    }
  },
};
