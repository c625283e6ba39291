import type { TransferProtocol } from './device.js';
import type { HashAlgorithm } from './image.js';
import type { SourceMap } from './source.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A recurring maintenance window, in its own time zone (DST follows the zone). */
export interface MaintenanceWindow {
  id: string;
  /** Sites and roles it applies to; absent means all. */
  sites?: string[];
  roles?: string[];
  timezone: string;
  days: Weekday[];
  /** Local wall-clock start `HH:MM`; the window lasts `durationMinutes` and may cross midnight. */
  start: string;
  durationMinutes: number;
}

export interface Freeze {
  id: string;
  start: string;
  end: string;
  reason: string;
  sites?: string[];
}

export interface ApprovalPolicy {
  /** Approvals required on the head commit, author and bots excluded. */
  count: number;
  /** At least one approval from each of these teams. */
  teams?: string[];
  /** The executor of a change may not approve it. */
  separationOfDuties?: boolean;
}

export interface EmergencyPolicy {
  /** Pull-request label that marks an emergency change. */
  label: string;
  /** Approvals needed on top of the normal count. */
  extraApprovals: number;
  teams?: string[];
}

/** `policies/change.yaml`. */
export interface ChangePolicy {
  maintenanceWindows: MaintenanceWindow[];
  freezes: Freeze[];
  maxWindowMinutes: number;
  minLeadTimeHours: number;
  /** At most this many devices of one site in overlapping windows. */
  maxConcurrentPerSite: number;
  allowedTransfers: TransferProtocol[];
  /** Hash algorithms of which the catalog must carry at least one for every image. */
  requiredHashes?: HashAlgorithm[];
  approvals: ApprovalPolicy;
  /** Teams that must approve any change under `policies/`, `.github/` or CODEOWNERS. */
  policyOwners: string[];
  emergency?: EmergencyPolicy;
  source: SourceMap;
}

export interface Team {
  id: string;
  /** GitHub team as `org/team-slug`, for approval checks. */
  github?: string;
}

export interface Person {
  id: string;
  name: string;
  /** GitHub login. */
  github?: string;
  /** User names this person logs in to devices with (TACACS+, local). */
  accounts: string[];
  teams: string[];
  /** May carry out image work (transfer, boot change, reload). */
  imageWork: boolean;
}

export interface AutomationAccount {
  id: string;
  accounts: string[];
  teams: string[];
  imageWork: boolean;
  description?: string;
}

/** `policies/identities.yaml`. */
export interface Identities {
  teams: Team[];
  people: Person[];
  automation: AutomationAccount[];
  source: SourceMap;
}

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** A command pattern of `policies/detection.yaml`. Patterns are JavaScript regular expressions, case-insensitive. */
export interface CommandPattern {
  id: string;
  pattern: string;
  severity: Severity;
  description: string;
}

export interface Suppression {
  rule: string;
  device?: string;
  /** Matched against the finding's evidence text. */
  match?: string;
  until: string;
  reason: string;
}

/** `policies/detection.yaml`. */
export interface DetectionPolicy {
  riskyCommands: CommandPattern[];
  /** Routine debug commands that are not risky (e.g. `debug ip packet` in a lab) . */
  allowedCommands?: string[];
  correlationHorizonMinutes: number;
  clockSkewSeconds: number;
  suppressions: Suppression[];
  source: SourceMap;
}

export interface Policies {
  change: ChangePolicy;
  identities: Identities;
  detection: DetectionPolicy;
}
