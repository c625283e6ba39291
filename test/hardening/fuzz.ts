/**
 * Settings shared by the hardening property tests. A short run with a fixed seed always runs in CI; the long
 * run is `IMAGEGATE_FUZZ_RUNS=100000 npm test -- test/hardening` (random seed unless IMAGEGATE_FUZZ_SEED is set;
 * fast-check prints the seed and path of any counterexample so it can be replayed).
 */
import fc from 'fast-check';

const LONG = Number(process.env['IMAGEGATE_FUZZ_RUNS'] ?? '');
const SEED = Number(process.env['IMAGEGATE_FUZZ_SEED'] ?? '');

export const longRun = Number.isInteger(LONG) && LONG > 0;

/** A longer jest limit for the long run only: the short run must fit the default. */
export const testTimeoutMs = longRun ? 24 * 3600 * 1000 : 60_000;

/** Run count and seed: `short` runs with seed 9 by default, IMAGEGATE_FUZZ_RUNS runs otherwise. */
export function runs(short: number): { numRuns: number; seed?: number } {
  if (!longRun) return { numRuns: short, seed: 9 };
  return Number.isInteger(SEED) && SEED !== 0 ? { numRuns: LONG, seed: SEED } : { numRuns: LONG };
}

/**
 * One input may take at most this long. Not a speed figure (benchmarks give those): a parser that takes
 * seconds on a few KiB has a catastrophic regular expression or an unbounded loop, which is a hang.
 */
export const HANG_MS = 2000;

export function bounded<T>(what: string, input: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (ms > HANG_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms on a ${input.length}-character input: ${JSON.stringify(input.slice(0, 120))}`);
  return out;
}

/** Full Unicode text, control characters, lone surrogates included. */
export const anyText = (maxLength = 300): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength });

/** Repetition, the shape that trips backtracking regular expressions. */
export const repeated = (): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3000 }), fc.string({ maxLength: 4 })).map(([s, n, tail]) => s.repeat(n) + tail);

/** Lines built from real lines, their pieces, hostile characters and noise. */
export function mutatedLines(real: string[], maxLines = 20): fc.Arbitrary<string> {
  const hostile = fc.constantFrom('\u0000', '\r', '\u001b[31m', '\u202e', '::error::x', '%0A', '"', "'", '`', '<!--', '\\', '\t', '\ufeff', '\ud800', 'é', '🙂');
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat()).map(([l, a, b]) => l.slice(Math.min(a, b) % (l.length + 1), Math.max(a, b) % (l.length + 1))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...real), fc.nat(), hostile).map(([l, at, h]) => l.slice(0, at % (l.length + 1)) + h + l.slice(at % (l.length + 1))) },
    { weight: 1, arbitrary: anyText(120) },
  );
  return fc.array(piece, { minLength: 1, maxLength: maxLines }).map((ls) => ls.join('\n'));
}
