/**
 * Joins the outputs of sharded jobs into one. A matrix job that failed or ran twice must not go unnoticed:
 * every shard 1..n must be present exactly once, all with the same n, and no device may appear in two shards.
 */
import { InputError } from '../errors.js';
import type { StateFile } from '../model/state.js';
import { STATE_FILE_VERSION } from '../model/state.js';
import type { Shard } from './index.js';
import { formatShard } from './index.js';

/** A sharded output as read from disk: where it came from, its shard, and the device each item is about. */
export interface ShardPart<T> {
  path: string;
  shard: Shard | undefined;
  items: T[];
}

export interface MergeCheck {
  missing: number[];
  duplicated: number[];
  count: number;
}

/** Checks that the parts are exactly shards 1..n of one n; throws InputError naming the file otherwise. */
export function checkShards<T>(parts: Array<ShardPart<T>>, deviceOf: (item: T) => string): MergeCheck {
  if (parts.length === 0) throw new InputError('(no files)', undefined, 'nothing to merge', { hint: 'pass the shard files' });
  const first = parts[0]!;
  const count = first.shard?.count;
  const seenShard = new Map<number, string>();
  const duplicated: number[] = [];
  for (const part of parts) {
    if (part.shard === undefined || count === undefined) {
      throw new InputError(part.path, undefined, 'is not a shard output (no `shard` field)', {
        hint: 'produce shard files with --shard i/n, or use the file as it is',
      });
    }
    if (part.shard.count !== count) {
      throw new InputError(part.path, undefined, `is shard ${formatShard(part.shard)} but ${first.path} is of ${count}`, {
        hint: 'merge the outputs of one matrix run only',
      });
    }
    const other = seenShard.get(part.shard.index);
    if (other !== undefined) duplicated.push(part.shard.index);
    else seenShard.set(part.shard.index, part.path);
  }
  const missing: number[] = [];
  for (let i = 1; i <= (count ?? 0); i++) if (!seenShard.has(i)) missing.push(i);
  if (missing.length > 0 || duplicated.length > 0) {
    const what = [
      missing.length ? `missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}` : '',
      duplicated.length ? `shard(s) given twice: ${duplicated.map((i) => `${i}/${count}`).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new InputError(first.path, undefined, `cannot merge: ${what}`, {
      hint: 'a matrix job failed or was re-run: fix the run, never merge an incomplete set (devices would go unchecked)',
    });
  }
  const owner = new Map<string, string>();
  for (const part of parts) {
    for (const item of part.items) {
      const device = deviceOf(item);
      const prior = owner.get(device);
      if (prior !== undefined && prior !== part.path) {
        throw new InputError(part.path, undefined, `device ${device} is also in ${prior}`, {
          hint: 'shards overlap: were they made from different device lists or shard counts?',
        });
      }
      owner.set(device, part.path);
    }
  }
  return { missing, duplicated, count: count ?? 0 };
}

export function parseStateFile(path: string, text: string): StateFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err: unknown) {
    throw new InputError(path, undefined, `is not JSON: ${err instanceof Error ? err.message : String(err)}`, {
      hint: 'pass a state file written by `imagegate collect --out`',
    });
  }
  const v = value as Partial<StateFile> | null;
  if (!v || typeof v !== 'object' || v.kind !== 'imagegate-state' || !Array.isArray(v.devices)) {
    throw new InputError(path, undefined, 'is not an imagegate state file', {
      hint: 'pass a state file written by `imagegate collect --out`',
    });
  }
  if (v.version !== STATE_FILE_VERSION) {
    throw new InputError(path, undefined, `state file version ${String(v.version)} is not supported (expected ${STATE_FILE_VERSION})`, {
      hint: 'collect again with this version of imagegate',
    });
  }
  return v as StateFile;
}

export function mergeStateFiles(files: Array<{ path: string; state: StateFile }>): StateFile {
  checkShards(
    files.map((f) => ({ path: f.path, shard: f.state.shard, items: f.state.devices })),
    (d) => d.device,
  );
  const devices = files.flatMap((f) => f.state.devices).sort((a, b) => a.device.localeCompare(b.device));
  const generatedAt = files.map((f) => f.state.generatedAt).sort().at(-1) ?? new Date().toISOString();
  return { version: STATE_FILE_VERSION, kind: 'imagegate-state', generatedAt, devices };
}
