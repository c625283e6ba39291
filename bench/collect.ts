import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect } from '../src/collect/index.js';
import { parseSshConfig, resolveSshHost } from '../src/collect/ssh-config.js';
import { SIM_PASSWORD } from '../src/sim/index.js';
import { syntheticFleet } from '../src/sim/synthetic.js';
import { peakRssMiB, timed, type Benchmark, type BenchRow } from './types.js';

const CONCURRENCIES = [20, 50];
/** The simulator costs about as much CPU per device as the collector: two processes keep it off the critical path. */
const SIM_PROCESSES = 2;
const CLOCK_TICKS = 100;
const NETMIKO_DEVICES = 100;
const PYTHON = '/usr/bin/python3';

/**
 * Starts the fleet as `imagegate sim` processes (one shard each), so that the simulated devices do not share the
 * collector's process. Returns the joined SSH config.
 */
async function startSimProcesses(count: number, processes: number, workDir: string): Promise<{ stop: () => void; sshConfig: string; cpuMs: () => number }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const cli = join(here, 'imagegate.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run node scripts/build.mjs first (npm run bench does)`);
  const children = Array.from({ length: processes }, (_, i) => {
    const config = join(workDir, `ssh_config.${i + 1}`);
    const args = [cli, 'sim', '--synthetic', String(count), '--shard', `${i + 1}/${processes}`, '--port-base', '0', '--log-dir', join(workDir, `logs.${i + 1}`), '--ssh-config-out', config];
    return { config, child: spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] }) };
  });
  const stop = (): void => {
    for (const { child } of children) child.kill('SIGINT');
  };
  try {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve, reject) => {
            let out = '';
            child.stdout.on('data', (b: Buffer) => {
              out += b.toString();
              if (out.includes('imagegate sim:')) resolve();
            });
            child.once('exit', (code) => reject(new Error(`imagegate sim exited with ${code}`)));
          }),
      ),
    );
  } catch (err: unknown) {
    stop();
    throw err;
  }
  // CPU time the simulator processes used so far (Linux /proc), to show where a device's cost goes
  const cpuMs = (): number =>
    children.reduce((sum, { child }) => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return Number.NaN;
      }
    }, 0);
  return { stop, sshConfig: children.map(({ config }) => readFileSync(config, 'utf8')).join('\n'), cpuMs };
}

interface NetmikoResult {
  error?: string;
  netmiko?: string;
  devices?: number;
  ok?: number;
  seconds?: number;
}

function runNetmiko(job: unknown): NetmikoResult {
  if (!existsSync(PYTHON)) return { error: `${PYTHON} is missing` };
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'netmiko_peer.py');
  const r = spawnSync(PYTHON, [script], { input: JSON.stringify(job), maxBuffer: 16 * 1024 * 1024 });
  const line = r.stdout.toString().trim().split('\n').pop() ?? '';
  return line.startsWith('{') ? (JSON.parse(line) as NetmikoResult) : { error: r.stderr.toString().slice(-400) || `exit ${r.status}` };
}

export const collectBenchmark: Benchmark = {
  name: 'collect',
  description: 'collect 1,000 simulated devices over SSH (5 platforms, 4-5 commands each); netmiko fetches show version from 100 of them',
  async run({ scale, workDir, log }) {
    const count = Math.max(10, Math.round(1000 * scale));
    const { devices, catalog } = syntheticFleet(count);
    const sim = await startSimProcesses(count, SIM_PROCESSES, workDir);
    const rows: BenchRow[] = [];
    try {
      const sshText = sim.sshConfig;
      const config = parseSshConfig(sshText, 'ssh_config');
      const sample = devices.slice(0, NETMIKO_DEVICES).map((d) => {
        const r = resolveSshHost(config, d.name);
        return { device_type: d.platform, host: r.hostName, port: r.port, username: r.user, password: SIM_PASSWORD };
      });
      // warm-up (JIT, first connections), untimed; netmiko's timing likewise starts after its imports
      await collect(devices.slice(0, 100), catalog, { concurrency: 20, timeoutSeconds: 60, sshConfig: sshText, env: { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD } });
      // the product's default concurrency, and a higher one where netmiko's fixed sleeps overlap more
      for (const concurrency of CONCURRENCIES) {
        const cpu0 = process.cpuUsage();
        const sim0 = sim.cpuMs();
        const { result: state, seconds } = await timed(() =>
          collect(devices, catalog, { concurrency, timeoutSeconds: 60, sshConfig: sshText, env: { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD } }),
        );
        const ok = state.devices.filter((d) => d.status === 'ok').length;
        if (ok !== count) {
          const bad = state.devices.find((d) => d.status !== 'ok');
          throw new Error(`only ${ok} of ${count} devices verified; first failure ${bad?.device}: ${bad?.reason} ${bad?.detail ?? ''}`);
        }
        const rate = Math.round((count / seconds) * 10) / 10;
        const cpu = process.cpuUsage(cpu0);
        const simMs = (sim.cpuMs() - sim0) / count;
        log(
          `imagegate, concurrency ${concurrency}: ${count} devices in ${seconds.toFixed(2)} s = ${rate} devices/s; CPU per device: ` +
            `collector ${((cpu.user + cpu.system) / 1000 / count).toFixed(1)} ms, simulator ${Number.isNaN(simMs) ? '?' : simMs.toFixed(1)} ms`,
        );
        const peerResult = runNetmiko({ devices: sample, concurrency });
        let peer: BenchRow['peer'];
        let target: BenchRow['target'];
        if (peerResult.error !== undefined || peerResult.seconds === undefined) {
          log(`netmiko peer NOT RUN: ${peerResult.error ?? 'no result'}; install it with apt-get install -y python3-netmiko (run by ${PYTHON})`);
          target = { text: '>= 10x netmiko (netmiko missing: not measured)', met: false };
        } else {
          const peerRate = Math.round(((peerResult.ok ?? 0) / peerResult.seconds) * 10) / 10;
          log(`netmiko ${peerResult.netmiko}, ${concurrency} threads: ${peerResult.ok}/${peerResult.devices} devices in ${peerResult.seconds.toFixed(2)} s = ${peerRate} devices/s (show version only)`);
          peer = { name: `netmiko ${peerResult.netmiko ?? ''} (show version only, ${NETMIKO_DEVICES} devices)`, value: peerRate, unit: 'devices/s' };
          target = { text: '>= 10x netmiko', met: peerRate > 0 && rate >= 10 * peerRate };
        }
        const input = `${count.toLocaleString('en-US')} simulated devices, 5 platforms, concurrency ${concurrency}`;
        rows.push({ name: 'collect', input, metric: 'devices per second', value: rate, unit: 'devices/s', target, ...(peer ? { peer } : {}) });
      }
      const memory = peakRssMiB();
      log(`peak RSS of the collector process: ${memory} MiB`);
      rows.push({ name: 'collect', input: `${count.toLocaleString('en-US')} simulated devices`, metric: 'peak memory (collector process)', value: memory, unit: 'MiB' });
      return rows;
    } finally {
      sim.stop();
    }
  },
};
