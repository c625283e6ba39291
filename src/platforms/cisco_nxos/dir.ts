import type { FileEntry, FileListing } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';

const COMMAND = 'dir bootflash:';
// `  1410981963    Jul 13 10:05:48 2018  aci-n9000-dk9.13.1.2p.bin`; directories end with `/`
const ENTRY = /^(\d+)\s+[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4}\s+(\S.*)$/;
// `Usage for bootflash://` or, with supervisors, `Usage for bootflash://sup-local`
const USAGE = /^Usage for ([a-z][a-z0-9-]*):/i;
const TOTALS = /^\d+ bytes (?:used|free|total)$/;

/** `dir bootflash:` on NX-OS. Directories are left out. */
export function parseNxosDir(raw: string): FileListing {
  const lines = prepare(raw, 'cisco_nxos', COMMAND).map((l) => l.trim());
  const files: FileEntry[] = [];
  let filesystem: string | undefined;
  let recognized = false;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = ENTRY.exec(line))) {
      recognized = true;
      const name = m[2] as string;
      if (!name.endsWith('/')) files.push({ name, size: Number(m[1]) });
    } else if ((m = USAGE.exec(line))) {
      recognized = true;
      filesystem = `${m[1] as string}:`;
    } else if (TOTALS.test(line)) recognized = true;
  }
  if (!recognized) throw notUnderstood('cisco_nxos', COMMAND, lines, 'no file line and no "Usage for" footer');
  return { ...(filesystem === undefined ? {} : { filesystem }), files };
}
