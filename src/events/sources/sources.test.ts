import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceEvent } from '../../model/event.js';
import { FLEET } from '../__fixtures__/devices.js';
import { readEvents } from '../index.js';
import { createSummary, type EventsSummary } from '../summary.js';
import type { ReadEventsOptions } from '../types.js';

const FIX = join(fileURLToPath(new URL('.', import.meta.url)), '..', '__fixtures__');

async function read(rel: string, opts: Partial<ReadEventsOptions> = {}): Promise<{ events: DeviceEvent[]; summary: EventsSummary }> {
  const summary = createSummary();
  const events: DeviceEvent[] = [];
  for await (const e of readEvents([join(FIX, rel)], { devices: FLEET, year: 2026, summary, ...opts })) events.push(e);
  return { events, summary };
}

type Picked = Pick<DeviceEvent, 'kind' | 'device' | 'actor' | 'file' | 'ts' | 'clock'> & Partial<DeviceEvent>;

function pick(e: DeviceEvent | undefined, extra: (keyof DeviceEvent)[] = []): Picked | undefined {
  if (!e) return undefined;
  const out: Record<string, unknown> = { kind: e.kind, device: e.device, actor: e.actor, file: e.file, ts: e.ts, clock: e.clock };
  for (const k of extra) out[k] = e[k];
  return out as Picked;
}

describe('syslog: IOS / IOS-XE (receiver file written from the documented formats)', () => {
  it('turns each message into the right event', async () => {
    const { events, summary } = await read('written/ios-rsyslog.log');
    const f = summary.files[0];
    expect(f).toMatchObject({ format: 'syslog', detected: true, lines: 14, skipped: {} });
    const byLine = new Map(events.map((e) => [e.source.line, e]));
    expect(pick(byLine.get(1), ['protocol', 'direction', 'host'])).toEqual({
      kind: 'transfer', device: 'core-01', host: 'core-01.fra1.example.net', actor: 'alice', file: 'cat9k_iosxe.17.12.04.SPA.bin',
      protocol: 'scp', direction: 'download', ts: '2026-12-03T22:10:00.512Z', clock: 'inferred-year',
    });
    expect(pick(byLine.get(2))).toEqual({ kind: 'boot-change', device: 'core-01', actor: 'alice', file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:12:29.001Z', clock: 'inferred-year' });
    // the device clock says March 1 (unsynchronized, `*`): the receiver's time is used and the event says so
    expect(pick(byLine.get(3), ['pattern'])).toEqual({ kind: 'config-register', device: 'core-01', actor: 'alice', file: null, ts: '2026-12-03T22:12:40.000Z', clock: 'unsynced', pattern: 'config-register' });
    expect(pick(byLine.get(4))).toEqual({ kind: 'config-change', device: 'core-01', actor: 'alice', file: null, ts: '2026-12-03T22:12:59.900Z', clock: 'inferred-year' });
    expect(pick(byLine.get(5))).toEqual({ kind: 'reload', device: 'core-01', actor: 'alice', file: null, ts: '2026-12-03T22:13:59.000Z', clock: 'inferred-year' });
    // only an uptime stamp from the device: the receiver's time, marked uptime
    expect(pick(byLine.get(6))).toEqual({ kind: 'boot', device: 'core-01', actor: null, file: null, ts: '2026-12-03T22:20:00.000Z', clock: 'uptime' });
    expect(pick(byLine.get(7))).toEqual({ kind: 'boot', device: 'core-01', actor: null, file: null, ts: '2026-12-03T22:20:04.000Z', clock: 'inferred-year' });
    expect(pick(byLine.get(8))).toEqual({ kind: 'install', device: 'core-01', actor: null, file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:29:59.000Z', clock: 'inferred-year' });
    expect(pick(byLine.get(9))).toEqual({ kind: 'verify', device: 'core-01', actor: 'bob', file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:30:59.000Z', clock: 'inferred-year' });
    expect(pick(byLine.get(10), ['pattern'])).toMatchObject({ kind: 'risky-command', actor: 'bob', pattern: 'debug' });
    expect(byLine.has(11)).toBe(false);
    // a configuration line the classifier does not know is still a change; its secret never leaves
    expect(byLine.get(12)).toMatchObject({ kind: 'config-change', actor: 'bob', command: 'username backdoor privilege 15 secret 5 <redacted>' });
    expect(byLine.get(12)?.raw).not.toContain('$1$abcd');
    expect(pick(byLine.get(13))).toEqual({ kind: 'reload', device: 'core-01', actor: 'carol', file: null, ts: '2026-12-03T22:40:00.250Z', clock: 'synced' });
    // an EEM applet that logs the bare command: no user to name
    expect(pick(byLine.get(14), ['protocol'])).toEqual({ kind: 'transfer', device: 'core-01', actor: null, file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:40:59.000Z', clock: 'inferred-year', protocol: 'tftp' });
    expect(f?.relevant).toBe(events.length);
  });

  it('reads the real napalm-logs IOS lines (PRI, sequence number, origin id, zone abbreviation)', async () => {
    const a = await read('corpus/napalm-logs/ios/USER_EXIT_CONFIG_MODE/default/syslog.msg');
    expect(pick(a.events[0], ['host'])).toEqual({ kind: 'config-change', device: 'core-01', host: 'test-ztp', actor: 'admin', file: null, ts: '2026-05-23T11:56:15.055Z', clock: 'inferred-year' });
    const b = await read('corpus/napalm-logs/ios/USER_EXIT_CONFIG_MODE/message_with_timezone/syslog.msg');
    expect(pick(b.events[0])).toEqual({ kind: 'config-change', device: 'core-01', actor: 'admin', file: null, ts: '2026-05-31T13:54:54.567Z', clock: 'inferred-year' });
    // configured from a TFTP file by the console: a change with no user
    const c = await read('corpus/napalm-logs/ios/USER_EXIT_CONFIG_MODE/bootstrap/syslog.msg');
    expect(pick(c.events[0])).toMatchObject({ kind: 'config-change', actor: null });
    // interface noise with an unsynchronized clock is no event
    const d = await read('corpus/napalm-logs/ios/INTERFACE_DOWN/default/syslog.msg', { all: true });
    expect(d.events).toEqual([]);
    expect(d.summary.files[0]).toMatchObject({ lines: 1, events: 0, skipped: {} });
  });

  it('reads a show logging buffer (no host: the device stays unknown)', async () => {
    const { events, summary } = await read('corpus/ntc-templates/cisco_ios/show_logging/cisco_ios_show_logging_2.raw');
    expect(events.map((e) => pick(e, ['host']))).toEqual([
      { kind: 'config-change', device: null, host: '', actor: 'cisco', file: null, ts: '2026-01-30T14:11:55.762Z', clock: 'inferred-year' },
    ]);
    expect(summary.files[0]?.unknownHosts).toBe(1);
  });

  it('a buffer saved from a known device is read as that device with --host (its zone applies)', async () => {
    const { events, summary } = await read('corpus/ntc-templates/cisco_ios/show_logging/cisco_ios_show_logging_2.raw', { host: 'router1' });
    expect(events.map((e) => pick(e, ['host']))).toEqual([
      { kind: 'config-change', device: 'core-01', host: 'router1', actor: 'cisco', file: null, ts: '2026-01-30T13:11:55.762Z', clock: 'inferred-year' },
    ]);
    expect(summary.files[0]?.unknownHosts).toBe(0);
  });
});

describe('syslog: NX-OS', () => {
  it('reads configuration and accounting messages', async () => {
    const { events } = await read('written/nxos.log');
    expect(events.map((e) => pick(e, ['protocol']))).toEqual([
      { kind: 'config-change', device: 'nx-01', actor: 'admin', file: null, ts: '2026-12-03T22:00:00.000Z', clock: 'synced', protocol: null },
      { kind: 'boot-change', device: 'nx-01', actor: 'admin', file: 'nxos64-cs.10.4.3.F.bin', ts: '2026-12-03T22:01:00.000Z', clock: 'synced', protocol: null },
      { kind: 'transfer', device: 'nx-01', actor: 'admin', file: 'nxos64-cs.10.4.3.F.bin', ts: '2026-12-03T21:55:00.000Z', clock: 'synced', protocol: 'scp' },
      { kind: 'verify', device: 'nx-01', actor: 'admin', file: 'nxos64-cs.10.4.3.F.bin', ts: '2026-12-03T21:58:00.000Z', clock: 'synced', protocol: null },
      { kind: 'reload', device: 'nx-01', actor: 'admin', file: null, ts: '2026-12-03T22:02:00.000Z', clock: 'synced', protocol: null },
    ]);
  });

  it('parses the real NX-OS line with host before a zoned time stamp', async () => {
    const { summary } = await read('corpus/napalm-logs/nxos/USER_LOGIN/default/syslog.msg', { all: true });
    expect(summary.files[0]).toMatchObject({ lines: 1, skipped: {} });
  });
});

describe('syslog: Arista EOS', () => {
  it('reads command accounting and configuration sessions', async () => {
    const { events } = await read('written/eos.log', { tz: 'UTC' });
    expect(events.map((e) => pick(e, ['protocol']))).toEqual([
      { kind: 'transfer', device: 'leaf-01', actor: 'admin', file: 'EOS-4.32.2F.swi', ts: '2026-12-03T22:00:00.000Z', clock: 'inferred-year', protocol: 'https' },
      { kind: 'boot-change', device: 'leaf-01', actor: 'admin', file: 'EOS-4.32.2F.swi', ts: '2026-12-03T22:01:00.000Z', clock: 'inferred-year', protocol: null },
      // raw from the device (PRI): its clock runs in its own zone, America/New_York
      { kind: 'config-change', device: 'leaf-01', actor: 'admin', file: null, ts: '2026-12-03T22:03:00.000Z', clock: 'inferred-year', protocol: null },
      { kind: 'reload', device: 'leaf-01', actor: 'admin', file: null, ts: '2026-12-03T22:04:00.000Z', clock: 'inferred-year', protocol: null },
      { kind: 'boot', device: 'leaf-01', actor: null, file: null, ts: '2026-12-03T22:10:00.000Z', clock: 'inferred-year', protocol: null },
    ]);
  });

  it('reads the real EOS configuration lines', async () => {
    const enter = await read('corpus/napalm-logs/eos/USER_ENTER_CONFIG_MODE/default/syslog.msg', { all: true });
    expect(pick(enter.events[0])).toEqual({ kind: 'other', device: 'leaf-01', actor: 'admin', file: null, ts: '2026-10-23T16:20:55.000Z', clock: 'inferred-year' });
    const exit = await read('corpus/napalm-logs/eos/USER_EXIT_CONFIG_MODE/default/syslog.msg');
    expect(pick(exit.events[0])).toEqual({ kind: 'config-change', device: 'leaf-01', actor: 'admin', file: null, ts: '2026-10-23T16:23:41.000Z', clock: 'inferred-year' });
    const save = await read('corpus/napalm-logs/eos/USER_WRITE_CONFIG/default/syslog.msg');
    expect(pick(save.events[0])).toEqual({ kind: 'config-change', device: 'leaf-01', actor: 'admin', file: null, ts: '2026-10-23T16:22:50.000Z', clock: 'inferred-year' });
  });
});

describe('syslog: Junos', () => {
  it('reads CLI lines, software add and reboot requests', async () => {
    const { events } = await read('written/junos.log');
    expect(events.map((e) => pick(e, ['protocol']))).toEqual([
      { kind: 'transfer', device: 'edge-01', actor: 'juniper', file: 'junos-install-mx-x86-64-23.4R2.13.tgz', ts: '2026-12-03T22:00:00.000Z', clock: 'inferred-year', protocol: 'scp' },
      { kind: 'install', device: 'edge-01', actor: 'juniper', file: 'junos-install-mx-x86-64-23.4R2.13.tgz', ts: '2026-12-03T22:01:00.000Z', clock: 'inferred-year', protocol: null },
      { kind: 'reload', device: 'edge-01', actor: 'juniper', file: null, ts: '2026-12-03T22:05:00.000Z', clock: 'inferred-year', protocol: null },
      { kind: 'reload', device: 'edge-01', actor: 'juniper', file: null, ts: '2026-12-03T22:05:01.000Z', clock: 'inferred-year', protocol: null },
    ]);
  });

  it('reads the real Junos commit and rollback lines', async () => {
    const commit = await read('corpus/napalm-logs/junos/CONFIGURATION_COMMIT_REQUESTED/default/syslog.msg');
    expect(pick(commit.events[0])).toEqual({ kind: 'config-change', device: 'edge-01', actor: 'luke', file: null, ts: '2026-07-20T21:44:00.000Z', clock: 'inferred-year' });
    const rollback = await read('corpus/napalm-logs/junos/CONFIGURATION_ROLLBACK/default_with_number/syslog.msg');
    expect(pick(rollback.events[0], ['command'])).toEqual({ kind: 'config-change', device: 'edge-01', actor: 'luke', file: null, ts: '2026-07-20T21:44:00.000Z', clock: 'inferred-year', command: 'rollback 3' });
  });
});

describe('tftpd-hpa', () => {
  it('gives a transfer about the client, unknown clients kept', async () => {
    const { events, summary } = await read('written/tftpd.log');
    expect(summary.files[0]).toMatchObject({ format: 'tftpd', detected: true, unknownHosts: 1 });
    expect(events.map((e) => pick(e, ['protocol', 'direction', 'host']))).toEqual([
      { kind: 'transfer', device: 'core-01', host: '10.0.0.1', actor: null, file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T21:59:58.000Z', clock: 'inferred-year', protocol: 'tftp', direction: 'download' },
      { kind: 'transfer', device: 'leaf-01', host: '10.0.0.3', actor: null, file: 'leaf-01-confg', ts: '2026-12-03T21:59:59.000Z', clock: 'inferred-year', protocol: 'tftp', direction: 'upload' },
      { kind: 'transfer', device: null, host: '203.0.113.99', actor: null, file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:00:00.000Z', clock: 'inferred-year', protocol: 'tftp', direction: 'download' },
    ]);
  });
});

describe('TACACS+ accounting', () => {
  it('reads the real tac_plus file: command records, each a stop, start and session records not events', async () => {
    const { events, summary } = await read('corpus/node-tac_plus-logger/tac_plus/accounting/examples.tac_plus.20171004192500', { all: true, year: 2017 });
    expect(summary.files[0]).toMatchObject({ format: 'tacacs', detected: true, lines: 11, events: 8, relevant: 0, skipped: {} });
    expect(events[0]).toMatchObject({ kind: 'other', device: 'lab-rtr', actor: 'testuser', command: 'show version', file: null, ts: '2017-10-04T19:25:24.000Z', clock: 'inferred-year' });
    expect(events.map((e) => e.command)).toContain('dir flash:');
  });

  it('reads tac_plus-ng files (start records left out) and both syslog forms', async () => {
    const ng = await read('written/tac_plus-ng.acct');
    expect(ng.events.map((e) => pick(e, ['protocol']))).toEqual([
      { kind: 'transfer', device: 'core-01', actor: 'alice', file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:00:00.000Z', clock: 'synced', protocol: 'tftp' },
      { kind: 'reload', device: 'core-01', actor: 'alice', file: null, ts: '2026-12-03T22:00:06.000Z', clock: 'synced', protocol: null },
    ]);
    const sys = await read('written/tac_plus-syslog.log');
    expect(sys.events.map((e) => pick(e))).toEqual([
      { kind: 'reload', device: 'core-01', actor: 'alice', file: null, ts: '2026-12-03T22:00:00.000Z', clock: 'inferred-year' },
      { kind: 'boot-change', device: 'nx-01', actor: 'bob', file: 'nxos64-cs.10.4.3.F.bin', ts: '2026-12-03T22:00:10.000Z', clock: 'inferred-year' },
    ]);
  });
});

describe('xferlog', () => {
  it('reads downloads and uploads, deletions left out', async () => {
    const { events, summary } = await read('written/xferlog', { tz: 'Europe/Berlin' });
    expect(summary.files[0]).toMatchObject({ format: 'xferlog', lines: 3 });
    expect(events.map((e) => pick(e, ['protocol', 'direction']))).toEqual([
      { kind: 'transfer', device: 'core-01', actor: 'alice', file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T21:00:00.000Z', clock: 'synced', protocol: 'ftp', direction: 'download' },
      { kind: 'transfer', device: 'leaf-01', actor: 'admin', file: 'leaf-01.cfg', ts: '2026-12-03T21:05:00.000Z', clock: 'synced', protocol: 'ftp', direction: 'upload' },
    ]);
  });
});

describe('Zeek', () => {
  it('reads ftp.log TSV; a device that is the server turns the direction around', async () => {
    const { events } = await read('written/zeek-ftp.log');
    expect(events.map((e) => pick(e, ['protocol', 'direction', 'host']))).toEqual([
      { kind: 'transfer', device: 'core-01', host: '10.0.0.1', actor: 'alice', file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:00:00.123Z', clock: 'synced', protocol: 'ftp', direction: 'download' },
      { kind: 'transfer', device: 'edge-01', host: '10.0.0.4', actor: 'juniper', file: 'junos.tgz', ts: '2026-12-03T22:01:40.000Z', clock: 'synced', protocol: 'ftp', direction: 'download' },
    ]);
  });

  it('reads spicy-tftp tftp.log as JSON lines', async () => {
    const { events } = await read('written/zeek-tftp.json');
    expect(events.map((e) => pick(e, ['direction']))).toEqual([
      { kind: 'transfer', device: 'core-01', actor: null, file: 'cat9k_iosxe.17.12.04.SPA.bin', ts: '2026-12-03T22:00:00.500Z', clock: 'synced', direction: 'download' },
      { kind: 'transfer', device: 'leaf-01', actor: null, file: 'leaf-01-confg', ts: '2026-12-03T22:01:00.000Z', clock: 'synced', direction: 'upload' },
    ]);
  });

  it('counts the real baselines, whose time stamps btest masked, as skipped for their time', async () => {
    for (const rel of ['corpus/zeek-spicy-tftp/zeek/tftp_log/tests.rrq/tftp.log', 'corpus/zeek-spicy-tftp/zeek/tftp_log/tests.wrq/tftp.log', 'corpus/zeek/zeek/ftp_log/scripts.base.protocols.ftp.ftp-get-file-size/ftp.log']) {
      const { events, summary } = await read(rel);
      expect(events).toEqual([]);
      expect(summary.files[0]).toMatchObject({ format: 'zeek', detected: true, skipped: { 'bad-time': 1 } });
    }
  });
});
