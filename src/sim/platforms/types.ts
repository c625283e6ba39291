import type { PlatformId } from '../../model/platform.js';
import type { OperatorSession, SimDevice, SimEvent } from '../device.js';

/** How one platform looks from the outside: prompt, command answers, syslog format. */
export interface SimPlatform {
  id: PlatformId;
  /** Where images live when the device YAML names no file system. */
  defaultFs: string;
  /** Software part of the SSH identification string (`SSH-2.0-<ident>`). */
  sshIdent: string;
  /** IOS's SSH server runs one exec request per connection and then closes the connection. */
  singleExec: boolean;
  /** Terminal line name for the n-th login (`vty0`, `pts/0`). */
  tty(n: number): string;
  prompt(dev: SimDevice, session: OperatorSession): string;
  /** Answers one command line; may change the device's state and log. Returns the output without prompt. */
  execute(dev: SimDevice, session: OperatorSession, line: string): string;
  /** The syslog receiver's file lines for an event. */
  syslog(dev: SimDevice, event: SimEvent): string[];
}

/** Paging and terminal commands every automation tool sends first; they print nothing. */
export function isTerminalSetup(line: string): boolean {
  return /^(terminal (length|width|no|monitor|exec|dont-ask)\b|set cli (screen-length|screen-width|complete-on-space)\b|screen-length\b)/i.test(line);
}

/** Junos `| no-more`, `| display ...` and Cisco `| include ...` are parsed off; filters are applied to output. */
export function splitPipe(line: string): { command: string; filter: ((out: string) => string) | null } {
  const i = line.indexOf(' | ');
  if (i < 0) return { command: line.trim(), filter: null };
  const command = line.slice(0, i).trim();
  const pipe = line.slice(i + 3).trim();
  const m = /^(include|i|grep|match)\s+(.+)$/i.exec(pipe);
  if (m) {
    const needle = m[2] ?? '';
    let re: RegExp;
    try {
      re = new RegExp(needle);
    } catch {
      re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
    return { command, filter: (out) => out.split('\n').filter((l) => re.test(l)).join('\n') };
  }
  return { command, filter: null };
}
