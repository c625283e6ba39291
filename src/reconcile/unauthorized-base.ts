import type { EventKind } from '../model/event.js';
import { logEvidence } from './evidence.js';
import { eventIdentity } from './fingerprint.js';
import type { EventRule, RuleMeta } from './types.js';

/**
 * The three unauthorized-* rules differ only in the event kinds they watch: one finding per event that no
 * authorization explains, with every failed check named. They keep no state, so memory does not grow with logs.
 */
export function unauthorizedRule(id: string, kinds: EventKind[], what: string, meta: RuleMeta): EventRule {
  const watched = new Set<EventKind>(kinds);
  return {
    id,
    kind: 'event',
    meta,
    start(ctx) {
      return {
        onEvent(ev, judged) {
          if (!watched.has(ev.kind) || ev.device === null || judged === null || judged.authorized) return;
          const by = ev.actor ? ` by ${ev.actor}` : '';
          const detail = ev.file ? ` (${ev.file}${ev.protocol ? ` over ${ev.protocol}` : ''})` : ev.protocol ? ` (over ${ev.protocol})` : '';
          ctx.report({
            device: ev.device,
            summary: `${ev.device}: ${what}${detail}${by} at ${ev.ts} outside any approved change`,
            reasons: judged.reasons,
            evidence: [logEvidence(ev)],
            authorization: judged.checked,
            identity: eventIdentity(ev),
          });
        },
        finish() {},
      };
    },
  };
}
