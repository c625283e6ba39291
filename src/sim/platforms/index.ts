import type { PlatformId } from '../../model/platform.js';
import { aristaEos } from './arista_eos.js';
import { ciscoIos } from './cisco_ios.js';
import { ciscoNxos } from './cisco_nxos.js';
import { ciscoXe } from './cisco_xe.js';
import { juniperJunos } from './juniper_junos.js';
import type { SimPlatform } from './types.js';

/** Every simulated platform; a test keeps it in step with the model's platform list and this folder. */
export const simPlatforms: Record<PlatformId, SimPlatform> = {
  cisco_ios: ciscoIos,
  cisco_xe: ciscoXe,
  cisco_nxos: ciscoNxos,
  arista_eos: aristaEos,
  juniper_junos: juniperJunos,
};

export type { SimPlatform } from './types.js';
