/**
 * Synthetic repository model, ledger, state and events for the reconcile unit tests: small, typed, and
 * shaped like what src/repo, src/ledger, src/collect and src/events produce.
 */
import type { Authorization } from '../../model/authorization.js';
import type { Device } from '../../model/device.js';
import type { DeviceEvent } from '../../model/event.js';
import type { Image } from '../../model/image.js';
import type { RepoModel } from '../../model/repo.js';
import type { DeviceState, StateFile } from '../../model/state.js';
import type { LedgerView } from '../types.js';

export const OLD: Image = {
  id: 'xe-17.09.05',
  platform: 'cisco_xe',
  file: 'cat9k_iosxe.17.09.05.SPA.bin',
  version: '17.9.5',
  sha512: 'a'.repeat(128),
  status: 'approved',
};
export const NEW: Image = {
  id: 'xe-17.12.04',
  platform: 'cisco_xe',
  file: 'cat9k_iosxe.17.12.04.SPA.bin',
  version: '17.12.4',
  sha512: 'b'.repeat(128),
  sha256: 'c'.repeat(64),
  status: 'approved',
};
export const REVOKED: Image = {
  id: 'xe-17.03.01',
  platform: 'cisco_xe',
  file: 'cat9k_iosxe.17.03.01.SPA.bin',
  version: '17.3.1',
  sha512: 'd'.repeat(128),
  status: 'revoked',
  advisories: ['cisco-sa-example'],
};

export function device(name: string, over: Partial<Device> = {}): Device {
  return {
    name,
    platform: 'cisco_xe',
    model: 'C9300-48P',
    site: 'fra1',
    role: 'access',
    management: { host: '192.0.2.10', hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    timezone: 'Europe/Berlin',
    image: NEW.id,
    boot: { system: [`flash:${NEW.file}`], configRegister: '0x2102' },
    source: { file: `devices/fra1/${name}.yaml`, lines: { '': 1, '/image': 9, '/boot/system': 11, '/boot/configRegister': 13 } },
    ...over,
  };
}

export function model(devices: Device[] = [device('fra1-acc-01'), device('fra1-acc-02')]): RepoModel {
  return {
    devices,
    catalog: { images: [OLD, NEW, REVOKED], source: { file: 'policies/images.yaml', lines: { '/images/1/sha512': 20 } } },
    policies: {
      change: {
        maintenanceWindows: [],
        freezes: [],
        maxWindowMinutes: 480,
        minLeadTimeHours: 24,
        maxConcurrentPerSite: 2,
        allowedTransfers: ['scp', 'sftp', 'https'],
        approvals: { count: 1 },
        policyOwners: ['policy-owners'],
        source: { file: 'policies/change.yaml', lines: {} },
      },
      identities: {
        teams: [{ id: 'netops' }],
        people: [
          { id: 'alice', name: 'Alice', accounts: ['alice', 'a.engineer'], teams: ['netops'], imageWork: true },
          { id: 'bob', name: 'Bob', accounts: ['bob'], teams: ['netops'], imageWork: false },
        ],
        automation: [{ id: 'svc-imagegate', accounts: ['svc-imagegate'], teams: ['netops'], imageWork: true }],
        source: { file: 'policies/identities.yaml', lines: {} },
      },
      detection: {
        riskyCommands: [
          { id: 'gdb', pattern: '^gdb\\b', severity: 'critical', description: 'debugger on the device' },
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
}

/** The approved upgrade of fra1-acc-01: merged Dec 1, window Dec 5 01:00-05:00 Berlin, by svc-imagegate over scp. */
export function upgrade(over: Partial<Authorization> = {}): Authorization {
  return {
    device: 'fra1-acc-01',
    from: { image: OLD.id, boot: { system: [`flash:${OLD.file}`], configRegister: '0x2102' } },
    to: { image: NEW.id, boot: { system: [`flash:${NEW.file}`], configRegister: '0x2102' } },
    window: { start: '2026-12-05T01:00:00+01:00', end: '2026-12-05T05:00:00+01:00' },
    ticket: 'CHG-1001',
    executor: 'svc-imagegate',
    transfer: 'scp',
    commit: '1111111111111111111111111111111111111111',
    mergedAt: '2026-12-01T10:00:00.000Z',
    pr: 12,
    via: 'merge',
    status: 'active',
    ...over,
  };
}

export function ledger(auths: Authorization[]): LedgerView {
  return { authorizations: auths, forDevice: (name) => auths.filter((a) => a.device === name) };
}

export function state(name: string, over: Partial<DeviceState> = {}, image: Image = NEW): DeviceState {
  return {
    device: name,
    platform: 'cisco_xe',
    collectedAt: '2026-12-05T08:00:00.000Z',
    status: 'ok',
    facts: {
      version: { version: image.version, image: `flash:${image.file}` },
      boot: { boot: [`flash:${image.file}`], configRegister: '0x2102' },
      hash: { file: `flash:${image.file}`, algorithm: 'sha512', digest: image.sha512 ?? '' },
    },
    ...over,
  };
}

export function stateFile(devices: DeviceState[]): StateFile {
  return { version: 1, kind: 'imagegate-state', generatedAt: '2026-12-05T08:00:00.000Z', devices };
}

let line = 0;
export function ev(over: Partial<DeviceEvent> & Pick<DeviceEvent, 'ts' | 'kind'>): DeviceEvent {
  line += 1;
  return {
    device: 'fra1-acc-01',
    host: 'fra1-acc-01',
    actor: 'svc-imagegate',
    command: null,
    file: null,
    protocol: null,
    direction: null,
    source: { path: '/var/log/net/fra1.log', line, format: 'syslog' },
    raw: `<189>${over.ts} fra1-acc-01 ${over.command ?? over.kind}`,
    clock: 'synced',
    ...over,
  };
}

/** The approved upgrade's three steps at `base` + 0, 10 and 20 minutes. */
export function upgradeEvents(baseIso: string, over: Partial<DeviceEvent> = {}): DeviceEvent[] {
  const t = (m: number): string => new Date(Date.parse(baseIso) + m * 60_000).toISOString();
  return [
    ev({ ts: t(0), kind: 'transfer', command: `copy scp://svc-imagegate@10.0.0.5/${NEW.file} flash:`, file: NEW.file, protocol: 'scp', direction: 'download', ...over }),
    ev({ ts: t(10), kind: 'boot-change', command: `boot system flash:${NEW.file}`, file: NEW.file, ...over }),
    ev({ ts: t(20), kind: 'reload', command: 'reload', ...over }),
  ];
}
