import { gitEvidence, mergedAuthorizations, runningText, runsImage, stateEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** A change window closed and the device is not on the image it approved. */
export const windowOverrun: StateRule = {
  id: 'window-overrun',
  kind: 'state',
  meta: { severity: 'high', description: 'A change window has closed and the device is not on the image it approved.' },
  check(ctx) {
    const { dev, state } = ctx;
    // facts read before a collection failed still count: a drift seen is reported even if the device stays unverified
    if (!state) return;
    const at = Date.parse(ctx.at) - ctx.detection.clockSkewSeconds * 1000;
    const closed = mergedAuthorizations(ctx)
      .filter((a) => a.window !== null && Date.parse(a.window.end) < at && a.to.image === dev.image)
      .sort((a, b) => Date.parse(b.mergedAt) - Date.parse(a.mergedAt));
    const auth = closed[0];
    if (!auth || !auth.window || !auth.to.image) return;
    const target = ctx.image(auth.to.image);
    if (!target || runsImage(state, target) !== false) return;
    ctx.report({
      device: dev.name,
      summary: `${dev.name}: window ${auth.window.start} .. ${auth.window.end} (${auth.ticket ?? 'no ticket'}) closed, device still runs ${runningText(state)}`,
      reasons: [`window closed at ${auth.window.end} and the device is not on ${target.file} (${target.version})`],
      evidence: [
        stateEvidence(state, 'running image', runningText(state), `${target.file} (${target.version})`),
        gitEvidence(dev, '/image', `image: ${dev.image}`, auth.commit),
      ],
      authorization: auth,
      identity: `${auth.commit}|running=${runningText(state)}`,
    });
  },
};
