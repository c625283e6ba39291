import { gitEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** An authorization that was pushed straight to the default branch: nobody reviewed it. */
export const unreviewedChange: StateRule = {
  id: 'unreviewed-change',
  kind: 'state',
  meta: { severity: 'medium', description: 'A change of image or boot settings reached the default branch without a pull request.' },
  check(ctx) {
    const { dev } = ctx;
    for (const auth of ctx.authorizations(dev.name)) {
      if (auth.via !== 'direct' || auth.status === 'withdrawn') continue;
      // a commit that claims a pull request GitHub does not confirm is worse than an honest direct push
      const forged = auth.prUnconfirmed !== undefined;
      ctx.report({
        ...(forged ? { severity: 'high' as const } : {}),
        device: dev.name,
        summary: forged
          ? `${dev.name}: change ${auth.commit.slice(0, 12)} (${auth.to.image ?? 'boot settings'}) has no pull request that GitHub confirms`
          : `${dev.name}: change ${auth.commit.slice(0, 12)} (${auth.to.image ?? 'boot settings'}) was pushed without a pull request`,
        reasons: [forged ? `unreviewed: ${auth.prUnconfirmed}` : 'unreviewed: the commit landed on the default branch directly, no pull request approved it'],
        evidence: [gitEvidence(dev, '/image', `commit ${auth.commit} at ${auth.mergedAt}: image ${auth.from.image ?? '-'} -> ${auth.to.image ?? '-'}`, auth.commit)],
        authorization: auth,
        identity: auth.commit,
      });
    }
  },
};
