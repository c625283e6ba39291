import { lineOf } from '../../model/source.js';
import { needsImageWork, schedulesWindow } from '../change-set.js';
import type { GateRule } from '../types.js';

/**
 * An image, boot-variable or config-register change needs a complete `change` block: the ticket, an executor
 * who is an allowed identity with imageWork, an allowed transfer protocol and a window.
 */
export const changeBlockRequired: GateRule = {
  id: 'change-block-required',
  meta: {
    severity: 'error',
    description: 'Image and boot changes carry a change block with ticket, allowed executor, allowed transfer and window.',
    rationale: 'The ledger authorizes exactly what the change block says; without it an upgrade has no owner, window or ticket.',
  },
  check(ctx) {
    const policy = ctx.base.policies.change;
    const identities = ctx.base.policies.identities;
    for (const c of ctx.changes.devices) {
      const d = c.after;
      if (!d) continue;
      if (!d.change) {
        if (needsImageWork(c)) {
          const what = [c.imageChanged ? 'image' : '', c.bootChanged ? 'boot variables' : '', c.configRegisterChanged ? 'config register' : '']
            .filter(Boolean)
            .join(', ');
          ctx.report({
            rule: changeBlockRequired.id,
            severity: 'error',
            file: d.source.file,
            line: lineOf(d.source, c.imageChanged ? '/image' : '/boot'),
            device: d.name,
            message: `${d.name}: the ${what} change has no change block`,
            hint: 'add `change:` with ticket, window (start, end), executor and transfer',
          });
        }
        continue;
      }
      if (!schedulesWindow(c)) continue;
      const ch = d.change;
      const at = (pointer: string): number => lineOf(d.source, pointer);
      if (ch.ticket.trim() === '') {
        ctx.report({ rule: changeBlockRequired.id, severity: 'error', file: d.source.file, line: at('/change/ticket'), device: d.name, message: `${d.name}: the change has no ticket` });
      }
      const person = identities.people.find((p) => p.id === ch.executor);
      const robot = identities.automation.find((a) => a.id === ch.executor);
      const who = person ?? robot;
      if (!who) {
        ctx.report({
          rule: changeBlockRequired.id,
          severity: 'error',
          file: d.source.file,
          line: at('/change/executor'),
          device: d.name,
          message: `${d.name}: executor "${ch.executor}" is not in policies/identities.yaml on the base branch`,
          hint: `use one of: ${[...identities.people, ...identities.automation].filter((i) => i.imageWork).map((i) => i.id).join(', ')}`,
        });
      } else if (!who.imageWork) {
        ctx.report({
          rule: changeBlockRequired.id,
          severity: 'error',
          file: d.source.file,
          line: at('/change/executor'),
          device: d.name,
          message: `${d.name}: executor "${ch.executor}" is not allowed to do image work (imageWork: false)`,
        });
      }
      if (!policy.allowedTransfers.includes(ch.transfer)) {
        ctx.report({
          rule: changeBlockRequired.id,
          severity: 'error',
          file: d.source.file,
          line: at('/change/transfer'),
          device: d.name,
          message: `${d.name}: transfer "${ch.transfer}" is not allowed`,
          hint: `allowed: ${policy.allowedTransfers.join(', ')}`,
        });
      }
    }
  },
};
