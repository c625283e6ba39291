import { messageHandlers } from '../messages/index.js';
import type { MessageHandler } from '../messages/types.js';
import { parseSyslogFrame } from '../syslog-frame.js';
import type { EventSource, Observation } from '../types.js';

const SYSLOG_START = /^(<\d{1,3}>|[*.]?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d|\d{4} [A-Z][a-z]{2} [ \d]\d |\d+: )/;

/** A syslog-framed source over the given message handlers. */
export function syslogSource(id: string, description: string, handlers: readonly MessageHandler[], detect: (lines: string[]) => number): EventSource {
  const keywords = [...new Set(handlers.flatMap((h) => h.keywords))];
  return {
    id,
    description,
    detect,
    keywords,
    parse(line) {
      const frame = parseSyslogFrame(line);
      if (frame === null) return { skip: 'not-syslog' };
      for (const h of handlers) {
        const r = h.handle(frame);
        if (r === undefined) continue;
        if (r === null || 'skip' in r) return r;
        const obs: Observation = { host: frame.host, time: frame.time, ...r };
        if (frame.unsynced) obs.unsynced = true;
        if (frame.receiverTime) obs.receiverTime = frame.receiverTime;
        if (frame.uptime) obs.uptime = true;
        return obs;
      }
      return null;
    },
  };
}

/**
 * Syslog as receivers write it (RFC 3164 / RFC 5424, rsyslog and syslog-ng files, `show logging` buffers),
 * with the messages of every platform handler, tftpd-hpa and tac_plus inside.
 */
export const syslog: EventSource = syslogSource(
  'syslog',
  'syslog (RFC 3164/5424, receiver files and device buffers): IOS/IOS-XE, NX-OS, EOS, Junos, tftpd-hpa, tac_plus',
  messageHandlers,
  (lines) => (lines.length === 0 ? 0 : (0.8 * lines.filter((l) => SYSLOG_START.test(l)).length) / lines.length),
);
