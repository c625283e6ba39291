import type { Authorization } from '../model/authorization.js';
import type { Evidence, Finding } from '../model/finding.js';
import type { Coverage } from '../reconcile/types.js';
import { codeBlock, mdInline } from './escape.js';
import { deviceTimeline } from './timeline.js';
import type { WindowVerdictText } from './window-verdict.js';

export interface MarkdownOptions {
  /** Authorizations of a device, for the windows in its timeline. */
  authorizations?: (device: string) => Authorization[];
  /** Base URL of the repository (`https://github.com/o/r`) for commit and PR links. */
  repoUrl?: string;
}

const BADGE: Record<string, string> = { critical: '🔴 critical', high: '🟠 high', medium: '🟡 medium', low: '🔵 low', info: '⚪ info' };

export function evidenceLine(e: Evidence): string {
  if (e.kind === 'log') return `${e.path}:${e.line} [${e.ts}${e.clock === 'synced' ? '' : `, clock ${e.clock}`}] ${e.raw}`;
  if (e.kind === 'state') return `state ${e.fact}: ${e.value}${e.expected !== undefined ? ` (expected ${e.expected})` : ''} [collected ${e.collectedAt}]`;
  return `${e.file}:${e.line}${e.commit ? ` @${e.commit.slice(0, 12)}` : ''}: ${e.text}`;
}

function authorizationText(f: Finding, opts: MarkdownOptions): string {
  const a = f.authorization;
  if (!a) return 'none: no authorization in git covers this device';
  const commit = /^[0-9a-f]{7,40}$/.test(a.commit) ? a.commit.slice(0, 12) : mdInline(a.commit);
  const link = opts.repoUrl ? `[${commit}](${opts.repoUrl}/commit/${encodeURIComponent(a.commit)})` : `\`${commit}\``;
  const pr = a.pr === null ? 'no PR' : opts.repoUrl ? `[PR #${a.pr}](${opts.repoUrl}/pull/${a.pr})` : `PR #${a.pr}`;
  return `commit ${link}, ${pr}, ticket ${a.ticket === null ? 'none' : mdInline(a.ticket)}`;
}

/** One finding as Markdown: summary, reasons, authorization checked, ATT&CK, evidence and the device timeline. */
export function findingSection(f: Finding, opts: MarkdownOptions, heading = '###'): string {
  const out: string[] = [];
  out.push(`${heading} ${BADGE[f.severity] ?? f.severity} · \`${f.rule}\` · ${mdInline(f.device)}`, '');
  out.push(mdInline(f.summary), '');
  out.push('**Why it is outside any approved merge**', '');
  for (const r of f.reasons) out.push(`- ${mdInline(r)}`);
  out.push('');
  out.push(`**Authorization checked:** ${authorizationText(f, opts)}  `);
  out.push(
    `**ATT&CK:** [${f.attack.technique}](https://attack.mitre.org/techniques/T1601/001/) (${f.attack.parent}), analytic ${f.attack.analytic}, detection strategy ${f.attack.detectionStrategy}  `,
  );
  const clock =
    f.clock === 'synced'
      ? 'synchronized'
      : f.clock === 'inferred-year'
        ? 'year inferred (the log format has none)'
        : `${f.clock === 'uptime' ? 'uptime only' : 'not synchronized'}: times in this finding may be wrong, the finding stands`;
  out.push(`**Clock:** ${clock}  `);
  out.push(`**Fingerprint:** \`${f.fingerprint.slice(0, 16)}\``, '');
  out.push('**Evidence**', '', codeBlock(f.evidence.map(evidenceLine)), '');
  const chart = deviceTimeline(f, opts.authorizations?.(f.device) ?? []);
  if (chart) out.push(chart, '');
  return out.join('\n');
}

export interface MarkdownReportInput {
  at: string;
  findings: Finding[];
  suppressedCount: number;
  coverage: Coverage;
  /** Change windows that have closed, with their verification result. */
  windows?: WindowVerdictText[];
}

function windowsSection(windows: WindowVerdictText[], opts: MarkdownOptions): string[] {
  if (windows.length === 0) return [];
  const out = ['## Change windows closed', '', '| Device | Window (UTC) | Ticket | Change | Result |', '| --- | --- | --- | --- | --- |'];
  for (const w of windows) {
    const a = w.authorization;
    const span = a.window ? `${new Date(a.window.start).toISOString().slice(0, 16)} .. ${new Date(a.window.end).toISOString().slice(0, 16)}` : '-';
    const change = a.pr !== null ? (opts.repoUrl ? `[PR #${a.pr}](${opts.repoUrl}/pull/${a.pr})` : `PR #${a.pr}`) : `\`${a.commit.slice(0, 12)}\``;
    const result = w.ok ? 'completed as approved' : !w.verified ? 'not verified' : `${w.findings} finding${w.findings === 1 ? '' : 's'} on the device`;
    out.push(`| ${mdInline(a.device)} | ${span} | ${a.ticket === null ? '-' : mdInline(a.ticket)} | ${change} | ${result} |`);
  }
  out.push('');
  return out;
}

/** The whole report: coverage, a summary table, then every finding. */
export function renderMarkdown(r: MarkdownReportInput, opts: MarkdownOptions = {}): string {
  const out: string[] = ['# imagegate reconcile report', ''];
  const c = r.coverage;
  out.push(`Reconciled at ${r.at}: ${c.devicesExpected} devices expected, ${c.verified} verified, ${c.unverified.length} unverified.`, '');
  if (c.unverified.length > 0) {
    out.push('Unverified (never counted as compliant): ' + c.unverified.map((u) => `${mdInline(u.device)} (${mdInline(u.reason)})`).join(', '), '');
  }
  if (c.eventFiles.length > 0) {
    out.push('| Event file | Lines | Events | Skipped |', '| --- | ---: | ---: | ---: |');
    for (const f of c.eventFiles) out.push(`| ${mdInline(f.path)} | ${f.lines} | ${f.events} | ${f.skipped} |`);
    out.push('');
  }
  out.push(...windowsSection(r.windows ?? [], opts));
  if (r.findings.length === 0) {
    out.push(`**No findings.**${r.suppressedCount ? ` (${r.suppressedCount} suppressed by policy)` : ''}`, '');
    return out.join('\n');
  }
  out.push(`## Summary: ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}${r.suppressedCount ? `, ${r.suppressedCount} suppressed by policy` : ''}`, '');
  out.push('| # | Severity | Rule | Device | Summary |', '| ---: | --- | --- | --- | --- |');
  r.findings.forEach((f, i) => out.push(`| ${i + 1} | ${f.severity} | \`${f.rule}\` | ${mdInline(f.device)} | ${mdInline(f.summary)} |`));
  out.push('', '## Findings', '');
  for (const f of r.findings) out.push(findingSection(f, opts));
  return out.join('\n');
}
