import type { Device, TransferProtocol } from '../model/device.js';
import type { DeviceEvent, EventKind } from '../model/event.js';
import type { DetectionPolicy } from '../model/policy.js';
import type { EventsSummary } from './summary.js';

/**
 * When something happened, as far as one log line tells. `wall` is a local wall-clock reading that still needs
 * a year and a zone; `epoch` is already absolute; `none` means the line only carried an uptime stamp.
 */
export type ObservedTime =
  | { type: 'epoch'; ms: number }
  | {
      type: 'wall';
      year: number | null;
      month: number;
      day: number;
      hour: number;
      minute: number;
      second: number;
      ms: number;
      /** Zone as logged (`UTC`, `MEST`, `+01:00`), if any. */
      zone: string | null;
      /** Who wrote the stamp: a device clock follows the device's zone, a receiver's the `--tz` zone. */
      writer: 'device' | 'receiver';
    }
  | { type: 'none' };

/** What a source makes of one line before device resolution, time normalization and classification. */
export interface Observation {
  host: string;
  time: ObservedTime;
  /** The receiver's stamp, when the time above is the device's own (see SyslogFrame.receiverTime). */
  receiverTime?: ObservedTime;
  /** The device's clock was marked unsynchronized (Cisco `*` or `.`). */
  unsynced?: boolean;
  /** Only an uptime stamp came from the device. */
  uptime?: boolean;
  /** Set when the message itself says what happened; otherwise `command` is classified. */
  kind?: EventKind;
  /** Kind of a command the classifier does not know (a logged config-mode line is a config change). */
  defaultKind?: EventKind;
  actor?: string | null;
  command?: string | null;
  file?: string | null;
  protocol?: TransferProtocol | null;
  direction?: 'upload' | 'download' | null;
  /**
   * The other end of a network-observed transfer (Zeek): when `host` is no device but `peer` is, the event is
   * about the peer and the direction turns around.
   */
  peer?: string;
  /** An event read back from `imagegate events` NDJSON: kept as it was, its device resolved again if null. */
  event?: DeviceEvent;
}

/** What `parse` returns: an observation, `null` (understood, nothing relevant) or a skip reason. */
export type ParseResult = Observation | null | { skip: string };

export interface SourceContext {
  path: string;
  /** Per-file state a source may keep (Zeek `#fields` header). */
  state: Map<string, unknown>;
}

/** One log format: detection from the first lines, a cheap line prefilter, and a pure line parser. */
export interface EventSource {
  id: string;
  description: string;
  /** 0 (not this format) .. 1 (certainly this format), from the first non-empty lines of a file. */
  detect(lines: string[]): number;
  /**
   * Literal keywords of which a line must contain at least one to be worth parsing; `null` parses every line.
   * The reader turns them into one combined scan per chunk, so irrelevant lines cost no allocation.
   */
  keywords: readonly string[] | null;
  parse(line: string, ctx: SourceContext): ParseResult;
}

export interface ReadEventsOptions {
  devices: Device[];
  detection?: DetectionPolicy;
  /** Year for time stamps that have none (RFC 3164); default: inferred from the file's modification time. */
  year?: number;
  /** IANA zone of receiver-written and zone-less time stamps of devices without a `timezone`; default UTC. */
  tz?: string;
  /** Force a source format for every file instead of detecting it. */
  source?: string;
  /**
   * Host of lines that name none: a `show logging` buffer saved from one device carries no host, so its lines
   * would all be unknown-device events without it.
   */
  host?: string;
  /** Also yield events of kind `other` (recognized but irrelevant lines, e.g. `show` commands). */
  all?: boolean;
  /** Filled in while reading; the generator also returns it. */
  summary?: EventsSummary;
}
