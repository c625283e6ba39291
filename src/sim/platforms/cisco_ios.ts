import type { SimDevice } from '../device.js';
import { ciscoUptime } from '../time.js';
import { ciscoDate, configRegisterLine } from './cisco-common.js';
import { iosLike } from './ios-like.js';

/** `c2900-universalk9-mz.SPA.157-3.M8.bin` -> `C2900 Software (C2900-UNIVERSALK9-M)`. */
function family(dev: SimDevice): string {
  const parts = dev.running.split(/[-.]/);
  const fam = (parts[0] ?? 'c2900').toUpperCase();
  return `${fam} Software (${fam}-${(parts[1] ?? 'universalk9').toUpperCase()}-M)`;
}

function banner(dev: SimDevice): string {
  return `Cisco IOS Software, ${family(dev)}, Version ${dev.version}, RELEASE SOFTWARE (fc2)`;
}


export const ciscoIos = iosLike({
  id: 'cisco_ios',
  defaultFs: 'flash:',
  bootSystemReplaces: false,
  banner,
  showVersion: (dev) =>
    [
      banner(dev),
      'Technical Support: http://www.cisco.com/techsupport',
      'Copyright (c) 1986-2021 by Cisco Systems, Inc.',
      'Compiled Thu 28-Jan-21 16:40 by prod_rel_team',
      '',
      '',
      'ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)',
      '',
      `${dev.hostname} uptime is ${ciscoUptime(dev.uptimeSeconds())}`,
      `System returned to ROM by ${dev.reloadReason === 'Reload Command' ? 'reload' : 'power-on'} at ${ciscoDate(dev, new Date(dev.bootedAt.getTime() - 90000))}`,
      `System restarted at ${ciscoDate(dev, dev.bootedAt)}`,
      `System image file is "${dev.fs}${dev.running}"`,
      'Last reload type: Normal Reload',
      `Last reload reason: ${dev.reloadReason}`,
      '',
      '',
      'This product contains cryptographic features and is subject to United',
      'States and local country laws governing import, export, transfer and',
      'use. Delivery of Cisco cryptographic products does not imply',
      'third-party authority to import, export, distribute or use encryption.',
      '',
      `Cisco ${dev.model} (revision 1.0) with 491520K/32768K bytes of memory.`,
      'Processor board ID FTX1840ALBN',
      '3 Gigabit Ethernet interfaces',
      'DRAM configuration is 64 bits wide with parity enabled.',
      '255K bytes of non-volatile configuration memory.',
      '250880K bytes of ATA System CompactFlash 0 (Read/Write)',
      '',
      '',
      configRegisterLine(dev),
    ].join('\n'),
  showBoot: (dev) =>
    [
      dev.boot.length ? `BOOT variable = ${dev.boot.map((b) => `${b},1;`).join('')}` : 'BOOT variable = ',
      'CONFIG_FILE variable = ',
      'BOOTLDR variable = ',
      configRegisterLine(dev),
    ].join('\n'),
});
