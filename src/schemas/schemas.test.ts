import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readExampleFleet } from '../repo/example-fleet.js';
import { parseYamlFile } from '../repo/yaml.js';
import { SCHEMAS, schemaJson, validateAgainstSchema, type SchemaId } from './index.js';

const ROOT = join(import.meta.dirname, '..', '..');
// IMAGEGATE_WRITE=1 regenerates the published files instead of failing on a difference
const WRITE = process.env['IMAGEGATE_WRITE'] === '1';

function check(id: SchemaId, yaml: string) {
  const parsed = parseYamlFile(`${id}.yaml`, Buffer.from(yaml));
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.problems)}`);
  return validateAgainstSchema(id, parsed.value, parsed.source);
}

describe('published schemas', () => {
  it.each(SCHEMAS.map((s) => [s.file, s] as const))('schemas/%s is generated from src/schemas', (file, entry) => {
    const path = join(ROOT, 'schemas', file);
    if (WRITE) {
      mkdirSync(join(ROOT, 'schemas'), { recursive: true });
      writeFileSync(path, schemaJson(entry));
    }
    expect(readFileSync(path, 'utf8')).toBe(schemaJson(entry));
  });

  it('every object forbids unknown fields and every property has a description', () => {
    const walk = (s: unknown, at: string): void => {
      if (typeof s !== 'object' || s === null) return;
      const o = s as Record<string, unknown>;
      if (o['type'] === 'object') expect([at, o['additionalProperties']]).toEqual([at, false]);
      if (o['type'] !== undefined) expect([at, typeof o['description']]).toEqual([at, 'string']);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
    };
    for (const s of SCHEMAS) walk(s.schema, s.id);
  });

  it('every example YAML file names its own schema, by a path that resolves, on the first line', () => {
    const fleet = readExampleFleet(ROOT);
    expect(Object.keys(fleet).length).toBeGreaterThan(12);
    for (const [path, text] of Object.entries(fleet)) {
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(text.split('\n')[0] ?? '');
      const expected = path.startsWith('devices/') ? 'device' : path.replace(/^policies\/(\w+)\.yaml$/, '$1');
      expect([path, m && resolve(dirname(join(ROOT, path)), m[1] ?? '')]).toEqual([path, join(ROOT, 'schemas', `${expected}.schema.json`)]);
    }
  });
});

const DEVICE = `name: lab-01
platform: cisco_xe
model: C9300-48P
site: lab
role: access
management:
  host: 192.0.2.1
  hostKey: SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
image: c9k-17.12.04
`;

describe('device schema', () => {
  it('accepts a minimal device', () => {
    expect(check('device', DEVICE)).toEqual([]);
  });

  it('names an unknown field, its line and the allowed fields', () => {
    const [p, ...rest] = check('device', `${DEVICE}imgae: x\n`);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule: 'schema', kind: 'input', line: 10, message: 'unknown field "imgae"' });
    expect(p?.hint).toContain('allowed fields here: name, platform');
  });

  it('reports an unknown nested field at its own line', () => {
    const [p] = check('device', DEVICE.replace('  host: 192.0.2.1\n', '  host: 192.0.2.1\n  password: x\n'));
    expect(p).toMatchObject({ line: 8, message: 'unknown field "password" in "management"' });
    expect(p?.hint).toBe('allowed fields here: host, port, hostKey, username');
  });

  it('lists the allowed values of an enum', () => {
    const [p] = check('device', DEVICE.replace('cisco_xe', 'cisco_xr'));
    expect(p).toMatchObject({ line: 2, message: '"platform" is the string "cisco_xr", not one of the allowed values' });
    expect(p?.hint).toBe('use one of: cisco_ios, cisco_xe, cisco_nxos, arista_eos, juniper_junos');
  });

  it('reports a missing required field at the mapping that lacks it', () => {
    const [p] = check('device', DEVICE.replace('  hostKey: SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n', ''));
    expect(p).toMatchObject({ line: 6, message: 'missing required field "hostKey" in "management"' });
  });

  it('asks to quote a number where text is expected', () => {
    const [p] = check('device', `${DEVICE}boot:\n  system: [flash:packages.conf]\n  configRegister: 2102\n`);
    expect(p).toMatchObject({ line: 12, message: '"boot.configRegister" must be a string, found number 2102' });
    expect(p?.hint).toContain('quote the value');
  });

  it('refuses a malformed host key fingerprint', () => {
    const [p] = check('device', DEVICE.replace(/SHA256:A+/, 'MD5:aa:bb'));
    expect(p).toMatchObject({ line: 8 });
    expect(p?.hint).toContain('SHA256:');
  });

  it('refuses a management host that could pass for a command-line option', () => {
    const [p] = check('device', DEVICE.replace('host: 192.0.2.1', 'host: "-oProxyCommand=sh"'));
    expect(p).toMatchObject({ rule: 'schema', line: 7, message: '"management.host" is the string "-oProxyCommand=sh", which does not have the expected form' });
  });

  it('refuses a list where a device mapping is expected', () => {
    const [p] = check('device', '- name: a\n- name: b\n');
    expect(p).toMatchObject({ line: 1, message: 'the file must be a mapping of fields, found a list' });
  });

  it('refuses an incomplete change block', () => {
    const problems = check('device', `${DEVICE}change:\n  ticket: CHG1\n  window:\n    start: "2026-12-12T02:00:00Z"\n`);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [10, 'missing required field "executor" in "change"'],
      [10, 'missing required field "transfer" in "change"'],
      [12, 'missing required field "end" in "change.window"'],
    ]);
  });
});

describe('policy schemas', () => {
  it('images: a bad status lists the statuses', () => {
    const [p] = check('images', 'images:\n  - id: a\n    platform: cisco_ios\n    file: a.bin\n    version: "1"\n    status: retired\n');
    expect(p).toMatchObject({ line: 6 });
    expect(p?.hint).toBe('use one of: approved, deprecated, revoked');
  });

  it('images: an unquoted version number must be quoted', () => {
    const [p] = check('images', 'images:\n  - id: a\n    platform: cisco_ios\n    file: a.bin\n    version: 17.12\n    status: approved\n');
    expect(p).toMatchObject({ line: 5, message: '"images.0.version" must be a string, found number 17.12' });
  });

  it('change: a window start that is not HH:MM', () => {
    const yaml = readFileSync(join(ROOT, 'policies/change.yaml'), 'utf8').replace('start: "01:00"', 'start: "1am"');
    const [p] = check('change', yaml);
    expect(p).toMatchObject({ line: 10 });
    expect(p?.hint).toContain('HH:MM');
  });

  it('identities: a person without accounts', () => {
    const [p] = check('identities', 'teams: []\npeople:\n  - id: a\n    name: A\n    teams: []\n    imageWork: true\nautomation: []\n');
    expect(p).toMatchObject({ line: 3, message: 'missing required field "accounts" in "people.0"' });
  });

  it('detection: an unknown severity', () => {
    const [p] = check(
      'detection',
      'riskyCommands:\n  - id: gdb\n    pattern: gdb\n    severity: severe\n    description: x\ncorrelationHorizonMinutes: 60\nclockSkewSeconds: 0\nsuppressions: []\n',
    );
    expect(p).toMatchObject({ line: 4 });
    expect(p?.hint).toBe('use one of: info, low, medium, high, critical');
  });
});
