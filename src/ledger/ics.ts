/**
 * A small RFC 5545 writer for the change-window feed: CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character, TEXT values escaped, times in UTC. Enough for VEVENTs; nothing else is needed.
 */
import type { ChangeWindowView } from './windows.js';

export interface IcsEvent {
  /** Globally unique and stable: the same authorization keeps its UID from run to run. */
  uid: string;
  /** When the information last changed (RFC 5545 3.8.7.2), UTC. */
  dtstamp: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  sequence: number;
  categories?: string[];
}

/** TEXT escaping (RFC 5545 3.3.11). Control characters other than tab are not allowed in TEXT: they become spaces. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

/** Folds one content line at 75 octets (RFC 5545 3.1); continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (octets + n > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `20261110T000000Z` */
export function icsUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function writeCalendar(events: IcsEvent[], opts: { name: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//imagegate//change windows//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(opts.name)}`];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${icsUtc(e.dtstamp)}`,
      `DTSTART:${icsUtc(e.start)}`,
      `DTEND:${icsUtc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.status}`,
      `SEQUENCE:${e.sequence}`,
    );
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}

/** Stable per authorization: the landing commit and the device never change. */
export function windowUid(view: Pick<ChangeWindowView, 'commit' | 'device'>): string {
  return `${view.commit}-${encodeURIComponent(view.device)}@imagegate`;
}

function describeView(v: ChangeWindowView): string {
  const lines = [
    `Device: ${v.device} (${v.file})`,
    `Image: ${v.fromImage ?? '(none)'} -> ${v.toImage ?? '(none)'}`,
    `Window (${v.zone}): ${v.startLocal} to ${v.endLocal}`,
    `Ticket: ${v.ticket ?? '(none)'}`,
    `Executor: ${v.executor ?? '(none)'}; transfer: ${v.transfer ?? '(none)'}`,
    `Landed: ${v.commit} at ${v.mergedAt} via ${v.via}${v.pr === null ? '' : ` (PR #${v.pr})`}`,
  ];
  if (v.via === 'direct') lines.push('UNREVIEWED: pushed to the default branch without a pull request.');
  if (!v.opened) lines.push('NOT OPENED: the window had started before the change landed; it must be rescheduled.');
  if (v.status !== 'active') lines.push(`${v.status.toUpperCase()} by ${v.endedBy ?? '?'} at ${v.endedAt ?? '?'}`);
  return lines.join('\n');
}

/** The feed: superseded and withdrawn windows stay in it as CANCELLED so that subscribed calendars drop them. */
export function windowsCalendar(views: ChangeWindowView[]): string {
  const events = views.map((v): IcsEvent => {
    const cancelled = v.status !== 'active' || !v.opened;
    const flag = v.status !== 'active' ? `[${v.status}] ` : !v.opened ? '[reschedule] ' : v.via === 'direct' ? '[unreviewed] ' : '';
    return {
      uid: windowUid(v),
      dtstamp: v.endedAt ?? v.mergedAt,
      start: v.window.start,
      end: v.window.end,
      summary: `${flag}${v.device}: ${v.fromImage ?? '?'} -> ${v.toImage ?? '?'}${v.ticket ? ` (${v.ticket})` : ''}`,
      description: describeView(v),
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
      sequence: v.endedAt ? 1 : 0,
      categories: ['change-window', ...(v.site ? [v.site] : [])],
    };
  });
  return writeCalendar(events, { name: 'imagegate change windows' });
}
