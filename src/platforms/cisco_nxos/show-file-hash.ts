import type { HashAlgorithm } from '../../model/image.js';
import type { HashFacts } from '../../model/state.js';
import { normalizeDigest, notUnderstood, prepare } from '../text.js';

/** `show file bootflash:<file> sha256sum` (or md5sum, sha512sum) prints the digest alone on a line. */
export function parseNxosFileHash(raw: string, file: string, algorithm: HashAlgorithm, command: string): HashFacts {
  const lines = prepare(raw, 'cisco_nxos', command)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const digests = lines.map((l) => normalizeDigest(l, algorithm));
  const digest = digests[0];
  if (lines.length !== 1 || digest === null || digest === undefined) {
    throw notUnderstood('cisco_nxos', command, lines, `expected one ${algorithm} digest line`);
  }
  return { file, algorithm, digest };
}
