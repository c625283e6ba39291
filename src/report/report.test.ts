import { ATTACK, type Finding } from '../model/finding.js';
import { upgrade } from '../reconcile/__fixtures__/synthetic.js';
import { codeBlock, mdInline, mermaidLabel } from './escape.js';
import { evidenceHash, issueBody, issueTitle, parseFindingMarker } from './issue-body.js';
import { renderJson, toFindingsFile } from './json.js';
import { renderMarkdown } from './markdown.js';
import { windowVerdicts } from './window-verdict.js';

const FP = 'f'.repeat(64);
const HOSTILE = 'copy tftp://10.9.9.9/x.bin flash: ``` <!-- imagegate:finding:' + '0'.repeat(64) + ' --> <script>alert(1)</script> @octocat | **bold** [x](http://evil)';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'tamper-sequence',
    severity: 'critical',
    device: 'fra1-acc-01',
    summary: `fra1-acc-01: ${HOSTILE}`,
    reasons: ['outside window: x'],
    evidence: [
      { kind: 'log', path: '/var/log/net/fra1.log', line: 4, ts: '2026-12-05T05:00:00.000Z', raw: HOSTILE, clock: 'synced' },
      { kind: 'log', path: '/var/log/net/fra1.log', line: 5, ts: '1993-03-01T00:10:00.000Z', raw: 'boot system flash:x.bin', clock: 'unsynced' },
      { kind: 'state', fact: 'sha512', value: 'e'.repeat(8), expected: 'b'.repeat(8), collectedAt: '2026-12-05T08:00:00.000Z' },
    ],
    authorization: { commit: upgrade().commit, ticket: 'CHG-1001', pr: 12 },
    attack: ATTACK,
    clock: 'unsynced',
    fingerprint: FP,
    ...over,
  };
}

describe('escaping hostile device text', () => {
  it('inline text renders literally: no HTML, no links, no mentions, no table breaks', () => {
    const s = mdInline(HOSTILE);
    expect(s).not.toMatch(/<script|<!--|[^\\]\||[^\\]\]\(/);
    expect(s).toContain('&lt;script&gt;');
    expect(s).toContain('@\u200boctocat');
    expect(s).toContain('\\*\\*bold\\*\\*');
  });

  it('device text cannot cross-reference issues or pull requests (#12, GH-12)', () => {
    const s = mdInline('see #12 and gh-7 and owner/repo#3, but keep #tag');
    expect(s).not.toMatch(/#\d|GH-\d/i);
    expect(s).toContain('\\#\u200b12');
    expect(s).toContain('gh\u200b-7');
    expect(s).toContain('\\#tag');
  });

  it('a code block cannot be closed by backticks inside it, and fake markers are broken', () => {
    const b = codeBlock(['a ``` b', 'c ```` d', '<!-- imagegate:finding:x -->']);
    expect(b.startsWith('`````text\n')).toBe(true);
    expect(b.endsWith('\n`````')).toBe(true);
    expect(b).not.toContain('<!--');
  });

  it('secrets from the environment never reach a report', () => {
    process.env['IMAGEGATE_TEST_PASSWORD'] = 'hunter2-secret';
    try {
      const f = finding({ evidence: [{ kind: 'log', path: 'a.log', line: 1, ts: '2026-12-05T05:00:00.000Z', raw: 'password hunter2-secret', clock: 'synced' }] });
      const md = renderMarkdown({ at: '2026-12-05T08:00:00.000Z', findings: [f], suppressedCount: 0, coverage: cov() });
      expect(md).not.toContain('hunter2-secret');
      expect(md).toContain('[REDACTED]');
      expect(renderJson(toFindingsFile({ at: 'x', findings: [f], suppressed: [], coverage: cov() }, 'now'))).not.toContain('hunter2-secret');
    } finally {
      delete process.env['IMAGEGATE_TEST_PASSWORD'];
    }
  });

  it('Mermaid labels keep only safe characters', () => {
    expect(mermaidLabel('CHG-1:2;#3 <b>')).toBe('CHG-1 2 3 b');
  });
});

function cov() {
  return { devicesExpected: 2, verified: 1, unverified: [{ device: 'fra1-acc-02', reason: 'timeout' }], eventFiles: [{ path: '/var/log/net/fra1.log', lines: 10, events: 3, skipped: 1 }] };
}

describe('markdown report', () => {
  it('has a summary table, each finding with evidence, and a gantt of windows and events', () => {
    const md = renderMarkdown(
      { at: '2026-12-05T08:00:00.000Z', findings: [finding()], suppressedCount: 1, coverage: cov() },
      { authorizations: () => [upgrade()], repoUrl: 'https://github.com/acme/net' },
    );
    expect(md).toContain('| 1 | critical | `tamper-sequence` | fra1-acc-01 |');
    expect(md).toContain('Unverified (never counted as compliant): fra1-acc-02 (timeout)');
    expect(md).toContain('| /var/log/net/fra1.log | 10 | 3 | 1 |');
    expect(md).toContain('[PR #12](https://github.com/acme/net/pull/12)');
    expect(md).toContain('T1601.001');
    expect(md).toMatch(/```mermaid\ngantt\n/);
    expect(md).toContain('  CHG-1001 PR 12 :active, w0, 2026-12-05 00:00:00, 2026-12-05 04:00:00');
    expect(md).toContain('  fra1.log line 4 :crit, milestone, e0, 2026-12-05 05:00:00, 1m');
    // the 1993 (unsynchronized) event is in the evidence but not on the chart
    expect(md).toContain('clock unsynced');
    expect(md).not.toContain('1993-03-01 00:10:00');
    // one summary row per finding, no row broken by hostile pipes
    expect(md.split('\n').filter((l) => l.startsWith('| 1 |'))[0]?.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('says so when there are no findings', () => {
    expect(renderMarkdown({ at: '2026-12-05T08:00:00.000Z', findings: [], suppressedCount: 0, coverage: cov() })).toContain('**No findings.**');
  });
});

describe('issue body', () => {
  it('starts with the markers; a hostile marker in the evidence does not count', () => {
    const body = issueBody(finding());
    expect(parseFindingMarker(body)).toEqual({ fingerprint: FP, evidence: evidenceHash(finding()), device: 'fra1-acc-01' });
    expect(parseFindingMarker(`text\n<!-- imagegate:finding:${FP} -->`)).toBeNull();
    expect(body.match(/<!-- imagegate:finding:/g)).toHaveLength(1);
  });

  it('the evidence hash follows what the evidence says, not where the file sits', () => {
    const a = finding();
    const moved = finding({ evidence: a.evidence.map((e) => (e.kind === 'log' ? { ...e, path: `/archive${e.path}`, line: e.line + 9 } : e)) });
    expect(evidenceHash(moved)).toBe(evidenceHash(a));
    const more = finding({ evidence: [...a.evidence, { kind: 'log', path: 'b.log', line: 1, ts: '2026-12-05T06:00:00.000Z', raw: 'reload', clock: 'synced' }] });
    expect(evidenceHash(more)).not.toBe(evidenceHash(a));
  });

  it('titles are one line and bounded', () => {
    const t = issueTitle(finding({ summary: `a\nb${'x'.repeat(400)}` }));
    expect(t).not.toContain('\n');
    expect(t.length).toBeLessThanOrEqual(200);
  });
});

describe('window verification', () => {
  const result = (findings: Finding[], unverified: string[] = []) => ({
    at: '2026-12-05T08:00:00.000Z',
    findings,
    suppressed: [],
    coverage: { devicesExpected: 2, verified: 2 - unverified.length, unverified: unverified.map((device) => ({ device, reason: 'timeout' })), eventFiles: [] },
  });

  it('says "completed as approved" only for a verified device without findings, once the window closed', () => {
    const closed = upgrade();
    const open = upgrade({ commit: '2'.repeat(40), window: { start: '2026-12-05T07:00:00Z', end: '2026-12-05T09:00:00Z' } });
    const ok = windowVerdicts(result([]), [closed, open]);
    expect(ok.map((v) => [v.commit, v.ok])).toEqual([[closed.commit, true]]);
    expect(ok[0]?.comment).toContain('Completed as approved');
    const bad = windowVerdicts(result([finding()]), [closed]);
    expect(bad[0]?.ok).toBe(false);
    expect(bad[0]?.comment).toContain('`tamper-sequence`');
    const md = renderMarkdown({ ...result([finding()]), suppressedCount: 0, windows: bad });
    expect(md).toContain('| fra1-acc-01 | 2026-12-05T00:00 .. 2026-12-05T04:00 | CHG-1001 | PR #12 | 1 finding on the device |');
    const unverified = windowVerdicts(result([], ['fra1-acc-01']), [closed]);
    expect([unverified[0]?.ok, unverified[0]?.comment]).toEqual([false, expect.stringContaining('Not verified')]);
  });
});
