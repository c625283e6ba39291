import type { DeviceEvent } from '../model/event.js';
import { baseName } from './fingerprint.js';
import { imageFileName } from './names.js';

/**
 * One operator action shows up in several logs: the TACACS+ accounting record, the device's own syslog line,
 * the TFTP server's request. Events of one device with the same kind and subject within the clock skew are one
 * act, reported once with every line as evidence.
 */
export function actKey(ev: DeviceEvent): string {
  const subject =
    ev.file !== null
      ? imageFileName(ev.file).toLowerCase()
      : ev.kind === 'config-register'
        ? (/0x[0-9a-f]+/i.exec(ev.command ?? ev.raw)?.[0]?.toLowerCase() ?? '')
        : ev.kind === 'boot-change'
          ? (ev.command ?? '').trim().toLowerCase()
          : '';
  return `${ev.kind}|${subject}`;
}

export function sameAct(a: DeviceEvent, b: DeviceEvent, skewMs: number): boolean {
  const actors = a.actor === null || b.actor === null || a.actor.toLowerCase() === b.actor.toLowerCase();
  return a.device === b.device && actors && actKey(a) === actKey(b) && a.clock === b.clock && Math.abs(Date.parse(a.ts) - Date.parse(b.ts)) <= skewMs;
}

/**
 * Earliest first; ties by log format, then file name and line, so the identity depends neither on the order
 * files were given nor on what log rotation named them.
 */
export function compareEvents(a: DeviceEvent, b: DeviceEvent): number {
  return (
    Date.parse(a.ts) - Date.parse(b.ts) ||
    a.source.format.localeCompare(b.source.format) ||
    baseName(a.source.path).localeCompare(baseName(b.source.path)) ||
    a.source.line - b.source.line
  );
}
