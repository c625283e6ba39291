import type { HashAlgorithm } from '../../model/image.js';
import type { OperatorSession, SimDevice, SimEvent } from '../device.js';
import { dayName, hms, monthName, pad2, wallClock } from '../time.js';

/** `Mmm dd yyyy hh:mm:ss +00:00` as IOS `dir` prints a file's time. */
export function iosDirDate(dev: SimDevice, d: Date): string {
  const c = wallClock(d, dev.zone);
  return `${monthName(c.month)} ${pad2(c.day)} ${c.year} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} +00:00`;
}

/** `10:12:40 CET Mon Nov 16 2026`, as `show version` prints restart times. */
export function ciscoDate(dev: SimDevice, d: Date): string {
  const c = wallClock(d, dev.zone);
  return `${hms(c)} ${c.zone} ${dayName(c.weekday)} ${monthName(c.month)} ${c.day} ${c.year}`;
}

/** Cisco's device timestamp: `*Dec  4 20:01:02.123:` when the clock is not synchronized, else with the zone. */
function ciscoStamp(dev: SimDevice): string {
  const c = wallClock(dev.clock(), dev.zone);
  const base = `${monthName(c.month)} ${String(c.day).padStart(2, ' ')} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${String(c.ms).padStart(3, '0')}`;
  return dev.clockSynced ? `${base} ${c.zone}` : `*${base}`;
}

/** `verify /sha512 flash:x` answers; `undefined` when the command is something else. */
export function verifyCommand(dev: SimDevice, command: string): string | undefined {
  const m = /^verify\s+\/(md5|sha1|sha256|sha384|sha512)\s+(\S+)/i.exec(command);
  if (!m) return undefined;
  const algorithm = (m[1] ?? 'md5').toLowerCase() as HashAlgorithm;
  const path = m[2] ?? '';
  const full = /^[a-z0-9-]+:/i.test(path) ? path : `${dev.fs}${path}`;
  const digest = dev.digest(dev.fileOf(full), algorithm);
  if (digest === undefined) return `%Error opening ${full} (No such file or directory)`;
  const dots = '.'.repeat(Math.min(900, Math.max(10, Math.round((dev.files.get(dev.fileOf(full))?.size ?? 0) / 2_000_000))));
  return `${dots.replace(/(.{80})/g, '$1\n')}Done!\nverify /${algorithm} (${full}) = ${digest}`;
}

/**
 * IOS and IOS-XE log config commands through the archive logger (`%PARSER-5-CFGLOG_LOGGEDCMD`), the end of
 * a config session as `%SYS-5-CONFIG_I`, and a reload as `%SYS-5-RELOAD` then `%SYS-5-RESTART` and
 * `%SYS-6-BOOTTIME` after the boot. rsyslog writes them after its own timestamp and the sender's address
 * because their header carries a sequence number instead of an RFC 3164 timestamp.
 */
export function iosSyslog(dev: SimDevice, event: SimEvent, banner: string): string[] {
  const lines: string[] = [];
  const line = (msg: string): void => {
    dev.syslogSeq += 1;
    lines.push(`${dev.logs.receiverStamp()} ${dev.address} ${dev.syslogSeq}: ${ciscoStamp(dev)}: ${msg}`);
  };
  const who = (s: OperatorSession): string => `${s.user} on ${s.tty} (${s.remoteAddr})`;
  switch (event.kind) {
    case 'config-command':
      line(`%PARSER-5-CFGLOG_LOGGEDCMD: User:${event.session.user}  logged command:${event.command}`);
      break;
    case 'config-exit':
      line(`%SYS-5-CONFIG_I: Configured from console by ${who(event.session)}`);
      break;
    case 'reload-requested':
      line(`%SYS-5-RELOAD: Reload requested by ${who(event.session)}. Reload Reason: ${event.reason}.`);
      break;
    case 'restarted':
      line(`%SYS-5-RESTART: System restarted --#012${banner}`);
      line(`%SYS-6-BOOTTIME: Time taken to reboot after reload =  ${event.downSeconds} seconds`);
      break;
    default:
      break;
  }
  return lines;
}

export function configRegisterLine(dev: SimDevice): string {
  const now = dev.configRegister ?? '0x2102';
  const next = dev.nextConfigRegister;
  return `Configuration register is ${now}${next && next !== now ? ` (will be ${next} at next reload)` : ''}`;
}
