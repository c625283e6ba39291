import { join } from 'node:path';
import { GitRepo } from '../git/index.js';
import { GitFixture } from '../../test/support/git-fixture.js';
import { readExampleFleet } from './example-fleet.js';
import { loadGitRef, loadRepo, loadWorkingTree, memoryTree, MAX_FILE_BYTES } from './index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const fleet = readExampleFleet(ROOT);
const DEV = 'devices/fra1/fra1-core-01.yaml';

async function loadWith(files: Record<string, string | Uint8Array | null>) {
  const all: Record<string, string | Uint8Array> = { ...fleet };
  for (const [k, v] of Object.entries(files)) {
    if (v === null) delete all[k];
    else all[k] = v;
  }
  return loadRepo(memoryTree(all));
}

describe('loadRepo', () => {
  it('loads the example fleet with no problems and a line for every value', async () => {
    const { model, problems } = await loadWorkingTree(ROOT);
    expect(problems).toEqual([]);
    expect(model?.devices.length).toBeGreaterThanOrEqual(12);
    const core = model?.devices.find((d) => d.name === 'fra1-core-01');
    expect(core?.source.file).toBe(DEV);
    expect(core?.source.lines['/image']).toBe(fleet[DEV]?.split('\n').findIndex((l) => l.startsWith('image:'))! + 1);
    expect(core?.source.lines['/boot/system/0']).toBeGreaterThan(core?.source.lines['/boot']!);
    expect(model?.catalog.source.lines['/images/0/id']).toBe(8);
  });

  it('loads a git ref through the git tree reader', async () => {
    const fx = new GitFixture();
    try {
      fx.write(fleet).commit('fleet');
      const { model, problems } = await loadGitRef(new GitRepo(fx.dir), 'main');
      expect(problems).toEqual([]);
      expect(model?.devices.map((d) => d.name)).toContain('nyc1-oob-01');
    } finally {
      fx.cleanup();
    }
  });

  const malformed: Array<[string, string | Uint8Array, string, number, RegExp]> = [
    ['a syntax error', 'name: a\nmanagement: [host\nimage: x\n', 'yaml-syntax', 3, /.+/],
    ['a duplicate key', 'name: a\nplatform: cisco_ios\nname: b\n', 'yaml-duplicate-key', 3, /duplicate key "name" \(first on line 1\)/],
    ['a tab in indentation', 'name: a\nmanagement:\n\thost: x\n', 'yaml-syntax', 3, /tab/],
    ['a 10 MB file', `name: a\n# ${'x'.repeat(10 * 1024 * 1024)}\n`, 'file-too-large', 1, /limit is 1 MiB/],
    ['binary garbage', Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x41]), 'not-text', 1, /binary/],
    ['invalid UTF-8', Uint8Array.from([0x6e, 0x3a, 0x20, 0xc3, 0x28]), 'not-text', 1, /UTF-8/],
    ['an empty file', '', 'yaml-empty', 1, /empty/],
    ['a comment-only file', '# yaml-language-server: $schema=../../schemas/device.schema.json\n', 'yaml-empty', 1, /empty/],
    ['a list instead of a mapping', '# c\n- name: a\n', 'schema', 2, /must be a mapping/],
    ['two documents', 'name: a\n---\nname: b\n', 'yaml-syntax', 1, /2 YAML documents/],
  ];
  it.each(malformed)('%s: an input problem with file, line and hint; the rest still loads', async (_what, content, rule, line, message) => {
    const { model, problems } = await loadWith({ [DEV]: content });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule, line, file: DEV, kind: 'input', severity: 'error' });
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.hint).toBeTruthy();
    expect(model?.devices.map((d) => d.name)).not.toContain('fra1-core-01');
    expect(model?.devices.length).toBe(Object.keys(fleet).filter((f) => f.startsWith('devices/')).length - 1);
  });

  it('reports every duplicate key, not only the first', async () => {
    const { problems } = await loadWith({ [DEV]: `${fleet[DEV]}name: again\nimage: again\n` });
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['yaml-duplicate-key', fleet[DEV]!.split('\n').length],
      ['yaml-duplicate-key', fleet[DEV]!.split('\n').length + 1],
    ]);
  });

  it('reports every duplicate key in a file that uses anchors too', async () => {
    const { problems } = await loadWith({ [DEV]: 'name: &n a\nsite: *n\nname: b\nsite: c\n' });
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['yaml-duplicate-key', 3],
      ['yaml-duplicate-key', 4],
    ]);
  });

  it('reports problems in several files at once', async () => {
    const { problems } = await loadWith({ [DEV]: 'name: [', 'devices/nyc1/nyc1-oob-01.yaml': fleet['devices/nyc1/nyc1-oob-01.yaml']!.replace('role: oob', 'rol: oob') });
    expect(problems.map((p) => p.file).sort()).toEqual([DEV, 'devices/nyc1/nyc1-oob-01.yaml', 'devices/nyc1/nyc1-oob-01.yaml']);
  });

  it('gives no model when a policy file is missing or broken', async () => {
    const missing = await loadWith({ 'policies/identities.yaml': null });
    expect(missing.model).toBeNull();
    expect(missing.problems).toEqual([expect.objectContaining({ rule: 'file-missing', file: 'policies/identities.yaml', kind: 'input' })]);
    const broken = await loadWith({ 'policies/change.yaml': 'maxWindowMinutes: [' });
    expect(broken.model).toBeNull();
    expect(broken.problems[0]).toMatchObject({ file: 'policies/change.yaml', rule: 'yaml-syntax' });
  });

  it('refuses a file just over the limit and reads one just under it', async () => {
    const under = `${fleet[DEV]}# ${'x'.repeat(MAX_FILE_BYTES - fleet[DEV]!.length - 3)}\n`;
    expect(Buffer.byteLength(under)).toBe(MAX_FILE_BYTES);
    expect((await loadWith({ [DEV]: under })).problems).toEqual([]);
    expect((await loadWith({ [DEV]: `${under}#` })).problems[0]?.rule).toBe('file-too-large');
  });

  it('ignores files that are not YAML under devices/', async () => {
    const { problems, model } = await loadWith({ 'devices/README.md': '# devices\n' });
    expect(problems).toEqual([]);
    expect(model?.devices.length).toBe(Object.keys(fleet).filter((f) => f.startsWith('devices/')).length);
  });
});
