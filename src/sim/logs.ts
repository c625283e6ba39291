import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rfc3164, wallClock } from './time.js';

export interface FleetLogPaths {
  /** What an rsyslog receiver writes in the traditional RFC 3164 file format. */
  syslog: string;
  /** tac_plus command accounting, tab-separated. */
  tacacs: string;
  /** tftpd-hpa (`-v`) lines as syslog writes them. */
  tftp: string;
}

/**
 * The log files of the infrastructure around the fleet: a syslog receiver, a TACACS+ server and a TFTP
 * server. Lines are batched per event-loop turn (a thousand devices answering collection would otherwise pay a
 * write per command); `flush()` writes them at once, and the fleet flushes after every operator command.
 */
export class FleetLogs {
  readonly paths: FleetLogPaths;
  private taskId = 10000;
  private readonly pending = new Map<string, string[]>();
  private scheduled = false;
  private readonly tftpPid = 4242;

  constructor(
    dir: string,
    private readonly clock: () => Date,
  ) {
    mkdirSync(dir, { recursive: true });
    this.paths = { syslog: join(dir, 'syslog.log'), tacacs: join(dir, 'tacacs.acct'), tftp: join(dir, 'tftpd.log') };
    for (const p of Object.values(this.paths)) writeFileSync(p, '', { flag: 'a' });
  }

  /** Receiver's own time, for messages whose header has no RFC 3164 timestamp (Cisco's `seq: *Mmm dd ...`). */
  receiverStamp(): string {
    // the receiver runs in UTC, as servers should
    return rfc3164(wallClock(this.clock(), 'UTC'));
  }

  private append(path: string, line: string): void {
    const lines = this.pending.get(path);
    if (lines) lines.push(line);
    else this.pending.set(path, [line]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    for (const [path, lines] of this.pending) appendFileSync(path, `${lines.join('\n')}\n`);
    this.pending.clear();
  }

  syslog(line: string): void {
    this.append(this.paths.syslog, line);
  }

  /**
   * One accounting record as tac_plus writes it: `date nas user tty rem_addr start|stop task_id=.. ...`.
   * `cmd` is followed by ` <cr>` the way IOS sends the command's argument list.
   */
  tacacs(nas: string, user: string, tty: string, remAddr: string, kind: 'start' | 'stop', cmd?: string): void {
    const fields = [this.receiverStamp(), nas, user, tty, remAddr, kind, `task_id=${++this.taskId}`, 'timezone=UTC', 'service=shell'];
    if (cmd !== undefined) fields.push('priv-lvl=15', `cmd=${cmd} <cr>`);
    this.append(this.paths.tacacs, fields.join('\t'));
  }

  /** tftpd-hpa logs the request only; `RRQ` when a device reads a file from the server. */
  tftp(kind: 'RRQ' | 'WRQ', from: string, filename: string): void {
    this.append(this.paths.tftp, `${this.receiverStamp()} tftp in.tftpd[${this.tftpPid}]: ${kind} from ${from} filename ${filename}`);
  }
}
