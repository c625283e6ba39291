import type { PlatformId } from './platform.js';
import type { SourceMap } from './source.js';

export const TRANSFER_PROTOCOLS = ['scp', 'sftp', 'tftp', 'ftp', 'http', 'https'] as const;
export type TransferProtocol = (typeof TRANSFER_PROTOCOLS)[number];

/** A time interval; both ends ISO 8601 with an explicit offset (`2026-12-05T02:00:00+01:00`). */
export interface TimeWindow {
  start: string;
  end: string;
}

/** Boot settings as git wants them. */
export interface BootSpec {
  /** Boot variables in order, as the device prints them, e.g. `flash:cat9k_iosxe.17.12.04.SPA.bin` or `bootflash:packages.conf`. */
  system: string[];
  /** Config register, e.g. `0x2102`. Absent on platforms that have none. */
  configRegister?: string;
  /** Why a non-standard config register is intended (required when it is not the normal value). */
  configRegisterReason?: string;
}

/** Present while an upgrade is scheduled. */
export interface ChangeBlock {
  ticket: string;
  window: TimeWindow;
  /** Identity (person or automation account) that carries the change out. */
  executor: string;
  transfer: TransferProtocol;
  /** A downgrade must say so explicitly. */
  downgrade?: boolean;
  notes?: string;
}

export interface Management {
  host: string;
  port?: number;
  /** Pinned host key fingerprint as OpenSSH prints it: `SHA256:<base64 without padding>`. */
  hostKey: string;
  /** Login name on the device; never a secret. Secrets come from the environment or an SSH config. */
  username?: string;
}

/** One `devices/<site>/<name>.yaml`. */
export interface Device {
  name: string;
  platform: PlatformId;
  model: string;
  site: string;
  role: string;
  redundancyGroup?: string;
  management: Management;
  /** Other names and addresses that logs use for this device. */
  aliases?: string[];
  /** IANA zone of the device's log clock, e.g. `Europe/Berlin`. */
  timezone?: string;
  /** Catalog id of the desired image. */
  image: string;
  boot?: BootSpec;
  change?: ChangeBlock;
  /** Repository-relative path and line map of the file it was read from. */
  source: SourceMap;
}
