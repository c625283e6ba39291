import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORMS } from '../model/platform.js';
import { fixtureCases, fixtureTargets } from './fixture-cases.js';
import { drivers } from './index.js';

// One suite over every platform and every fixture case (as napalm runs one test suite over every driver): each real
// or documented output must parse to exactly the facts in `<case>.expected.json`.
const DIR = import.meta.dirname;

describe.each(PLATFORMS.map((p) => [p]))('%s', (platform) => {
  const driver = drivers[platform];
  const targets = fixtureTargets(driver);
  const cases = fixtureCases(DIR, platform);

  test.each(cases.map((c) => [`${c.slug}/${c.name}`, c]))('%s', (_label, c) => {
    const target = targets.get(c.slug);
    if (target === undefined) throw new Error(`${platform}/__fixtures__/${c.slug}: no fact of ${platform} has this command`);
    const expected: unknown = JSON.parse(readFileSync(c.expectedPath, 'utf8'));
    const actual =
      target.fact === 'hash'
        ? (() => {
            const e = expected as { file: string; algorithm: string };
            expect(e.algorithm).toBe(target.algorithm);
            return target.parse(c.raw, e.file);
          })()
        : target.parse(c.raw);
    expect(actual).toEqual(expected);
  });

  // What a live session adds around the output: CRLF line ends, the echoed command, the prompt after it, a pager
  // prompt erased with backspaces (or, on Junos, with a carriage return) in the middle, and colour escapes.
  const junos = platform === 'juniper_junos';
  const pager = junos ? '---(more 45%)---\r                                        \r' : ' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b';
  const manglings: Array<[string, (raw: string, command: string) => string]> = [
    ['CRLF', (raw) => raw.replace(/\r?\n/g, '\r\n')],
    ['echo and trailing prompt', (raw, command) => (junos ? `user@r1> ${command}\n${raw}\n\n{master:0}\nuser@r1> ` : `sw-01#${command}\n${raw}\nsw-01#`)],
    [
      'pager remnant',
      (raw) => {
        const lines = raw.split('\n');
        const middle = Math.floor(lines.length / 2);
        lines[middle] = pager + (lines[middle] ?? '');
        return lines.join('\n');
      },
    ],
    ['ANSI escapes', (raw) => raw.split('\n').map((l) => `\x1b[0m${l}\x1b[K`).join('\n')],
  ];
  const mangled = cases.flatMap((c) => manglings.map(([name, fn]) => [`${c.slug}/${c.name} with ${name}`, c, fn] as const));

  test.each(mangled)('%s', (_label, c, mangle) => {
    const target = targets.get(c.slug);
    if (target === undefined) throw new Error(`no target for ${c.slug}`);
    const expected: unknown = JSON.parse(readFileSync(c.expectedPath, 'utf8'));
    const command = c.slug.replace(/-/g, ' ');
    const raw = mangle(c.raw, command);
    const actual = target.fact === 'hash' ? target.parse(raw, (expected as { file: string }).file) : target.parse(raw);
    expect(actual).toEqual(expected);
  });

  test('every fact the driver supports has fixtures', () => {
    const covered = new Set(cases.map((c) => targets.get(c.slug)?.fact));
    const facts = ['version', 'files'];
    if (driver.facts.boot !== 'unsupported') facts.push('boot');
    if (driver.facts.hash !== 'unsupported') facts.push('hash');
    if (driver.facts.uptime !== undefined) facts.push('uptime');
    expect(facts.filter((f) => !covered.has(f as never))).toEqual([]);
  });

  test('every fixture has expected facts and a provenance line, and nothing else is listed', () => {
    const dir = join(DIR, platform, '__fixtures__');
    for (const c of cases) expect(existsSync(c.expectedPath)).toBe(true);
    const expectedFiles = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.expected.json'));
    expect(expectedFiles.length).toBe(cases.length);
    const listed = readFileSync(join(dir, 'PROVENANCE.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const cols = l.split('\t');
        // fixture, corpus path, repository, path there, commit, license, note
        expect(cols).toHaveLength(7);
        return cols[0];
      });
    expect(listed.sort()).toEqual(cases.map((c) => `${c.slug}/${c.name}.txt`).sort());
  });
});
