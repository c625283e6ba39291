import { inShard, parseShard, shardOfDevice } from './index.js';
import { UsageError } from '../errors.js';

const names = Array.from({ length: 5000 }, (_, i) => `site${i % 37}-sw-${i.toString().padStart(5, '0')}`);

describe('sharding', () => {
  it.each([1, 2, 3, 4, 7, 16])('covers every device exactly once with n=%i', (n) => {
    const seen = new Map<string, number>();
    for (let i = 1; i <= n; i++) {
      for (const name of names) if (inShard(name, { index: i, count: n })) seen.set(name, (seen.get(name) ?? 0) + 1);
    }
    expect(seen.size).toBe(names.length);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });

  it('spreads devices evenly enough that no job gets twice its share', () => {
    const counts = new Array<number>(8).fill(0);
    for (const name of names) counts[shardOfDevice(name, 8) - 1]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(names.length / 8 / 2);
    for (const c of counts) expect(c).toBeLessThan((names.length / 8) * 2);
  });

  it('is stable across runs and case of the name', () => {
    expect(shardOfDevice('fra1-core-01', 4)).toBe(shardOfDevice('FRA1-CORE-01', 4));
    expect(shardOfDevice('fra1-core-01', 4)).toBe(shardOfDevice('fra1-core-01', 4));
  });

  it.each(['0/4', '5/4', '1/0', 'a/b', '1', '-1/2'])('refuses %s with a usage error', (text) => {
    expect(() => parseShard(text)).toThrow(UsageError);
  });
});
