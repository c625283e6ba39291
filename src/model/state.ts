import type { HashAlgorithm } from './image.js';
import type { PlatformId } from './platform.js';

/** Parsed `show version` (or equivalent). Fields a platform does not print are absent, never guessed. */
export interface VersionFacts {
  version?: string;
  /** Running image path as the device prints it (`flash:packages.conf`, `bootflash:///nxos64-cs.10.4.3.F.bin`). */
  image?: string;
  /** NX-OS releases before 7.0 run a kickstart image beside the system image. */
  kickstartImage?: string;
  uptimeSeconds?: number;
  reloadReason?: string;
  model?: string;
  hostname?: string;
  /** IOS and IOS-XE print the config register in `show version` too (Catalyst `show boot` does not). */
  configRegister?: string;
  /** Only when `show version` says `(will be 0x2142 at next reload)`. */
  nextConfigRegister?: string;
  /** Stacks, virtual chassis, clusters, multi-RE: each member's own facts (`Switch 2`, `fpc0`, `node1`), in the order printed. */
  members?: VersionMember[];
}

export interface VersionMember extends Omit<VersionFacts, 'members'> {
  member: string;
}

/** Parsed boot variables. */
export interface BootFacts {
  /** Current boot variable entries in order. */
  boot: string[];
  /** Boot variable at next reload, where the platform shows it separately. */
  nextBoot?: string[];
  standbyBoot?: string[];
  configRegister?: string;
  nextConfigRegister?: string;
  /** Stacks: each member's own boot variables (`Switch 1`, ...), in the order printed. */
  members?: BootMember[];
}

export interface BootMember extends Omit<BootFacts, 'members'> {
  member: string;
}

export interface FileEntry {
  name: string;
  size: number;
}

export interface FileListing {
  /** File system the listing is of, e.g. `flash:` or `bootflash:`. */
  filesystem?: string;
  files: FileEntry[];
}

export interface HashFacts {
  file: string;
  algorithm: HashAlgorithm;
  /** Lower-case hex. */
  digest: string;
}

export type UnverifiedReason =
  | 'unreachable'
  | 'auth-failed'
  | 'host-key-mismatch'
  | 'timeout'
  | 'unparsable'
  | 'command-failed'
  | 'no-credentials';

export interface DeviceFacts {
  version?: VersionFacts;
  boot?: BootFacts;
  files?: FileListing;
  /** Hash of the expected image file, as the device computed it. */
  hash?: HashFacts;
}

/** What collection learned about one device. `status: 'ok'` means every supported fact was read and parsed. */
export interface DeviceState {
  device: string;
  platform: PlatformId;
  collectedAt: string;
  status: 'ok' | 'unverified';
  reason?: UnverifiedReason;
  /** Human-readable detail; never contains secrets. */
  detail?: string;
  facts: DeviceFacts;
  /** File the hash was asked for (from the desired image in git). */
  expectedFile?: string;
  /** Host key fingerprint that was presented (`SHA256:...`), kept as evidence on a mismatch. */
  presentedHostKey?: string;
  /** Facts the platform cannot give. */
  unsupported?: Array<keyof DeviceFacts>;
}

export const STATE_FILE_VERSION = 1;

export interface StateFile {
  version: typeof STATE_FILE_VERSION;
  kind: 'imagegate-state';
  generatedAt: string;
  shard?: { index: number; count: number };
  devices: DeviceState[];
}
