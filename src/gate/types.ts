import type { Device } from '../model/device.js';
import type { Problem } from '../model/problem.js';
import type { RepoModel } from '../model/repo.js';

/** What a pull request does to one device, between the merge base and the head. */
export interface DeviceChange {
  device: string;
  /** The device file on the head side (the base side when the PR removes it). */
  file: string;
  kind: 'added' | 'removed' | 'modified';
  before: Device | null;
  after: Device | null;
  imageChanged: boolean;
  bootChanged: boolean;
  configRegisterChanged: boolean;
  changeBlockChanged: boolean;
}

export interface ChangeSet {
  /** Resolved shas. */
  base: string;
  head: string;
  mergeBase: string;
  /** Every path the PR changes (against the merge base). */
  files: string[];
  devices: DeviceChange[];
  /** Changed paths that need the policy owners' approval (policies, workflows, CODEOWNERS, the tool's code). */
  protectedPaths: string[];
  /** Changed device files the head cannot load (their problems come from the head's validation). */
  unreadable: string[];
}

/** The pull request, as far as the event and the API tell. */
export interface PullRequestInfo {
  number: number | null;
  author: string | null;
  labels: string[];
  headSha: string | null;
}

/** Approvals as read from GitHub, reduced to what the rules need. */
export interface ApprovalEvidence {
  /** Logins whose latest decisive review on the head commit is an approval (author and bots excluded). */
  approvers: string[];
  /** Approvals that did not count, and why (stale commit, author, bot, superseded by changes requested). */
  ignored: Array<{ login: string; reason: string }>;
  /** Logins whose latest decisive review requests changes. */
  changesRequested: string[];
  /** `org/slug` -> members among the approvers; absent when membership could not be read. */
  teamApprovers: Map<string, string[]>;
  /** Teams whose membership could not be read, with the reason (fail closed on them). */
  teamErrors: Map<string, string>;
}

export interface GateFinding extends Problem {
  device?: string;
}

export interface GateContext {
  changes: ChangeSet;
  /** Policies, catalog and merged windows: always the base, never the head. */
  base: RepoModel;
  /** The head as loaded (its own policies are judged, never used to judge). */
  head: RepoModel | null;
  /** Validation of the head tree (input and semantic problems). */
  headValidation: Problem[];
  now: Date;
  pr: PullRequestInfo | null;
  /** Null when approvals were not read (no --github). */
  approvals: ApprovalEvidence | null;
  /** The PR carries the emergency label and the emergency approvals are met. */
  emergencyGranted: boolean;
  report(finding: GateFinding): void;
}

export interface GateRule {
  id: string;
  meta: {
    severity: 'error' | 'warning';
    description: string;
    /** Why the rule exists, for docs/gate.md. */
    rationale: string;
  };
  check(ctx: GateContext): void;
}
