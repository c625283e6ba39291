import type { Authorization } from '../model/authorization.js';
import type { Device } from '../model/device.js';
import type { DeviceEvent } from '../model/event.js';
import type { Evidence, Finding } from '../model/finding.js';
import type { Image } from '../model/image.js';
import type { DetectionPolicy, Severity } from '../model/policy.js';
import type { RepoModel } from '../model/repo.js';
import type { DeviceState, StateFile } from '../model/state.js';

/** The part of the ledger (src/ledger) the reconciler reads; `buildLedger` returns a superset. */
export interface LedgerView {
  authorizations: Authorization[];
  forDevice(name: string): Authorization[];
  /** When a superseded or withdrawn authorization stopped being valid; activity before that was covered. */
  contextOf?(auth: Authorization): { endedAt: string | null };
}

export interface ReconcileInput {
  model: RepoModel;
  ledger: LedgerView;
  states: StateFile;
  events: AsyncIterable<DeviceEvent> | Iterable<DeviceEvent>;
  /** "Now" of the run, UTC ISO: windows are open, upcoming or closed relative to it. */
  at: string;
  /** Defaults to the repository's policies/detection.yaml. */
  detection?: DetectionPolicy;
}

export interface UnverifiedDevice {
  device: string;
  reason: string;
  detail?: string;
}

export interface Coverage {
  devicesExpected: number;
  verified: number;
  unverified: UnverifiedDevice[];
  /** Events seen per file (lines and skipped are filled in by the caller from the events reader's summary). */
  eventFiles: Array<{ path: string; lines: number; events: number; skipped: number }>;
}

export interface SuppressedFinding {
  finding: Finding;
  reason: string;
  until: string;
}

export interface ReconcileResult {
  at: string;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  coverage: Coverage;
}

/** What a rule reports; the engine adds the fingerprint, the ATT&CK mapping and the clock quality. */
export interface FindingDraft {
  severity?: Severity;
  device: string;
  summary: string;
  reasons: string[];
  evidence: Evidence[];
  authorization?: Authorization | null;
  /**
   * What makes this finding the same one on the next run: e.g. the first event's file name, time and
   * command, or a state fact. Never wording or line numbers, which shift.
   */
  identity: string;
}

export interface RuleMeta {
  severity: Severity;
  description: string;
}

/** Verdict of the authorization check for one image, boot or reload event. */
export interface Judgement {
  authorized: boolean;
  /** Why not, one per failed check; empty when authorized. */
  reasons: string[];
  /** The authorization the event came closest to (fewest failed checks), if the device has any. */
  checked: Authorization | null;
}

/** Everything a rule may read; all I/O happened before rules run. */
export interface RuleContext {
  model: RepoModel;
  detection: DetectionPolicy;
  at: string;
  device(name: string): Device | undefined;
  image(id: string): Image | undefined;
  /** Catalog image whose file name is `file` (file system prefix removed), for the device's platform when given. */
  imageByFile(file: string, platform?: string): Image | undefined;
  authorizations(device: string): Authorization[];
  report(draft: FindingDraft): void;
}

export interface DeviceContext extends RuleContext {
  dev: Device;
  /** Collected state; undefined when the device was not in the state file. */
  state: DeviceState | undefined;
}

/** A rule over collected state and git: pure, synchronous, once per device in the repository. */
export interface StateRule {
  id: string;
  kind: 'state';
  meta: RuleMeta;
  check(ctx: DeviceContext): void;
}

/** Per-run processor of an event rule: sees events one at a time, then `finish`. Its memory must stay bounded per device. */
export interface EventProcessor {
  onEvent(ev: DeviceEvent, judged: Judgement | null): void;
  finish(): void;
}

/** A rule over log events. `start` returns a fresh processor per run, so the rule itself holds no state. */
export interface EventRule {
  id: string;
  kind: 'event';
  meta: RuleMeta;
  start(ctx: RuleContext): EventProcessor;
}

export type ReconcileRule = StateRule | EventRule;
