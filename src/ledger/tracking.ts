/**
 * What `windows open` puts on GitHub for a pushed range: one tracking issue per change (the authorizations one
 * commit created under one ticket, or per device when there is no ticket) and one comment on the merged PR.
 * Pure: the texts and markers only; src/github/windows.ts makes the calls.
 */
import type { Ledger } from './index.js';
import { listWindows, type ChangeWindowView } from './windows.js';
import type { Authorization } from '../model/authorization.js';

export const WINDOW_LABEL = 'change-window';

export interface TrackedChange {
  /** Hidden in the issue body to find it again: `<!-- imagegate:window:<commit>:<change id> -->`. */
  marker: string;
  commit: string;
  changeId: string;
  pr: number | null;
  via: Authorization['via'];
  views: ChangeWindowView[];
  /** Authorizations without a window (image changed with no change block): nothing to open, said in the issue. */
  unscheduled: Authorization[];
  title: string;
  body: string;
  state: 'open' | 'closed';
  needsReschedule: boolean;
}

export interface PrNote {
  pr: number;
  commit: string;
  marker: string;
  changes: TrackedChange[];
}

/** Marker-safe id: a hostile ticket cannot end the HTML comment or forge another marker. */
export function changeIdOf(auth: Pick<Authorization, 'ticket' | 'device'>): string {
  return (auth.ticket ?? auth.device).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
}

export const issueMarker = (commit: string, changeId: string): string => `<!-- imagegate:window:${commit}:${changeId} -->`;
export const prMarker = (commit: string): string => `<!-- imagegate:window-pr:${commit} -->`;

/** Markdown table cell: no pipes, no line breaks, no HTML (so no fake markers or hidden text). */
export function cell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([`*[\]#])/g, '\\$1')
    // GitHub links mentions after rendering, so `\@team` still pings (cmark-gfm #181): break them with a zero-width space
    .replace(/@/g, '@\u200b')
    // and `\#12` still cross-references issue 12
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/\b(GH)-(?=\d)/gi, '$1\u200b-');
}

const short = (sha: string): string => sha.slice(0, 10);

function landedHow(c: Pick<TrackedChange, 'via' | 'pr'>): string {
  switch (c.via) {
    case 'merge':
      return `merge of #${c.pr}`;
    case 'squash':
      return `squash merge of #${c.pr}`;
    case 'rebase':
      return 'rebase merge (no PR number in the commit)';
    case 'direct':
      return 'direct push, no pull request';
  }
}

function statusOf(v: ChangeWindowView): string {
  if (v.status !== 'active') return `${v.status} by ${short(v.endedBy ?? '')}`;
  // no phase here: the issue text must not change with the clock, or every re-run would rewrite it
  return v.opened ? 'authorized' : 'not opened: reschedule';
}

function listDevices(names: string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function render(c: Omit<TrackedChange, 'title' | 'body' | 'state' | 'needsReschedule'>): Pick<TrackedChange, 'title' | 'body' | 'state' | 'needsReschedule'> {
  const views = c.views;
  const all = [...views.map((v) => v.authorization), ...c.unscheduled];
  const devices = [...new Set(all.map((a) => a.device))];
  const ticket = all.find((a) => a.ticket)?.ticket ?? null;
  const ended = all.every((a) => a.status !== 'active');
  const needsReschedule = views.some((v) => v.status === 'active' && !v.opened) || c.unscheduled.some((a) => a.status === 'active');
  const name = ticket ?? devices[0] ?? c.changeId;
  const first = views.map((v) => v.startUtc).sort()[0];
  const title = ended
    ? `Change window ${name}: ${all.every((a) => a.status === 'withdrawn') ? 'withdrawn' : 'superseded'} (${listDevices(devices)})`
    : needsReschedule
      ? `Reschedule needed: ${name} (${listDevices(devices)})`
      : `Change window ${name}: ${listDevices(devices)}${first ? ` from ${first.slice(0, 16).replace('T', ' ')}Z` : ''}`;
  const lines = [
    c.marker,
    `**Change ${cell(ticket)}** landed in \`${short(c.commit)}\` by ${landedHow(c)} at ${views[0]?.mergedAt ?? all[0]?.mergedAt ?? '?'}.`,
    '',
  ];
  if (c.via === 'direct') {
    lines.push('> [!CAUTION]', '> Pushed to the default branch without a pull request: nobody reviewed it. The reconciler reports activity under it as unreviewed.', '');
  }
  if (views.some((v) => v.status === 'active' && !v.opened)) {
    lines.push('> [!WARNING]', '> The window had already started when this change landed, so it is **not opened**: any work in it is unauthorized. Open a new pull request that moves the window into the future.', '');
  }
  if (c.unscheduled.some((a) => a.status === 'active')) {
    lines.push('> [!WARNING]', '> The desired image or boot variables changed without a `change` block: there is no window to open. Add one in a new pull request.', '');
  }
  if (ended) lines.push(`This change is no longer in force: ${all.map((a) => `${cell(a.device)} ${a.status} by \`${short(a.supersededBy ?? a.withdrawnBy ?? '')}\``).join(', ')}.`, '');
  if (views.length > 0) {
    lines.push('| device | image | window (UTC) | window (site time) | executor | transfer | status |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const v of views) {
      const utc = `${v.startUtc.slice(0, 16).replace('T', ' ')}Z – ${v.endUtc.slice(0, 16).replace('T', ' ')}Z`;
      lines.push(
        `| ${cell(v.device)} | ${cell(v.fromImage)} → ${cell(v.toImage)} | ${utc} | ${cell(v.startLocal)} – ${cell(v.endLocal)} (${cell(v.zone)}) | ${cell(v.executor)} | ${cell(v.transfer)} | ${cell(statusOf(v))} |`,
      );
    }
    lines.push('');
  }
  lines.push(`Ticket: ${cell(ticket)} · PR: ${c.pr === null ? '—' : `#${c.pr}`} · Commit: ${c.commit}`);
  // GitHub refuses titles over 256 characters; a long ticket must not cost the issue
  const fitted = title.length > 200 ? `${title.slice(0, 199)}…` : title;
  return { title: fitted, body: `${lines.join('\n')}\n`, state: ended ? 'closed' : 'open', needsReschedule };
}

/**
 * The changes a pushed range touches: those whose authorizations a commit in `range` created, and those a
 * commit in `range` superseded or withdrew (their issues are updated and closed).
 */
export function trackedChanges(ledger: Ledger, range: Set<string>, at: string, siteZones: Map<string, string> = new Map()): TrackedChange[] {
  const views = new Map(listWindows(ledger, at, siteZones).map((v) => [v.authorization, v]));
  const groups = new Map<string, Authorization[]>();
  for (const a of ledger.authorizations) {
    const endedBy = a.supersededBy ?? a.withdrawnBy;
    if (!range.has(a.commit) && !(endedBy !== undefined && range.has(endedBy))) continue;
    const key = issueMarker(a.commit, changeIdOf(a));
    const g = groups.get(key) ?? [];
    g.push(a);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([marker, auths]) => {
    const head = auths[0] as Authorization;
    const base = {
      marker,
      commit: head.commit,
      changeId: changeIdOf(head),
      pr: head.pr,
      via: head.via,
      views: auths.map((a) => views.get(a)).filter((v): v is ChangeWindowView => v !== undefined),
      unscheduled: auths.filter((a) => a.window === null),
    };
    return { ...base, ...render(base) };
  });
}

/** One note per merged PR whose commit created changes in the range. */
export function prNotes(changes: TrackedChange[], range: Set<string>): PrNote[] {
  const notes = new Map<string, PrNote>();
  for (const c of changes) {
    if (c.pr === null || !range.has(c.commit)) continue;
    const n = notes.get(c.commit) ?? { pr: c.pr, commit: c.commit, marker: prMarker(c.commit), changes: [] };
    n.changes.push(c);
    notes.set(c.commit, n);
  }
  return [...notes.values()];
}

export function renderPrNote(note: PrNote, issueNumbers: Map<string, number>): string {
  const lines = [note.marker, `**imagegate**: this merge (\`${short(note.commit)}\`) authorized these changes:`, ''];
  for (const c of note.changes) {
    const n = issueNumbers.get(c.marker);
    lines.push(`- ${n === undefined ? '(tracking issue not created)' : `#${n}`}: ${cell(c.title)}`);
  }
  if (note.changes.some((c) => c.needsReschedule)) lines.push('', 'Some windows were **not opened**: see the tracking issues.');
  return `${lines.join('\n')}\n`;
}
