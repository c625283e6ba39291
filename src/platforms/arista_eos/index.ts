import type { HashAlgorithm } from '../../model/image.js';
import { parseCiscoDir } from '../cisco_ios/dir.js';
import { parseVerifyHash } from '../cisco_ios/verify-hash.js';
import { FAILURE_INDICATORS } from '../failure.js';
import { assertSafeFileName } from '../file-name.js';
import type { PlatformDriver } from '../types.js';
import { parseEosShowBootConfig } from './show-boot-config.js';
import { parseEosShowVersion } from './show-version.js';

const verifyCommand = (file: string, algorithm: HashAlgorithm): string =>
  `verify /${algorithm} flash:${assertSafeFileName(file)}`;

/** Arista EOS: `dir` and `verify` print IOS's layouts; the image is in `show boot-config`, not `show version`. */
export const aristaEos: PlatformDriver = {
  id: 'arista_eos',
  prompt: /(?:^|\n)[\w.\-@/:]{1,63}(?:\([\w.\-]+\))?[>#]\s*$/,
  failureIndicators: FAILURE_INDICATORS.arista_eos,
  sessionSetup: ['terminal length 0', 'terminal width 32767'],
  imageFileSystem: 'flash:',
  facts: {
    version: { command: 'show version', parse: parseEosShowVersion },
    boot: { command: 'show boot-config', parse: parseEosShowBootConfig },
    files: { command: 'dir flash:', parse: (raw) => parseCiscoDir(raw, 'arista_eos', 'dir flash:') },
    hash: {
      algorithms: ['sha512', 'md5'],
      command: verifyCommand,
      parse: (raw, file, algorithm) => parseVerifyHash(raw, file, algorithm, 'arista_eos', verifyCommand(file, algorithm)),
    },
  },
};
