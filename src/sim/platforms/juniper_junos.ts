import type { OperatorSession, SimDevice, SimEvent } from '../device.js';
import { monthName, pad2, wallClock } from '../time.js';
import { isTerminalSetup, splitPipe, type SimPlatform } from './types.js';

const SYNTAX_ERROR = 'syntax error, expecting <command>.';

function showVersion(dev: SimDevice): string {
  return [
    `Hostname: ${dev.hostname}`,
    `Model: ${dev.model.toLowerCase()}`,
    `Junos: ${dev.version}`,
    'JUNOS OS Kernel 64-bit  [20240905.1fa5d6f_builder_stable_12_234]',
    'JUNOS OS libs [20240905.1fa5d6f_builder_stable_12_234]',
    'JUNOS OS runtime [20240905.1fa5d6f_builder_stable_12_234]',
    `JUNOS Packet Forwarding Engine Support (MX/EX92XX Common) [${dev.version}]`,
    `JUNOS Routing Software Suite [${dev.version}]`,
    `JUNOS Online Documentation [${dev.version}]`,
    '',
  ].join('\n');
}

function iso(dev: SimDevice, d: Date): string {
  const c = wallClock(d, dev.zone);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} ${c.zone}`;
}

function showSystemUptime(dev: SimDevice): string {
  const up = dev.uptimeSeconds();
  const w = Math.floor(up / 604800);
  const d = Math.floor((up % 604800) / 86400);
  const hh = Math.floor((up % 86400) / 3600);
  const mm = Math.floor((up % 3600) / 60);
  const ago = `${w ? `${w}w` : ''}${d}d ${pad2(hh)}:${pad2(mm)}`;
  return [
    `Current time: ${iso(dev, dev.clock())}`,
    'Time Source:  NTP CLOCK ',
    `System booted: ${iso(dev, dev.bootedAt)} (${ago} ago)`,
    `Protocols started: ${iso(dev, new Date(dev.bootedAt.getTime() + 60000))} (${ago} ago)`,
    `Last configured: ${iso(dev, dev.bootedAt)} (${ago} ago) by root`,
    ` ${pad2(hh)}:${pad2(mm)}  up ${Math.floor(up / 86400)} days, ${hh}:${pad2(mm)}, 1 user, load averages: 0.21, 0.18, 0.16`,
  ].join('\n');
}

function fileList(dev: SimDevice, dir: string): string {
  const now = wallClock(dev.clock(), dev.zone);
  const rows = [...dev.files.values()].map((f) => {
    const c = wallClock(f.mtime, dev.zone);
    const when = c.year === now.year ? `${pad2(c.hour)}:${pad2(c.minute)}` : ` ${c.year}`;
    const mode = f.name.endsWith('/') ? 'drwxr-xr-x  2' : '-rw-r--r--  1';
    return `${mode} root  wheel  ${String(f.size).padStart(10, ' ')} ${monthName(c.month)} ${String(c.day).padStart(2, ' ')} ${when} ${f.name}`;
  });
  const blocks = Math.ceil([...dev.files.values()].reduce((n, f) => n + f.size, 0) / 512);
  return [`${dir.replace(/\/$/, '')}:`, `total blocks: ${blocks}`, ...rows, `total files: ${rows.length}`].join('\n');
}

const CHECKSUM: Record<string, { alg: 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512'; label: string }> = {
  md5: { alg: 'md5', label: 'MD5' },
  sha1: { alg: 'sha1', label: 'SHA1' },
  'sha-256': { alg: 'sha256', label: 'SHA256' },
  'sha-384': { alg: 'sha384', label: 'SHA384' },
  'sha-512': { alg: 'sha512', label: 'SHA512' },
};

/**
 * Junos sends RFC 3164 with its hostname; mgd logs every CLI line and commit (`UI_CMDLINE_READ_LINE`, `UI_COMMIT`).
 * As for EOS, the receiver's reception time leads the line.
 */
function syslog(dev: SimDevice, event: SimEvent): string[] {
  const line = (msg: string): string => `${dev.logs.receiverStamp()} ${dev.hostname} mgd[${dev.pid}]: ${msg}`;
  switch (event.kind) {
    case 'exec-command':
    case 'config-command':
      return [line(`UI_CMDLINE_READ_LINE: User '${event.session.user}', command '${event.command} '`)];
    case 'config-enter':
      return [line(`UI_DBASE_LOGIN_EVENT: User '${event.session.user}' entering configuration mode`)];
    case 'config-exit':
      return [line(`UI_DBASE_LOGOUT_EVENT: User '${event.session.user}' exiting configuration mode`)];
    case 'reload-requested':
      return [line(`UI_REBOOT_EVENT: System rebooted by '${event.session.user}'`)];
    case 'restarted':
      return [`${dev.logs.receiverStamp()} ${dev.hostname} /kernel: Copyright (c) 1996-2024, Juniper Networks, Inc.`];
    default:
      return [];
  }
}

export const juniperJunos: SimPlatform = {
  id: 'juniper_junos',
  defaultFs: '/var/tmp/',
  sshIdent: 'OpenSSH_8.6',
  singleExec: false,
  tty: (n) => `pts/${n % 64}`,
  prompt: (dev, s) => `${s.user}@${dev.hostname}${s.mode === 'config' ? '# ' : '> '}`,
  syslog,
  execute(dev: SimDevice, s: OperatorSession, line: string): string {
    const { command } = splitPipe(line);
    if (command === '') return '';
    dev.emit({ kind: s.mode === 'config' ? 'config-command' : 'exec-command', session: s, command });
    return s.mode === 'config' ? configure(dev, s, command) : exec(dev, s, command);
  },
};

function exec(dev: SimDevice, s: OperatorSession, command: string): string {
  if (isTerminalSetup(command)) return command.startsWith('set cli screen-length') ? 'Screen length set to 0' : '';
  if (/^show\s+version(\s+detail)?$/i.test(command)) return showVersion(dev);
  if (/^show\s+system\s+uptime$/i.test(command)) return showSystemUptime(dev);
  const list = /^file\s+list\s+(\S+)(\s+detail)?$/i.exec(command);
  if (list) {
    const dir = list[1] ?? '';
    return dir.replace(/\/?$/, '/') === dev.fs ? fileList(dev, dir) : `${dir}: No such file or directory`;
  }
  const sum = /^file\s+checksum\s+(md5|sha1|sha-256|sha-384|sha-512)\s+(\S+)$/i.exec(command);
  if (sum) {
    const spec = CHECKSUM[(sum[1] ?? '').toLowerCase()];
    const path = sum[2] ?? '';
    const digest = spec ? dev.digest(dev.fileOf(path), spec.alg) : undefined;
    return spec && digest ? `${spec.label} (${path}) = ${digest}` : `error: could not resolve file: ${path}`;
  }
  const copy = /^file\s+copy\s+(\S+)\s+(\S+)$/i.exec(command);
  if (copy) return dev.copyIn(copy[1] ?? '', copy[2] ?? '') ? '' : `error: file-fetch failed`;
  const add = /^request\s+system\s+software\s+add\s+(\S+)/i.exec(command);
  if (add) {
    const file = dev.fileOf(add[1] ?? '');
    if (!dev.files.has(file)) return `error: could not resolve file: ${add[1] ?? ''}`;
    dev.pendingPackage = file;
    return `Verified ${file} signed by PackageProductionECP256_2024 method ECDSA256+SHA256\nNOTICE: 'pending' set will be activated at next reboot...`;
  }
  if (/^(configure|edit)(\s+(private|exclusive))?$/i.test(command)) {
    s.mode = 'config';
    dev.emit({ kind: 'config-enter', session: s });
    return 'Entering configuration mode\n\n[edit]';
  }
  if (/^request\s+system\s+reboot/i.test(command)) {
    dev.reload(s, 'Reboot requested by CLI');
    return `Reboot the system ? [yes,no] (no) yes\n\n*** FINAL System shutdown message from ${s.user}@${dev.hostname} ***\nSystem going down IMMEDIATELY`;
  }
  return `${' '.repeat(Math.min(command.length, 20))}^\n${SYNTAX_ERROR}`;
}

function configure(dev: SimDevice, s: OperatorSession, command: string): string {
  if (/^(exit|quit)(\s+configuration-mode)?$/i.test(command)) {
    s.mode = 'exec';
    dev.emit({ kind: 'config-exit', session: s });
    return 'Exiting configuration mode';
  }
  if (/^commit(\s+and-quit)?/i.test(command)) {
    dev.logs.syslog(`${dev.logs.receiverStamp()} ${dev.hostname} mgd[${dev.pid}]: UI_COMMIT: User '${s.user}' requested 'commit' operation (comment: none)`);
    if (/and-quit/i.test(command)) s.mode = 'exec';
    return 'commit complete';
  }
  return '\n[edit]';
}
