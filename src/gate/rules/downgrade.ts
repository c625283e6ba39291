import { lineOf } from '../../model/source.js';
import { compareVersions } from '../version.js';
import type { GateRule } from '../types.js';

/** Moving to a lower version needs `downgrade: true` in the change block, and is always called out. */
export const downgrade: GateRule = {
  id: 'downgrade',
  meta: {
    severity: 'error',
    description: 'A move to a lower version than the base needs `change.downgrade: true` and is called out.',
    rationale: 'Downgrades reintroduce fixed vulnerabilities (a classic T1601.001 step); they must be deliberate.',
  },
  check(ctx) {
    for (const c of ctx.changes.devices) {
      if (!c.imageChanged || !c.before || !c.after) continue;
      const catalog = (id: string) => ctx.base.catalog.images.find((i) => i.id === id) ?? ctx.head?.catalog.images.find((i) => i.id === id);
      const from = catalog(c.before.image);
      const to = catalog(c.after.image);
      if (!from || !to || compareVersions(to.version, from.version) >= 0) continue;
      const d = c.after;
      const flagged = d.change?.downgrade === true;
      ctx.report({
        rule: downgrade.id,
        severity: flagged ? 'warning' : 'error',
        file: d.source.file,
        line: lineOf(d.source, flagged ? '/change/downgrade' : '/image'),
        device: d.name,
        message: `${d.name}: DOWNGRADE from ${from.version} (${from.id}) to ${to.version} (${to.id})${flagged ? ', flagged as intended' : ''}`,
        ...(flagged ? {} : { hint: 'if this is intended, set `downgrade: true` in the change block and say why in notes' }),
      });
    }
  },
};
