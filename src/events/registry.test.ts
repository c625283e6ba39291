import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageHandlers } from './messages/index.js';
import { sources } from './sources/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const modules = (folder: string): string[] =>
  readdirSync(join(here, folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'types.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
const readme = readFileSync(join(here, 'README.md'), 'utf8');

describe('registries, folders and README stay in step', () => {
  it('lists one source per file in sources/, named after it, each documented', () => {
    expect(sources.map((s) => s.id).sort()).toEqual(modules('sources'));
    for (const s of sources) expect(readme).toContain(`| \`${s.id}\` |`);
  });

  it('lists one message handler per file in messages/, named after it, each documented', () => {
    expect(messageHandlers.map((h) => h.id).sort()).toEqual(modules('messages'));
    for (const h of messageHandlers) expect(readme).toContain(`| \`${h.id}\` |`);
  });

  it('documents every skip reason the code can give', () => {
    const code = [...modules('sources').map((f) => `sources/${f}.ts`), ...modules('messages').map((f) => `messages/${f}.ts`), 'reader.ts', 'index.ts']
      .map((f) => readFileSync(join(here, f), 'utf8'))
      .join('\n');
    const reasons = new Set([...code.matchAll(/skip(?:\(summary|\(fs)?[,:]\s*'([a-z-]+)'/g)].map((m) => m[1]));
    expect(reasons.size).toBeGreaterThan(5);
    for (const r of reasons) expect(readme).toContain(`\`${r}\``);
  });
});
