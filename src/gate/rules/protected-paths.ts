import { teamVerdicts } from '../approvals.js';
import type { GateRule } from '../types.js';

/**
 * A PR that changes the policy, the workflows, CODEOWNERS or the tool's own code needs an approval from
 * each policy-owner team, and says so even before anyone reviews.
 */
export const protectedPaths: GateRule = {
  id: 'protected-paths',
  meta: {
    severity: 'error',
    description: 'Changes to policies/, .github/, CODEOWNERS, src/, bin/, scripts/, package.json or .npmrc need the policy owners\' approval.',
    rationale: 'Whoever can change the rules or the gate can approve anything; those changes need their own owners.',
  },
  check(ctx) {
    const paths = ctx.changes.protectedPaths;
    if (paths.length === 0) return;
    const owners = ctx.base.policies.change.policyOwners;
    const file = paths[0] ?? 'policies/change.yaml';
    const list = paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ');
    if (!ctx.approvals) {
      ctx.report({
        rule: protectedPaths.id,
        severity: 'warning',
        file,
        line: 1,
        message: `this PR changes ${list}: it needs an approval from the policy owners (${owners.join(', ')}); not checked without --github`,
      });
      return;
    }
    const approvers = ctx.approvals.approvers.filter((a) => a.toLowerCase() !== (ctx.pr?.author ?? '').toLowerCase());
    for (const t of teamVerdicts(ctx.base, owners, approvers, ctx.approvals)) {
      if (t.approvers !== null && t.approvers.length > 0) continue;
      ctx.report({
        rule: protectedPaths.id,
        severity: 'error',
        file,
        line: 1,
        message: `this PR changes ${list}: it needs an approval from policy owners ${t.team}${t.github ? ` (${t.github})` : ''}${t.error ? `, which cannot be verified: ${t.error}` : ''}`,
      });
    }
  },
};
