import { isIP } from 'node:net';
import type { Device } from '../model/device.js';

/**
 * Finds the device a logged host means: by name, management address or alias, case-insensitively, and by the
 * first label of a fully qualified name (`core-01.fra1.example.net` is `core-01`). Unknown hosts give null.
 */
export class DeviceResolver {
  private readonly byKey = new Map<string, Device>();
  private readonly cache = new Map<string, Device | null>();

  constructor(devices: readonly Device[]) {
    const weak: [string, Device][] = [];
    for (const d of devices) {
      for (const key of [d.name, d.management.host, ...(d.aliases ?? [])]) {
        const k = normalize(key);
        if (k === '') continue;
        if (!this.byKey.has(k)) this.byKey.set(k, d);
        const short = shortName(k);
        if (short !== null) weak.push([short, d]);
      }
    }
    // a short name stands for a device only when no other device claims it too
    const claims = new Map<string, Set<Device>>();
    for (const [k, d] of weak) {
      const set = claims.get(k) ?? new Set<Device>();
      set.add(d);
      claims.set(k, set);
    }
    for (const [k, set] of claims) {
      const [only] = [...set];
      if (set.size === 1 && only && !this.byKey.has(k)) this.byKey.set(k, only);
    }
  }

  resolve(host: string): Device | null {
    const k = normalize(host);
    const hit = this.cache.get(k);
    if (hit !== undefined) return hit;
    let found = this.byKey.get(k) ?? null;
    if (!found) {
      const short = shortName(k);
      if (short !== null) found = this.byKey.get(short) ?? null;
    }
    if (this.cache.size < 100_000) this.cache.set(k, found);
    return found;
  }
}

function normalize(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('::ffff:') && isIP(h.slice(7)) === 4) h = h.slice(7);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

function shortName(k: string): string | null {
  if (isIP(k) !== 0) return null;
  const dot = k.indexOf('.');
  return dot > 0 ? k.slice(0, dot) : null;
}
