import { imageFile } from '../classify.js';
import { MONTHS } from '../time.js';
import type { EventSource } from '../types.js';

// current-time transfer-time remote-host file-size filename transfer-type special-action direction access-mode
// username service-name authentication-method authenticated-user-id [completion-status]
const LINE =
  /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) (\d+) (\S+) (\d+) (.+) ([ab]) (\S+) ([oid]) ([agr]) (\S+) (\S+) (\d) (\S+)(?: ([ci]))?$/;

/**
 * vsftpd and wu-ftpd `xferlog`. Direction `o` is a file going out of the server: the device at `remote-host`
 * downloaded it; `i` came in (the device uploaded); `d` is a deletion and not a transfer.
 */
export const xferlog: EventSource = {
  id: 'xferlog',
  description: 'vsftpd / wu-ftpd xferlog',
  detect(lines) {
    return lines.length > 0 && lines.filter((l) => LINE.test(l)).length / lines.length >= 0.5 ? 0.95 : 0;
  },
  keywords: null,
  parse(line) {
    const m = LINE.exec(line);
    if (!m) return { skip: 'unparsed-xferlog' };
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    if (month === undefined) return { skip: 'unparsed-xferlog' };
    const direction = m[13];
    if (direction === 'd') return null;
    return {
      host: m[8] ?? '',
      time: {
        type: 'wall', year: Number(m[6]), month, day: Number(m[2]), hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]),
        ms: 0, zone: null, writer: 'receiver',
      },
      kind: 'transfer',
      protocol: (m[16] ?? '').toLowerCase() === 'sftp' ? 'sftp' : 'ftp',
      direction: direction === 'o' ? 'download' : 'upload',
      file: imageFile(m[10] ?? ''),
      actor: m[15] ?? null,
    };
  },
};
