import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderYamlReference, SCHEMAS } from './index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PATH = join(ROOT, 'docs', 'yaml-reference.md');

describe('docs/yaml-reference.md', () => {
  it('is generated from the schemas (IMAGEGATE_WRITE=1 regenerates it)', () => {
    if (process.env['IMAGEGATE_WRITE'] === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(PATH, renderYamlReference());
    }
    expect(readFileSync(PATH, 'utf8')).toBe(renderYamlReference());
  });

  it('lists every field of every schema, nested ones with their path', () => {
    const text = renderYamlReference();
    for (const s of SCHEMAS) expect(text).toContain(`## ${s.describes}`);
    for (const f of ['`management.hostKey`', '`change.window.start`', '`images[].sha512`', '`maintenanceWindows[].durationMinutes`', '`riskyCommands[].severity`']) {
      expect(text).toContain(f);
    }
    expect(text).toContain('One of: `cisco_ios`, `cisco_xe`, `cisco_nxos`, `arista_eos`, `juniper_junos`.');
  });
});
