import type { HashAlgorithm } from '../../model/image.js';
import { FAILURE_INDICATORS } from '../failure.js';
import { assertSafeFileName } from '../file-name.js';
import type { PlatformDriver } from '../types.js';
import { parseNxosDir } from './dir.js';
import { parseNxosShowBoot } from './show-boot.js';
import { parseNxosFileHash } from './show-file-hash.js';
import { parseNxosShowVersion } from './show-version.js';

const hashCommand = (file: string, algorithm: HashAlgorithm): string =>
  `show file bootflash:${assertSafeFileName(file)} ${algorithm}sum`;

/** NX-OS (Nexus 3000/5000/7000/9000). */
export const ciscoNxos: PlatformDriver = {
  id: 'cisco_nxos',
  prompt: /(?:^|\n)[\w.\-@/:]{1,63}(?:\([\w.\-]+\))?[>#]\s*$/,
  failureIndicators: FAILURE_INDICATORS.cisco_nxos,
  sessionSetup: ['terminal length 0', 'terminal width 511'],
  imageFileSystem: 'bootflash:',
  facts: {
    version: { command: 'show version', parse: parseNxosShowVersion },
    boot: { command: 'show boot', parse: parseNxosShowBoot },
    files: { command: 'dir bootflash:', parse: parseNxosDir },
    hash: {
      algorithms: ['sha512', 'sha256', 'md5'],
      command: hashCommand,
      parse: (raw, file, algorithm) => parseNxosFileHash(raw, file, algorithm, hashCommand(file, algorithm)),
    },
  },
};
