import { imageFileName } from '../names.js';
import { stateEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** The image file on the device hashes to another value than the catalog records: it was altered or replaced. */
export const hashMismatch: StateRule = {
  id: 'hash-mismatch',
  kind: 'state',
  meta: { severity: 'critical', description: "The image file's hash on the device differs from the catalog (integrity check mismatch)." },
  check(ctx) {
    const { dev, state } = ctx;
    const hash = state?.facts.hash;
    if (!state || !hash) return;
    const image = ctx.imageByFile(imageFileName(hash.file), dev.platform);
    const expected = image?.[hash.algorithm];
    if (!image || !expected) return;
    if (expected.toLowerCase() === hash.digest.toLowerCase()) return;
    ctx.report({
      device: dev.name,
      summary: `${dev.name}: ${hash.algorithm} of ${imageFileName(hash.file)} does not match the catalog (image ${image.id})`,
      reasons: ['integrity check mismatch: the file on the device is not the approved image'],
      evidence: [
        stateEvidence(state, `${hash.algorithm} ${hash.file}`, hash.digest.toLowerCase(), expected.toLowerCase()),
        { kind: 'git', file: ctx.model.catalog.source.file, line: lineOfImage(ctx.model.catalog.source.lines, ctx.model.catalog.images.indexOf(image), hash.algorithm), text: `${image.id}: ${hash.algorithm} ${expected}` },
      ],
      identity: `${hash.file}|${hash.algorithm}|${hash.digest.toLowerCase()}`,
    });
  },
};

function lineOfImage(lines: Record<string, number>, index: number, algorithm: string): number {
  return lines[`/images/${index}/${algorithm}`] ?? lines[`/images/${index}`] ?? 1;
}
