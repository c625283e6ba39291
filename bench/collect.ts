import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect } from '../src/collect/index.js';
import { parseSshConfig, resolveSshHost } from '../src/collect/ssh-config.js';
import { SIM_PASSWORD } from '../src/sim/index.js';
import { syntheticFleet } from '../src/sim/synthetic.js';
import { peakRssMiB, timed, type Benchmark, type BenchRow } from './types.js';

const CONCURRENCY = 50;
const NETMIKO_DEVICES = 100;
const PYTHON = '/usr/bin/python3';

/** Starts `imagegate sim` in its own process, so that the simulated fleet does not share the collector's core. */
async function startSimProcess(count: number, workDir: string): Promise<{ stop: () => void; sshConfig: string }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const cli = join(here, 'imagegate.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run node scripts/build.mjs first (npm run bench does)`);
  const sshConfig = join(workDir, 'ssh_config');
  const child = spawn(process.execPath, [cli, 'sim', '--synthetic', String(count), '--port-base', '0', '--log-dir', join(workDir, 'logs'), '--ssh-config-out', sshConfig], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('imagegate sim:')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`imagegate sim exited with ${code}`)));
  });
  return { stop: () => child.kill('SIGINT'), sshConfig };
}

const NETMIKO_TYPES: Record<string, string> = {
  cisco_ios: 'cisco_ios',
  cisco_xe: 'cisco_xe',
  cisco_nxos: 'cisco_nxos',
  arista_eos: 'arista_eos',
  juniper_junos: 'juniper_junos',
};

export const collectBenchmark: Benchmark = {
  name: 'collect',
  description: 'collect 1,000 simulated devices over SSH (5 platforms, 4-5 commands each); netmiko fetches show version from 100 of them',
  async run({ scale, workDir, log }) {
    const count = Math.max(10, Math.round(1000 * scale));
    const { devices, catalog } = syntheticFleet(count);
    const sim = await startSimProcess(count, workDir);
    try {
      const sshText = readFileSync(sim.sshConfig, 'utf8');
      const { result: state, seconds } = await timed(() =>
        collect(devices, catalog, { concurrency: CONCURRENCY, timeoutSeconds: 60, sshConfig: sshText, env: { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD } }),
      );
      const ok = state.devices.filter((d) => d.status === 'ok').length;
      if (ok !== count) {
        const bad = state.devices.find((d) => d.status !== 'ok');
        throw new Error(`only ${ok} of ${count} devices verified; first failure ${bad?.device}: ${bad?.reason} ${bad?.detail ?? ''}`);
      }
      const rate = Math.round((count / seconds) * 10) / 10;
      const memory = peakRssMiB();
      log(`imagegate: ${count} devices in ${seconds.toFixed(2)} s = ${rate} devices/s, peak RSS ${memory} MiB (collector process)`);

      let peer: BenchRow['peer'];
      let target: BenchRow['target'] = { text: '>= 10x netmiko', met: false };
      const config = parseSshConfig(sshText, sim.sshConfig);
      const sample = devices.slice(0, NETMIKO_DEVICES).map((d) => {
        const r = resolveSshHost(config, d.name);
        return { device_type: NETMIKO_TYPES[d.platform], host: r.hostName, port: r.port, username: r.user, password: SIM_PASSWORD };
      });
      if (!existsSync(PYTHON)) {
        log(`netmiko peer NOT RUN: ${PYTHON} is missing (apt-get install -y python3-netmiko)`);
        target = { text: '>= 10x netmiko (netmiko missing: not measured)', met: false };
      } else {
        const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'netmiko_peer.py');
        const r = spawnSync(PYTHON, [script], { input: JSON.stringify({ devices: sample, concurrency: CONCURRENCY }), maxBuffer: 16 * 1024 * 1024 });
        const line = r.stdout.toString().trim().split('\n').pop() ?? '';
        const parsed = (line.startsWith('{') ? JSON.parse(line) : { error: r.stderr.toString().slice(-400) }) as { error?: string; netmiko?: string; devices?: number; ok?: number; seconds?: number };
        if (parsed.error !== undefined || parsed.seconds === undefined) {
          log(`netmiko peer NOT RUN: ${parsed.error ?? 'no result'}`);
          target = { text: '>= 10x netmiko (netmiko missing: not measured)', met: false };
        } else {
          const peerRate = Math.round(((parsed.ok ?? 0) / parsed.seconds) * 10) / 10;
          log(`netmiko ${parsed.netmiko}: ${parsed.ok}/${parsed.devices} devices in ${parsed.seconds.toFixed(2)} s = ${peerRate} devices/s (show version only)`);
          peer = { name: `netmiko ${parsed.netmiko ?? ''} (show version only, ${NETMIKO_DEVICES} devices)`, value: peerRate, unit: 'devices/s' };
          target = { text: '>= 10x netmiko', met: peerRate > 0 && rate >= 10 * peerRate };
        }
      }
      const input = `${count.toLocaleString('en-US')} simulated devices, 5 platforms, concurrency ${CONCURRENCY}`;
      return [
        { name: 'collect', input, metric: 'devices per second', value: rate, unit: 'devices/s', target, ...(peer ? { peer } : {}) },
        { name: 'collect', input, metric: 'peak memory (collector)', value: memory, unit: 'MiB' },
      ];
    } finally {
      sim.stop();
    }
  },
};
