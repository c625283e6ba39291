import type { Device } from '../model/device.js';
import type { Image } from '../model/image.js';
import type { AutomationAccount, Person } from '../model/policy.js';
import type { RepoModel } from '../model/repo.js';

export interface RuleReport {
  message: string;
  file: string;
  line: number;
  hint?: string;
  /** Overrides the rule's severity for this one report (a rule that warns on one case and fails on another). */
  severity?: 'error' | 'warning';
}

/** Lookups every rule needs, built once per run. */
export interface ModelIndex {
  imagesById: Map<string, Image>;
  identitiesById: Map<string, Person | AutomationAccount>;
  teamIds: Set<string>;
  /** Device sites and roles that exist in the fleet. */
  sites: Set<string>;
  roles: Set<string>;
  /** Devices by redundancy group. */
  groups: Map<string, Device[]>;
}

export interface RuleContext {
  model: RepoModel;
  index: ModelIndex;
  report(r: RuleReport): void;
}

/** A semantic check on a loaded model: plain data plus one pure, synchronous function. */
export interface ValidateRule {
  id: string;
  meta: {
    severity: 'error' | 'warning';
    description: string;
    messages?: Record<string, string>;
  };
  check(ctx: RuleContext): void;
}
