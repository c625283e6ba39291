import type { DeviceEvent } from '../model/event.js';
import type { DetectionPolicy } from '../model/policy.js';
import { classifyCommand } from './classify.js';
import type { DeviceResolver } from './devices.js';
import { resolveTime } from './time.js';
import { isTimeZone } from '../util/time-zone.js';
import type { Observation } from './types.js';

// a secret keyword, an optional key number and encryption type (`authentication-key 1 md5`, `secret 5`), the secret
const SECRET_ARGS = /\b(password|secret|key-string|community|pre-shared-key|authentication-key|key)((?:\s+\d+)?(?:\s+(?:md5|sha1|0|5|7|8|9))?)\s+(\S+)/gi;

/** Device passwords typed into a logged command (`username x secret 5 $1$...`) never leave in an event. */
export function maskSecrets(text: string): string {
  return text.replace(SECRET_ARGS, (_m, word: string, type: string) => `${word}${type} <redacted>`);
}

/** Device and log-server clocks further apart than this are not trusted when the policy sets no tolerance. */
const DEFAULT_CLOCK_SKEW_SECONDS = 120;

export interface NormalizeContext {
  resolver: DeviceResolver;
  detection: DetectionPolicy | undefined;
  tz: string;
  year: number | null;
  fileTime: number;
  path: string;
  format: string;
  /** Host for lines that name none (`--host`). */
  defaultHost?: string | null;
}

const zoneOk = new Map<string, boolean>();

function validZone(zone: string | undefined): string | null {
  if (zone === undefined) return null;
  let ok = zoneOk.get(zone);
  if (ok === undefined) {
    ok = isTimeZone(zone);
    zoneOk.set(zone, ok);
  }
  return ok ? zone : null;
}

/** An observation to a DeviceEvent, or null when its time cannot be placed. */
export function toEvent(obs: Observation, line: string, lineNo: number, ctx: NormalizeContext): DeviceEvent | null {
  if (obs.event) {
    const e = obs.event;
    // a device name that is not in this fleet (renamed since, or forged) must not carry the event out of
    // sight: resolve it again, by name first, then by host; unresolved it is an unknown device
    const device = (e.device === null ? null : ctx.resolver.resolve(e.device)) ?? ctx.resolver.resolve(e.host);
    return { ...e, device: device?.name ?? null };
  }
  let host = obs.host === '' && ctx.defaultHost ? ctx.defaultHost : obs.host;
  let device = ctx.resolver.resolve(host);
  let direction = obs.direction ?? null;
  if (device === null && obs.peer !== undefined) {
    const peer = ctx.resolver.resolve(obs.peer);
    if (peer !== null) {
      device = peer;
      host = obs.peer;
      direction = direction === 'download' ? 'upload' : direction === 'upload' ? 'download' : null;
    }
  }
  const timeCtx = { deviceZone: validZone(device?.timezone), defaultZone: ctx.tz, year: ctx.year, fileTime: ctx.fileTime };
  let time = resolveTime(obs.time, timeCtx, obs);
  if (!Number.isFinite(time.ms) || Math.abs(time.ms) > 8.64e15) return null;
  if (obs.receiverTime) {
    // a device clock set to move its own lines into an approved window disagrees with the log server: beyond the
    // skew tolerance the server's time counts, and the event is marked as coming from an untrusted clock
    const received = resolveTime(obs.receiverTime, timeCtx, {});
    const tolerance = (ctx.detection?.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
    if (Number.isFinite(received.ms) && Math.abs(received.ms - time.ms) > tolerance) time = { ms: received.ms, clock: 'unsynced' };
  }

  let kind = obs.kind;
  let file = obs.file ?? null;
  let protocol = obs.protocol ?? null;
  let pattern: string | undefined;
  const command = obs.command ?? null;
  if (command !== null && kind === undefined) {
    const c = classifyCommand(command, ctx.detection);
    kind = c.kind === 'other' && obs.defaultKind !== undefined ? obs.defaultKind : c.kind;
    file = c.file ?? file;
    protocol = c.protocol ?? protocol;
    direction = c.direction ?? direction;
    pattern = c.pattern;
  }
  const event: DeviceEvent = {
    ts: new Date(time.ms).toISOString(),
    device: device?.name ?? null,
    host,
    kind: kind ?? obs.defaultKind ?? 'other',
    actor: obs.actor ?? null,
    command: command === null ? null : maskSecrets(command),
    file,
    protocol,
    direction,
    source: { path: ctx.path, line: lineNo, format: ctx.format },
    raw: maskSecrets(line),
    clock: time.clock,
  };
  if (pattern !== undefined) event.pattern = pattern;
  return event;
}
