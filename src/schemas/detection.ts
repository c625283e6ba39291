import { DRAFT, id, int, list, object, severity, str, timestamp, type JsonSchema } from './common.js';

/** `policies/detection.yaml`. */
export const detectionSchema: JsonSchema = {
  $schema: DRAFT,
  title: 'imagegate detection policy',
  ...object(
    'What the reconciler treats as risky, and how it correlates events.',
    {
      riskyCommands: list(
        'Risky command patterns.',
        object(
          'A command pattern.',
          {
            id: id('Pattern id; unique.'),
            pattern: str('JavaScript regular expression, matched case-insensitively against the logged command.', { minLength: 1 }),
            severity,
            description: str('What it is and why it is risky.', { minLength: 1 }),
          },
          ['id', 'pattern', 'severity', 'description'],
        ),
      ),
      allowedCommands: list('Routine commands that are not risky although a pattern matches them (prefix match).', str('A command.', { minLength: 1 })),
      correlationHorizonMinutes: int('How far apart upload, boot change and reload may be and still form one sequence.', 1),
      clockSkewSeconds: int('Clock difference tolerated between a device and the reconciler.', 0),
      suppressions: list(
        'Findings to suppress until a date.',
        object(
          'A suppression.',
          {
            rule: id('Reconcile rule id.'),
            device: id('Device name; absent means every device.'),
            match: str('Text the finding evidence must contain.', { minLength: 1 }),
            until: timestamp('When the suppression ends.'),
            reason: str('Why.', { minLength: 1 }),
          },
          ['rule', 'until', 'reason'],
        ),
      ),
    },
    ['riskyCommands', 'correlationHorizonMinutes', 'clockSkewSeconds', 'suppressions'],
  ),
};
