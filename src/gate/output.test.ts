import { escapeData, escapeProperty, renderAnnotations, renderMarkdown, renderText, GATE_MARKER } from './output.js';
import { finish } from './runner.js';
import type { GateFinding } from './types.js';

const result = (findings: GateFinding[]) =>
  finish(
    {
      base: 'a'.repeat(40),
      head: 'b'.repeat(40),
      mergeBase: 'a'.repeat(40),
      at: '2026-12-01T12:00:00.000Z',
      changes: [],
      protectedPaths: [],
      emergency: { requested: false, granted: false },
      approvals: null,
    },
    findings,
  );

test('workflow-command escaping keeps hostile values on one line and inside their property', () => {
  expect(escapeData('50%\r\n::error::x')).toBe('50%25%0D%0A::error::x');
  expect(escapeProperty('a,b:c\nd')).toBe('a%2Cb%3Ac%0Ad');
  const text = renderAnnotations(result([{ rule: 'window-length', severity: 'error', file: 'devices/x,y:z.yaml', line: 3, message: 'bad\n::set-env name=X::1' }]));
  expect(text).toBe('::error file=devices/x%2Cy%3Az.yaml,line=3,title=imagegate window-length::bad%0A::set-env name=X::1\n');
});

test('at most 10 errors are annotated, the gravest first, and a notice points to the summary', () => {
  const findings: GateFinding[] = [];
  for (let i = 0; i < 12; i++) findings.push({ rule: 'window-length', severity: 'error', file: `devices/f/d${i}.yaml`, line: 1, message: `long ${i}` });
  findings.push({ rule: 'image-approved-on-base', severity: 'error', file: 'devices/f/z.yaml', line: 9, message: 'not approved' });
  const lines = renderAnnotations(result(findings)).trim().split('\n');
  expect(lines).toHaveLength(11);
  expect(lines[0]).toMatch(/imagegate image-approved-on-base::not approved/);
  expect(lines[10]).toBe('::notice title=imagegate::3 more findings are listed in the job summary');
  const md = renderMarkdown(result(findings));
  expect(md.match(/^- <code>/gm)).toHaveLength(13);
});

test('the comment carries the marker once; Markdown, HTML and mentions in messages render literally', () => {
  const md = renderMarkdown(result([{ rule: 'r', severity: 'error', file: 'f', line: 1, message: '@team <!-- imagegate:gate --> [x](http://e) **b**' }]), { marker: true });
  expect(md.startsWith(`${GATE_MARKER}\n`)).toBe(true);
  expect(md.split(GATE_MARKER)).toHaveLength(2);
  expect(md).toContain('@\u200bteam &lt;\\!-- imagegate:gate --&gt; \\[x\\]\\(http://e\\) \\*\\*b\\*\\*');
});

test('the text report, printed in the step log, cannot start a workflow command', () => {
  const text = renderText(result([{ rule: 'r', severity: 'error', file: 'f', line: 1, message: 'x\n::add-mask::y\n##[error]z' }]));
  expect(text).not.toMatch(/^::/m);
  expect(text).not.toContain('##[');
});
