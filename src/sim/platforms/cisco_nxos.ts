import type { HashAlgorithm } from '../../model/image.js';
import type { OperatorSession, SimDevice, SimEvent } from '../device.js';
import { dayName, monthName, pad2, wallClock } from '../time.js';
import { isTerminalSetup, splitPipe, type SimPlatform } from './types.js';

const INVALID = "% Invalid command at '^' marker.";

function nxPath(dev: SimDevice, file: string): string {
  return `${dev.fs}///${file}`;
}

function showVersion(dev: SimDevice): string {
  let s = dev.uptimeSeconds();
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const reset = wallClock(dev.bootedAt, dev.zone);
  return [
    'Cisco Nexus Operating System (NX-OS) Software',
    'TAC support: http://www.cisco.com/tac',
    'Copyright (C) 2002-2024, Cisco and/or its affiliates.',
    'All rights reserved.',
    '',
    'Software',
    '  BIOS: version 05.47',
    `  NXOS: version ${dev.version}`,
    '  BIOS compile time:  04/28/2022',
    `  NXOS image file is: ${nxPath(dev, dev.running)}`,
    '  NXOS compile time:  4/20/2024 4:00:00 [04/20/2024 12:20:59]',
    '',
    '',
    'Hardware',
    `  cisco Nexus9000 ${dev.model.replace(/^N9K-C/, '')} Chassis`,
    '  Intel(R) Xeon(R) CPU D-1528 @ 1.90GHz with 32817436 kB of memory.',
    '  Processor Board ID FDO23410ABC',
    '',
    `  Device name: ${dev.hostname}`,
    '  bootflash:  115805708 kB',
    `Kernel uptime is ${d} day(s), ${h} hour(s), ${m} minute(s), ${s} second(s)`,
    '',
    `Last reset at ${reset.ms * 1000} usecs after ${dayName(reset.weekday)} ${monthName(reset.month)} ${String(reset.day).padStart(2, ' ')} ${pad2(reset.hour)}:${pad2(reset.minute)}:${pad2(reset.second)} ${reset.year}`,
    '',
    `  Reason: ${dev.reloadReason}`,
    `  System version: ${dev.version}`,
    '  Service: ',
    '',
    'plugin',
    '  Core Plugin, Ethernet Plugin',
    '',
    'Active Package(s):',
    '',
  ].join('\n');
}

function showBoot(dev: SimDevice): string {
  const vars = dev.boot.length ? dev.boot.map((b) => `NXOS variable = ${dev.fs}/${dev.fileOf(b)}`) : ['No NXOS variable'];
  return ['Current Boot Variables:', '', 'sup-1', ...vars, 'Boot POAP Disabled', '', 'Boot Variables on next reload:', '', 'sup-1', ...vars, 'Boot POAP Disabled', ''].join('\n');
}

function dir(dev: SimDevice): string {
  const rows = [...dev.files.values()].map((f) => {
    const c = wallClock(f.mtime, dev.zone);
    return `${String(f.size).padStart(11, ' ')}    ${monthName(c.month)} ${String(c.day).padStart(2, ' ')} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} ${c.year}  ${f.name}`;
  });
  const used = [...dev.files.values()].reduce((n, f) => n + f.size, 0);
  const total = 118_584_344_576;
  return [...rows, '', `Usage for ${dev.fs}//sup-local`, ` ${used} bytes used`, ` ${total - used} bytes free`, ` ${total} bytes total`].join('\n');
}

/**
 * NX-OS logs configuration through vshd; rsyslog keeps the NX-OS header (`: 2026 Dec  4 21:01:02 CET:`)
 * after its own timestamp and the sender's address.
 */
function syslog(dev: SimDevice, event: SimEvent): string[] {
  const c = wallClock(dev.clock(), dev.zone);
  const stamp = `${c.year} ${monthName(c.month)} ${String(c.day).padStart(2, ' ')} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} ${c.zone}`;
  const line = (msg: string): string => `${dev.logs.receiverStamp()} ${dev.address} : ${stamp}: ${msg}`;
  switch (event.kind) {
    case 'config-exit':
      return [line(`%VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by ${event.session.user} on ${event.session.remoteAddr}@${event.session.tty}`)];
    case 'reload-requested':
      return [line('%PLATFORM-2-PFM_SYSTEM_RESET: Manual system restart from Command Line Interface')];
    case 'restarted':
      return [line(`%VDC_MGR-2-VDC_ONLINE: vdc 1 has come online`)];
    default:
      return [];
  }
}

export const ciscoNxos: SimPlatform = {
  id: 'cisco_nxos',
  defaultFs: 'bootflash:',
  sshIdent: 'OpenSSH_8.3',
  singleExec: false,
  tty: (n) => `pts/${n % 64}`,
  prompt: (dev, s) => `${dev.hostname}${s.mode === 'config' ? '(config)' : ''}#`,
  syslog,
  execute(dev: SimDevice, s: OperatorSession, line: string): string {
    const { command, filter } = splitPipe(line);
    if (command === '') return '';
    const out = s.mode === 'config' ? configure(dev, s, command) : exec(dev, s, command);
    return filter ? filter(out) : out;
  },
};

function exec(dev: SimDevice, s: OperatorSession, command: string): string {
  if (isTerminalSetup(command)) return '';
  if (/^sh(ow)?\s+ver(sion)?$/i.test(command)) return showVersion(dev);
  if (/^sh(ow)?\s+boot$/i.test(command)) return showBoot(dev);
  if (/^dir(\s+bootflash:\/*)?$/i.test(command)) return dir(dev);
  const file = /^show\s+file\s+(\S+)\s+(md5sum|sha256sum|sha512sum)$/i.exec(command);
  if (file) {
    const path = file[1] ?? '';
    const algorithm = (file[2] ?? 'md5sum').replace(/sum$/, '') as HashAlgorithm;
    const digest = dev.digest(dev.fileOf(path), algorithm);
    return digest ?? 'No such file or directory';
  }
  const copy = /^copy\s+(\S+)\s+(\S+)(\s+vrf\s+\S+)?$/i.exec(command);
  if (copy) {
    if (/running-config/i.test(copy[1] ?? '')) return '[########################################] 100%\nCopy complete.';
    const f = dev.copyIn(copy[1] ?? '', copy[2] ?? '');
    return f ? `Trying to connect to tftp server......\nConnection to Server Established.\n[##########] ${dev.files.get(f)?.size ?? 0} bytes\nTFTP get operation was successful\nCopy complete, now saving to disk (please wait)...\nCopy complete.` : '% Invalid source';
  }
  if (/^conf(igure)?(\s+t(erminal)?)?$/i.test(command)) {
    s.mode = 'config';
    return 'Enter configuration commands, one per line. End with CNTL/Z.';
  }
  if (/^reload(\s+.*)?$/i.test(command)) {
    dev.reload(s, 'Reset Requested by CLI command reload');
    return 'This command will reboot the system. (y/n)?  [n] y';
  }
  return `${' '.repeat(Math.min(command.length, 20))}^\n${INVALID}`;
}

function configure(dev: SimDevice, s: OperatorSession, command: string): string {
  if (/^(end|exit)$/i.test(command)) {
    s.mode = 'exec';
    dev.emit({ kind: 'config-exit', session: s });
    return '';
  }
  dev.emit({ kind: 'config-command', session: s, command });
  const boot = /^boot\s+nxos\s+(\S+)/i.exec(command);
  if (boot) dev.boot = [boot[1] ?? ''];
  if (/^no\s+boot\s+nxos/i.test(command)) dev.boot = [];
  return '';
}
