import fc from 'fast-check';
import { constructFromEvents, dump, parseEvents } from 'js-yaml';
import { join } from 'node:path';
import { readExampleFleet } from './example-fleet.js';
import { parseYamlFile } from './yaml.js';

const ROOT = join(import.meta.dirname, '..', '..');

function viaJsYaml(text: string): unknown {
  return constructFromEvents(parseEvents(text, {}), { source: text })[0];
}

function parsed(text: string): unknown {
  const r = parseYamlFile('x.yaml', Buffer.from(text));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('parseYamlFile builds the same values as js-yaml', () => {
  it('on every file of the example fleet', () => {
    for (const [path, text] of Object.entries(readExampleFleet(ROOT))) expect([path, parsed(text)]).toEqual([path, viaJsYaml(text)]);
  });

  it.each([
    ['core schema scalars', 'a: ~\nb: null\nc: true\nd: False\ne: 0x1F\nf: 0o17\ng: -12\nh: 1.5e3\ni: .inf\nj: -.Inf\nk: 012\nl: yes\nm: 0x2102\nn: "0x2102"\no:\n'],
    ['quoted and block scalars', "a: 'it''s'\nb: \"tab\\tx\"\nc: |\n  line one\n  line two\nd: >-\n  folded\n  text\n"],
    ['flow collections', 'a: [1, "two", {b: c}]\nd: {}\ne: []\n'],
    ['non-string keys', '1: a\ntrue: b\nnull: c\n1.50: d\n'],
    ['tags, anchors and aliases (js-yaml builds them)', 'a: &x {b: 1}\nc: *x\nd: !!str 12\n'],
    ['a __proto__ key stays data', '__proto__: {polluted: true}\nb: 1\n'],
    ['a complex key', '? [a, b]\n: c\nd: e\n'],
  ])('%s', (_what, text) => {
    let expected: unknown;
    try {
      expected = viaJsYaml(text);
    } catch {
      // js-yaml refuses it (the object map has no complex keys): so must we
      expect(parseYamlFile('x.yaml', Buffer.from(text)).ok).toBe(false);
      return;
    }
    const value = parsed(text);
    expect(value).toEqual(expected);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('on generated documents', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }), fc.constantFrom('0x2102', '17.12', 'yes', '~', '', ' lead', 'a: b', '- x', '#c'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (doc, flow) => {
        const text = dump(doc, { flowLevel: flow ? 1 : -1 });
        expect(parsed(text)).toEqual(viaJsYaml(text));
      }),
      { numRuns: 300 },
    );
  });

  it('maps nested pointers to their lines', () => {
    const r = parseYamlFile('x.yaml', Buffer.from('# c\na:\n  b:\n    - x\n    - {c: 1,\n       d: 2}\n"e/f": 3\n'));
    expect(r.ok && r.source.lines).toEqual({ '': 2, '/a': 2, '/a/b': 3, '/a/b/0': 4, '/a/b/1': 5, '/a/b/1/c': 5, '/a/b/1/d': 6, '/e~1f': 7 });
  });
});
