import type { GateRule } from '../types.js';

/** Everything `imagegate validate` checks, on the head tree: a PR may not merge a broken repository. */
export const headValid: GateRule = {
  id: 'head-valid',
  meta: {
    severity: 'error',
    description: 'The head of the PR passes `imagegate validate` (schemas and semantic rules).',
    rationale: 'A merged tree that does not load cannot be judged, collected or reconciled.',
  },
  check(ctx) {
    for (const p of ctx.headValidation) ctx.report({ ...p, rule: `${headValid.id}/${p.rule}` });
  },
};
