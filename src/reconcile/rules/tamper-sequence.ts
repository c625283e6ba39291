import type { DeviceEvent } from '../../model/event.js';
import type { Severity } from '../../model/policy.js';
import { isUntrustedClock, logEvidence } from '../evidence.js';
import { eventIdentity } from '../fingerprint.js';
import { compareEvents, sameAct } from '../same-act.js';
import type { EventRule, Judgement } from '../types.js';

type Step = 'transfer' | 'boot' | 'reload';
interface Held {
  ev: DeviceEvent;
  /** The same act as logged by other sources. */
  also: DeviceEvent[];
  step: Step;
  judged: Judgement;
  used: boolean;
}

/** Unauthorized steps kept per device and step: enough for real attacks, bounded against log floods. */
const MAX_PER_STEP = 32;

function stepOf(ev: DeviceEvent): Step | null {
  if (ev.kind === 'transfer') return 'transfer';
  if (ev.kind === 'boot-change' || ev.kind === 'config-register' || ev.kind === 'install') return 'boot';
  if (ev.kind === 'reload') return 'reload';
  return null;
}

/**
 * Transfer -> boot change -> reload on one device within the correlation horizon, all outside approval: the
 * shape of T1601.001. Events arrive file by file, not in time order, so steps are held per device (bounded)
 * and correlated at the end. Times from an unsynchronized clock cannot be compared with a synchronized one:
 * such a pair is assumed close rather than letting a wrong clock hide the sequence.
 */
export const tamperSequence: EventRule = {
  id: 'tamper-sequence',
  kind: 'event',
  meta: { severity: 'critical', description: 'Transfer, boot change and reload on one device within the correlation horizon, outside approval (partial sequences: high).' },
  start(ctx) {
    const held = new Map<string, Held[]>();
    const counts = new Map<string, number>();
    const horizon = ctx.detection.correlationHorizonMinutes * 60_000;
    const skew = ctx.detection.clockSkewSeconds * 1000;
    const t = (h: Held): number => Date.parse(h.ev.ts);
    const comparable = (a: Held, b: Held): boolean => isUntrustedClock(a.ev.clock) === isUntrustedClock(b.ev.clock);
    /** `a` happened no later than `b` and within the horizon of `b`. */
    const before = (a: Held, b: Held): boolean => !comparable(a, b) || (t(a) <= t(b) + skew && t(b) - t(a) <= horizon + skew);

    const emit = (device: string, steps: Held[], severity: Severity): void => {
      steps.sort((a, b) => (comparable(a, b) ? t(a) - t(b) : 0));
      for (const s of steps) s.used = true;
      const names = steps.map((s) => s.step).filter((n, i, all) => all[i - 1] !== n).join(' -> ');
      const full = severity === 'critical';
      const reasons = [
        full
          ? `transfer, boot change and reload within ${ctx.detection.correlationHorizonMinutes} minutes, none of them approved`
          : `partial sequence ${names} within ${ctx.detection.correlationHorizonMinutes} minutes, not approved`,
      ];
      for (const s of steps) for (const r of s.judged.reasons) reasons.push(`${s.step}: ${r}`);
      if (steps.some((s) => isUntrustedClock(s.ev.clock))) reasons.push('some steps carry an unsynchronized clock: their times are approximate');
      const first = steps[0];
      if (!first) return;
      ctx.report({
        severity,
        device,
        summary: `${device}: ${full ? 'image tamper sequence' : 'partial tamper sequence'} ${names} starting ${first.ev.ts}`,
        reasons,
        evidence: steps.flatMap((s) => [s.ev, ...s.also].map(logEvidence)),
        authorization: steps.find((s) => s.judged.checked)?.judged.checked ?? null,
        // the same act logged by several sources: the canonical line, whatever order the files were read in
        identity: eventIdentity([first.ev, ...first.also].sort(compareEvents)[0] ?? first.ev),
      });
    };

    return {
      onEvent(ev, judged) {
        if (ev.device === null || judged === null || judged.authorized) return;
        const step = stepOf(ev);
        if (step === null) return;
        const key = `${ev.device}\u0000${step}`;
        const n = counts.get(key) ?? 0;
        if (n >= MAX_PER_STEP) return;
        let list = held.get(ev.device);
        if (!list) held.set(ev.device, (list = []));
        const same = list.find((h) => sameAct(h.ev, ev, skew));
        if (same) {
          if (same.also.length < 4) same.also.push(ev);
          return;
        }
        counts.set(key, n + 1);
        list.push({ ev, also: [], step, judged, used: false });
      },
      finish() {
        for (const [device, list] of [...held.entries()].sort(([a], [b]) => a.localeCompare(b))) {
          list.sort((a, b) => t(a) - t(b));
          const of = (s: Step): Held[] => list.filter((h) => h.step === s && !h.used);
          for (const reload of of('reload')) {
            const boot = of('boot').filter((b) => before(b, reload)).pop();
            if (!boot) continue;
            const transfer = of('transfer').filter((x) => before(x, boot) && before(x, reload)).pop();
            if (!transfer) continue;
            // every boot-side step between the transfer and the reload (boot variable and config register) is part of it
            const boots = of('boot').filter((b) => before(transfer, b) && before(b, reload));
            emit(device, [transfer, ...(boots.includes(boot) ? boots : [...boots, boot]), reload], 'critical');
          }
          // partial sequences: two of the three steps, in order, within the horizon
          for (const reload of of('reload')) {
            const prior = [...of('boot'), ...of('transfer')]
              .filter((p) => before(p, reload))
              .sort((a, b) => t(a) - t(b))
              .pop();
            if (prior) emit(device, [prior, reload], 'high');
          }
          for (const boot of of('boot')) {
            const transfer = of('transfer').filter((x) => before(x, boot)).pop();
            if (transfer) emit(device, [transfer, boot], 'high');
          }
        }
        held.clear();
      },
    };
  },
};
