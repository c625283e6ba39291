import { EVENT_KINDS, type DeviceEvent } from '../../model/event.js';
import type { EventSource } from '../types.js';

const CLOCKS = new Set(['synced', 'unsynced', 'inferred-year', 'uptime']);
// a field of another type (a hand-edited or foreign file) crashed the reconcile rules that read it
const text = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

function isEvent(v: unknown): v is DeviceEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  const src = e.source as Record<string, unknown> | undefined;
  return (
    typeof e.ts === 'string' &&
    !Number.isNaN(Date.parse(e.ts)) &&
    typeof e.host === 'string' &&
    (EVENT_KINDS as readonly unknown[]).includes(e.kind) &&
    typeof e.raw === 'string' &&
    CLOCKS.has(String(e.clock)) &&
    typeof src === 'object' &&
    src !== null &&
    typeof src.path === 'string' &&
    typeof src.line === 'number' &&
    [e.device, e.actor, e.command, e.file, e.protocol, e.direction, e.pattern].every(text)
  );
}

/** NDJSON written by `imagegate events`, so that `reconcile` takes either raw logs or their events. */
export const ndjson: EventSource = {
  id: 'ndjson',
  description: 'NDJSON events written by `imagegate events`',
  detect(lines) {
    const first = lines[0] ?? '';
    if (!first.startsWith('{"ts":')) return 0;
    try {
      return isEvent(JSON.parse(first)) ? 1 : 0;
    } catch {
      return 0;
    }
  },
  keywords: null,
  parse(line) {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return { skip: 'bad-json' };
    }
    if (!isEvent(v)) return { skip: 'not-an-event' };
    return { host: v.host, time: { type: 'epoch', ms: Date.parse(v.ts) }, event: v };
  },
};
