import { lineOf } from '../../model/source.js';
import type { GateRule } from '../types.js';

/**
 * A device may only move to an image the base catalog already approves. A PR that approves an image in
 * policies/images.yaml and uses it in the same PR would let the PR write the rule that judges it.
 */
export const imageApprovedOnBase: GateRule = {
  id: 'image-approved-on-base',
  meta: {
    severity: 'error',
    description: 'The new image of a device is approved in the catalog of the base branch.',
    rationale: 'Policies, including the image catalog, are read from the base: a PR cannot approve its own image.',
  },
  check(ctx) {
    for (const c of ctx.changes.devices) {
      const d = c.after;
      if (!d || !c.imageChanged) continue;
      const file = d.source.file;
      const line = lineOf(d.source, '/image');
      const image = ctx.base.catalog.images.find((i) => i.id === d.image);
      if (!image) {
        const addedHere = ctx.head?.catalog.images.some((i) => i.id === d.image) ?? false;
        ctx.report({
          rule: imageApprovedOnBase.id,
          severity: 'error',
          file,
          line,
          device: d.name,
          message: addedHere
            ? `${d.name}: image "${d.image}" is added to policies/images.yaml in this same PR; the base catalog judges, and it does not have it`
            : `${d.name}: image "${d.image}" is not in policies/images.yaml on the base branch`,
          hint: 'merge the catalog change in its own PR (approved by the policy owners) first',
        });
      } else if (image.status !== 'approved' && ctx.head?.catalog.images.find((i) => i.id === d.image)?.status === image.status) {
        // head-valid already reports the status from the head's catalog, which agrees with the base
        continue;
      } else if (image.status === 'revoked') {
        ctx.report({ rule: imageApprovedOnBase.id, severity: 'error', file, line, device: d.name, message: `${d.name}: image "${d.image}" is revoked in the catalog` });
      } else if (image.status === 'deprecated') {
        ctx.report({
          rule: imageApprovedOnBase.id,
          severity: 'warning',
          file,
          line,
          device: d.name,
          message: `${d.name}: image "${d.image}" is deprecated in the catalog`,
          hint: 'prefer an approved image',
        });
      } else if (image.platform !== d.platform || (image.models && !image.models.includes(d.model))) {
        ctx.report({
          rule: imageApprovedOnBase.id,
          severity: 'error',
          file,
          line,
          device: d.name,
          message: `${d.name}: image "${d.image}" is for ${image.platform}${image.models ? ` (${image.models.join(', ')})` : ''}, not ${d.platform} ${d.model}`,
        });
      }
    }
  },
};
