import type { Evidence } from '../../model/finding.js';
import type { StateRule } from '../types.js';

/** Fail closed: a device that could not be read is reported, never counted as compliant. */
export const unverified: StateRule = {
  id: 'unverified',
  kind: 'state',
  meta: { severity: 'medium', description: 'A device could not be read (unreachable, timeout, unparsable output); a host-key mismatch is high.' },
  check(ctx) {
    const { dev, state } = ctx;
    if (state && state.status === 'ok') return;
    const reason = state ? (state.reason ?? 'unknown') : 'not-collected';
    const evidence: Evidence[] = [
      {
        kind: 'state',
        fact: 'collection',
        value: `${reason}${state?.detail ? `: ${state.detail}` : ''}`,
        collectedAt: state?.collectedAt ?? ctx.at,
      },
    ];
    if (reason === 'host-key-mismatch' && state?.presentedHostKey) {
      evidence.push({ kind: 'state', fact: 'host key', value: state.presentedHostKey, expected: dev.management.hostKey, collectedAt: state.collectedAt });
    }
    ctx.report({
      severity: reason === 'host-key-mismatch' ? 'high' : 'medium',
      device: dev.name,
      summary:
        reason === 'host-key-mismatch'
          ? `${dev.name}: host key does not match the pinned key (possible impersonation); state not verified`
          : `${dev.name}: could not be verified (${reason})`,
      reasons: [state ? `collection failed: ${reason}` : 'the device is in git but not in the state file'],
      evidence,
      identity: reason === 'host-key-mismatch' ? `${reason}|${state?.presentedHostKey ?? ''}` : reason,
    });
  },
};
