import fc from 'fast-check';
import { dump } from 'js-yaml';
import { join } from 'node:path';
import { readExampleFleet } from './example-fleet.js';
import { fastParseYaml } from './yaml-fast.js';
import { parseYamlFile } from './yaml.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The fast path, where it accepts a text, gives exactly what js-yaml (through the event walk) gives. */
function agreesWithJsYaml(text: string): boolean {
  const fast = fastParseYaml(text);
  if (fast === null) return false;
  const slow = parseYamlFile('x.yaml', Buffer.from(text), { fastPath: false });
  expect(slow.ok).toBe(true);
  if (slow.ok) {
    expect(fast.value).toEqual(slow.value);
    expect(fast.lines).toEqual(slow.source.lines);
  }
  return true;
}

describe('fastParseYaml', () => {
  it('takes every device file of the example fleet, and agrees with js-yaml', () => {
    for (const [path, text] of Object.entries(readExampleFleet(ROOT))) {
      const took = agreesWithJsYaml(text);
      if (path.startsWith('devices/')) expect([path, took]).toEqual([path, true]);
    }
  });

  it('agrees with js-yaml on generated block documents', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[A-Za-z0-9 ._:\/#'-]{0,14}$/), fc.stringMatching(/^[A-Za-z0-9 ._:\/#'-]{0,14}$/), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('0x2102', '17.12', 'Null', 'TRUE', '~', '', '-12', '.inf', 'a #b', 'x:y', "it's"));
    const key = fc.oneof(
      { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/), weight: 8 },
      { arbitrary: fc.constantFrom('1', '0x10', 'Null', 'TRUE', '1.0', 'a/b', 'a~b', 'a-b.c'), weight: 1 },
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    let taken = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (doc, flow) => {
        if (agreesWithJsYaml(dump(doc, { flowLevel: flow ? 1 : -1 }))) taken++;
      }),
      { numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(100);
  });

  it('never accepts what js-yaml refuses, and agrees where it accepts (line soup)', () => {
    const line = fc.constantFrom(
      'a: 1', 'b: x', '  c: "q"', '  d:', '    - e', '    - "f g"', '  - h', '- i', 'j: [k, "l", 3]', "m: 'n'", '# note', '', 'o: p # c',
      'a: 2', '   q: r', 'b:', '  - s: t', 'u: v: w', 'x: [y', 'z: "unterminated', '  ', 'k:v', 'n: - 1', 'w: |', '  text', 'y: &a 1', '--- ', '...',
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (ls) => {
        const text = `${ls.join('\n')}\n`;
        const fast = fastParseYaml(text);
        if (fast === null) return;
        taken++;
        agreesWithJsYaml(text);
      }),
      { numRuns: 2000 },
    );
    expect(taken).toBeGreaterThan(50);
  });

  it.each([
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  x\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a compact sequence', 'a:\n- x\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a mapping in a sequence', 'a:\n  - id: x\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['nothing but comments', '# only\n'],
  ])('leaves %s to js-yaml', (_what, text) => {
    expect(fastParseYaml(text)).toBeNull();
  });
});
