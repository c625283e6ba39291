import type { TransferProtocol } from './device.js';

export const EVENT_KINDS = [
  'transfer',
  'boot-change',
  'config-register',
  'reload',
  'boot',
  'install',
  'config-change',
  'risky-command',
  'verify',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * How far an event's time can be trusted: `synced` (device clock in sync, full date), `unsynced` (Cisco `*`
 * or `.` mark), `inferred-year` (RFC 3164 had no year), `uptime` (only time since boot was logged).
 */
export type ClockQuality = 'synced' | 'unsynced' | 'inferred-year' | 'uptime';

/** One normalized event; `imagegate events` writes one per NDJSON line. */
export interface DeviceEvent {
  /** UTC ISO 8601 with milliseconds. */
  ts: string;
  /** Resolved device name, or null when the host is in no device file. */
  device: string | null;
  /** Host as logged (name or address). */
  host: string;
  kind: EventKind;
  actor: string | null;
  command: string | null;
  /** Image (or other) file the event is about, without file system prefix where one was given. */
  file: string | null;
  protocol: TransferProtocol | null;
  direction: 'upload' | 'download' | null;
  /** Id of the detection pattern that matched, for risky commands. */
  pattern?: string;
  source: { path: string; line: number; format: string };
  raw: string;
  clock: ClockQuality;
}
