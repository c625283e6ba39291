import type { SyslogFrame } from '../syslog-frame.js';
import type { Observation } from '../types.js';

/** What a message handler makes of a syslog message: event fields (time and host come from the frame). */
export type MessageFields = Omit<Observation, 'time'> | Omit<Partial<Observation>, 'time' | 'host'>;

/**
 * Messages of one platform (or one daemon) inside syslog. `keywords` are literals one of which every message
 * it handles contains; the syslog source's prefilter is built from them. Each starts with a character that is
 * rare in interface and routing noise (`%`, `_`, `Q`, `=`), so that the scan rejects almost every position on
 * its first character: `RRQ from` -> `Q from `, `UI_COMMIT` -> `_COMMIT`, `tac_plus` -> `_plus`, and NX-OS
 * command records by `=update:` rather than `:cmd=` (a colon is in every time stamp: 3x slower).
 */
export interface MessageHandler {
  id: string;
  description: string;
  keywords: readonly string[];
  /** `undefined`: not this handler's message; `null`: its message, but irrelevant; `skip`: its message, garbled. */
  handle(frame: SyslogFrame): MessageFields | { skip: string } | null | undefined;
}

/** `by admin on vty0`, `requested by admin`: a user name; `by console` names no one. */
export function userAfter(text: string, word: RegExp): string | null {
  const m = word.exec(text);
  const user = m?.[1];
  // `requested by Exec`, `by console`, `by vty0`: a line or a subsystem, not a person
  if (!user || /^(console|vty\d*|tty\d*|unknown|system|exec|snmp|eem|cli|cns)$/i.test(user)) return null;
  return user;
}
