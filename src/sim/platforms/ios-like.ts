import type { PlatformId } from '../../model/platform.js';
import type { OperatorSession, SimDevice, SimEvent } from '../device.js';
import { iosDirDate, iosSyslog, verifyCommand } from './cisco-common.js';
import { isTerminalSetup, splitPipe, type SimPlatform } from './types.js';

const IOS_INVALID = "% Invalid input detected at '^' marker.";

export interface IosFlavour {
  id: PlatformId;
  defaultFs: string;
  showVersion(dev: SimDevice): string;
  showBoot(dev: SimDevice): string;
  /** First line of `show version`, repeated in `%SYS-5-RESTART`. */
  banner(dev: SimDevice): string;
  /** IOS-XE on Catalyst replaces the BOOT variable; classic IOS appends an entry per `boot system`. */
  bootSystemReplaces: boolean;
}

function dir(dev: SimDevice, arg: string): string {
  const fs = arg && /^[a-z0-9-]+:/i.test(arg) ? (/^[a-z0-9-]+:/i.exec(arg)?.[0] ?? dev.fs) : dev.fs;
  // ISR and Catalyst IOS-XE answer to flash: and bootflash: alike
  if (fs !== dev.fs && !/^(boot)?flash:$/i.test(fs)) return `%Error opening ${fs}/ (No such device)`;
  const rows = [...dev.files.values()].map((f, i) => {
    const inode = String(11 + i * 3).padStart(5, ' ');
    return `${inode}  -rw-  ${String(f.size).padStart(14, ' ')}  ${iosDirDate(dev, f.mtime)}  ${f.name}`;
  });
  const used = [...dev.files.values()].reduce((n, f) => n + f.size, 0);
  const total = 11_353_194_496;
  return [`Directory of ${fs}/`, '', ...rows, '', `${total} bytes total (${total - used} bytes free)`].join('\n');
}

function runningConfig(dev: SimDevice): string {
  return [
    'Building configuration...',
    '',
    'Current configuration : 4127 bytes',
    '!',
    `hostname ${dev.hostname}`,
    '!',
    ...dev.boot.map((b) => `boot system ${b}`),
    ...(dev.nextConfigRegister && dev.nextConfigRegister !== '0x2102' ? [`config-register ${dev.nextConfigRegister}`] : []),
    '!',
    'end',
  ].join('\n');
}

function copy(dev: SimDevice, source: string, dest: string): string {
  if (/^(running-config|system:running-config)$/i.test(source)) return 'Building configuration...\n[OK]';
  const file = dev.copyIn(source, dest);
  if (!file) return `%Error opening ${source} (No such file or directory)`;
  const size = dev.files.get(file)?.size ?? 0;
  const host = /:\/\/(?:[^@/]+@)?([^/]+)/.exec(source)?.[1] ?? '';
  return [
    `Destination filename [${file}]? `,
    `Accessing ${source}...`,
    `Loading ${file} from ${host} (via GigabitEthernet0/0): !!!!!!!!!!!!!!!!!!!!`,
    `[OK - ${size} bytes]`,
    '',
    `${size} bytes copied in 142.311 secs (${Math.round(size / 142.311)} bytes/sec)`,
  ].join('\n');
}

/** Cisco IOS and IOS-XE share their command line; the flavour gives the outputs that differ. */
export function iosLike(f: IosFlavour): SimPlatform {
  return {
    id: f.id,
    defaultFs: f.defaultFs,
    sshIdent: 'Cisco-1.25',
    singleExec: true,
    tty: (n) => `vty${n % 16}`,
    prompt: (dev, s) => `${dev.hostname}${s.mode === 'config' ? '(config)' : ''}#`,
    syslog: (dev: SimDevice, event: SimEvent) => iosSyslog(dev, event, f.banner(dev)),
    execute(dev: SimDevice, s: OperatorSession, line: string): string {
      const { command, filter } = splitPipe(line);
      if (command === '') return '';
      if (s.mode === 'config') return configure(dev, s, command, f);
      const out = exec(dev, s, command, f);
      return filter ? filter(out) : out;
    },
  };
}

function exec(dev: SimDevice, s: OperatorSession, command: string, f: IosFlavour): string {
  if (isTerminalSetup(command) || /^enable$/i.test(command)) return '';
  if (/^sh(ow)?\s+ver(sion)?$/i.test(command)) return f.showVersion(dev);
  if (/^sh(ow)?\s+(boot|bootvar|boot\s+system)$/i.test(command)) return f.showBoot(dev);
  if (/^sh(ow)?\s+run(ning-config)?$/i.test(command)) return runningConfig(dev);
  const d = /^dir(?:\s+(\S+))?$/i.exec(command);
  if (d) return dir(dev, d[1] ?? '');
  const verified = verifyCommand(dev, command);
  if (verified !== undefined) return verified;
  const c = /^copy\s+(\S+)\s+(\S+)$/i.exec(command);
  if (c) return copy(dev, c[1] ?? '', c[2] ?? '');
  if (/^(wr(ite)?(\s+mem(ory)?)?)$/i.test(command)) return 'Building configuration...\n[OK]';
  if (/^conf(igure)?(\s+t(erminal)?)?$/i.test(command)) {
    s.mode = 'config';
    dev.emit({ kind: 'config-enter', session: s });
    return 'Enter configuration commands, one per line.  End with CNTL/Z.';
  }
  if (/^reload(\s+.*)?$/i.test(command)) {
    dev.reload(s);
    return 'Proceed with reload? [confirm]';
  }
  return `${' '.repeat(Math.min(command.length, 20))}^\n${IOS_INVALID}`;
}

function configure(dev: SimDevice, s: OperatorSession, command: string, f: IosFlavour): string {
  if (/^(end|exit|\x1a)$/i.test(command)) {
    s.mode = 'exec';
    dev.emit({ kind: 'config-exit', session: s });
    return '';
  }
  dev.emit({ kind: 'config-command', session: s, command });
  const boot = /^boot\s+system\s+(?:switch\s+all\s+)?(?:flash\s+)?(\S+)$/i.exec(command);
  if (boot) {
    const entry = boot[1] ?? '';
    dev.boot = f.bootSystemReplaces ? [entry] : [...dev.boot, entry];
    return '';
  }
  if (/^no\s+boot\s+system/i.test(command)) {
    dev.boot = [];
    return '';
  }
  const reg = /^config-register\s+(0x[0-9a-f]+)$/i.exec(command);
  if (reg) {
    dev.nextConfigRegister = (reg[1] ?? '').toLowerCase();
    return '';
  }
  return '';
}
