import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HashAlgorithm } from '../model/image.js';
import type { PlatformId } from '../model/platform.js';
import { fixedFacts, hashTemplates } from './index.js';
import type { PlatformDriver } from './types.js';

/**
 * Fixture folders are named after the command with file-system and path words left out: `show version` ->
 * `show-version`, `dir flash:` -> `dir`, `verify /sha512 flash:<file>` -> `verify-sha512`,
 * `file list /var/tmp/ detail` -> `file-list-detail`.
 */
export function commandSlug(command: string): string {
  return command
    .split(/\s+/)
    .filter((w) => w !== '' && !w.includes(':') && !(w.startsWith('/') && w.indexOf('/', 1) > 0))
    .map((w) => w.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((w) => w !== '')
    .join('-');
}

export type FixtureTarget =
  | { fact: 'version' | 'boot' | 'files' | 'uptime'; parse: (raw: string) => unknown }
  | { fact: 'hash'; algorithm: HashAlgorithm; parse: (raw: string, file: string) => unknown };

/** Which fact (and parser) the fixtures in each folder slug are for, per driver. */
export function fixtureTargets(driver: PlatformDriver): Map<string, FixtureTarget> {
  const targets = new Map<string, FixtureTarget>();
  for (const [fact, spec] of fixedFacts(driver)) {
    for (const command of [spec.command, ...(spec.aliases ?? [])]) targets.set(commandSlug(command), { fact, parse: (raw) => spec.parse(raw) });
  }
  const hash = driver.facts.hash;
  if (hash !== 'unsupported') {
    for (const t of hashTemplates(driver)) {
      targets.set(commandSlug(`${t.prefix}x${t.suffix}`), {
        fact: 'hash',
        algorithm: t.algorithm,
        parse: (raw, file) => hash.parse(raw, file, t.algorithm),
      });
    }
  }
  return targets;
}

export interface FixtureCase {
  platform: PlatformId;
  slug: string;
  name: string;
  raw: string;
  expectedPath: string;
}

export function fixtureCases(platformsDir: string, platform: PlatformId): FixtureCase[] {
  const dir = join(platformsDir, platform, '__fixtures__');
  if (!existsSync(dir)) return [];
  const cases: FixtureCase[] = [];
  for (const slug of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(dir, slug)).filter((f) => f.endsWith('.txt')).sort()) {
      const name = file.slice(0, -'.txt'.length);
      cases.push({
        platform,
        slug,
        name,
        raw: readFileSync(join(dir, slug, file), 'utf8'),
        expectedPath: join(dir, slug, `${name}.expected.json`),
      });
    }
  }
  return cases;
}
