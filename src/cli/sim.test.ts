import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shardOfDevice } from '../shard/index.js';
import { syntheticFleet } from '../sim/synthetic.js';
import { memoryIo } from './io.js';
import { runCli } from './run.js';
import { runSim } from './sim.js';

describe('imagegate sim', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ig-cli-sim-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs one shard of a synthetic fleet until stopped, and writes its SSH config', async () => {
    const io = memoryIo({}, dir);
    let names: string[] = [];
    const stop = Promise.resolve();
    const code = await runSim({ synthetic: 20, shard: '2/3', portBase: 0, logDir: 'logs', sshConfigOut: 'ssh_config' }, io, stop, (fleet) => {
      names = Object.keys(fleet.endpoints);
    });
    expect(code).toBe(0);
    const expected = syntheticFleet(20).devices.map((d) => d.name).filter((n) => shardOfDevice(n, 3) === 2);
    expect(names).toEqual(expected);
    expect(readFileSync(join(dir, 'ssh_config'), 'utf8').match(/^Host /gm)).toHaveLength(expected.length);
    expect(io.out).toMatch(new RegExp(`^imagegate sim: ${expected.length} devices on 127\\.0\\.0\\.1 ports \\d+-\\d+; logs in `));
    expect(io.err).toBe('imagegate sim: stopped\n');
  });

  it('exits 2 on bad usage: no fleet, both fleets, a bad shard, a missing folder', async () => {
    for (const [args, message] of [
      [['sim'], 'pass either --fleet DIR or --synthetic N'],
      [['sim', '--synthetic', '3', '--fleet', '.'], 'pass either --fleet DIR or --synthetic N'],
      [['sim', '--synthetic', '3', '--shard', '4/3'], '--shard "4/3" is not of the form i/n'],
      [['sim', '--fleet', 'nowhere'], 'nowhere: not a directory'],
      [['sim', '--synthetic', 'many'], 'a device count'],
    ] as const) {
      const io = memoryIo({}, dir);
      expect(await runCli([...args], io)).toBe(2);
      expect(io.err).toContain(message);
    }
  });
});
