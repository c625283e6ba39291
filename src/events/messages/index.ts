import { aristaEos } from './arista-eos.js';
import { ciscoIos } from './cisco-ios.js';
import { ciscoNxos } from './cisco-nxos.js';
import { juniperJunos } from './juniper-junos.js';
import { tacacsSyslog } from './tacacs.js';
import { tftpd } from './tftpd.js';
import type { MessageHandler } from './types.js';

/** Every syslog message handler, tried in this order. One file per platform or daemon in this folder. */
export const messageHandlers: readonly MessageHandler[] = [ciscoIos, ciscoNxos, aristaEos, juniperJunos, tftpd, tacacsSyslog];
