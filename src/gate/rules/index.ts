import type { GateRule } from '../types.js';
import { approvals } from './approvals.js';
import { changeBlockRequired } from './change-block-required.js';
import { downgrade } from './downgrade.js';
import { headValid } from './head-valid.js';
import { imageApprovedOnBase } from './image-approved-on-base.js';
import { protectedPaths } from './protected-paths.js';
import { redundancyOverlap } from './redundancy-overlap.js';
import { siteConcurrency } from './site-concurrency.js';
import { windowFreeze } from './window-freeze.js';
import { windowLeadTime } from './window-lead-time.js';
import { windowLength } from './window-length.js';
import { windowMaintenance } from './window-maintenance.js';

/**
 * Every gate rule, one file each, in the order findings are ranked when only a few can be shown
 * (GitHub shows at most 10 error annotations per step): what makes a change unsafe comes first.
 */
export const GATE_RULES: readonly GateRule[] = [
  headValid,
  imageApprovedOnBase,
  changeBlockRequired,
  protectedPaths,
  approvals,
  redundancyOverlap,
  windowFreeze,
  downgrade,
  windowMaintenance,
  windowLeadTime,
  windowLength,
  siteConcurrency,
];
