import type { HashAlgorithm } from '../../model/image.js';
import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

/** Without a policy, a strong hash is still required: an MD5 alone cannot prove an image unaltered. */
const DEFAULT_REQUIRED: HashAlgorithm[] = ['sha512', 'sha256'];

export const imageHashRequired: ValidateRule = {
  id: 'image-hash-required',
  meta: {
    severity: 'error',
    description:
      'Every catalog image carries at least one of the hashes policies/change.yaml `requiredHashes` names (sha512 or sha256 when it names none).',
  },
  check({ model, report }) {
    const required = model.policies.change.requiredHashes ?? DEFAULT_REQUIRED;
    model.catalog.images.forEach((image, i) => {
      if (required.some((alg) => image[alg] !== undefined)) return;
      report({
        ...refOf(model.catalog.source, `/images/${i}`),
        message: `image "${image.id}" has none of the required hashes (${required.join(' or ')})`,
        hint: `add ${required[0]}: with the value from the vendor's download page`,
      });
    });
  },
};
