import type { FileEntry, FileListing } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';

const COMMAND = 'file list /var/tmp/ detail';
const HEADER = /^(\/\S*):$/;
const TOTAL = /^total (?:blocks|files):\s*\d+$/;
// `-rw-r--r--  1 root  wheel   479553306 Oct 10 14:20 junos-install-mx-x86-64-21.4R3-S4.9.tgz` (older files show a year)
const ENTRY = /^([-dlbcps])[-rwxsStT]{9}[@+.]?\s+\d+\s+\S+\s+\S+\s+(\d+)\s+[A-Z][a-z]{2}\s+\d{1,2}\s+(?:\d{1,2}:\d{2}|\d{4})\s+(\S.*)$/;

/** `file list <dir> detail` on Junos. Only regular files are listed (no directories, links or devices). */
export function parseJunosFileList(raw: string): FileListing {
  const lines = prepare(raw, 'juniper_junos', COMMAND).map((l) => l.trim());
  const files: FileEntry[] = [];
  let filesystem: string | undefined;
  let recognized = false;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = HEADER.exec(line))) {
      recognized = true;
      filesystem ??= m[1];
    } else if (TOTAL.test(line)) recognized = true;
    else if ((m = ENTRY.exec(line))) {
      recognized = true;
      if (m[1] === '-') files.push({ name: m[3] as string, size: Number(m[2]) });
    }
  }
  if (!recognized) throw notUnderstood('juniper_junos', COMMAND, lines, 'no "<directory>:" header, file line or "total files:" line');
  return { ...(filesystem === undefined ? {} : { filesystem }), files };
}
