import type { Device } from '../model/device.js';
import type { Problem } from '../model/problem.js';
import type { RepoModel } from '../model/repo.js';
import { VALIDATE_RULES } from './rules/index.js';
import type { ModelIndex, ValidateRule } from './types.js';

export function indexModel(model: RepoModel): ModelIndex {
  const imagesById = new Map(model.catalog.images.map((i) => [i.id, i] as const));
  const { identities } = model.policies;
  const identitiesById = new Map<string, (typeof identities.people)[number] | (typeof identities.automation)[number]>();
  for (const p of identities.people) if (!identitiesById.has(p.id)) identitiesById.set(p.id, p);
  for (const a of identities.automation) if (!identitiesById.has(a.id)) identitiesById.set(a.id, a);
  const groups = new Map<string, Device[]>();
  for (const d of model.devices) {
    if (d.redundancyGroup === undefined) continue;
    const g = groups.get(d.redundancyGroup);
    if (g) g.push(d);
    else groups.set(d.redundancyGroup, [d]);
  }
  return {
    imagesById,
    identitiesById,
    teamIds: new Set(identities.teams.map((t) => t.id)),
    sites: new Set(model.devices.map((d) => d.site)),
    roles: new Set(model.devices.map((d) => d.role)),
    groups,
  };
}

/**
 * Runs the semantic rules over a loaded model: a pure function of the model, so that the gate can run it on
 * a pull request's head tree. Problems are sorted by file and line.
 */
export function runValidateRules(model: RepoModel, rules: readonly ValidateRule[] = VALIDATE_RULES): Problem[] {
  const index = indexModel(model);
  const problems: Problem[] = [];
  for (const rule of rules) {
    rule.check({
      model,
      index,
      report: (r) =>
        problems.push({
          rule: rule.id,
          severity: r.severity ?? rule.meta.severity,
          file: r.file,
          line: r.line,
          message: r.message,
          ...(r.hint === undefined ? {} : { hint: r.hint }),
          kind: 'rule',
        }),
    });
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
