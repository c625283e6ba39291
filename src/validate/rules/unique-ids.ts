import { refOf, type SourceMap } from '../../model/source.js';
import type { RuleContext, ValidateRule } from '../types.js';

function checkUnique(ctx: RuleContext, what: string, source: SourceMap, entries: Array<{ id: string; pointer: string }>): void {
  const first = new Map<string, number>();
  for (const e of entries) {
    const line = first.get(e.id);
    const at = refOf(source, e.pointer);
    if (line === undefined) first.set(e.id, at.line);
    else ctx.report({ ...at, message: `${what} "${e.id}" is already defined on line ${line}`, hint: `give each ${what} its own id` });
  }
}

export const uniqueIds: ValidateRule = {
  id: 'unique-ids',
  meta: {
    severity: 'error',
    description:
      'Ids are unique within their file: images, maintenance windows, freezes, teams, people and automation accounts (one namespace), command patterns; a device account belongs to one identity.',
  },
  check(ctx) {
    const { catalog, policies } = ctx.model;
    const { change, identities, detection } = policies;
    checkUnique(ctx, 'image', catalog.source, catalog.images.map((i, n) => ({ id: i.id, pointer: `/images/${n}/id` })));
    checkUnique(ctx, 'maintenance window', change.source, change.maintenanceWindows.map((w, n) => ({ id: w.id, pointer: `/maintenanceWindows/${n}/id` })));
    checkUnique(ctx, 'freeze', change.source, change.freezes.map((f, n) => ({ id: f.id, pointer: `/freezes/${n}/id` })));
    checkUnique(ctx, 'team', identities.source, identities.teams.map((t, n) => ({ id: t.id, pointer: `/teams/${n}/id` })));
    checkUnique(ctx, 'identity', identities.source, [
      ...identities.people.map((p, n) => ({ id: p.id, pointer: `/people/${n}/id` })),
      ...identities.automation.map((a, n) => ({ id: a.id, pointer: `/automation/${n}/id` })),
    ]);
    // a device account shared by two identities would make every log line by it ambiguous
    checkUnique(ctx, 'device account', identities.source, [
      ...identities.people.flatMap((p, n) => p.accounts.map((a, k) => ({ id: a, pointer: `/people/${n}/accounts/${k}` }))),
      ...identities.automation.flatMap((p, n) => p.accounts.map((a, k) => ({ id: a, pointer: `/automation/${n}/accounts/${k}` }))),
    ]);
    checkUnique(ctx, 'command pattern', detection.source, detection.riskyCommands.map((c, n) => ({ id: c.id, pointer: `/riskyCommands/${n}/id` })));
  },
};
