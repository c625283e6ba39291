import { createHash } from 'node:crypto';
import type { DeviceEvent } from '../model/event.js';

/**
 * sha256 over rule, device and the identity of the evidence. Summaries, reasons and line numbers stay out:
 * they change when wording improves or a log file grows, and the GitHub issue must still be found again.
 */
export function fingerprint(rule: string, device: string, identity: string): string {
  return createHash('sha256').update(`${rule}\u0000${device.toLowerCase()}\u0000${identity}`).digest('hex');
}

/** File name without its directories: the same log read from another path is the same evidence. */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/**
 * Identity of an event: the kind of log, time, who and what happened (the command, else kind and file). Not
 * the file name: rotation renames `syslog.log` to `syslog.log.1` and then `syslog.log.2.gz`, and the issue must
 * still be found again.
 */
export function eventIdentity(ev: DeviceEvent): string {
  return `${ev.source.format}|${ev.ts}|${ev.actor ?? ''}|${ev.command ?? `${ev.kind}:${ev.file ?? ''}`}`;
}
