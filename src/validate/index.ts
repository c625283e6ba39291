export { runValidateRules, indexModel } from './runner.js';
export { VALIDATE_RULES } from './rules/index.js';
export { parseOffsetTimestamp, isTimeZone } from './time.js';
export type { ValidateRule, RuleContext, RuleReport, ModelIndex } from './types.js';
