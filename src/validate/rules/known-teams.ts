import { refOf, type SourceMap } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const knownTeams: ValidateRule = {
  id: 'known-teams',
  meta: {
    severity: 'error',
    description: 'Every team named by a person, an automation account, the approval rules, the policy owners or the emergency rules is defined in policies/identities.yaml.',
  },
  check({ model, index, report }) {
    const { identities, change } = model.policies;
    const known = [...index.teamIds].sort().join(', ');
    const check = (source: SourceMap, teams: string[] | undefined, pointer: string): void =>
      teams?.forEach((t, i) => {
        if (!index.teamIds.has(t)) {
          report({ ...refOf(source, `${pointer}/${i}`), message: `team "${t}" is not defined in policies/identities.yaml`, hint: `teams: ${known}` });
        }
      });
    identities.people.forEach((p, n) => check(identities.source, p.teams, `/people/${n}/teams`));
    identities.automation.forEach((a, n) => check(identities.source, a.teams, `/automation/${n}/teams`));
    check(change.source, change.approvals.teams, '/approvals/teams');
    check(change.source, change.policyOwners, '/policyOwners');
    check(change.source, change.emergency?.teams, '/emergency/teams');
  },
};
