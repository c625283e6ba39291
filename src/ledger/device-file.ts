/**
 * The slice of a device file the ledger needs at one historical commit. YAML goes through the repo loader's
 * parser (same size limit, duplicate-key and syntax checks, same lines); the schema is not applied, because
 * history holds files that today's schema would reject: this reads leniently and reports what it cannot use.
 */
import { parseYamlFile } from '../repo/yaml.js';
import type { BootSpec, TimeWindow, TransferProtocol } from '../model/device.js';
import { TRANSFER_PROTOCOLS } from '../model/device.js';

export interface DeviceSnapshot {
  name: string;
  site: string | null;
  timezone: string | null;
  image: string | null;
  boot: BootSpec | null;
  change: ChangeSnapshot | null;
}

export interface ChangeSnapshot {
  ticket: string | null;
  window: TimeWindow | null;
  executor: string | null;
  transfer: TransferProtocol | null;
}

export type SnapshotResult = { ok: true; device: DeviceSnapshot } | { ok: false; line: number | undefined; message: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const rec = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** `devices/<site>/<name>.yaml` -> the device's name when the file does not say. */
function nameFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/, '');
}

export { isDeviceFile } from '../repo/loader.js';

function parseBoot(v: unknown): BootSpec | null {
  const b = rec(v);
  if (!b) return null;
  const system = Array.isArray(b['system']) ? b['system'].map((s) => String(s)) : [];
  const boot: BootSpec = { system };
  const reg = str(b['configRegister']);
  if (reg !== null) boot.configRegister = reg;
  return boot;
}

/** A window is usable only when both ends are instants with an explicit offset; anything else is no window. */
function parseWindow(v: unknown): TimeWindow | null {
  const w = rec(v);
  if (!w) return null;
  const start = str(w['start']);
  const end = str(w['end']);
  const instant = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
  if (start === null || end === null || !instant.test(start) || !instant.test(end)) return null;
  if (Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end)) || Date.parse(start) >= Date.parse(end)) return null;
  return { start, end };
}

function parseChange(v: unknown): ChangeSnapshot | null {
  const c = rec(v);
  if (!c) return null;
  const transfer = str(c['transfer']);
  return {
    ticket: str(c['ticket']),
    window: parseWindow(c['window']),
    executor: str(c['executor']),
    transfer: transfer !== null && (TRANSFER_PROTOCOLS as readonly string[]).includes(transfer) ? (transfer as TransferProtocol) : null,
  };
}

export function parseDeviceSnapshot(path: string, bytes: Uint8Array): SnapshotResult {
  const parsed = parseYamlFile(path, bytes);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    return { ok: false, line: first?.line, message: first?.message ?? 'not readable' };
  }
  const d = rec(parsed.value);
  if (!d) return { ok: false, line: 1, message: 'a device file must be a mapping' };
  return {
    ok: true,
    device: {
      name: str(d['name']) ?? nameFromPath(path),
      site: str(d['site']),
      timezone: str(d['timezone']),
      image: str(d['image']),
      boot: parseBoot(d['boot']),
      change: parseChange(d['change']),
    },
  };
}
