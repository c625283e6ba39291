import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const imageStatus: ValidateRule = {
  id: 'image-status',
  meta: {
    severity: 'error',
    description: 'A device does not run a revoked image; a deprecated image is a warning.',
  },
  check({ model, index, report }) {
    for (const d of model.devices) {
      const image = index.imagesById.get(d.image);
      if (!image || image.platform !== d.platform) continue;
      const advisories = image.advisories?.length ? ` (${image.advisories.join(', ')})` : '';
      if (image.status === 'revoked') {
        report({ ...refOf(d.source, '/image'), message: `image "${d.image}" is revoked${advisories}`, hint: 'move the device to an approved image' });
      } else if (image.status === 'deprecated') {
        report({
          ...refOf(d.source, '/image'),
          severity: 'warning',
          message: `image "${d.image}" is deprecated${advisories}`,
          hint: 'plan the move to an approved image',
        });
      }
    }
  },
};
