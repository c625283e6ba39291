import type { HashAlgorithm } from '../../model/image.js';
import { parseCiscoDir } from '../cisco_ios/dir.js';
import { parseIosShowBoot } from '../cisco_ios/show-boot.js';
import { parseIosShowVersion } from '../cisco_ios/show-version.js';
import { parseVerifyHash } from '../cisco_ios/verify-hash.js';
import { FAILURE_INDICATORS } from '../failure.js';
import { assertSafeFileName } from '../file-name.js';
import type { PlatformDriver } from '../types.js';

const verifyCommand = (file: string, algorithm: HashAlgorithm): string =>
  `verify /${algorithm} flash:${assertSafeFileName(file)}`;

/**
 * IOS-XE prints IOS's layouts, so the parsers are IOS's; what differs is data: install mode boots `packages.conf`,
 * HA routers print a standby BOOT variable, Cat9k prints current and next-reload blocks per switch. `show bootvar`
 * works on routers and Cat9k alike.
 */
export const ciscoXe: PlatformDriver = {
  id: 'cisco_xe',
  prompt: /(?:^|\n)[\w.\-@/:]{1,63}(?:\([\w.\-]+\))?[>#]\s*$/,
  failureIndicators: FAILURE_INDICATORS.cisco_xe,
  sessionSetup: ['terminal length 0', 'terminal width 511'],
  imageFileSystem: 'flash:',
  facts: {
    version: { command: 'show version', parse: (raw) => parseIosShowVersion(raw, 'cisco_xe') },
    boot: {
      command: 'show bootvar',
      aliases: ['show boot'],
      parse: (raw) => parseIosShowBoot(raw, 'cisco_xe', 'show bootvar'),
    },
    files: { command: 'dir flash:', parse: (raw) => parseCiscoDir(raw, 'cisco_xe', 'dir flash:') },
    hash: {
      algorithms: ['sha512', 'md5'],
      command: verifyCommand,
      parse: (raw, file, algorithm) => parseVerifyHash(raw, file, algorithm, 'cisco_xe', verifyCommand(file, algorithm)),
    },
  },
};
