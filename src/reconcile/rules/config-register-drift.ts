import { sameConfigRegister } from '../names.js';
import { gitEvidence, pendingAuthorizations, stateEvidence } from '../state-helpers.js';
import type { StateRule } from '../types.js';

/** Config register (e.g. 0x2142 skips the startup config: password recovery) differs from git. */
export const configRegisterDrift: StateRule = {
  id: 'config-register-drift',
  kind: 'state',
  meta: { severity: 'high', description: 'The config register (now or at next reload) differs from git.' },
  check(ctx) {
    const { dev, state } = ctx;
    const want = dev.boot?.configRegister;
    const facts = state?.facts.boot;
    if (!state || want === undefined || !facts) return;
    const got = facts.nextConfigRegister ?? facts.configRegister;
    if (got === undefined || sameConfigRegister(got, want)) return;
    const explained = pendingAuthorizations(ctx).some((a) => a.from.boot?.configRegister !== undefined && sameConfigRegister(a.from.boot.configRegister, got));
    if (explained) return;
    ctx.report({
      device: dev.name,
      summary: `${dev.name}: config register is ${got}${facts.nextConfigRegister ? ' at next reload' : ''}, git wants ${want}`,
      reasons: ['the config register differs from devices YAML and no open or upcoming window explains it'],
      evidence: [stateEvidence(state, 'config register', got, want), gitEvidence(dev, '/boot/configRegister', `boot.configRegister: ${want}`)],
      identity: `config-register=${got.toLowerCase()}`,
    });
  },
};
