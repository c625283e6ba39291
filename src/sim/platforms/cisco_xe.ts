import type { SimDevice } from '../device.js';
import { ciscoUptime } from '../time.js';
import { ciscoDate, configRegisterLine } from './cisco-common.js';
import { iosLike } from './ios-like.js';

const TRAINS: Array<[number, string]> = [
  [16.06, 'Everest'],
  [16.09, 'Fuji'],
  [16.12, 'Gibraltar'],
  [17.03, 'Amsterdam'],
  [17.06, 'Bengaluru'],
  [17.09, 'Cupertino'],
  [17.12, 'Dublin'],
  [17.15, 'IOSXE'],
];

/** `17.09.04a` -> `17.9.4a`, as the second line of `show version` prints it. */
function shortVersion(v: string): string {
  return v.split('.').map((p) => p.replace(/^0+(?=\d)/, '')).join('.');
}

function train(v: string): string {
  const [maj, min] = v.split('.');
  const n = Number(maj) + Number(min ?? 0) / 100;
  return TRAINS.find(([upTo]) => n <= upTo + 1e-9)?.[1] ?? 'IOSXE';
}

const isCatalyst = (dev: SimDevice): boolean => /^C9\d{3}/i.test(dev.model);

function banner(dev: SimDevice): string {
  const product = isCatalyst(dev) ? 'Catalyst L3 Switch Software (CAT9K_IOSXE)' : 'ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)';
  return `Cisco IOS Software [${train(dev.version)}], ${product}, Version ${shortVersion(dev.version)}, RELEASE SOFTWARE (fc3)`;
}


export const ciscoXe = iosLike({
  id: 'cisco_xe',
  defaultFs: 'flash:',
  bootSystemReplaces: true,
  banner,
  showVersion: (dev) => {
    const up = ciscoUptime(dev.uptimeSeconds());
    const lines = [
      `Cisco IOS XE Software, Version ${dev.version}`,
      banner(dev),
      'Technical Support: http://www.cisco.com/techsupport',
      'Copyright (c) 1986-2024 by Cisco Systems, Inc.',
      'Compiled Thu 12-Sep-24 03:16 by mcpre',
      '',
      '',
      'Cisco IOS-XE software, Copyright (c) 2005-2024 by cisco Systems, Inc.',
      'All rights reserved.  Certain components of Cisco IOS-XE software are',
      'licensed under the GNU General Public License ("GPL") Version 2.0.',
      '',
      '',
      'ROM: IOS-XE ROMMON',
      `BOOTLDR: System Bootstrap, Version ${shortVersion(dev.version)}r, RELEASE SOFTWARE (P)`,
      '',
      `${dev.hostname} uptime is ${up}`,
      `Uptime for this control processor is ${up}`,
      `System returned to ROM by ${dev.reloadReason} at ${ciscoDate(dev, new Date(dev.bootedAt.getTime() - 90000))}`,
      `System restarted at ${ciscoDate(dev, dev.bootedAt)}`,
      `System image file is "${dev.fs}${dev.running}"`,
      `Last reload reason: ${dev.reloadReason}`,
      '',
      '',
      'This product contains cryptographic features and is subject to United',
      'States and local country laws governing import, export, transfer and',
      'use.',
      '',
      `cisco ${dev.model} (X86) processor with 1419496K/6147K bytes of memory.`,
      'Processor board ID FCW2233FFG3',
      '2048K bytes of non-volatile configuration memory.',
      '8388608K bytes of physical memory.',
      `11161600K bytes of Flash at ${dev.fs}.`,
      '',
    ];
    if (isCatalyst(dev)) {
      const mode = dev.running === 'packages.conf' ? 'INSTALL' : 'BUNDLE';
      lines.push(
        '',
        'Switch Ports Model              SW Version        SW Image              Mode   ',
        '------ ----- -----              ----------        ----------            ----   ',
        `*    1 52    ${dev.model.padEnd(19, ' ')}${dev.version.padEnd(18, ' ')}CAT9K_IOSXE           ${mode}`,
        '',
      );
    }
    lines.push('', configRegisterLine(dev));
    return lines.join('\n');
  },
  showBoot: (dev) => {
    const boot = dev.boot.length ? `BOOT variable = ${dev.boot.join(';')};` : 'BOOT variable does not exist';
    if (isCatalyst(dev)) {
      return [
        boot,
        configRegisterLine(dev),
        'MANUAL_BOOT variable = no',
        'BAUD variable = 9600',
        'ENABLE_BREAK variable = yes',
        'BOOTMODE variable does not exist',
        'IPXE_TIMEOUT variable does not exist',
        'CONFIG_FILE variable = ',
        '',
        'Standby not ready to show bootvar',
      ].join('\n');
    }
    return [
      dev.boot.length ? `BOOT variable = ${dev.boot.map((b) => `${b},12;`).join('')}` : 'BOOT variable does not exist',
      'CONFIG_FILE variable does not exist',
      'BOOTLDR variable does not exist',
      configRegisterLine(dev),
      '',
      'Standby not ready to show bootvar',
    ].join('\n');
  },
});
