import { MONTHS } from '../time.js';
import type { EventSource, ObservedTime } from '../types.js';

const CLASSIC_DATE = /^([A-Za-z]{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?: (\d{4}))?$/;
const NG_DATE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-]\d{4})$/;
const TYPES = new Set(['start', 'stop', 'update', 'watchdog']);

/**
 * One TACACS+ accounting record without its time stamp: `nas user port rem_addr type` followed either by
 * av-pairs (classic tac_plus: `task_id=.. service=shell cmd=show version <cr>`) or by `service cmd`
 * (tac_plus-ng's default accounting format). Fields are tab-separated (`|` in some syslog forms).
 */
export function tacacsRecord(fields: string[]): { nas: string; user: string; type: string; cmd: string | null } | null {
  const [nas, user, , , type] = fields;
  if (nas === undefined || user === undefined || type === undefined || !TYPES.has(type.toLowerCase())) return null;
  const rest = fields.slice(5);
  let cmd: string | null = null;
  if (rest.some((f) => /^[\w-]+=/.test(f))) {
    const pair = rest.find((f) => f.startsWith('cmd='));
    cmd = pair === undefined ? null : pair.slice(4);
  } else if (rest.length >= 2) {
    cmd = rest.slice(1).join(' ');
  }
  if (cmd !== null) cmd = cmd.replace(/\s*<cr>\s*$/, '').trim();
  return { nas, user, type: type.toLowerCase(), cmd: cmd === '' ? null : cmd };
}

/** A record to event fields: only command records count, and of start-stop pairs only the stop. */
export function tacacsFields(rec: NonNullable<ReturnType<typeof tacacsRecord>>): { host: string; actor: string; command: string } | null {
  if (rec.cmd === null || rec.type === 'start') return null;
  return { host: rec.nas, actor: rec.user, command: rec.cmd };
}

function dateOf(text: string): ObservedTime | null {
  let m = CLASSIC_DATE.exec(text);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    if (month === undefined) return null;
    return {
      type: 'wall', year: m[6] ? Number(m[6]) : null, month, day: Number(m[2]), hour: Number(m[3]), minute: Number(m[4]),
      second: Number(m[5]), ms: 0, zone: null, writer: 'receiver',
    };
  }
  m = NG_DATE.exec(text);
  if (m) {
    const off = m[7] ?? '+0000';
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${off.slice(0, 3)}:${off.slice(3)}`);
    return Number.isNaN(ms) ? null : { type: 'epoch', ms };
  }
  return null;
}

/** TACACS+ accounting files of tac_plus (tab-separated, `Oct  4 19:25:17` stamps) and tac_plus-ng (ISO stamps with offset). */
export const tacacs: EventSource = {
  id: 'tacacs',
  description: 'TACACS+ accounting file: classic tac_plus and tac_plus-ng',
  detect(lines) {
    const hits = lines.filter((l) => {
      const f = l.split('\t');
      return f.length >= 6 && dateOf(f[0] ?? '') !== null && tacacsRecord(f.slice(1)) !== null;
    }).length;
    // its lines also look like RFC 3164 syslog: a clear majority of records must win over that
    return lines.length > 0 && hits / lines.length >= 0.5 ? 0.95 : 0;
  },
  keywords: null,
  parse(line) {
    const fields = line.split('\t');
    const time = dateOf(fields[0] ?? '');
    if (time === null) return { skip: 'unparsed-tacacs' };
    const rec = tacacsRecord(fields.slice(1));
    if (rec === null) return { skip: 'unparsed-tacacs' };
    const f = tacacsFields(rec);
    return f === null ? null : { ...f, time };
  },
};
