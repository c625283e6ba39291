import type { HashAlgorithm } from '../../model/image.js';
import { FAILURE_INDICATORS } from '../failure.js';
import { assertSafeFileName } from '../file-name.js';
import type { PlatformDriver } from '../types.js';
import { parseCiscoDir } from './dir.js';
import { parseIosShowBoot } from './show-boot.js';
import { parseIosShowVersion } from './show-version.js';
import { parseVerifyHash } from './verify-hash.js';

const verifyCommand = (file: string, algorithm: HashAlgorithm): string =>
  `verify /${algorithm} flash:${assertSafeFileName(file)}`;

/** Classic IOS (Catalyst access switches, ISR G2 routers): `show boot` is the Catalyst spelling, `show bootvar` the router one. */
export const ciscoIos: PlatformDriver = {
  id: 'cisco_ios',
  prompt: /(?:^|\n)[\w.\-@/:]{1,63}(?:\([\w.\-]+\))?[>#]\s*$/,
  failureIndicators: FAILURE_INDICATORS.cisco_ios,
  sessionSetup: ['terminal length 0', 'terminal width 511'],
  imageFileSystem: 'flash:',
  facts: {
    version: { command: 'show version', parse: (raw) => parseIosShowVersion(raw, 'cisco_ios') },
    boot: {
      command: 'show boot',
      aliases: ['show bootvar'],
      parse: (raw) => parseIosShowBoot(raw, 'cisco_ios', 'show boot'),
    },
    files: { command: 'dir flash:', parse: (raw) => parseCiscoDir(raw, 'cisco_ios', 'dir flash:') },
    hash: {
      algorithms: ['sha512', 'md5'],
      command: verifyCommand,
      parse: (raw, file, algorithm) => parseVerifyHash(raw, file, algorithm, 'cisco_ios', verifyCommand(file, algorithm)),
    },
  },
};
