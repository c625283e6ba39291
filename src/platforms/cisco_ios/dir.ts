import type { PlatformId } from '../../model/platform.js';
import type { FileEntry, FileListing } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';

const HEADER = /^Directory of (\S+?)\/?$/;
const NO_FILES = /^No files in directory$/;
const FOOTER = /^\d+ bytes total \(\d+ bytes free\)$|^No space information available$/;
// `[index] permissions size [date] name`: IOS prints an index and a date with zone, EOS no index and a short date,
// some IOS releases neither index nor date; a few IOS-XE releases print `-rw  -` for files in use.
const ENTRY = /^(?:\d+\s+)?([-dlrwxsStT]{3,10}(?:\s+-)?)\s+(\d+)\s+(.*\S)$/;

/** `dir <fs>:` on IOS, IOS-XE and EOS (same layout). Directories are left out; files in subdirectories keep their path. */
export function parseCiscoDir(raw: string, platform: PlatformId = 'cisco_ios', command = 'dir flash:'): FileListing {
  const lines = prepare(raw, platform, command).map((l) => l.trim());
  const files: FileEntry[] = [];
  let filesystem: string | undefined;
  let root: string | undefined;
  let prefix = '';
  let recognized = false;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = HEADER.exec(line))) {
      recognized = true;
      const path = m[1] as string;
      if (root === undefined) {
        root = path;
        filesystem = path.slice(0, path.indexOf(':') + 1) || path;
        prefix = '';
      } else {
        prefix = path === root ? '' : path.startsWith(`${root}/`) ? `${path.slice(root.length + 1)}/` : `${path}/`;
      }
    } else if (NO_FILES.test(line) || FOOTER.test(line)) recognized = true;
    else if ((m = ENTRY.exec(line))) {
      recognized = true;
      if ((m[1] as string).startsWith('d')) continue;
      const name = (m[3] as string).split(/\s+/).pop() as string;
      files.push({ name: prefix + name, size: Number(m[2]) });
    }
  }
  if (!recognized) throw notUnderstood(platform, command, lines, 'no "Directory of" header, file line or "bytes total" footer');
  return { ...(filesystem === undefined ? {} : { filesystem }), files };
}
