import type { ClockQuality } from './event.js';
import type { Severity } from './policy.js';

export type Evidence =
  | { kind: 'log'; path: string; line: number; ts: string; raw: string; clock: ClockQuality }
  | { kind: 'state'; fact: string; value: string; expected?: string; collectedAt: string }
  | { kind: 'git'; file: string; line: number; commit?: string; text: string };

export interface AttackMapping {
  technique: 'T1601.001';
  parent: 'T1601';
  analytic: 'AN1293';
  detectionStrategy: 'DET0469';
}

export const ATTACK: AttackMapping = {
  technique: 'T1601.001',
  parent: 'T1601',
  analytic: 'AN1293',
  detectionStrategy: 'DET0469',
};

export interface Finding {
  rule: string;
  severity: Severity;
  /** Device name; for `unknown-device` the host as logged. */
  device: string;
  summary: string;
  /** Why it is outside any approved merge, one reason per entry. */
  reasons: string[];
  evidence: Evidence[];
  /** Commit of the authorization it was checked against, if any. */
  authorization: { commit: string; ticket: string | null; pr: number | null } | null;
  attack: AttackMapping;
  /** Lowest clock quality among the evidence; a finding is never hidden for it. */
  clock: ClockQuality;
  /** Stable across runs: sha256 over rule, device and the identity of the evidence (not its wording). */
  fingerprint: string;
}

export const FINDINGS_FILE_VERSION = 1;
