import type { BootSpec, TimeWindow, TransferProtocol } from './device.js';

/** Desired state of a device at one commit. */
export interface DesiredState {
  image: string | null;
  boot: BootSpec | null;
}

/**
 * One authorized change, derived from the first-parent history of the default branch. Valid only from
 * `mergedAt` on: activity before the merge is outside the approval even if it falls inside the window.
 */
export interface Authorization {
  device: string;
  from: DesiredState;
  to: DesiredState;
  window: TimeWindow | null;
  ticket: string | null;
  executor: string | null;
  transfer: TransferProtocol | null;
  /** Commit on the default branch that landed the change. */
  commit: string;
  /** Committer time of that commit, UTC ISO. */
  mergedAt: string;
  pr: number | null;
  /** How it landed; `direct` means pushed with no pull request (unreviewed). */
  via: 'merge' | 'squash' | 'rebase' | 'direct';
  /** `superseded` by a later reschedule or change; `withdrawn` by a revert. */
  status: 'active' | 'superseded' | 'withdrawn';
  /**
   * Set when the commit named a pull request (or looked like a merge) that GitHub does not confirm as merged into
   * it: the authorization then counts as `direct`, and this says why.
   */
  prUnconfirmed?: string;
  supersededBy?: string;
  /** Commit that withdrew it (a revert, or a change block removed before its window). */
  withdrawnBy?: string;
}

export type WindowPhase = 'upcoming' | 'open' | 'closed';
