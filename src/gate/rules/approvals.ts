import { evaluateApprovals } from '../approvals.js';
import { emergencyRequested } from '../scheduled.js';
import type { GateRule } from '../types.js';

const PR_FILE = 'pull request';

/**
 * Approvals on the head commit meet the policy: the count (author, bots and, with separation of duties,
 * the executors excluded) and one approval from each required team; the emergency label adds its extras.
 */
export const approvals: GateRule = {
  id: 'approvals',
  meta: {
    severity: 'error',
    description: 'Reviews on the head commit meet the required count and teams; team membership that cannot be read fails closed.',
    rationale: 'Four eyes on every image change, and nobody approves the change they carry out.',
  },
  check(ctx) {
    if (ctx.changes.devices.length === 0) return;
    const file = ctx.changes.devices[0]?.file ?? PR_FILE;
    if (!ctx.approvals) {
      ctx.report({
        rule: approvals.id,
        severity: 'warning',
        file,
        line: 1,
        message: `approvals were not checked (run with --github); this change needs ${ctx.base.policies.change.approvals.count} approvals${
          ctx.base.policies.change.approvals.teams?.length ? ` including ${ctx.base.policies.change.approvals.teams.join(', ')}` : ''
        }`,
      });
      return;
    }
    const emergency = emergencyRequested(ctx);
    const v = evaluateApprovals(ctx.base, ctx.changes, ctx.approvals, emergency);
    if (v.eligible.length < v.required) {
      const extra = v.executors.length > 0 ? `; ${v.executors.join(', ')} cannot count (executor of this change)` : '';
      const ignored = ctx.approvals.ignored.map((i) => `${i.login}: ${i.reason}`).join('; ');
      ctx.report({
        rule: approvals.id,
        severity: 'error',
        file,
        line: 1,
        message: `${v.eligible.length} of ${v.required} required approvals on the head commit${emergency ? ' (emergency: extra approvals included)' : ''}${extra}${ignored ? `; not counted: ${ignored}` : ''}`,
      });
    }
    for (const t of v.teams) {
      if (t.approvers === null) {
        ctx.report({ rule: approvals.id, severity: 'error', file, line: 1, message: `approval from team ${t.team} cannot be verified: ${t.error ?? 'unknown'}` });
      } else if (t.approvers.length === 0) {
        ctx.report({ rule: approvals.id, severity: 'error', file, line: 1, message: `no approval from a member of team ${t.team} (${t.github ?? ''})` });
      }
    }
    for (const login of ctx.approvals.changesRequested) {
      ctx.report({ rule: approvals.id, severity: 'warning', file, line: 1, message: `${login} requests changes` });
    }
  },
};
