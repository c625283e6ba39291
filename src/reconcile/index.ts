export { reconcile, compareFindings } from './engine.js';
export { rules } from './rules/index.js';
export { fingerprint, eventIdentity } from './fingerprint.js';
export { judge, checkAgainst, IdentityIndex, IMAGE_WORK_KINDS } from './authorize.js';
export type * from './types.js';
