import type { HashAlgorithm } from '../../model/image.js';
import type { OperatorSession, SimDevice, SimEvent } from '../device.js';
import { monthName, pad2, wallClock } from '../time.js';
import { isTerminalSetup, splitPipe, type SimPlatform } from './types.js';

function uptime(seconds: number): string {
  const w = Math.floor(seconds / 604800);
  const d = Math.floor((seconds % 604800) / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts: string[] = [];
  if (w) parts.push(`${w} week${w === 1 ? '' : 's'}`);
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  const last = `${m} minute${m === 1 ? '' : 's'}`;
  return parts.length ? `${parts.join(', ')} and ${last}` : last;
}

function showVersion(dev: SimDevice): string {
  return [
    `Arista ${dev.model}`,
    'Hardware version: 11.01',
    'Serial number: JPE20401234',
    'Hardware MAC address: 444c.a8e1.0001',
    'System MAC address: 444c.a8e1.0001',
    '',
    `Software image version: ${dev.version}`,
    'Architecture: x86_64',
    `Internal build version: ${dev.version}-38195967.${dev.version.replace(/\./g, '')}`,
    'Internal build ID: 4a6d1a4e-3b3f-4b4a-9a5c-0d0f5b7d1e21',
    'Image format version: 3.0',
    'Image optimization: Strata-4GB',
    '',
    `Uptime: ${uptime(dev.uptimeSeconds())}`,
    'Total memory: 16012396 kB',
    'Free memory: 11231220 kB',
    '',
  ].join('\n');
}

function showBootConfig(dev: SimDevice): string {
  const image = dev.boot[0];
  return [
    `Software image: ${image ? `${dev.fs}/${dev.fileOf(image)}` : '(not set)'}`,
    'Console speed: (not set)',
    'Aboot password (encrypted): (not set)',
    'Memory test iterations: (not set)',
  ].join('\n');
}

function dir(dev: SimDevice): string {
  const now = wallClock(dev.clock(), dev.zone);
  const rows = [...dev.files.values()].map((f) => {
    const c = wallClock(f.mtime, dev.zone);
    const when = c.year === now.year ? `${pad2(c.hour)}:${pad2(c.minute)}` : ` ${c.year}`;
    return `       -rwx ${String(f.size).padStart(11, ' ')}  ${monthName(c.month).padStart(12, ' ')} ${String(c.day).padStart(2, ' ')} ${when}  ${f.name}`;
  });
  const used = [...dev.files.values()].reduce((n, f) => n + f.size, 0);
  const total = 3_519_041_536;
  return [`Directory of ${dev.fs}/`, '', ...rows, '', `${total} bytes total (${total - used} bytes free)`].join('\n');
}

/**
 * EOS sends RFC 3164 with its own hostname and the agent as tag (`Cli:`, `Aaa:`). The receiver writes its own
 * reception time in front (rsyslog with `%timegenerated%`), so the file's stamps share one zone across vendors.
 */
function syslog(dev: SimDevice, event: SimEvent): string[] {
  const stamp = dev.logs.receiverStamp();
  const line = (tag: string, msg: string): string => `${stamp} ${dev.hostname} ${tag}: ${msg}`;
  const who = (s: OperatorSession): string => `${s.user} on ${s.tty} (${s.remoteAddr})`;
  switch (event.kind) {
    case 'config-enter':
      return [line('Cli', `%SYS-5-CONFIG_E: Enter configuration mode from console by ${who(event.session)}`)];
    case 'config-exit':
      return [line('Cli', `%SYS-5-CONFIG_I: Configured from console by ${who(event.session)}`)];
    case 'exec-command':
    case 'config-command':
      return [line('Aaa', `%ACCOUNTING-6-CMD: ${event.session.user} ${event.session.tty} ${event.session.remoteAddr} stop service=shell priv-lvl=15 cmd=${event.command}`)];
    case 'reload-requested':
      return [line('Cli', `%SYS-5-RELOAD: Reload requested by ${who(event.session)}`)];
    case 'restarted':
      return [line('Launcher', `%LAUNCHER-6-PROCESS_START: Configuring process 'Sysdb' to start in role 'ActiveSupervisor'`), line('ConfigAgent', '%SYS-5-SYSTEM_RESTARTED: System restarted')];
    default:
      return [];
  }
}

export const aristaEos: SimPlatform = {
  id: 'arista_eos',
  defaultFs: 'flash:',
  sshIdent: 'OpenSSH_8.7',
  singleExec: false,
  tty: (n) => `vty${n % 16 + 3}`,
  prompt: (dev, s) => `${dev.hostname}${s.mode === 'config' ? '(config)' : ''}#`,
  syslog,
  execute(dev: SimDevice, s: OperatorSession, line: string): string {
    const { command, filter } = splitPipe(line);
    if (command === '') return '';
    dev.emit({ kind: s.mode === 'config' ? 'config-command' : 'exec-command', session: s, command });
    const out = s.mode === 'config' ? configure(dev, s, command) : exec(dev, s, command);
    return filter ? filter(out) : out;
  },
};

function exec(dev: SimDevice, s: OperatorSession, command: string): string {
  if (isTerminalSetup(command) || /^enable$/i.test(command)) return '';
  if (/^sh(ow)?\s+ver(sion)?$/i.test(command)) return showVersion(dev);
  if (/^sh(ow)?\s+boot-config$/i.test(command)) return showBootConfig(dev);
  if (/^sh(ow)?\s+reload\s+cause$/i.test(command)) return `Reload Cause 1:\n-------------------\n${dev.reloadReason === 'Reload Command' ? 'Reload requested by the user.' : dev.reloadReason}\n`;
  if (/^dir(\s+flash:\/?)?$/i.test(command)) return dir(dev);
  const verify = /^verify\s+\/(md5|sha1|sha256|sha512)\s+(\S+)$/i.exec(command);
  if (verify) {
    const path = verify[2] ?? '';
    const digest = dev.digest(dev.fileOf(path), (verify[1] ?? 'md5').toLowerCase() as HashAlgorithm);
    return digest === undefined ? `% Error verifying ${path} (No such file or directory)` : `verify /${(verify[1] ?? '').toLowerCase()} (${path}) = ${digest}`;
  }
  const copy = /^copy\s+(\S+)\s+(\S+)$/i.exec(command);
  if (copy) {
    if (/running-config/i.test(copy[1] ?? '')) return 'Copy completed successfully.';
    return dev.copyIn(copy[1] ?? '', copy[2] ?? '') ? 'Copy completed successfully.' : '% Error copying: invalid source';
  }
  if (/^conf(igure)?(\s+t(erminal)?)?$/i.test(command)) {
    s.mode = 'config';
    dev.emit({ kind: 'config-enter', session: s });
    return '';
  }
  if (/^reload(\s+.*)?$/i.test(command)) {
    dev.reload(s, 'Reload requested by the user.');
    return '';
  }
  return '% Invalid input';
}

function configure(dev: SimDevice, s: OperatorSession, command: string): string {
  if (/^(end|exit)$/i.test(command)) {
    s.mode = 'exec';
    dev.emit({ kind: 'config-exit', session: s });
    return '';
  }
  const boot = /^boot\s+system\s+(\S+)$/i.exec(command);
  if (boot) dev.boot = [boot[1] ?? ''];
  return '';
}
