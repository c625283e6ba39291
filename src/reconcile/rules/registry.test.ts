import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from './index.js';

const here = import.meta.dirname ?? new URL('.', import.meta.url).pathname;
const docs = readFileSync(join(here, '..', '..', '..', 'docs', 'reconcile.md'), 'utf8');

describe('reconcile rule registry', () => {
  it('lists every rule file of this folder once, under its own id', () => {
    const files = readdirSync(here)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(rules.map((r) => r.id).sort()).toEqual(files);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('documents every rule in docs/reconcile.md with a passing and a failing example', () => {
    const headings = [...docs.matchAll(/^### ([a-z-]+)$/gm)].map((m) => m[1]);
    expect(headings.sort()).toEqual(rules.map((r) => r.id).sort());
    for (const r of rules) {
      const section = docs.split(`### ${r.id}\n`)[1]?.split('\n### ')[0] ?? '';
      expect({ id: r.id, passes: section.includes('**Passes:**'), fails: section.includes('**Fails:**') }).toEqual({ id: r.id, passes: true, fails: true });
    }
  });

  it('gives every rule a severity and a description', () => {
    for (const r of rules) expect(r.meta.description.length).toBeGreaterThan(20);
  });
});
