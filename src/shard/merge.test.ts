import { mergeStateFiles } from './merge.js';
import { parseStateFile } from '../collect/state-file.js';
import { InputError } from '../errors.js';
import type { StateFile } from '../model/state.js';
import { shardOfDevice } from './index.js';

const names = ['fra1-core-01', 'fra1-core-02', 'nyc1-edge-01', 'nyc1-edge-02', 'fra1-acc-01', 'nyc1-spine-01'];

function shardFiles(n: number): Array<{ path: string; state: StateFile }> {
  return Array.from({ length: n }, (_, i) => ({
    path: `state-${i + 1}.json`,
    state: {
      version: 1,
      kind: 'imagegate-state',
      generatedAt: `2026-12-04T10:0${i}:00.000Z`,
      shard: { index: i + 1, count: n },
      devices: names
        .filter((d) => shardOfDevice(d, n) === i + 1)
        .map((device) => ({ device, platform: 'cisco_xe', collectedAt: '2026-12-04T10:00:00.000Z', status: 'ok', facts: {} })),
    },
  }));
}

describe('merging shard outputs', () => {
  it('joins all shards into one state file with every device once', () => {
    const merged = mergeStateFiles(shardFiles(3));
    expect(merged.devices.map((d) => d.device).sort()).toEqual([...names].sort());
    expect(merged.shard).toBeUndefined();
    expect(merged.generatedAt).toBe('2026-12-04T10:02:00.000Z');
  });

  it('refuses a set with a missing shard and names it', () => {
    const files = shardFiles(3).filter((f) => f.state.shard?.index !== 2);
    expect(() => mergeStateFiles(files)).toThrow(/missing shard\(s\) 2\/3/);
  });

  it('refuses a shard given twice', () => {
    const files = shardFiles(2);
    expect(() => mergeStateFiles([...files, files[0]!])).toThrow(/given twice: 1\/2/);
  });

  it('refuses shards of different counts', () => {
    expect(() => mergeStateFiles([...shardFiles(2).slice(0, 1), ...shardFiles(3).slice(1)])).toThrow(InputError);
  });

  it('refuses a file that is not a state file, naming it', () => {
    expect(() => parseStateFile('x.json', '{"kind":"other"}')).toThrow(/not an imagegate state file/);
    expect(() => parseStateFile('y.json', 'not json')).toThrow(InputError);
  });
});
