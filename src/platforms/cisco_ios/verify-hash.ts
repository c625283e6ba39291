import type { HashAlgorithm } from '../../model/image.js';
import type { PlatformId } from '../../model/platform.js';
import type { HashFacts } from '../../model/state.js';
import { ParseError, excerpt } from '../../errors.js';
import { normalizeDigest, notUnderstood, prepare } from '../text.js';

// `verify /sha512 (flash:cat9k_iosxe.17.09.04a.SPA.bin) = 2d4f...` after a line of progress dots and `Done!`
const RESULT = /^verify \/(md5|sha512|sha256)\s+\(([^)]+)\)\s*=\s*([0-9A-Fa-f]+)$/;

/** `verify /<alg> <fs>:<file>` on IOS, IOS-XE and EOS. The printed path must name the file that was asked for. */
export function parseVerifyHash(
  raw: string,
  file: string,
  algorithm: HashAlgorithm,
  platform: PlatformId,
  command: string,
): HashFacts {
  const lines = prepare(raw, platform, command).map((l) => l.trim());
  for (const line of lines) {
    const m = RESULT.exec(line);
    if (m === null) continue;
    if (m[1] !== algorithm) {
      throw new ParseError(platform, command, `the device computed ${m[1] as string}, not ${algorithm}`, line);
    }
    const printed = m[2] as string;
    const name = printed.slice(printed.indexOf(':') + 1).replace(/^\/+/, '');
    if (name !== file) throw new ParseError(platform, command, `the digest is of "${printed}", not of "${file}"`, line);
    const digest = normalizeDigest(m[3] as string, algorithm);
    if (digest === null) throw new ParseError(platform, command, `"${m[3] as string}" is not a ${algorithm} digest`, excerpt(line));
    return { file, algorithm, digest };
  }
  throw notUnderstood(platform, command, lines, `no "verify /${algorithm} (...) = <digest>" line`);
}
