/**
 * Every parser of text that someone else wrote, fed hostile text: device and policy YAML, every log source,
 * the iCalendar writer (round trip through ical.js), the GitHub workflow-command and Markdown escaping, the
 * issue markers. No crash, no hang, failures only as known errors, and no fact that the input did not hold.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { readStateFile } from '../../src/cli/reconcile.js';
import { parseSshConfig } from '../../src/collect/index.js';
import { ImagegateError, InputError } from '../../src/errors.js';
import { parseGateEvent } from '../../src/gate/event.js';
import { FLEET } from '../../src/events/__fixtures__/devices.js';
import { createSummary, readEvents, sources } from '../../src/events/index.js';
import type { Observation } from '../../src/events/types.js';
import { escapeData, escapeProperty, renderAnnotations, renderMarkdown as gateMarkdown } from '../../src/gate/output.js';
import type { GateResult } from '../../src/gate/runner.js';
import { writeCalendar, type IcsEvent } from '../../src/ledger/ics.js';
import { ATTACK, type Finding } from '../../src/model/finding.js';
import { codeBlock, issueBody, mdInline, mermaidLabel, parseFindingMarker } from '../../src/report/index.js';
import { loadRepo, memoryTree, parseYamlFile } from '../../src/repo/index.js';
import { readExampleFleet } from '../../src/repo/example-fleet.js';
import { runValidateRules } from '../../src/validate/index.js';
import { anyText, bounded, mutatedLines, repeated, runs, testTimeoutMs } from './fuzz.js';

jest.setTimeout(testTimeoutMs);
const ROOT = join(import.meta.dirname, '..', '..');
const fleet = readExampleFleet(ROOT);
const fleetLines = Object.values(fleet).flatMap((t) => t.split('\n'));

describe('YAML loading (src/repo)', () => {
  test('any bytes: a value with a line map, or problems that name the file and a line inside it; never a throw', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      anyText(400).map((s) => new TextEncoder().encode(s)),
      mutatedLines(fleetLines, 30).map((s) => new TextEncoder().encode(s)),
      repeated().map((s) => new TextEncoder().encode(s)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const r = bounded('parseYamlFile', new TextDecoder().decode(b), () => parseYamlFile('devices/x/y.yaml', b));
        if (r.ok) {
          expect(r.source.file).toBe('devices/x/y.yaml');
          return;
        }
        // YAML breaks lines at CR, LF and CRLF
        const lines = new TextDecoder().decode(b).split(/\r\n|\r|\n/).length;
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) {
          expect(p).toMatchObject({ file: 'devices/x/y.yaml', severity: 'error', kind: 'input' });
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines + 1);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      runs(400),
    );
  });

  test('the example fleet with one file mutated: loads and validates, or says file:line for every problem', async () => {
    const paths = Object.keys(fleet).sort();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), mutatedLines(fleetLines, 25), fc.boolean(), async (path, junk, append) => {
        const files = { ...fleet, [path]: append ? `${fleet[path] ?? ''}\n${junk}` : junk };
        let loaded;
        try {
          loaded = await loadRepo(memoryTree(files));
        } catch (err: unknown) {
          expect(err).toBeInstanceOf(ImagegateError);
          return;
        }
        const all = [...loaded.problems, ...(loaded.model ? runValidateRules(loaded.model) : [])];
        for (const p of all) {
          expect(Object.keys(files)).toContain(p.file);
          expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
          expect(p.message).not.toMatch(/TypeError|undefined is not|Cannot read prop/);
        }
      }),
      runs(25),
    );
  });
});

/** Every line of the event fixtures (real corpus lines and lines written from vendor formats). */
function fixtureLines(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!/\.(ts|tsv)$/.test(name)) out.push(...readFileSync(full, 'utf8').split('\n').filter((l) => l.trim() !== ''));
    }
  };
  walk(join(ROOT, 'src', 'events', '__fixtures__'));
  return out;
}

describe('log sources (src/events/sources)', () => {
  const lines = fixtureLines();
  const lower = (s: string): string => s.toLowerCase();

  test.each(sources.map((s) => [s.id, s]))('%s: any line gives an observation, nothing, or a skip reason; every name in it is in the line', (_id, source) => {
    const line = fc.oneof(anyText(300), repeated(), mutatedLines(lines, 1), fc.constantFrom(...lines));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (batch) => {
        // a source may keep per-file state (a Zeek header): feed a few lines through one context
        const ctx = { path: 'fuzz.log', state: new Map<string, unknown>() };
        for (const l of batch) {
          const r = bounded(`${source.id}.parse`, l, () => source.parse(l, ctx));
          if (r === null || 'skip' in r) {
            if (r) expect(typeof r.skip).toBe('string');
            continue;
          }
          const o = r as Observation;
          if (o.event) continue; // NDJSON read back: checked as a whole by readEvents below
          const seen = lower(batch.join('\n'));
          expect(seen).toContain(lower(o.host));
          if (o.actor) expect(seen).toContain(lower(o.actor));
          if (o.file) expect(seen).toContain(lower(o.file.split(/[/:]/).pop() ?? ''));
          if (o.peer) expect(seen).toContain(lower(o.peer));
        }
      }),
      runs(150),
    );
  });

  test('readEvents over a hostile file: every event is of a known device or host named in the file; nothing throws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ig-fuzz-events-'));
    try {
      await fc.assert(
        fc.asyncProperty(mutatedLines(lines, 40), fc.constantFrom(undefined, ...sources.map((s) => s.id)), async (text, source) => {
          const file = join(dir, 'hostile.log');
          writeFileSync(file, text);
          const summary = createSummary();
          for await (const e of readEvents([file], { devices: FLEET, year: 2026, summary, ...(source ? { source } : {}) })) {
            expect(e.source.line).toBeGreaterThanOrEqual(1);
            expect(Number.isNaN(Date.parse(e.ts))).toBe(false);
            if (e.device) expect(FLEET.map((d) => d.name)).toContain(e.device);
          }
          expect(summary.files).toHaveLength(1);
        }),
        runs(40),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('iCalendar writer (src/ledger/ics.ts) round trip through ical.js', () => {
  // TEXT cannot carry control characters (RFC 5545 3.3.11): the writer turns them into spaces and line ends into \n
  const expected = (s: string): string =>
    s
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/\r\n|\r/g, '\n')
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');

  test('arbitrary summary, description, UID and categories read back as written; every line within 75 octets', () => {
    const event = fc.record({
      uid: anyText(80).filter((s) => s.trim() !== ''),
      summary: anyText(200),
      description: anyText(400),
      categories: fc.array(anyText(20).filter((s) => s !== '' && !s.includes(',')), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(event, anyText(40), (e, name) => {
        const ev: IcsEvent = {
          uid: e.uid, dtstamp: '2026-12-01T00:00:00Z', start: '2026-12-12T07:00:00Z', end: '2026-12-12T09:00:00Z',
          summary: e.summary, description: e.description, status: 'CONFIRMED', sequence: 0, categories: e.categories,
        };
        const ics = writeCalendar([ev], { name });
        for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        const cal = new ICAL.Component(ICAL.parse(ics));
        const vevents = cal.getAllSubcomponents('vevent');
        expect(vevents).toHaveLength(1);
        const v = vevents[0]!;
        expect(v.getFirstPropertyValue('summary') ?? '').toBe(expected(e.summary));
        expect(v.getFirstPropertyValue('description') ?? '').toBe(expected(e.description));
        expect(v.getFirstPropertyValue('uid')).toBe(expected(e.uid));
        // ical.js keeps an X- property's value as written: unescape its TEXT by hand
        const calname = String(cal.getFirstPropertyValue('x-wr-calname') ?? '').replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
        expect(calname).toBe(expected(name));
        expect(cal.getAllProperties().map((p) => p.name)).toEqual(['version', 'prodid', 'calscale', 'x-wr-calname']);
        if (e.categories.length > 0) expect(v.getFirstProperty('categories')?.getValues()).toEqual(e.categories.map(expected));
        // hostile text cannot add a property or a component
        expect(v.getAllProperties().map((p) => p.name).sort()).toEqual(
          ['categories', 'description', 'dtend', 'dtstamp', 'dtstart', 'sequence', 'status', 'summary', 'uid'].filter((n) => n !== 'categories' || e.categories.length > 0),
        );
      }),
      runs(120),
    );
  });
});

/** Undoes workflow-command escaping the way the runner does. */
const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

describe('GitHub workflow commands and Markdown (src/gate/output.ts)', () => {
  const hostile = fc.oneof(anyText(200), fc.constantFrom('x\n::error::pwned', 'x%0A::set-output name=a::b', '::add-mask::x', 'a\r::stop-commands::t', 'f.yaml,line=9::x'));

  test('escaped data and properties hold no line end and read back as the text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const d = escapeData(text);
        const p = escapeProperty(text);
        expect(d).not.toMatch(/[\r\n]/);
        expect(p).not.toMatch(/[\r\n:,]/);
        expect(unescapeData(d)).toBe(text);
        expect(unescapeData(p)).toBe(text);
      }),
      runs(300),
    );
  });

  const result = (findings: Array<{ file: string; message: string; hint?: string; severity: 'error' | 'warning' }>): GateResult =>
    ({
      version: 1, base: 'a'.repeat(40), head: 'b'.repeat(40), at: '2026-12-01T00:00:00Z', passed: false,
      errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length,
      changes: [], protectedPaths: findings.map((f) => f.file), approvals: null, emergency: { requested: false, granted: false },
      findings: findings.map((f) => ({ rule: 'head-valid', line: 3, ...f })),
    }) as unknown as GateResult;

  test('annotations: one workflow command per finding, each with exactly file, line and title', () => {
    const finding = fc.record({ file: hostile, message: hostile, severity: fc.constantFrom('error' as const, 'warning' as const) });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 12 }), (fs) => {
        const out = renderAnnotations(result(fs));
        const lines = out.split('\n').filter((l) => l !== '');
        const shown = Math.min(10, fs.filter((f) => f.severity === 'error').length) + Math.min(10, fs.filter((f) => f.severity === 'warning').length);
        expect(lines.length).toBe(shown + (shown < fs.length ? 1 : 0));
        for (const l of lines) {
          const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(l);
          expect(m).not.toBeNull();
          if (m?.[1] !== 'notice') expect(m?.[2]?.split(',').map((kv) => kv.split('=')[0])).toEqual(['file', 'line', 'title']);
        }
      }),
      runs(80),
    );
  });

  test('the summary and PR comment: hostile text cannot open HTML, mention anyone or forge the hidden marker', () => {
    const finding = fc.record({ file: hostile, message: fc.oneof(hostile, fc.constantFrom('<!-- imagegate:gate -->', '@octocat', '<img src=x onerror=alert(1)>', '```\n# h')), severity: fc.constant('error' as const) });
    fc.assert(
      fc.property(fc.array(finding, { minLength: 1, maxLength: 4 }), (fs) => {
        const md = gateMarkdown(result(fs), { marker: true });
        expect(md.split('<!--').length - 1).toBe(1);
        expect(md).not.toMatch(/@[A-Za-z0-9]/);
        expect(md.startsWith('<!-- imagegate:gate -->\n')).toBe(true);
        expect(md.slice(24).replace(/<\/?(code|details|summary)>/g, '')).not.toMatch(/<[A-Za-z/!]/);
      }),
      runs(200),
    );
  });
});

describe('report Markdown (src/report)', () => {
  test('mdInline: one line, no HTML, no mention, no Markdown control character left unescaped', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(200), repeated(), fc.constantFrom('::error::x', '\u0001::add-mask::y', ' \n::x')), (text) => {
        const s = mdInline(text);
        expect(s).not.toMatch(/[\r\n<>]/);
        // printed to a step's log, a line that starts with `::` is a workflow command
        expect(s).not.toMatch(/^\s*::/);
        expect(s).not.toMatch(/@[^\u200b]/);
        expect(s).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        // every Markdown control character is preceded by a backslash
        expect(s.replace(/\\[\\`*_[\]{}()#+!|~]/g, '')).not.toMatch(/[`*_[\]{}()#+!|~]/);
      }),
      runs(250),
    );
  });

  test('codeBlock: the content can neither close the fence nor hide a marker', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText(80), fc.constantFrom('```', '````', '~~~', '<!-- imagegate:finding:x -->', '`'.repeat(20), '::error::x', ' \u0001::add-mask::y', 'a ##[set-output name=b;]c')), { maxLength: 8 }), (lines) => {
        const block = codeBlock(lines).split('\n');
        const fence = /^`+/.exec(block[0] ?? '')?.[0] ?? '';
        expect(fence.length).toBeGreaterThanOrEqual(3);
        expect(block[block.length - 1]).toBe(fence);
        for (const l of block.slice(1, -1)) expect(l.startsWith(fence)).toBe(false);
        expect(block.join('\n')).not.toContain('<!--');
        for (const l of block) expect(/^\s*::/.test(l) || l.includes('##[')).toBe(false);
      }),
      runs(150),
    );
  });

  test('Mermaid labels: only letters, digits and a few separators, bounded length', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(200), repeated()), fc.integer({ min: 1, max: 80 }), (text, max) => {
        const label = mermaidLabel(text, max);
        expect(label).toMatch(/^[A-Za-z0-9 ._/-]+$/);
        expect(label.length).toBeLessThanOrEqual(Math.max(max, 'event'.length));
      }),
      runs(200),
    );
  });

  test('issue bodies: hostile evidence cannot forge the finding marker that the sync looks issues up by', () => {
    const fp = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(fp, fp, anyText(100), fc.array(fc.oneof(anyText(120), fp.map((x) => `<!-- imagegate:finding:${x} -->`)), { maxLength: 4 }), (real, fake, summary, raws) => {
        const f: Finding = {
          rule: 'unauthorized-transfer', severity: 'high', device: `<!-- imagegate:finding:${fake} -->`, summary: `${summary}\n<!-- imagegate:finding:${fake} -->`,
          reasons: raws, authorization: null, attack: ATTACK, clock: 'synced', fingerprint: real,
          evidence: raws.map((raw, i) => ({ kind: 'log', path: '/var/log/x.log', line: i + 1, ts: '2026-12-12T10:00:00Z', raw, clock: 'synced' })),
        };
        const body = issueBody(f);
        expect(parseFindingMarker(body)?.fingerprint).toBe(real);
        expect(body.split('<!-- imagegate:finding:').length - 1).toBe(1);
      }),
      runs(100),
    );
  });
});

describe('other inputs a user or GitHub hands over', () => {
  test('SSH client config: any text parses or is an InputError naming the file', () => {
    const real = ['Host *', 'Host core-* !core-9', '  HostName 10.0.0.1', '  Port 2222', '  User svc-imagegate', '  IdentityFile ~/.ssh/id_ed25519', 'Match host x', 'Include other', '  Port 0', '  Port 99999', 'Host="a b"', '  ProxyCommand nc %h %p'];
    fc.assert(
      fc.property(fc.oneof(anyText(200), mutatedLines(real, 12), repeated()), (text) => {
        try {
          const cfg = bounded('parseSshConfig', text, () => parseSshConfig(text, 'ssh_config'));
          expect(typeof cfg).toBe('object');
        } catch (err: unknown) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).file).toBe('ssh_config');
        }
      }),
      runs(300),
    );
  });

  test('webhook payloads: any JSON gives a gate event whose shas and PR fields come from the payload; never a throw', () => {
    const shaLike = fc.stringMatching(/^[0-9a-f]{40}$/);
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({
        pull_request: fc.record({ number: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), head: fc.record({ sha: fc.oneof(shaLike, fc.jsonValue({ maxDepth: 1 })) }), base: fc.anything({ maxDepth: 2 }), labels: fc.anything({ maxDepth: 2 }), user: fc.anything({ maxDepth: 2 }) }, { requiredKeys: [] }),
        merge_group: fc.record({ head_sha: shaLike, base_sha: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
        repository: fc.record({ full_name: fc.oneof(fc.string(), fc.constant('a/b/c'), fc.constant('/x')) }, { requiredKeys: [] }),
      }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(payload, fc.constantFrom(undefined, 'pull_request', 'merge_group', 'push'), (p, name) => {
        const e = parseGateEvent(p, name);
        const text = JSON.stringify(p) ?? '';
        for (const v of [e.base, e.head, e.repo?.owner, e.repo?.repo, e.pr?.author, ...(e.pr?.labels ?? [])]) if (v) expect(text).toContain(JSON.stringify(v).slice(1, -1));
        if (e.pr?.number !== undefined && e.pr.number !== null) expect(Number.isInteger(e.pr.number)).toBe(true);
      }),
      runs(400),
    );
  });

  test('state files: a mutated state file is read, or refused with an InputError naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ig-fuzz-state-'));
    const good = JSON.stringify(
      { version: 1, kind: 'imagegate-state', generatedAt: '2026-12-12T16:00:00Z', devices: [{ device: 'a', platform: 'cisco_xe', collectedAt: '2026-12-12T16:00:00Z', status: 'ok', facts: { version: { version: '17.12.04' } } }] },
      null,
      2,
    );
    try {
      await fc.assert(
        fc.asyncProperty(mutatedLines(good.split('\n'), 14), async (text) => {
          const path = join(dir, 'state.json');
          writeFileSync(path, text);
          try {
            const s = await readStateFile(path);
            expect(s.kind).toBe('imagegate-state');
            for (const d of s.devices) expect(['ok', 'unverified']).toContain(d.status);
          } catch (err: unknown) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as InputError).file).toBe(path);
          }
        }),
        runs(150),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
