import { MONTHS } from './time.js';
import type { ObservedTime } from './types.js';

/**
 * One syslog line taken apart: RFC 5424 or RFC 3164 header (either optional PRI), Cisco sequence numbers,
 * `host:` origin ids, device time stamps with `*`/`.` unsynchronized-clock marks, uptime stamps, IOS-XR node
 * prefixes, the program tag and the `%FAC-SEV-MNEMONIC` (or Junos `TAG:`) of the message.
 */
export interface SyslogFrame {
  /** Host as logged; '' when the line names none (a `show logging` buffer). */
  host: string;
  program: string | null;
  mnemonic: string | null;
  /** Message text after the mnemonic (or after the program tag when there is none). */
  body: string;
  time: ObservedTime;
  /**
   * The log server's own reception stamp when the line also carries the device's: the device's clock is the
   * attacker's to set, the receiver's is not, so the two are compared after zones are resolved.
   */
  receiverTime?: ObservedTime;
  unsynced: boolean;
  uptime: boolean;
}

interface Stamp {
  time: ObservedTime;
  end: number;
  unsynced: boolean;
  /** Cisco device stamps end with a colon; a receiver's header stamp is followed by the host. */
  colon: boolean;
}

const ISO = /(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d:?\d\d)?(:?)(?=\s|$)/y;
const BSD =
  /([*.]?)([A-Za-z]{3}) +(\d{1,2})(?: (\d{4}))? +(\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?: (\d{4}))?(?: ([A-Z]{2,5}|[+-]\d\d:?\d\d)(?=:))?(:?)(?=\s|$)/y;
const NXOS = /([*.]?)(\d{4}) ([A-Za-z]{3}) +(\d{1,2}) (\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?: ([A-Z]{2,5}))?(:?)(?=\s|$)/y;
const UPTIME = /(?:\d+[ywdh]\d+[wdhm](?:\d+[dhm])?|\d{2}:\d{2}:\d{2}):(?=\s|$)/y;
const SEQ = /\d+:(?=\s)/y;
const XR_NODE = /(?:RP|LC|SP|FC|CC)\/\d+\/[^:\s]+:(?=[A-Za-z*.])/y;
const PROGRAM = /([A-Za-z][\w./-]*)(?:\[\d+\])?:(?=\s|$)/y;
const MNEMONIC = /%([A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*-\d-[A-Z0-9_]+)\s?:\s?/y;
const JUNOS_TAG = /([A-Z][A-Z0-9]*_[A-Z0-9_]+):\s?/y;
const RFC5424 = /1 (\S+) (\S+) (\S+) (\S+) (\S+) /y;

function frac(digits: string | undefined): number {
  return digits ? Math.floor(Number(`0.${digits}`) * 1000) : 0;
}

function wall(year: number | null, month: number, day: number, h: string, mi: string, s: string, ms: string | undefined, zone: string | null, writer: 'device' | 'receiver'): ObservedTime {
  return { type: 'wall', year, month, day, hour: Number(h), minute: Number(mi), second: Number(s), ms: frac(ms), zone, writer };
}

function stampAt(s: string, p: number, writer: 'device' | 'receiver'): Stamp | null {
  ISO.lastIndex = p;
  let m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, ms, zone, colon] = m;
    const time: ObservedTime = zone
      ? { type: 'epoch', ms: Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${String(frac(ms)).padStart(3, '0')}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`) }
      : wall(Number(y), Number(mo), Number(d), h ?? '0', mi ?? '0', sec ?? '0', ms, null, writer);
    if (time.type === 'epoch' && Number.isNaN(time.ms)) return null;
    return { time, end: ISO.lastIndex, unsynced: false, colon: colon === ':' };
  }
  BSD.lastIndex = p;
  m = BSD.exec(s);
  if (m) {
    const [, mark, mon, d, y1, h, mi, sec, ms, y2, zone, colon] = m;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    if (month !== undefined) {
      const y = y1 ?? y2;
      const isColon = colon === ':';
      return {
        time: wall(y ? Number(y) : null, month, Number(d), h ?? '0', mi ?? '0', sec ?? '0', ms, zone ?? null, isColon || mark ? 'device' : writer),
        end: BSD.lastIndex,
        unsynced: mark === '*' || mark === '.',
        colon: isColon,
      };
    }
  }
  NXOS.lastIndex = p;
  m = NXOS.exec(s);
  if (m) {
    const [, mark, y, mon, d, h, mi, sec, ms, zone, colon] = m;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    if (month !== undefined) {
      return {
        time: wall(Number(y), month, Number(d), h ?? '0', mi ?? '0', sec ?? '0', ms, zone ?? null, colon === ':' ? 'device' : writer),
        end: NXOS.lastIndex,
        unsynced: mark === '*' || mark === '.',
        colon: colon === ':',
      };
    }
  }
  return null;
}

function at(re: RegExp, s: string, p: number): RegExpExecArray | null {
  re.lastIndex = p;
  return re.exec(s);
}

function skipSpaces(s: string, p: number): number {
  while (p < s.length && (s.charCodeAt(p) === 32 || s.charCodeAt(p) === 9)) p++;
  return p;
}

/** Parses a syslog line; null when it has none of the shapes above (not a syslog line at all). */
export function parseSyslogFrame(s: string): SyslogFrame | null {
  let p = 0;
  let raw = false;
  if (s.charCodeAt(0) === 60 /* < */) {
    const close = s.indexOf('>');
    if (close < 2 || close > 4 || !/^\d+$/.test(s.slice(1, close))) return null;
    p = close + 1;
    raw = true;
  }
  let host = '';
  let header: Stamp | null = null;
  let device: Stamp | null = null;
  let uptime = false;
  let program: string | null = null;

  const rfc = raw ? at(RFC5424, s, p) : null;
  if (rfc) {
    const [, ts, hostname, app] = rfc;
    p = RFC5424.lastIndex;
    if (ts !== '-') {
      header = stampAt(ts ?? '', 0, 'device');
      if (!header) return null;
    }
    if (hostname !== '-') host = hostname ?? '';
    if (app !== '-') program = app ?? null;
    if (s.charCodeAt(p) === 45 /* - */) p += 1;
    else {
      while (s.charCodeAt(p) === 91 /* [ */) {
        let q = p + 1;
        while (q < s.length && s.charCodeAt(q) !== 93) q += s.charCodeAt(q) === 92 ? 2 : 1;
        p = q + 1;
      }
    }
    if (s.startsWith('\uFEFF', p + 1)) p += 2;
  }

  let mnemonic: string | null = null;
  let body = '';
  let guard = 0;
  for (;;) {
    p = skipSpaces(s, p);
    if (p >= s.length || ++guard > 12) break;
    const c = s.charCodeAt(p);
    if (c === 37 /* % */) {
      const m = at(MNEMONIC, s, p);
      if (m) {
        mnemonic = m[1] ?? null;
        body = s.slice(MNEMONIC.lastIndex);
        break;
      }
    }
    const stamp: Stamp | null = device === null ? stampAt(s, p, raw ? 'device' : 'receiver') : null;
    if (stamp) {
      if (stamp.colon || host !== '' || header !== null) device = stamp;
      else header = stamp;
      p = stamp.end;
      continue;
    }
    if (device === null && !uptime && at(UPTIME, s, p)) {
      uptime = true;
      p = UPTIME.lastIndex;
      continue;
    }
    if (at(SEQ, s, p) && program === null) {
      p = SEQ.lastIndex;
      continue;
    }
    if (at(XR_NODE, s, p)) {
      p = XR_NODE.lastIndex;
      continue;
    }
    if (host === '' && program === null) {
      const end = s.indexOf(' ', p);
      const token = end < 0 ? s.slice(p) : s.slice(p, end);
      const pm = at(PROGRAM, s, p);
      // `name:` right after the PRI or a sequence number is Cisco's origin id (the host), not a program
      if (pm && (header !== null || device !== null) && token.includes('[')) {
        program = pm[1] ?? null;
        p = PROGRAM.lastIndex;
        continue;
      }
      host = token.endsWith(':') ? token.slice(0, -1) : token;
      p = end < 0 ? s.length : end;
      continue;
    }
    if (program === null) {
      const pm = at(PROGRAM, s, p);
      if (pm) {
        program = pm[1] ?? null;
        p = PROGRAM.lastIndex;
        continue;
      }
    }
    const jm = at(JUNOS_TAG, s, p);
    if (jm) {
      mnemonic = jm[1] ?? null;
      body = s.slice(JUNOS_TAG.lastIndex);
      break;
    }
    body = s.slice(p);
    break;
  }
  if (header === null && device === null && host === '' && mnemonic === null && !uptime) return null;

  let time: ObservedTime = { type: 'none' };
  let unsynced = false;
  if (device && device.unsynced && header) {
    time = header.time;
    unsynced = true;
  } else if (device) {
    time = device.time;
    unsynced = device.unsynced;
  } else if (header) {
    time = header.time;
    unsynced = header.unsynced;
  }
  const frame: SyslogFrame = { host, program, mnemonic, body: body.trimEnd(), time, unsynced, uptime: uptime && device === null };
  if (device && header && !unsynced && header.time.type === 'wall' && header.time.writer === 'receiver') frame.receiverTime = header.time;
  return frame;
}
