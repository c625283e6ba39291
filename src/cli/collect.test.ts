import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateFile } from '../model/state.js';
import { shardOfDevice } from '../shard/index.js';
import { hostKeyFor, SIM_PASSWORD, type Fleet } from '../sim/index.js';
import { memoryIo } from './io.js';
import { runCli } from './run.js';
import { runSim } from './sim.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A copy of the example repository, whose pinned host keys are the simulator's. */
function exampleRepo(dir: string): void {
  cpSync(join(ROOT, 'devices'), join(dir, 'devices'), { recursive: true });
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
}

describe('imagegate sim + imagegate collect', () => {
  let dir: string;
  let fleet: Fleet;
  let stop: () => void;
  let simDone: Promise<number>;
  const simIo = memoryIo();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ig-cli-collect-'));
    exampleRepo(dir);
    const stopped = new Promise<void>((r) => (stop = r));
    await new Promise<void>((ready) => {
      simDone = runSim({ fleet: join(dir, 'devices'), portBase: 0, logDir: join(dir, 'logs'), sshConfigOut: join(dir, 'ssh_config') }, { ...simIo, cwd: dir }, stopped, (f) => {
        fleet = f;
        ready();
      });
    });
  });
  afterAll(async () => {
    stop();
    await simDone;
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the simulator host keys pinned in the example fleet', () => {
    for (const site of readdirSync(join(ROOT, 'devices'))) {
      for (const file of readdirSync(join(ROOT, 'devices', site))) {
        const text = readFileSync(join(ROOT, 'devices', site, file), 'utf8');
        const name = /^name: (\S+)$/m.exec(text)?.[1] ?? '';
        expect(`${name} ${/hostKey: (\S+)/.exec(text)?.[1]}`).toBe(`${name} ${hostKeyFor(name).fingerprint}`);
      }
    }
  });

  it('collects the example fleet: exit 0, a versioned state file, a summary', async () => {
    expect(simIo.out).toMatch(/^imagegate sim: 15 devices on 127\.0\.0\.1 ports \d+-\d+/);
    const io = memoryIo({ IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD }, dir);
    const code = await runCli(['collect', '--repo', '.', '--ssh-config', 'ssh_config', '--out', 'state.json', '--timeout', '5'], io);
    expect(io.err).toContain('imagegate collect: 15 devices: 15 verified, 0 unverified');
    expect(code).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as StateFile;
    expect(state.version).toBe(1);
    expect(state.devices.map((d) => d.status)).toEqual(new Array(15).fill('ok'));
    const edge = state.devices.find((d) => d.device === 'fra1-edge-01');
    expect(edge?.facts.hash?.algorithm).toBe('sha256');
  });

  it('exits 1 when a device cannot be verified, naming it and why, and never prints the password', async () => {
    fleet.device('nyc1-core-02').misbehave('wrong-host-key');
    try {
      const io = memoryIo({ IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD }, dir);
      const code = await runCli(['collect', '--device', 'nyc1-core-02', 'nyc1-oob-01', '--ssh-config', 'ssh_config', '--timeout', '5'], io);
      expect(code).toBe(1);
      expect(io.err).toContain('imagegate collect: 2 devices: 1 verified, 1 unverified\n  nyc1-core-02: host-key-mismatch (host key SHA256:');
      const state = JSON.parse(io.out) as StateFile;
      expect(state.devices.map((d) => [d.device, d.status])).toEqual([
        ['nyc1-core-02', 'unverified'],
        ['nyc1-oob-01', 'ok'],
      ]);
      expect(io.out + io.err).not.toContain(SIM_PASSWORD);
    } finally {
      fleet.device('nyc1-core-02').misbehave(null);
    }
  });

  it('collects one shard of the fleet and says so in the state file', async () => {
    const io = memoryIo({ IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD }, dir);
    expect(await runCli(['collect', '--shard', '2/3', '--ssh-config', 'ssh_config', '--timeout', '5'], io)).toBe(0);
    const state = JSON.parse(io.out) as StateFile;
    expect(state.shard).toEqual({ index: 2, count: 3 });
    expect(state.devices.length).toBeGreaterThan(0);
    expect(state.devices.every((d) => shardOfDevice(d.device, 3) === 2)).toBe(true);
    // the three shards, merged, are the whole fleet
    for (const i of [1, 2, 3]) {
      expect(await runCli(['collect', '--shard', `${i}/3`, '--ssh-config', 'ssh_config', '--timeout', '5', '--out', `state.${i}.json`], memoryIo({ IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD }, dir))).toBe(0);
    }
    const merged = memoryIo({}, dir);
    expect(await runCli(['merge', 'state.1.json', 'state.2.json', 'state.3.json'], merged)).toBe(0);
    expect((JSON.parse(merged.out) as StateFile).devices).toHaveLength(15);
  });

  it('exits 2 on bad input: an unknown device, a missing repository, a broken SSH config', async () => {
    const io = memoryIo({}, dir);
    expect(await runCli(['collect', '--device', 'nope-01'], io)).toBe(2);
    expect(io.err).toContain('imagegate: no device named nope-01');
    const missing = memoryIo({}, dir);
    expect(await runCli(['collect', '--repo', 'does-not-exist'], missing)).toBe(2);
    expect(missing.err).toMatch(/does-not-exist: not a directory/);
    writeFileSync(join(dir, 'bad_config'), 'Host *\n  ProxyJump bastion\n');
    const bad = memoryIo({}, dir);
    expect(await runCli(['collect', '--ssh-config', 'bad_config'], bad)).toBe(2);
    expect(bad.err).toContain('bad_config:2: "ProxyJump" is not supported');
  });
});
