import { createHash } from 'node:crypto';
import type { Evidence, Finding } from '../model/finding.js';
import { baseName } from '../reconcile/fingerprint.js';
import { redact } from '../util/redact.js';
import { mdInline } from './escape.js';
import { findingSection, type MarkdownOptions } from './markdown.js';

export const FINDING_MARKER = /^<!-- imagegate:finding:([0-9a-f]{64}) -->/;
const EVIDENCE_MARKER = /<!-- imagegate:evidence:([0-9a-f]{64}) -->/;

function evidenceKey(e: Evidence): string {
  if (e.kind === 'log') return `log|${baseName(e.path)}|${e.ts}|${e.raw}`;
  if (e.kind === 'state') return `state|${e.fact}|${e.value}|${e.expected ?? ''}`;
  return `git|${e.file}|${e.commit ?? ''}|${e.text}`;
}

/** Hash of what the evidence says (not where it sits): a changed hash means new evidence for the issue. */
export function evidenceHash(f: Finding): string {
  return createHash('sha256').update(f.evidence.map(evidenceKey).join('\n')).digest('hex');
}

export function issueTitle(f: Finding): string {
  // titles are plain text, not Markdown, but they leave the process like the body: secrets are redacted
  const t = redact(`[${f.severity}] ${f.rule}: ${f.summary}`).replace(/[\r\n]+/g, ' ');
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

/** Issue body: hidden markers first (the fingerprint finds the issue again, the evidence hash tells if it changed). */
export function issueBody(f: Finding, opts: MarkdownOptions = {}): string {
  return [
    `<!-- imagegate:finding:${f.fingerprint} -->`,
    `<!-- imagegate:evidence:${evidenceHash(f)} -->`,
    `<!-- imagegate:device:${encodeURIComponent(f.device)} -->`,
    findingSection(f, opts, '##'),
    '---',
    `_Filed by imagegate reconcile. Close as **not planned** to suppress this finding until its evidence changes. Device: ${mdInline(f.device)}._`,
    '',
  ].join('\n');
}

/** The hidden markers of an issue body; only its first three lines count, so a marker quoted in evidence cannot. */
export function parseFindingMarker(body: string | null | undefined): { fingerprint: string; evidence: string | null; device: string | null } | null {
  if (!body) return null;
  const m = FINDING_MARKER.exec(body);
  if (!m?.[1]) return null;
  const head = body.split('\n').slice(0, 3).join('\n');
  const dev = /^<!-- imagegate:device:(\S*) -->$/m.exec(head)?.[1];
  let device: string | null = null;
  try {
    device = dev === undefined ? null : decodeURIComponent(dev);
  } catch {
    // a hand-edited marker: the issue is still ours, just not tied to a device
  }
  return { fingerprint: m[1], evidence: EVIDENCE_MARKER.exec(head)?.[1] ?? null, device };
}

/** Everything the GitHub sync needs for one finding. */
export function issueItem(f: Finding, at: string, opts: MarkdownOptions = {}) {
  return {
    fingerprint: f.fingerprint,
    evidence: evidenceHash(f),
    device: f.device,
    title: issueTitle(f),
    body: issueBody(f, opts),
    labels: ['imagegate', `severity:${f.severity}`, f.rule],
    updateComment: `New evidence at reconcile run ${mdInline(at)}: ${f.evidence.length} item${f.evidence.length === 1 ? '' : 's'}; the description above is updated.`,
  };
}

export function resolvedComment(at: string): string {
  return `No longer observed by the reconcile run at ${mdInline(at)}: closing. It reopens if the finding comes back.`;
}
