import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, YAMLException, type Event } from 'js-yaml';
import type { Problem } from '../model/problem.js';
import type { SourceMap } from '../model/source.js';

/** Device and policy files are small; anything larger is the wrong file (an image, a log) and is refused unread. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ParsedYaml = { ok: true; value: unknown; source: SourceMap } | { ok: false; problems: Problem[] };

function inputProblem(file: string, line: number, rule: string, message: string, hint: string): Problem {
  return { rule, severity: 'error', file, line, message, hint, kind: 'input' };
}

/** 1-based line of an offset, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function escapeToken(token: string): string {
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
  /** JSON pointer of the collection; null inside a complex (non-scalar) key, which has no pointer. */
  pointer: string | null;
  index: number;
  expectingKey: boolean;
  valuePointer: string | null;
  keys: Set<string> | null;
}

/**
 * Parses one YAML file into a value and a line for every JSON pointer in it. Reading, decoding and syntax
 * problems are returned, never thrown: every file gets its say.
 */
export function parseYamlFile(file: string, bytes: Uint8Array): ParsedYaml {
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

  let events: Event[];
  try {
    events = parseEvents(text, { filename: file });
  } catch (err: unknown) {
    return { ok: false, problems: [syntaxProblem(file, err)] };
  }

  const lineAt = lineIndex(text);
  const lines: Record<string, number> = {};
  const problems: Problem[] = [];
  const stack: Frame[] = [];
  let documents = 0;

  const node = (offset: number, collection: 'map' | 'seq' | null, keyText: (() => string) | null): void => {
    const parent = stack[stack.length - 1];
    let pointer: string | null = null;
    if (!parent) return;
    if (parent.kind === 'doc') {
      pointer = '';
      lines[''] = lineAt(offset);
    } else if (parent.kind === 'seq') {
      pointer = parent.pointer === null ? null : `${parent.pointer}/${parent.index}`;
      parent.index++;
      if (pointer !== null) lines[pointer] = lineAt(offset);
    } else if (parent.expectingKey) {
      parent.expectingKey = false;
      parent.valuePointer = null;
      if (keyText && parent.pointer !== null) {
        const key = keyText();
        const child = `${parent.pointer}/${escapeToken(key)}`;
        const line = lineAt(offset);
        if (parent.keys?.has(key)) {
          problems.push(
            inputProblem(file, line, 'yaml-duplicate-key', `duplicate key "${key}" (first on line ${lines[child] ?? '?'})`, 'keep one of them; YAML does not allow a key twice in a mapping'),
          );
        } else {
          parent.keys?.add(key);
          lines[child] = line;
        }
        parent.valuePointer = child;
      }
      // a complex key gets a frame with no pointer, so nothing inside it is mapped
      if (collection) stack.push({ kind: collection, pointer: null, index: 0, expectingKey: true, valuePointer: null, keys: null });
      return;
    } else {
      pointer = parent.valuePointer;
      parent.expectingKey = true;
    }
    if (collection) {
      stack.push({ kind: collection, pointer, index: 0, expectingKey: true, valuePointer: null, keys: collection === 'map' ? new Set() : null });
    }
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        documents++;
        stack.push({ kind: 'doc', pointer: '', index: 0, expectingKey: false, valuePointer: null, keys: null });
        break;
      case EVENT_ID.MAPPING:
        node(ev.start, 'map', null);
        break;
      case EVENT_ID.SEQUENCE:
        node(ev.start, 'seq', null);
        break;
      case EVENT_ID.SCALAR:
        node(ev.valueStart, null, () => getScalarValue(text, ev));
        break;
      case EVENT_ID.ALIAS:
        node(ev.anchorStart, null, null);
        break;
      case EVENT_ID.POP:
        stack.pop();
        break;
    }
  }

  if (documents === 0) {
    return { ok: false, problems: [inputProblem(file, 1, 'yaml-empty', 'the file is empty (no YAML document)', 'fill it in as in the example fleet, or delete it')] };
  }
  if (documents > 1) {
    return { ok: false, problems: [inputProblem(file, 1, 'yaml-syntax', `${documents} YAML documents in one file ('---'); one is expected`, 'keep one document per file')] };
  }
  if (problems.length > 0) return { ok: false, problems };

  let value: unknown;
  try {
    // aliases are capped: a few lines of anchors can otherwise expand to gigabytes
    value = constructFromEvents(events, { source: text, filename: file, maxAliases: 100 })[0];
  } catch (err: unknown) {
    return { ok: false, problems: [syntaxProblem(file, err)] };
  }
  if (value === null || value === undefined) {
    return { ok: false, problems: [inputProblem(file, lines[''] ?? 1, 'yaml-empty', 'the document is empty', 'fill it in as in the example fleet, or delete it')] };
  }
  return { ok: true, value, source: { file, lines } };
}

function syntaxProblem(file: string, err: unknown): Problem {
  if (err instanceof YAMLException) {
    const line = err.mark ? err.mark.line + 1 : 1;
    return inputProblem(file, line, 'yaml-syntax', err.reason, syntaxHint(err.reason));
  }
  const message = err instanceof Error ? err.message : String(err);
  return inputProblem(file, 1, 'yaml-syntax', message.split('\n')[0] ?? 'cannot parse', 'check the file is YAML');
}
