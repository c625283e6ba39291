import type { HashAlgorithm } from '../model/image.js';
import type { PlatformId } from '../model/platform.js';
import type { BootFacts, FileListing, HashFacts, VersionFacts } from '../model/state.js';

/** A fact read with one fixed, read-only command and a pure parser. Parsers throw ParseError on output they do not understand. */
export interface FactSpec<T> {
  command: string;
  /** Other spellings of the same read-only command whose output the parser reads too (`show boot` / `show bootvar`). */
  aliases?: string[];
  parse(raw: string): T;
}

/** Hash of a file on the device. `command` is only ever called with a file name that passed `assertSafeFileName`. */
export interface HashSpec {
  /** Algorithms the platform can compute, strongest first. */
  algorithms: HashAlgorithm[];
  command(path: string, algorithm: HashAlgorithm): string;
  parse(raw: string, path: string, algorithm: HashAlgorithm): HashFacts;
}

/**
 * A platform driver is data: prompt, failure strings, session setup, and per fact its command and parser
 * (as scrapli keeps platforms as definitions and napalm one driver per OS). A fact the platform cannot give
 * is 'unsupported', never guessed.
 */
export interface PlatformDriver {
  id: PlatformId;
  /** Matches the CLI prompt at the end of output (interactive sessions and the simulator). */
  prompt: RegExp;
  /** Output lines that mean the command failed (`% Invalid input detected`, `syntax error`). */
  failureIndicators: string[];
  /** Read-only commands sent first on an interactive session (paging off). */
  sessionSetup: string[];
  /** Where images live by default (`flash:`, `bootflash:`, `/var/tmp/`). */
  imageFileSystem: string;
  facts: {
    version: FactSpec<VersionFacts>;
    boot: FactSpec<BootFacts> | 'unsupported';
    files: FactSpec<FileListing>;
    hash: HashSpec | 'unsupported';
    /**
     * Where `show version` lacks the uptime (Junos), a second read-only command gives it; its facts are merged into
     * the version facts.
     */
    uptime?: FactSpec<Pick<VersionFacts, 'uptimeSeconds' | 'reloadReason'>>;
  };
}
