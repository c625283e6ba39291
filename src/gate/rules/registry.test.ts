import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { GATE_RULES } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

test('every rule file is registered, and every registered rule has a file of its id', () => {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  expect(GATE_RULES.map((r) => r.id).sort()).toEqual(files);
});

test('rule ids are unique and every rule has a description, a rationale and a section in docs/gate.md', () => {
  const docs = readFileSync(join(here, '../../../docs/gate.md'), 'utf8');
  const ids = GATE_RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of GATE_RULES) {
    expect(r.meta.description.length).toBeGreaterThan(10);
    expect(r.meta.rationale.length).toBeGreaterThan(10);
    expect(docs).toContain(`### ${r.id}\n`);
  }
  const documented = [...docs.matchAll(/^### ([a-z-]+)$/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual([...ids].sort());
});

test('every rule is exercised by name in the rule tests', () => {
  const tests = readFileSync(join(here, 'rules.test.ts'), 'utf8');
  for (const r of GATE_RULES) expect(tests).toContain(`'${r.id}`);
});
