import { tftpd as tftpdMessages } from '../messages/tftpd.js';
import type { EventSource } from '../types.js';
import { syslogSource } from './syslog.js';

/** A file that holds only tftpd-hpa's syslog lines (`in.tftpd[pid]: RRQ from ... filename ...`). */
export const tftpd: EventSource = syslogSource('tftpd', 'tftpd-hpa transfer log (syslog lines of in.tftpd)', [tftpdMessages], (lines) => {
  if (lines.length === 0) return 0;
  const hits = lines.filter((l) => /\btftpd(\[\d+\])?: /.test(l)).length;
  return hits === lines.length ? 0.9 : 0;
});
