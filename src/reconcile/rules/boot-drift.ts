import { sameBootList } from '../names.js';
import { gitEvidence, pendingAuthorizations, stateEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** Boot variables (what the device loads at next reload) differ from git. */
export const bootDrift: StateRule = {
  id: 'boot-drift',
  kind: 'state',
  meta: { severity: 'high', description: 'The boot variables the device will use at its next reload differ from git.' },
  check(ctx) {
    const { dev, state } = ctx;
    const want = dev.boot?.system;
    const facts = state?.facts.boot;
    if (!state || !want || want.length === 0 || !facts) return;
    const explained = (got: string[]): boolean =>
      pendingAuthorizations(ctx).some((a) => a.from.boot !== null && sameBootList(a.from.boot.system, got));
    const checks: Array<[string, string[] | undefined]> = [
      ['boot variable (next reload)', facts.nextBoot ?? facts.boot],
      ['standby boot variable', facts.standbyBoot],
    ];
    for (const [fact, got] of checks) {
      if (!got || sameBootList(want, got) || explained(got)) continue;
      ctx.report({
        device: dev.name,
        summary: `${dev.name}: ${fact} is ${got.join(';') || '(empty)'}, git wants ${want.join(';')}`,
        reasons: [`${fact} differs from devices YAML and no open or upcoming window explains it`],
        evidence: [stateEvidence(state, fact, got.join(';'), want.join(';')), gitEvidence(dev, '/boot/system', `boot.system: ${want.join(';')}`)],
        identity: `${fact}=${got.join(';')}`,
      });
    }
  },
};
