import { mergedAuthorizations, pendingAuthorizations, gitEvidence, runningText, runsImage, stateEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** The device runs another image than git wants, and no open or upcoming window explains it. */
export const imageDrift: StateRule = {
  id: 'image-drift',
  kind: 'state',
  meta: { severity: 'high', description: 'The running image is not the desired one and no open or upcoming change window explains it.' },
  check(ctx) {
    const { dev, state } = ctx;
    // facts read before a collection failed still count: a drift seen is reported even if the device stays unverified
    if (!state) return;
    const desired = ctx.image(dev.image);
    if (!desired) return;
    if (runsImage(state, desired) !== false) return;
    for (const auth of pendingAuthorizations(ctx)) {
      const from = auth.from.image ? ctx.image(auth.from.image) : undefined;
      if (auth.to.image === dev.image && from && runsImage(state, from) === true) return;
    }
    // still on the old image after its window closed: window-overrun says so, with the window
    const at = Date.parse(ctx.at) - ctx.detection.clockSkewSeconds * 1000;
    const closed = mergedAuthorizations(ctx).some((a) => a.window !== null && Date.parse(a.window.end) < at && a.to.image === dev.image);
    if (closed) return;
    ctx.report({
      device: dev.name,
      summary: `${dev.name} runs ${runningText(state)}, git wants ${desired.file} (${desired.version})`,
      reasons: ['the running image is not the desired image and no open or upcoming window explains it'],
      evidence: [
        stateEvidence(state, 'running image', runningText(state), `${desired.file} (${desired.version})`),
        gitEvidence(dev, '/image', `image: ${dev.image}`),
      ],
      identity: `running=${runningText(state)}|desired=${dev.image}`,
    });
  },
};
