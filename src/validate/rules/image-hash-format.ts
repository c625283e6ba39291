import type { HashAlgorithm } from '../../model/image.js';
import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

const HEX_DIGITS: Record<HashAlgorithm, number> = { sha512: 128, sha256: 64, md5: 32 };
const WELL_FORMED = Object.fromEntries(Object.entries(HEX_DIGITS).map(([alg, n]) => [alg, new RegExp(`^[0-9a-fA-F]{${n}}$`)])) as Record<HashAlgorithm, RegExp>;

export const imageHashFormat: ValidateRule = {
  id: 'image-hash-format',
  meta: {
    severity: 'error',
    description: 'Every hash in the catalog is hex of the right length for its algorithm (sha512: 128, sha256: 64, md5: 32 digits).',
  },
  check({ model, report }) {
    model.catalog.images.forEach((image, i) => {
      for (const alg of Object.keys(HEX_DIGITS) as HashAlgorithm[]) {
        const value = image[alg];
        if (value === undefined) continue;
        const digits = HEX_DIGITS[alg];
        if (WELL_FORMED[alg].test(value)) continue;
        const what = /^[0-9a-fA-F]*$/.test(value) ? `${value.length} hex digits` : 'characters that are not hex digits';
        report({
          ...refOf(model.catalog.source, `/images/${i}/${alg}`),
          message: `${alg} of image "${image.id}" has ${what}; ${alg} has ${digits}`,
          hint: `copy the ${alg} from the vendor's download page, or compute it with \`${alg}sum ${image.file}\``,
        });
      }
    });
  },
};
