import type { Authorization } from '../model/authorization.js';
import type { Finding } from '../model/finding.js';
import { isUntrustedClock } from '../reconcile/evidence.js';
import { baseName } from '../reconcile/fingerprint.js';
import { mermaidLabel } from './escape.js';

/** `2026-12-05 01:00:00` in UTC, the dateFormat the chart declares. */
function mermaidTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A Mermaid gantt of one finding's device, which GitHub renders in issues and Markdown files: the device's
 * change windows as bars, the finding's log events as milestones, all in UTC. Events with an untrusted
 * clock are listed under the chart instead: their times would put them years away.
 */
export function deviceTimeline(finding: Finding, auths: Authorization[]): string | null {
  const logs = finding.evidence.filter((e) => e.kind === 'log');
  const plotted = logs.filter((e) => !isUntrustedClock(e.clock) && !Number.isNaN(Date.parse(e.ts)));
  const windows = auths.filter((a) => a.window !== null);
  if (plotted.length === 0) return null;
  const lines = ['```mermaid', 'gantt', `  title ${mermaidLabel(finding.device)} (UTC)`, '  dateFormat YYYY-MM-DD HH:mm:ss', '  axisFormat %m-%d %H:%M'];
  if (windows.length > 0) {
    lines.push('  section Windows');
    windows.forEach((a, i) => {
      if (!a.window) return;
      const label = mermaidLabel(`${a.ticket ?? a.commit.slice(0, 7)}${a.pr !== null ? ` PR ${a.pr}` : ''}${a.status !== 'active' ? ` ${a.status}` : ''}`);
      lines.push(`  ${label} :${a.status === 'active' ? 'active' : 'done'}, w${i}, ${mermaidTime(a.window.start)}, ${mermaidTime(a.window.end)}`);
    });
    lines.push('  section Merges');
    windows.forEach((a, i) => lines.push(`  merged ${mermaidLabel(a.commit.slice(0, 7))} :milestone, m${i}, ${mermaidTime(a.mergedAt)}, 1m`));
  }
  lines.push('  section Events');
  plotted.forEach((e, i) => {
    lines.push(`  ${mermaidLabel(`${baseName(e.path)} line ${e.line}`)} :crit, milestone, e${i}, ${mermaidTime(e.ts)}, 1m`);
  });
  lines.push('```');
  return lines.join('\n');
}
