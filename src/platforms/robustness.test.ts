import fc from 'fast-check';
import { ParseError } from '../errors.js';
import { PLATFORMS } from '../model/platform.js';
import { fixtureCases, fixtureTargets } from './fixture-cases.js';
import { drivers } from './index.js';

// Whatever a device (or a hostile one) sends, a parser either returns facts or throws ParseError: never a crash,
// and never a value that is not in the output.
const DIR = import.meta.dirname;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'algorithm' && k !== 'file') strings(v, out);
  return out;
}

describe.each(PLATFORMS.map((p) => [p]))('%s', (platform) => {
  const targets = [...fixtureTargets(drivers[platform]).entries()];
  const lines = fixtureCases(DIR, platform).flatMap((c) => c.raw.split('\n'));

  test('random text and shuffled real lines: facts or ParseError, and every reported string is in the output', () => {
    const input = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.array(fc.constantFrom(...lines), { maxLength: 40 }).map((ls) => ls.join('\n')),
      fc.array(fc.oneof(fc.constantFrom(...lines), fc.string({ maxLength: 60 })), { maxLength: 30 }).map((ls) => ls.join('\r\n')),
    );
    fc.assert(
      fc.property(input, fc.constantFrom(...targets), (raw, [, target]) => {
        let result: unknown;
        try {
          result = target.fact === 'hash' ? target.parse(raw, 'image.bin') : target.parse(raw);
        } catch (err: unknown) {
          if (err instanceof ParseError) return;
          throw err;
        }
        for (const s of strings(result)) {
          // subdirectory listings join the directory header and the file line into one path
          for (const part of s.replace(/^Switch /, '').replace(/:$/, '').split('/')) expect(raw.toLowerCase()).toContain(part.toLowerCase());
        }
      }),
      { numRuns: 300 },
    );
  });
});
