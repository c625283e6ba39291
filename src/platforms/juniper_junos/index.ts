import { ImagegateError } from '../../errors.js';
import type { HashAlgorithm } from '../../model/image.js';
import { FAILURE_INDICATORS } from '../failure.js';
import { assertSafeFileName } from '../file-name.js';
import type { PlatformDriver } from '../types.js';
import { parseJunosFileChecksum } from './file-checksum.js';
import { parseJunosFileList } from './file-list.js';
import { parseJunosShowSystemUptime } from './show-system-uptime.js';
import { parseJunosShowVersion } from './show-version.js';

const CHECKSUM_NAME: Partial<Record<HashAlgorithm, string>> = { sha256: 'sha-256', md5: 'md5' };

const checksumCommand = (file: string, algorithm: HashAlgorithm): string => {
  const name = CHECKSUM_NAME[algorithm];
  // Junos `file checksum` offers md5, sha1, sha-256 and sha-384: no sha-512
  if (name === undefined) throw new ImagegateError(`juniper_junos: "file checksum" cannot compute ${algorithm}`);
  return `file checksum ${name} /var/tmp/${assertSafeFileName(file)}`;
};

/**
 * Junos has no boot variable: it boots the installed package set (and keeps snapshots), so `boot` is unsupported.
 * `show version` has no uptime; `show system uptime` gives it.
 */
export const juniperJunos: PlatformDriver = {
  id: 'juniper_junos',
  prompt: /(?:^|\n)(?:\{[\w:.\- ]+\}\r?\n)?[\w.\-]+@[\w.\-]+[>#%]\s*$/,
  failureIndicators: FAILURE_INDICATORS.juniper_junos,
  // operational-mode settings of this CLI session only; nothing is configured
  sessionSetup: ['set cli screen-length 0', 'set cli screen-width 0'],
  imageFileSystem: '/var/tmp/',
  facts: {
    version: { command: 'show version', parse: parseJunosShowVersion },
    boot: 'unsupported',
    files: { command: 'file list /var/tmp/ detail', parse: parseJunosFileList },
    hash: {
      algorithms: ['sha256', 'md5'],
      command: checksumCommand,
      parse: (raw, file, algorithm) => parseJunosFileChecksum(raw, file, algorithm, checksumCommand(file, algorithm)),
    },
    uptime: { command: 'show system uptime', parse: parseJunosShowSystemUptime },
  },
};
