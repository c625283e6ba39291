import { imageFileName } from '../names.js';
import { runsImage, stateEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** A device runs, or will boot, an image the catalog has revoked (a known-vulnerable or withdrawn release). */
export const revokedImage: StateRule = {
  id: 'revoked-image',
  kind: 'state',
  meta: { severity: 'critical', description: 'A device runs or will boot an image whose catalog status is revoked.' },
  check(ctx) {
    const { dev, state } = ctx;
    // facts read before a collection failed still count: a drift seen is reported even if the device stays unverified
    if (!state) return;
    const revoked = ctx.model.catalog.images.filter((i) => i.status === 'revoked' && i.platform === dev.platform);
    for (const image of revoked) {
      const running = runsImage(state, image) === true;
      const bootList = state.facts.boot?.nextBoot ?? state.facts.boot?.boot ?? [];
      const booting = bootList.some((b) => imageFileName(b).toLowerCase() === image.file.toLowerCase());
      if (!running && !booting) continue;
      const what = [running ? 'runs' : undefined, booting ? 'will boot' : undefined].filter(Boolean).join(' and ');
      ctx.report({
        device: dev.name,
        summary: `${dev.name} ${what} revoked image ${image.id} (${image.file})`,
        reasons: [`image ${image.id} is revoked in the catalog${image.advisories?.length ? ` (${image.advisories.join(', ')})` : ''}`],
        evidence: [
          running ? stateEvidence(state, 'running image', state.facts.version?.image ?? state.facts.version?.version ?? image.file) : undefined,
          booting ? stateEvidence(state, 'boot variable', bootList.join(';')) : undefined,
        ].filter((e) => e !== undefined),
        identity: `${image.id}|${what}`,
      });
    }
  },
};
