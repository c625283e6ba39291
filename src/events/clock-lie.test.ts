/**
 * A device clock is the attacker's to set: moving it moves the device's own time stamps into an approved window.
 * Where the log server stamped the line too, the two must agree within the skew tolerance, or the server's time
 * counts and the event is marked as coming from an untrusted clock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent } from '../model/event.js';
import { FLEET } from './__fixtures__/devices.js';
import { readEvents } from './index.js';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ig-clock-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function events(line: string): Promise<DeviceEvent[]> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(path, `${line}\n`);
  const out: DeviceEvent[] = [];
  for await (const e of readEvents([path], { devices: FLEET, year: 2026, tz: 'UTC' })) out.push(e);
  return out;
}

// core-01 keeps Europe/Berlin time (UTC+1 in December); the receiver writes UTC
const RELOAD = '%SYS-5-RELOAD: Reload requested by admin on vty0 (10.1.1.1). Reload Reason: Reload Command.';

test('device and server agree: the device time counts and its clock quality stays', async () => {
  const [e] = await events(`Dec  4 20:01:03 10.0.0.1 123: Dec  4 21:01:02.123 CET: ${RELOAD}`);
  expect(e).toMatchObject({ kind: 'reload', ts: '2026-12-04T20:01:02.123Z', clock: 'inferred-year' });
});

test('a device clock set three hours back: the server time counts and the clock is untrusted', async () => {
  const [e] = await events(`Dec  4 20:01:03 10.0.0.1 123: Dec  4 18:01:02.123 CET: ${RELOAD}`);
  expect(e).toMatchObject({ kind: 'reload', ts: '2026-12-04T20:01:03.000Z', clock: 'unsynced' });
});
