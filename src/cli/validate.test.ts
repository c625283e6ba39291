import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitFixture } from '../../test/support/git-fixture.js';
import { memoryIo } from './io.js';
import { runCli } from './run.js';

const ROOT = join(import.meta.dirname, '..', '..');

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ig-validate-'));
  cpSync(join(ROOT, 'devices'), join(dir, 'devices'), { recursive: true });
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  return dir;
}

async function validate(dir: string, ...args: string[]) {
  const io = memoryIo({}, dir);
  const code = await runCli(['validate', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('imagegate validate', () => {
  let dir: string;
  beforeEach(() => {
    dir = exampleCopy();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on the example fleet', async () => {
    const r = await validate(ROOT);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toMatch(/15 devices, 10 images: 0 errors, 0 warnings/);
  });

  it('exits 1 on a rule failure, one `path:line: rule-id: message` line per problem', async () => {
    const file = join(dir, 'devices/nyc1/nyc1-oob-01.yaml');
    cpSync(join(ROOT, 'devices/nyc1/nyc1-wan-02.yaml'), file);
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual([
      'devices/nyc1/nyc1-oob-01.yaml:2: device-path: name "nyc1-wan-02" differs from the file name "nyc1-oob-01" (rename the file to devices/nyc1/nyc1-wan-02.yaml or fix the name)',
      'devices/nyc1/nyc1-wan-02.yaml:2: unique-device-names: device name "nyc1-wan-02" is also used by devices/nyc1/nyc1-oob-01.yaml (give each device its own name)',
      'devices/nyc1/nyc1-wan-02.yaml:9: unique-management-addresses: management address 198.51.100.22:22 is also used by devices/nyc1/nyc1-oob-01.yaml (each device needs its own management address (or port))',
    ]);
  });

  it('exits 0 with warnings only, and marks them', async () => {
    const file = join(dir, 'devices/fra1/fra1-leaf-01.yaml');
    writeFileSync(file, `${(await import('node:fs')).readFileSync(file, 'utf8')}redundancyGroup: fra1-leaf\n`);
    const r = await validate(dir, '--repo', '.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^devices\/fra1\/fra1-leaf-01\.yaml:\d+: redundancy-group: .* \[warning\]\n$/);
  });

  it.each([
    ['a syntax error', 'name: [\n'],
    ['a duplicate key', 'name: a\nname: b\n'],
    ['a tab', 'name: a\nmanagement:\n\thost: x\n'],
    ['a 10 MB file', 'x'.repeat(10 * 1024 * 1024)],
    ['binary garbage', '\u0000\u0001\u00ff'],
    ['an empty file', ''],
    ['a list', '- a\n'],
  ])('exits 2 on %s, naming file and line, without a stack trace', async (_what, content) => {
    writeFileSync(join(dir, 'devices/fra1/fra1-core-01.yaml'), content);
    const r = await validate(dir);
    expect(r.code).toBe(2);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^devices\/fra1\/fra1-core-01\.yaml:\d+: [a-z-]+: .+ \(.+\)$/);
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  it('reports every input problem at once and holds the semantic rules back until they are fixed', async () => {
    writeFileSync(join(dir, 'devices/fra1/fra1-core-01.yaml'), 'name: [\n');
    writeFileSync(join(dir, 'policies/detection.yaml'), 'riskyCommands: []\nriskyCommands: []\n');
    cpSync(join(ROOT, 'devices/nyc1/nyc1-wan-02.yaml'), join(dir, 'devices/nyc1/nyc1-oob-01.yaml'));
    const r = await validate(dir);
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n').map((l) => l.split(': ')[0])).toEqual(['devices/fra1/fra1-core-01.yaml:2', 'policies/detection.yaml:2']);
    expect(r.err).toMatch(/2 input problems; semantic rules not run/);
  });

  it('writes JSON with a version, the problems and a summary', async () => {
    writeFileSync(join(dir, 'devices/nyc1/nyc1-oob-01.yaml'), 'name: nyc1-oob-01\nimgae: x\n');
    const r = await validate(dir, '--format', 'json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { version: number; tool: string; problems: unknown[]; summary: Record<string, number> };
    expect(doc.version).toBe(1);
    expect(doc.tool).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.problems).toContainEqual(expect.objectContaining({ rule: 'schema', file: 'devices/nyc1/nyc1-oob-01.yaml', line: 2, kind: 'input' }));
    expect(doc.summary).toMatchObject({ devices: 14, images: 10, exitCode: 2 });
  });

  it('exits 2 on a directory that does not exist, or a repository without policies', async () => {
    const missing = await validate(dir, '--repo', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope: not a directory/);
    rmSync(join(dir, 'policies'), { recursive: true });
    const r = await validate(dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^policies\/images\.yaml:1: file-missing: /m);
  });

  it('validates a git ref without touching the working tree', async () => {
    const fx = new GitFixture();
    try {
      fx.copyIn(join(dir, 'devices'), 'devices').copyIn(join(dir, 'policies'), 'policies').commit('fleet');
      fx.write({ 'devices/fra1/fra1-core-01.yaml': 'name: [\n' });
      expect((await validate(fx.dir, '--ref', 'main')).code).toBe(0);
      expect((await validate(fx.dir)).code).toBe(2);
      const bad = await validate(fx.dir, '--ref', 'no-such-branch');
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^imagegate: "no-such-branch" is not a commit in /);
    } finally {
      fx.cleanup();
    }
  });

  it('refuses an unknown format and prints help', async () => {
    expect((await validate(dir, '--format', 'xml')).code).toBe(2);
    const help = await validate(dir, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--format <format>/);
  });
});
