import type { DeviceEvent, EventKind } from '../model/event.js';
import { logEvidence } from './evidence.js';
import { eventIdentity } from './fingerprint.js';
import { compareEvents, sameAct } from './same-act.js';
import type { EventRule, Judgement, RuleMeta } from './types.js';

/** Acts held per device before they are reported; beyond it the oldest is reported at once. */
const MAX_PENDING_PER_DEVICE = 64;
/** Log lines kept as evidence of one act. */
const MAX_LINES = 5;
/** Authorized acts remembered per device, to recognize the same act in a log that names no user. */
const MAX_AUTHORIZED_PER_DEVICE = 32;
const NO_USER = 'identity not allowed: the log line names no user';

interface Act {
  events: DeviceEvent[];
  reasons: string[];
  judged: Judgement;
}

/**
 * The three unauthorized-* rules differ only in the event kinds they watch: one finding per act that no
 * authorization explains, with every failed check named. The same act logged by several sources (TACACS+,
 * syslog, TFTP server) is one finding with all lines as evidence.
 */
export function unauthorizedRule(id: string, kinds: EventKind[], what: string, meta: RuleMeta): EventRule {
  const watched = new Set<EventKind>(kinds);
  return {
    id,
    kind: 'event',
    meta,
    start(ctx) {
      const skew = ctx.detection.clockSkewSeconds * 1000;
      const pending = new Map<string, Act[]>();
      const authorized = new Map<string, DeviceEvent[]>();
      /**
       * A server log that names no user (a TFTP request, a reload message) of an act that another log shows
       * authorized is that act, not another one: it fails only for the missing user, and matches in time and subject.
       */
      const explained = (act: Act, device: string): boolean =>
        act.events.every((e) => e.actor === null) &&
        act.reasons.every((r) => r.startsWith(NO_USER)) &&
        (authorized.get(device) ?? []).some((a) => act.events[0] !== undefined && sameAct(a, act.events[0], skew));
      const report = (device: string, act: Act): void => {
        const events = act.events.slice().sort(compareEvents);
        const first = events[0];
        if (!first) return;
        const actor = events.find((e) => e.actor)?.actor;
        const file = events.find((e) => e.file)?.file;
        const protocol = events.find((e) => e.protocol)?.protocol;
        const register = first.kind === 'config-register' ? /0x[0-9a-f]+/i.exec(first.command ?? first.raw)?.[0] : undefined;
        const detail = register ? ` (config register ${register})` : file ? ` (${file}${protocol ? ` over ${protocol}` : ''})` : protocol ? ` (over ${protocol})` : '';
        ctx.report({
          device,
          summary: `${device}: ${what}${detail}${actor ? ` by ${actor}` : ''} at ${first.ts} outside any approved change`,
          reasons: act.reasons,
          evidence: events.map(logEvidence),
          authorization: act.judged.checked,
          identity: eventIdentity(first),
        });
      };
      return {
        onEvent(ev, judged) {
          if (!watched.has(ev.kind) || ev.device === null || judged === null) return;
          if (judged.authorized) {
            let seen = authorized.get(ev.device);
            if (!seen) authorized.set(ev.device, (seen = []));
            seen.push(ev);
            if (seen.length > MAX_AUTHORIZED_PER_DEVICE) seen.shift();
            return;
          }
          let list = pending.get(ev.device);
          if (!list) pending.set(ev.device, (list = []));
          const same = list.find((a) => a.events[0] !== undefined && sameAct(a.events[0], ev, skew));
          if (same) {
            if (same.events.length < MAX_LINES) same.events.push(ev);
            for (const r of judged.reasons) if (!same.reasons.includes(r)) same.reasons.push(r);
            return;
          }
          list.push({ events: [ev], reasons: judged.reasons.slice(), judged });
          if (list.length > MAX_PENDING_PER_DEVICE) {
            const oldest = list.shift();
            if (oldest) report(ev.device, oldest);
          }
        },
        finish() {
          for (const [device, list] of [...pending.entries()].sort(([a], [b]) => a.localeCompare(b))) {
            for (const act of list) if (!explained(act, device)) report(device, act);
          }
          pending.clear();
          authorized.clear();
        },
      };
    },
  };
}
