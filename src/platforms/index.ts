import { ImagegateError } from '../errors.js';
import type { HashAlgorithm } from '../model/image.js';
import { PLATFORMS, type PlatformId } from '../model/platform.js';
import { aristaEos } from './arista_eos/index.js';
import { ciscoIos } from './cisco_ios/index.js';
import { ciscoNxos } from './cisco_nxos/index.js';
import { ciscoXe } from './cisco_xe/index.js';
import { failureLine } from './failure.js';
import { isSafeFileName } from './file-name.js';
import { juniperJunos } from './juniper_junos/index.js';
import { cleanLines } from './text.js';
import type { FactSpec, PlatformDriver } from './types.js';

export { assertSafeFileName, isSafeFileName } from './file-name.js';
export type { FactSpec, HashSpec, PlatformDriver } from './types.js';

/** Every platform driver, keyed by platform id; a test keeps this, the folders and PLATFORMS in step. */
export const drivers: Record<PlatformId, PlatformDriver> = {
  cisco_ios: ciscoIos,
  cisco_xe: ciscoXe,
  cisco_nxos: ciscoNxos,
  arista_eos: aristaEos,
  juniper_junos: juniperJunos,
};

export function getDriver(id: string): PlatformDriver {
  const driver = (drivers as Record<string, PlatformDriver | undefined>)[id];
  if (driver === undefined) {
    throw new ImagegateError(`unknown platform "${id}"`, { hint: `use one of: ${PLATFORMS.join(', ')}` });
  }
  return driver;
}

/**
 * The line of output that says the command failed (`% Invalid input detected at '^' marker.`,
 * `syntax error, expecting <command>.`, `% Permission denied`), or null when the output carries none.
 */
export function detectFailure(driver: PlatformDriver, raw: string): string | null {
  return failureLine(cleanLines(raw), driver.failureIndicators);
}

/** Placeholder for the file name in the hash command templates that `allowedCommands` lists. */
export const FILE_PLACEHOLDER = '<file>';
// a name that passes the file-name check and appears in no command, to cut a hash command into prefix and suffix
const PROBE = 'IMAGEGATEPROBE';

type NamedFact = 'version' | 'boot' | 'files' | 'uptime';

/** The facts a driver can read with a fixed command, with their specs. */
export function fixedFacts(driver: PlatformDriver): Array<[NamedFact, FactSpec<unknown>]> {
  const out: Array<[NamedFact, FactSpec<unknown>]> = [];
  const { version, boot, files, uptime } = driver.facts;
  out.push(['version', version]);
  if (boot !== 'unsupported') out.push(['boot', boot]);
  out.push(['files', files]);
  if (uptime !== undefined) out.push(['uptime', uptime]);
  return out;
}

/** Hash command templates per algorithm, with `<file>` where the file name goes. */
export function hashTemplates(driver: PlatformDriver): Array<{ algorithm: HashAlgorithm; prefix: string; suffix: string }> {
  const hash = driver.facts.hash;
  if (hash === 'unsupported') return [];
  return hash.algorithms.map((algorithm) => {
    const probe = hash.command(PROBE, algorithm);
    const at = probe.indexOf(PROBE);
    return { algorithm, prefix: probe.slice(0, at), suffix: probe.slice(at + PROBE.length) };
  });
}

/**
 * Every command the driver may send: session setup, each fact's command and its aliases, and the hash command
 * templates (`verify /sha512 flash:<file>`), which are allowed only with a file name that passes the check.
 */
export function allowedCommands(driver: PlatformDriver): string[] {
  const fixed = fixedFacts(driver).flatMap(([, spec]) => [spec.command, ...(spec.aliases ?? [])]);
  const hashes = hashTemplates(driver).map((t) => `${t.prefix}${FILE_PLACEHOLDER}${t.suffix}`);
  return [...new Set([...driver.sessionSetup, ...fixed, ...hashes])];
}

/** Exact allowlist check; a hash command passes only with a safe file name in the file position. */
export function isAllowedCommand(driver: PlatformDriver, command: string): boolean {
  if (allowedCommands(driver).some((c) => !c.includes(FILE_PLACEHOLDER) && c === command)) return true;
  return hashTemplates(driver).some(
    (t) =>
      command.length > t.prefix.length + t.suffix.length &&
      command.startsWith(t.prefix) &&
      command.endsWith(t.suffix) &&
      isSafeFileName(command.slice(t.prefix.length, command.length - t.suffix.length)),
  );
}
