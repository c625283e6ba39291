import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const imageInCatalog: ValidateRule = {
  id: 'image-in-catalog',
  meta: {
    severity: 'error',
    description: "A device's image exists in policies/images.yaml, for the device's platform and (where the catalog lists models) its model.",
  },
  check({ model, index, report }) {
    for (const d of model.devices) {
      const at = refOf(d.source, '/image');
      const image = index.imagesById.get(d.image);
      if (image && image.platform === d.platform && (!image.models || image.models.includes(d.model))) continue;
      const fits = model.catalog.images.filter((i) => i.platform === d.platform && (!i.models || i.models.includes(d.model)) && i.status !== 'revoked');
      const pick = fits.length > 0 ? `pick one of: ${fits.map((i) => i.id).join(', ')}` : `add an image for ${d.platform} ${d.model} to policies/images.yaml`;
      if (!image) {
        report({ ...at, message: `image "${d.image}" is not in policies/images.yaml`, hint: pick });
      } else if (image.platform !== d.platform) {
        report({ ...at, message: `image "${d.image}" is for ${image.platform}, but this device is ${d.platform}`, hint: pick });
      } else {
        report({ ...at, message: `image "${d.image}" is for models ${(image.models ?? []).join(', ')}, not ${d.model}`, hint: pick });
      }
    }
  },
};
