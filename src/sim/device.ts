import { createHash } from 'node:crypto';
import type { Device } from '../model/device.js';
import type { HashAlgorithm, ImageCatalog } from '../model/image.js';
import type { PlatformId } from '../model/platform.js';
import type { FleetLogs } from './logs.js';

export const MISBEHAVIOURS = [
  'hang',
  'hang-after-banner',
  'drop-mid-output',
  'garbage',
  'wrong-host-key',
  'refuse-auth',
  'tampered-image',
  'slow',
  'huge-output',
  'hostile-output',
] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

export interface SimFile {
  name: string;
  size: number;
  /** What the file's digest is computed over (real images are too big to keep). */
  content: string;
  mtime: Date;
}

/** A login on the device: an SSH session or an operator played by `fleet.run`. */
export interface OperatorSession {
  user: string;
  tty: string;
  remoteAddr: string;
  mode: 'exec' | 'config';
}

/** Something the device logs; each platform renders it in its own syslog format. */
export type SimEvent =
  | { kind: 'config-enter'; session: OperatorSession }
  | { kind: 'config-command'; session: OperatorSession; command: string }
  | { kind: 'config-exit'; session: OperatorSession }
  | { kind: 'exec-command'; session: OperatorSession; command: string }
  | { kind: 'reload-requested'; session: OperatorSession; reason: string }
  | { kind: 'restarted'; downSeconds: number };

/** Content an image file has when it is the genuine catalog file: the example catalog hashes the same string. */
export function genuineContent(file: string): string {
  return `imagegate-example:${file}`;
}

export function digestOf(content: string, algorithm: HashAlgorithm | 'sha1' | 'sha384'): string {
  return createHash(algorithm).update(content).digest('hex');
}

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/**
 * The mutable state of one simulated device. Commands change it the way the real device would: `copy` adds
 * a file, `boot system` and `config-register` change what the next reload uses, `reload` makes the first
 * bootable entry the running image and resets the uptime.
 */
export class SimDevice {
  readonly name: string;
  readonly platform: PlatformId;
  readonly model: string;
  /** Management address: the source of its syslog and the NAS of its accounting records. */
  readonly address: string;
  /** IANA zone of the device clock. */
  readonly zone: string;
  hostname: string;
  version: string;
  /** File name of the running image (or `packages.conf` in IOS-XE install mode). */
  running: string;
  /** Default file system with its separator, e.g. `flash:`, `bootflash:`, `/var/tmp/`. */
  readonly fs: string;
  boot: string[];
  configRegister: string | undefined;
  nextConfigRegister: string | undefined;
  /** Junos: package added with `request system software add`, installed at the next reboot. */
  pendingPackage: string | undefined;
  readonly files = new Map<string, SimFile>();
  bootedAt: Date;
  reloadReason: string;
  /** Device clock synchronized (Cisco marks unsynchronized timestamps with `*`). */
  clockSynced = true;
  misbehaviour: Misbehaviour | null = null;
  syslogSeq = 0;
  readonly pid: number;
  private readonly versions = new Map<string, string>();

  constructor(
    device: Device,
    catalog: ImageCatalog,
    defaultFs: string,
    readonly clock: () => Date,
    readonly logs: FleetLogs,
    private readonly render: (dev: SimDevice, event: SimEvent) => string[],
  ) {
    this.name = device.name;
    this.platform = device.platform;
    this.model = device.model;
    this.address = device.management.host;
    this.zone = device.timezone ?? 'UTC';
    this.hostname = device.name;
    this.pid = 1000 + (hashNumber(device.name) % 30000);
    for (const image of catalog.images) this.versions.set(image.file, image.version);
    const image = catalog.images.find((i) => i.id === device.image);
    const imageFile = image?.file ?? `${device.image}.bin`;
    this.version = image?.version ?? device.image;
    const firstBoot = device.boot?.system[0];
    this.fs = firstBoot ? (/^[a-z0-9-]+:/i.exec(firstBoot)?.[0] ?? defaultFs) : defaultFs;
    this.boot = device.boot?.system.slice() ?? (device.platform === 'juniper_junos' ? [] : [`${this.fs}${imageFile}`]);
    this.configRegister = device.boot?.configRegister ?? (device.platform === 'cisco_ios' || device.platform === 'cisco_xe' ? '0x2102' : undefined);
    this.nextConfigRegister = this.configRegister;
    const now = clock();
    const age = 86400 * (3 + (hashNumber(`${device.name}:age`) % 60)) + (hashNumber(`${device.name}:s`) % 86400);
    this.bootedAt = new Date(now.getTime() - age * 1000);
    this.reloadReason = 'Reload Command';
    const old = new Date(this.bootedAt.getTime() - 86400000 * 2);
    this.addFile(imageFile, image?.size ?? 300_000_000 + (hashNumber(imageFile) % 700_000_000), genuineContent(imageFile), old);
    for (const entry of this.boot) {
      const file = this.fileOf(entry);
      if (!this.files.has(file)) this.addFile(file, file === 'packages.conf' ? 7347 : 400_000_000, genuineContent(file), old);
    }
    this.running = this.boot.map((b) => this.fileOf(b)).find((f) => this.files.has(f)) ?? imageFile;
    for (const [name, size] of this.housekeepingFiles()) this.addFile(name, size, `${device.name}:${name}`, old);
  }

  private housekeepingFiles(): Array<[string, number]> {
    switch (this.platform) {
      // directories are listed with a trailing slash, as NX-OS dir and Junos file list print them
      case 'juniper_junos':
        return [['.snap/', 512]];
      case 'arista_eos':
        return [['startup-config', 20530], ['boot-config', 29]];
      case 'cisco_nxos':
        return [['scripts/', 4096]];
      default:
        return [['vlan.dat', 2108], ['pnp-info', 0]];
    }
  }

  addFile(name: string, size: number, content: string, mtime: Date): void {
    this.files.set(name, { name, size, content, mtime });
  }

  /** `flash:/x.bin`, `bootflash:///x.bin`, `/var/tmp/x.tgz` -> `x.bin`. */
  fileOf(path: string): string {
    return path.replace(/^[a-z0-9-]+:/i, '').replace(/^.*\//, '').replace(/,\d+$/, '');
  }

  versionOf(file: string): string | undefined {
    return this.versions.get(file);
  }

  uptimeSeconds(): number {
    return Math.floor((this.clock().getTime() - this.bootedAt.getTime()) / 1000);
  }

  /** Hex digest of a file in flash, or undefined when it does not exist. A tampered device serves other bytes. */
  digest(file: string, algorithm: HashAlgorithm | 'sha1' | 'sha384'): string | undefined {
    const f = this.files.get(file);
    if (!f) return undefined;
    // in install mode the running file is packages.conf; the patched bytes are in the image itself
    const tampered = this.misbehaviour === 'tampered-image' && (f.name === this.running || this.versions.has(f.name));
    return digestOf(tampered ? `${f.content}\0patched` : f.content, algorithm);
  }

  misbehave(mode: Misbehaviour | null): void {
    this.misbehaviour = mode;
  }

  emit(event: SimEvent): void {
    for (const line of this.render(this, event)) this.logs.syslog(line);
  }

  /** A file copied from a server: the TFTP server logs the device's read request. */
  copyIn(source: string, dest: string): string | undefined {
    const m = /^(tftp|ftp|scp|sftp|http|https):\/\/(?:[^@/]+@)?([^/]+)\/(.+)$/i.exec(source);
    if (!m) return undefined;
    const [, proto, , remotePath] = m as unknown as [string, string, string, string];
    const file = this.fileOf(dest) || this.fileOf(remotePath);
    const now = this.clock();
    const genuine = this.versions.has(file);
    this.addFile(file, 30_000_000 + (hashNumber(source) % 500_000_000), genuine ? genuineContent(file) : `copied:${source}`, now);
    if (proto.toLowerCase() === 'tftp') this.logs.tftp('RRQ', this.address, remotePath);
    return file;
  }

  /** Reload: uptime resets; the first boot entry present in flash (or the Junos pending package) runs. */
  reload(session: OperatorSession, reason = 'Reload Command'): void {
    this.emit({ kind: 'reload-requested', session, reason });
    if (this.platform === 'juniper_junos') {
      if (this.pendingPackage) {
        this.running = this.pendingPackage;
        this.version = this.versionOf(this.pendingPackage) ?? /(\d+\.\d+[A-Z]\d[\w.-]*?)(?:\.tgz)?$/.exec(this.pendingPackage)?.[1] ?? this.version;
        this.pendingPackage = undefined;
      }
    } else {
      const next = this.boot.map((b) => this.fileOf(b)).find((f) => this.files.has(f));
      // an unknown image keeps claiming the old version: that is what a patched image does
      if (next) {
        this.running = next;
        this.version = this.versionOf(next) ?? this.version;
      }
    }
    this.configRegister = this.nextConfigRegister;
    this.reloadReason = reason;
    const downSeconds = 180;
    this.bootedAt = new Date(this.clock().getTime());
    this.syslogSeq = 0;
    this.emit({ kind: 'restarted', downSeconds });
  }
}
