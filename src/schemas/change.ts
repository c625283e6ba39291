import { bool, DRAFT, hashAlgorithm, id, int, list, object, str, timestamp, transfer, weekday, type JsonSchema } from './common.js';

const ids = (description: string): JsonSchema => list(description, id('An id.'), { uniqueItems: true });

/** `policies/change.yaml`. */
export const changeSchema: JsonSchema = {
  $schema: DRAFT,
  title: 'imagegate change policy',
  ...object(
    'When and how image work may happen.',
    {
      maintenanceWindows: list(
        'Recurring maintenance windows.',
        object(
          'A recurring window in its own time zone (DST follows the zone).',
          {
            id: id('Window id; unique.'),
            sites: ids('Sites it applies to; absent means all.'),
            roles: ids('Roles it applies to; absent means all.'),
            timezone: str('IANA time zone, e.g. `Europe/Berlin`.', { minLength: 1 }),
            days: list('Days it starts on.', weekday, { minItems: 1, uniqueItems: true }),
            start: str('Local wall-clock start `HH:MM`; quote it.', { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
            durationMinutes: int('Length in minutes; may cross midnight.', 1, { maximum: 10080 }),
          },
          ['id', 'timezone', 'days', 'start', 'durationMinutes'],
        ),
      ),
      freezes: list(
        'Periods with no image work at all.',
        object(
          'A freeze.',
          {
            id: id('Freeze id; unique.'),
            start: timestamp('Start.'),
            end: timestamp('End.'),
            reason: str('Why.', { minLength: 1 }),
            sites: ids('Sites it applies to; absent means all.'),
          },
          ['id', 'start', 'end', 'reason'],
        ),
      ),
      maxWindowMinutes: int('Longest change window allowed.', 1),
      minLeadTimeHours: int('Least time between merge and window start.', 0),
      maxConcurrentPerSite: int('At most this many devices of one site in overlapping windows.', 1),
      allowedTransfers: list('Transfer protocols allowed for image files.', transfer, { minItems: 1, uniqueItems: true }),
      requiredHashes: list('Hash algorithms of which the catalog must carry at least one for every image.', hashAlgorithm, {
        minItems: 1,
        uniqueItems: true,
      }),
      approvals: object(
        'Approvals a change pull request needs.',
        {
          count: int('Approvals required on the head commit, author and bots excluded.', 0),
          teams: ids('At least one approval from each of these teams.'),
          separationOfDuties: bool('The executor of a change may not approve it.'),
        },
        ['count'],
      ),
      policyOwners: list('Teams that must approve changes to policies/, .github/ or CODEOWNERS.', id('A team id.'), {
        minItems: 1,
        uniqueItems: true,
      }),
      emergency: object(
        'Emergency changes.',
        {
          label: str('Pull-request label that marks an emergency change.', { minLength: 1 }),
          extraApprovals: int('Approvals needed on top of the normal count.', 0),
          teams: ids('Teams that must approve an emergency change.'),
        },
        ['label', 'extraApprovals'],
      ),
    },
    [
      'maintenanceWindows',
      'freezes',
      'maxWindowMinutes',
      'minLeadTimeHours',
      'maxConcurrentPerSite',
      'allowedTransfers',
      'approvals',
      'policyOwners',
    ],
  ),
};
