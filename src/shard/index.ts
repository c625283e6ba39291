/**
 * Sharding over CI jobs: `--shard i/n` selects a stable subset of devices by a hash of the device name, so
 * that n jobs of a matrix cover every device exactly once and a device stays in its shard from run to run.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based, as GitHub matrix values are written: `--shard 1/4` ... `--shard 4/4`. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(text)} is not of the form i/n with 1 <= i <= n`, {
      hint: 'e.g. --shard 2/4 for the second of four jobs',
    });
  }
  return { index, count };
}

/** The shard (1-based) a device belongs to among `count`. */
export function shardOfDevice(name: string, count: number): number {
  const digest = createHash('sha256').update(name.toLowerCase()).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(name: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOfDevice(name, shard.count) === shard.index;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
