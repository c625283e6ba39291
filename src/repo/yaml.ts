import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, YAMLException, type Event } from 'js-yaml';
import type { Problem } from '../model/problem.js';
import type { SourceMap } from '../model/source.js';
import { fastParseYaml } from './yaml-fast.js';

/** Device and policy files are small; anything larger is the wrong file (an image, a log) and is refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ParsedYaml = { ok: true; value: unknown; source: SourceMap } | { ok: false; problems: Problem[] };

function inputProblem(file: string, line: number, rule: string, message: string, hint: string): Problem {
  return { rule, severity: 'error', file, line, message, hint, kind: 'input' };
}

/**
 * 1-based line of an offset. Events come in document order, so a cursor that moves forward answers almost
 * every call in a step or two; a binary search covers the rest.
 */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let cursor = 0;
  return (offset) => {
    if (offset >= (starts[cursor] ?? 0)) {
      while (cursor + 1 < starts.length && (starts[cursor + 1] ?? 0) <= offset) cursor++;
      return cursor + 1;
    }
    let lo = 0;
    let hi = cursor;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function escapeToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function syntaxHint(reason: string): string {
  if (/tab/i.test(reason)) return 'indent with spaces, never tabs';
  if (/indent/i.test(reason)) return 'line up keys of the same mapping in the same column, with spaces';
  if (/null byte|control char|non-printable/i.test(reason)) return 'the file is not YAML text; is it the right file?';
  if (/alias/i.test(reason)) return 'anchors and aliases are limited; write the value out';
  return 'check the indentation, colons and quotes on this line and the one before';
}

interface Frame {
  kind: 'doc' | 'map' | 'seq';
  /** JSON pointer of the collection. */
  pointer: string;
  container: Record<string, unknown> | unknown[] | null;
  index: number;
  expectingKey: boolean;
  key: string;
  keys: Set<string> | null;
}

/** Thrown inside the walk when the document needs js-yaml's full constructor (tags, anchors, complex keys). */
class NeedsFullConstructor extends Error {}

/**
 * Parses one YAML file into a value and a line for every JSON pointer in it. Reading, decoding and syntax
 * problems are returned, never thrown: every file gets its say.
 */
export function parseYamlFile(file: string, bytes: Uint8Array, options: { fastPath?: boolean } = {}): ParsedYaml {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    const mib = (bytes.byteLength / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      problems: [
        inputProblem(file, 1, 'file-too-large', `file is ${mib} MiB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MiB`, 'device and policy files are a few KiB; is this the right file?'),
      ],
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).reduce((n, b) => (b === 10 ? n + 1 : n), 1);
    return { ok: false, problems: [inputProblem(file, line, 'not-text', 'binary data (a NUL byte), not YAML text', 'restore the file from git or remove it')] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [inputProblem(file, 1, 'not-text', 'not UTF-8 text', 'save the file as UTF-8')] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const fast = options.fastPath === false ? null : fastParseYaml(text);
  if (fast) return { ok: true, value: fast.value, source: { file, lines: fast.lines } };

  let events: Event[];
  try {
    events = parseEvents(text, { filename: file });
  } catch (err: unknown) {
    return { ok: false, problems: [syntaxProblem(file, err)] };
  }
  let documents = 0;
  for (const ev of events) if (ev.type === EVENT_ID.DOCUMENT) documents++;
  if (documents === 0) {
    return { ok: false, problems: [inputProblem(file, 1, 'yaml-empty', 'the file is empty (no YAML document)', 'fill it in as in the example fleet, or delete it')] };
  }
  if (documents > 1) {
    return { ok: false, problems: [inputProblem(file, 1, 'yaml-syntax', `${documents} YAML documents in one file ('---'); one is expected`, 'keep one document per file')] };
  }

  let walked: Walked;
  try {
    walked = walk(file, text, events);
  } catch (err: unknown) {
    if (!(err instanceof NeedsFullConstructor)) throw err;
    // rare in hand-written policy files: the line map is still right, only values come from js-yaml
    try {
      walked = walk(file, text, events, true);
      // duplicate keys found by the walk are all reported; js-yaml would stop at the first
      if (walked.problems.length === 0) walked.value = constructFromEvents(events, { source: text, filename: file, maxAliases: 100 })[0];
    } catch (inner: unknown) {
      return { ok: false, problems: [syntaxProblem(file, inner)] };
    }
  }
  if (walked.problems.length > 0) return { ok: false, problems: walked.problems };
  if (walked.value === null || walked.value === undefined) {
    return { ok: false, problems: [inputProblem(file, walked.lines[''] ?? 1, 'yaml-empty', 'the document is empty', 'fill it in as in the example fleet, or delete it')] };
  }
  return { ok: true, value: walked.value, source: { file, lines: walked.lines } };
}

interface Walked {
  value: unknown;
  lines: Record<string, number>;
  problems: Problem[];
}

/**
 * One pass over the events: the line of every pointer, every duplicate key, and the value itself, built as
 * js-yaml's CORE_SCHEMA would build it (plain scalars resolved by the schema, quoted ones strings). Building it
 * here instead of in js-yaml's constructor halves the time for a fleet of 10,000 files. `linesOnly` skips the
 * values (the caller takes them from js-yaml) and tolerates what this walk cannot build.
 */
function walk(file: string, text: string, events: Event[], linesOnly = false): Walked {
  const lineAt = lineIndex(text);
  const lines: Record<string, number> = {};
  const problems: Problem[] = [];
  const stack: Frame[] = [];
  let root: unknown;
  // frames inside a complex key have no pointer; count them instead of mapping them
  let ignoring = 0;

  const attach = (offset: number, value: unknown, keyText: string | null): string | null => {
    const parent = stack[stack.length - 1];
    if (!parent) return null;
    if (parent.kind === 'doc') {
      root = value;
      lines[''] = lineAt(offset);
      return '';
    }
    if (parent.kind === 'seq') {
      const pointer = `${parent.pointer}/${parent.index++}`;
      lines[pointer] = lineAt(offset);
      (parent.container as unknown[] | null)?.push(value);
      return pointer;
    }
    if (parent.expectingKey) {
      parent.expectingKey = false;
      if (keyText === null) {
        if (!linesOnly) throw new NeedsFullConstructor();
        parent.key = '';
        return null;
      }
      if (keyText === '__proto__' && !linesOnly) throw new NeedsFullConstructor();
      parent.key = keyText;
      const pointer = `${parent.pointer}/${escapeToken(keyText)}`;
      const line = lineAt(offset);
      if (parent.keys?.has(keyText)) {
        problems.push(
          inputProblem(file, line, 'yaml-duplicate-key', `duplicate key "${keyText}" (first on line ${lines[pointer] ?? '?'})`, 'keep one of them; YAML does not allow a key twice in a mapping'),
        );
      } else {
        parent.keys?.add(keyText);
        lines[pointer] = line;
      }
      return null;
    }
    parent.expectingKey = true;
    const pointer = `${parent.pointer}/${escapeToken(parent.key)}`;
    if (parent.container && !Array.isArray(parent.container)) parent.container[parent.key] = value;
    return pointer;
  };

  const open = (kind: 'map' | 'seq', start: number, tagged: boolean): void => {
    if (tagged && !linesOnly) throw new NeedsFullConstructor();
    const parent = stack[stack.length - 1];
    if (ignoring > 0 || (parent?.kind === 'map' && parent.expectingKey)) {
      if (ignoring === 0 && !linesOnly) throw new NeedsFullConstructor();
      if (ignoring === 0 && parent) parent.expectingKey = false;
      ignoring++;
      return;
    }
    const container = linesOnly ? null : kind === 'map' ? {} : [];
    const pointer = attach(start, container, null) ?? '';
    stack.push({ kind, pointer, container, index: 0, expectingKey: true, key: '', keys: kind === 'map' ? new Set() : null });
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        stack.push({ kind: 'doc', pointer: '', container: null, index: 0, expectingKey: false, key: '', keys: null });
        break;
      case EVENT_ID.MAPPING:
        open('map', ev.start, ev.tagStart !== -1 || ev.anchorStart !== -1);
        break;
      case EVENT_ID.SEQUENCE:
        open('seq', ev.start, ev.tagStart !== -1 || ev.anchorStart !== -1);
        break;
      case EVENT_ID.SCALAR: {
        if (ignoring > 0) break;
        if ((ev.tagStart !== -1 || ev.anchorStart !== -1) && !linesOnly) throw new NeedsFullConstructor();
        const source = getScalarValue(text, ev);
        const value = ev.style === SCALAR_STYLE.PLAIN ? CORE_SCHEMA.resolveImplicitScalarTag(source).value : source;
        const parent = stack[stack.length - 1];
        const isKey = parent?.kind === 'map' && parent.expectingKey;
        // js-yaml's object map turns every scalar key into a string the same way
        attach(ev.valueStart, value, isKey ? String(value) : null);
        break;
      }
      case EVENT_ID.ALIAS:
        if (!linesOnly) throw new NeedsFullConstructor();
        if (ignoring === 0) attach(ev.anchorStart, undefined, null);
        break;
      case EVENT_ID.POP:
        if (ignoring > 0) ignoring--;
        else stack.pop();
        break;
    }
  }
  return { value: root, lines, problems };
}

function syntaxProblem(file: string, err: unknown): Problem {
  if (err instanceof YAMLException) {
    const line = err.mark ? err.mark.line + 1 : 1;
    return inputProblem(file, line, 'yaml-syntax', err.reason, syntaxHint(err.reason));
  }
  const message = err instanceof Error ? err.message : String(err);
  return inputProblem(file, 1, 'yaml-syntax', message.split('\n')[0] ?? 'cannot parse', 'check the file is YAML');
}
