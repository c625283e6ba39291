import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const knownIdentities: ValidateRule = {
  id: 'known-identities',
  meta: {
    severity: 'error',
    description: "A change block's executor is a person or automation account in policies/identities.yaml that may do image work.",
  },
  check({ model, index, report }) {
    const allowed = [...index.identitiesById.values()].filter((i) => i.imageWork).map((i) => i.id);
    for (const d of model.devices) {
      if (!d.change) continue;
      const at = refOf(d.source, '/change/executor');
      const who = index.identitiesById.get(d.change.executor);
      if (!who) {
        report({ ...at, message: `executor "${d.change.executor}" is not in policies/identities.yaml`, hint: `pick one of: ${allowed.join(', ')}` });
      } else if (!who.imageWork) {
        report({ ...at, message: `executor "${who.id}" may not do image work (imageWork: false)`, hint: `pick one of: ${allowed.join(', ')}` });
      }
    }
  },
};
