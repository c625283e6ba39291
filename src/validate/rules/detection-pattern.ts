import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

export const detectionPattern: ValidateRule = {
  id: 'detection-pattern',
  meta: {
    severity: 'error',
    description: 'Every risky command pattern is a valid JavaScript regular expression; a broken one would silently detect nothing.',
  },
  check({ model, report }) {
    const { detection } = model.policies;
    detection.riskyCommands.forEach((c, n) => {
      try {
        new RegExp(c.pattern, 'i');
      } catch (err: unknown) {
        const why = err instanceof Error ? err.message : String(err);
        report({
          ...refOf(detection.source, `/riskyCommands/${n}/pattern`),
          message: `pattern "${c.id}" is not a valid regular expression: ${why}`,
          hint: 'in YAML double quotes a backslash is written twice ("\\\\s"); single quotes keep it as is',
        });
      }
    });
  },
};
