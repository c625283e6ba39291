import { bool, DRAFT, id, list, object, str, type JsonSchema } from './common.js';

const accounts = list('User names used to log in to devices (TACACS+, local).', str('A user name.', { minLength: 1 }), {
  uniqueItems: true,
});
const teams = list('Team ids.', id('A team id.'), { uniqueItems: true });

/** `policies/identities.yaml`. */
export const identitiesSchema: JsonSchema = {
  $schema: DRAFT,
  title: 'imagegate identities',
  ...object(
    'People and automation accounts allowed to do image work, and their teams.',
    {
      teams: list(
        'Teams.',
        object(
          'A team.',
          {
            id: id('Team id; unique.'),
            github: str('GitHub team as `org/team-slug`.', { pattern: '^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$' }),
          },
          ['id'],
        ),
      ),
      people: list(
        'People.',
        object(
          'A person.',
          {
            id: id('Person id; unique among people and automation accounts.'),
            name: str('Full name.', { minLength: 1 }),
            github: str('GitHub login.', { pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$' }),
            accounts,
            teams,
            imageWork: bool('May carry out image work (transfer, boot change, reload).'),
          },
          ['id', 'name', 'accounts', 'teams', 'imageWork'],
        ),
      ),
      automation: list(
        'Automation accounts.',
        object(
          'An automation account.',
          {
            id: id('Account id; unique among people and automation accounts.'),
            accounts,
            teams,
            imageWork: bool('May carry out image work.'),
            description: str('What it is for.'),
          },
          ['id', 'accounts', 'teams', 'imageWork'],
        ),
      ),
    },
    ['teams', 'people', 'automation'],
  ),
};
