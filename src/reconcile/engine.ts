import type { DeviceEvent } from '../model/event.js';
import { ATTACK, type Evidence, type Finding } from '../model/finding.js';
import type { Image } from '../model/image.js';
import { SEVERITIES, type DetectionPolicy, type Suppression } from '../model/policy.js';
import type { DeviceState } from '../model/state.js';
import { IMAGE_WORK_KINDS, IdentityIndex, judge, type AuthorizeContext } from './authorize.js';
import { lowestClock } from './evidence.js';
import { fingerprint } from './fingerprint.js';
import { imageFileName } from './names.js';
import { rules as defaultRules } from './rules/index.js';
import type {
  EventProcessor,
  FindingDraft,
  ReconcileInput,
  ReconcileResult,
  ReconcileRule,
  RuleContext,
  StateRule,
  SuppressedFinding,
  UnverifiedDevice,
} from './types.js';

function evidenceText(e: Evidence): string {
  if (e.kind === 'log') return e.raw;
  if (e.kind === 'state') return `${e.fact} ${e.value}`;
  return e.text;
}

function suppressionMatches(s: Suppression, f: Finding, at: number): boolean {
  if (s.rule !== f.rule && s.rule !== '*') return false;
  if (s.device !== undefined && s.device.toLowerCase() !== f.device.toLowerCase()) return false;
  if (!(Date.parse(s.until) > at)) return false;
  if (s.match === undefined) return true;
  const text = [f.summary, ...f.evidence.map(evidenceText)].join('\n');
  try {
    return new RegExp(s.match, 'i').test(text);
  } catch {
    return text.toLowerCase().includes(s.match.toLowerCase());
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    a.device.localeCompare(b.device) ||
    a.rule.localeCompare(b.rule) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

/**
 * Joins git (model + ledger), live state and log events into findings. Events stream through once: the
 * engine keeps per-file counters and the rules keep bounded per-device state, so memory follows the fleet
 * and the open correlation windows, not the size of the logs.
 */
export async function reconcile(input: ReconcileInput, rules: ReconcileRule[] = defaultRules): Promise<ReconcileResult> {
  const { model, ledger } = input;
  const detection: DetectionPolicy = input.detection ?? model.policies.detection;
  const atMs = Date.parse(input.at);
  if (Number.isNaN(atMs)) throw new RangeError(`reconcile: "at" is not a time: ${input.at}`);

  const devices = new Map(model.devices.map((d) => [d.name.toLowerCase(), d]));
  const exact = new Map(model.devices.map((d) => [d.name, d]));
  const images = new Map(model.catalog.images.map((i) => [i.id, i]));
  const byFile = new Map<string, Image[]>();
  for (const i of model.catalog.images) {
    const k = i.file.toLowerCase();
    byFile.set(k, [...(byFile.get(k) ?? []), i]);
  }
  const authCache = new Map<string, ReturnType<typeof ledger.forDevice>>();
  const authorizations = (name: string): ReturnType<typeof ledger.forDevice> => {
    let a = authCache.get(name);
    if (!a) authCache.set(name, (a = ledger.forDevice(name)));
    return a;
  };

  const findings = new Map<string, Finding>();
  let currentRule = '';
  const ctx: RuleContext = {
    model,
    detection,
    at: input.at,
    device: (name) => devices.get(name.toLowerCase()),
    image: (id) => images.get(id),
    imageByFile: (file, platform) => {
      const list = byFile.get(imageFileName(file).toLowerCase()) ?? [];
      return list.find((i) => platform === undefined || i.platform === platform) ?? list[0];
    },
    authorizations,
    report(draft: FindingDraft) {
      const rule = rules.find((r) => r.id === currentRule);
      const f: Finding = {
        rule: currentRule,
        severity: draft.severity ?? rule?.meta.severity ?? 'high',
        device: draft.device,
        summary: draft.summary,
        reasons: draft.reasons,
        evidence: draft.evidence,
        authorization: draft.authorization ? { commit: draft.authorization.commit, ticket: draft.authorization.ticket, pr: draft.authorization.pr } : null,
        attack: ATTACK,
        clock: lowestClock(draft.evidence),
        fingerprint: fingerprint(currentRule, draft.device, draft.identity),
      };
      // the same event read twice (e.g. a log and its rotated copy) is one finding
      if (!findings.has(f.fingerprint)) findings.set(f.fingerprint, f);
    },
  };

  // state rules: once per device of the repository
  const states = new Map<string, DeviceState>();
  for (const s of input.states.devices) states.set(s.device.toLowerCase(), s);
  const sortedDevices = [...model.devices].sort((a, b) => a.name.localeCompare(b.name));
  const stateRules = rules.filter((r): r is StateRule => r.kind === 'state');
  for (const dev of sortedDevices) {
    const deviceCtx = { ...ctx, dev, state: states.get(dev.name.toLowerCase()) };
    for (const rule of stateRules) {
      currentRule = rule.id;
      rule.check(deviceCtx);
    }
  }

  // event rules: one pass over the stream
  const authCtx: AuthorizeContext = {
    policies: model.policies,
    identities: new IdentityIndex(model.policies.identities),
    image: (id) => images.get(id),
    clockSkewMs: detection.clockSkewSeconds * 1000,
    endedAt: (auth) => ledger.contextOf?.(auth).endedAt ?? null,
  };
  const processors: Array<{ id: string; p: EventProcessor }> = [];
  for (const rule of rules) if (rule.kind === 'event') processors.push({ id: rule.id, p: rule.start(ctx) });
  const perFile = new Map<string, number>();
  const onEvent = (ev: DeviceEvent): void => {
    perFile.set(ev.source.path, (perFile.get(ev.source.path) ?? 0) + 1);
    const dev = ev.device === null ? undefined : (exact.get(ev.device) ?? devices.get(ev.device.toLowerCase()));
    const judged = dev && IMAGE_WORK_KINDS.has(ev.kind) ? judge(ev, authorizations(dev.name), authCtx) : null;
    for (const { id, p } of processors) {
      currentRule = id;
      p.onEvent(ev, judged);
    }
  };
  // `for await` over a plain iterable costs a promise per event: only async sources pay for it
  const source = input.events;
  if (Symbol.asyncIterator in source) for await (const ev of source) onEvent(ev);
  else for (const ev of source) onEvent(ev);
  for (const { id, p } of processors) {
    currentRule = id;
    p.finish();
  }

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings.values()) {
    const s = detection.suppressions.find((x) => suppressionMatches(x, f, atMs));
    if (s) suppressed.push({ finding: f, reason: s.reason, until: s.until });
    else kept.push(f);
  }
  kept.sort(compareFindings);
  suppressed.sort((a, b) => compareFindings(a.finding, b.finding));

  const unverifiedDevices: UnverifiedDevice[] = [];
  let verified = 0;
  for (const dev of sortedDevices) {
    const s = states.get(dev.name.toLowerCase());
    if (s?.status === 'ok') verified += 1;
    else if (!s) unverifiedDevices.push({ device: dev.name, reason: 'not-collected' });
    else unverifiedDevices.push(s.detail ? { device: dev.name, reason: s.reason ?? 'unknown', detail: s.detail } : { device: dev.name, reason: s.reason ?? 'unknown' });
  }
  return {
    at: new Date(atMs).toISOString(),
    findings: kept,
    suppressed,
    coverage: {
      devicesExpected: model.devices.length,
      verified,
      unverified: unverifiedDevices,
      eventFiles: [...perFile.entries()].map(([path, events]) => ({ path, lines: 0, events, skipped: 0 })),
    },
  };
}
