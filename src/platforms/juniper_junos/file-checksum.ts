import type { HashAlgorithm } from '../../model/image.js';
import type { HashFacts } from '../../model/state.js';
import { ParseError } from '../../errors.js';
import { normalizeDigest, notUnderstood, prepare } from '../text.js';

// `SHA256 (/var/tmp/junos-install.tgz) = 6f2c...`, `MD5 (/var/tmp/x.tgz) = 96a3...` (BSD digest(1) style)
const RESULT = /^(MD5|SHA256|SHA512|SHA1)\s+\(([^)]+)\)\s*=\s*([0-9A-Fa-f]+)$/;
const PRINTED: Record<HashAlgorithm, string> = { md5: 'MD5', sha256: 'SHA256', sha512: 'SHA512' };

/** `file checksum <alg> /var/tmp/<file>` on Junos. The printed path must be the file that was asked for. */
export function parseJunosFileChecksum(raw: string, file: string, algorithm: HashAlgorithm, command: string): HashFacts {
  const lines = prepare(raw, 'juniper_junos', command).map((l) => l.trim());
  for (const line of lines) {
    const m = RESULT.exec(line);
    if (m === null) continue;
    if (m[1] !== PRINTED[algorithm]) {
      throw new ParseError('juniper_junos', command, `the device computed ${m[1] as string}, not ${algorithm}`, line);
    }
    const printed = m[2] as string;
    if (printed.split('/').pop() !== file) {
      throw new ParseError('juniper_junos', command, `the digest is of "${printed}", not of "${file}"`, line);
    }
    const digest = normalizeDigest(m[3] as string, algorithm);
    if (digest === null) throw new ParseError('juniper_junos', command, `"${m[3] as string}" is not a ${algorithm} digest`, line);
    return { file, algorithm, digest };
  }
  throw notUnderstood('juniper_junos', command, lines, `no "${PRINTED[algorithm]} (<file>) = <digest>" line`);
}
