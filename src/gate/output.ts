/**
 * The gate's result for people and machines: text, JSON, GitHub workflow-command annotations, and the
 * Markdown of the job summary and the sticky PR comment. Values from YAML, devices and commit messages are
 * escaped for each medium: workflow commands cannot be injected, Markdown cannot ping or break out.
 */
import { formatProblem } from '../model/problem.js';
import { codeBlock, mdInline } from '../report/index.js';
import { redact } from '../util/redact.js';
import { defuseWorkflowCommands } from '../util/workflow-commands.js';
import type { GateResult } from './runner.js';
import type { GateFinding } from './types.js';

export const GATE_MARKER = '<!-- imagegate:gate -->';
/** GitHub shows at most 10 error and 10 warning annotations per step. */
export const MAX_ANNOTATIONS = 10;

/** Workflow-command data: `%`, CR and LF are escaped so a value cannot end the command and start another. */
export function escapeData(text: string): string {
  return redact(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values also escape `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: GateFinding): string {
  const level = f.severity === 'error' ? 'error' : 'warning';
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `title=${escapeProperty(`imagegate ${f.rule}`)}`].join(',');
  return `::${level} ${props}::${escapeData(f.hint ? `${f.message}. Fix: ${f.hint}` : f.message)}`;
}

/** Annotations for the highest-ranked findings; one notice says how many more the summary lists. */
export function renderAnnotations(result: GateResult, max = MAX_ANNOTATIONS): string {
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const lines = [...errors.slice(0, max), ...warnings.slice(0, max)].map(annotation);
  const hidden = Math.max(0, errors.length - max) + Math.max(0, warnings.length - max);
  if (hidden > 0) lines.push(`::notice title=imagegate::${escapeData(`${hidden} more findings are listed in the job summary`)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function renderText(result: GateResult): string {
  const lines = [
    `imagegate check ${result.base.slice(0, 12)}..${result.head.slice(0, 12)}: ${result.passed ? 'PASS' : 'FAIL'} (${result.errors} errors, ${result.warnings} warnings)`,
  ];
  for (const c of result.changes) {
    lines.push(`  ${c.device}: ${c.fromImage ?? '(new)'} -> ${c.toImage ?? '(removed)'}${c.window ? ` in ${c.window.start} .. ${c.window.end}` : ''}`);
  }
  for (const f of result.findings) lines.push(`${f.severity}: ${formatProblem(f)}`);
  // printed to the step log: a file name or value with a line break must not start a workflow command
  return `${defuseWorkflowCommands(redact(lines.join('\n')))}\n`;
}

export function renderJson(result: GateResult): string {
  return `${redact(JSON.stringify(result, null, 2))}\n`;
}

const code = (text: string): string => `<code>${mdInline(text)}</code>`;

/** The job summary and the PR comment (the comment adds the hidden marker). */
export function renderMarkdown(result: GateResult, options: { marker?: boolean; maxRows?: number } = {}): string {
  const max = options.maxRows ?? Number.POSITIVE_INFINITY;
  const more = (n: number): string[] => (n > max ? [`- ... and ${n - max} more (\`imagegate check --format json\` lists them all)`] : []);
  const out: string[] = [];
  if (options.marker) out.push(GATE_MARKER);
  const verdict = result.passed ? '✅ passed' : '❌ failed';
  out.push(`## imagegate gate: ${verdict}`, '');
  out.push(`${result.errors} errors, ${result.warnings} warnings. Base ${code(result.base.slice(0, 12))}, head ${code(result.head.slice(0, 12))}, checked at ${mdInline(result.at)}.`, '');
  if (result.emergency.requested) {
    out.push(result.emergency.granted ? '**Emergency change**: the extra approvals are in; lead time and maintenance windows are relaxed (called out below).' : '**Emergency label** present, but the extra emergency approvals are not: nothing is relaxed.', '');
  }
  if (result.changes.length > 0) {
    out.push('### Changes', '', '| Device | From | To | Window | Executor | Ticket |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of result.changes.slice(0, max)) {
      const from = c.fromImage ? `${mdInline(c.fromImage)}${c.fromVersion ? ` (${mdInline(c.fromVersion)})` : ''}` : '(new device)';
      const to = c.toImage ? `${mdInline(c.toImage)}${c.toVersion ? ` (${mdInline(c.toVersion)})` : ''}` : '(removed)';
      const window = c.window ? `${mdInline(c.window.start)} to ${mdInline(c.window.end)}` : '';
      out.push(`| ${mdInline(c.device)} | ${from} | ${to} | ${window} | ${mdInline(c.executor ?? '')} | ${mdInline(c.ticket ?? '')} |`);
    }
    out.push('', ...more(result.changes.length), '');
  }
  if (result.approvals) {
    const a = result.approvals;
    out.push('### Approvals', '', `${a.counted.length} of ${a.required} counted on the head commit${a.counted.length ? `: ${a.counted.map(mdInline).join(', ')}` : ''}.`);
    for (const i of a.ignored) out.push(`- not counted: ${mdInline(i.login)}: ${mdInline(i.reason)}`);
    out.push('');
  }
  if (result.protectedPaths.length > 0) {
    out.push(`This PR changes protected paths (${result.protectedPaths.slice(0, 10).map(code).join(', ')}${result.protectedPaths.length > 10 ? ', ...' : ''}): the policy owners must approve.`, '');
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const item = (f: GateFinding): string => `- ${code(`${f.file}:${f.line}`)} ${code(f.rule)}: ${mdInline(f.message)}${f.hint ? ` (fix: ${mdInline(f.hint)})` : ''}`;
  if (errors.length > 0) out.push('### Missing before this may merge', '', ...errors.slice(0, max).map(item), ...more(errors.length), '');
  if (warnings.length > 0) out.push('### Called out', '', ...warnings.slice(0, max).map(item), ...more(warnings.length), '');
  if (result.findings.length === 0) out.push('Nothing to report.', '');
  out.push('<details><summary>Machine-readable result</summary>', '', codeBlock([JSON.stringify({ version: result.version, passed: result.passed, errors: result.errors, warnings: result.warnings, base: result.base, head: result.head })], 'json'), '', '</details>');
  return `${out.join('\n')}\n`;
}
