import { CORE_SCHEMA } from 'js-yaml';

/**
 * A fast path for the plain YAML that device files are made of: block mappings with simple keys, block
 * sequences of scalars, one-line flow sequences of scalars, plain and simply quoted scalars, comments. It
 * returns null on anything else (anchors, tags, block scalars, escapes, multi-line scalars, compact
 * sequences, duplicate keys, tabs, odd characters), and js-yaml then parses the file and reports its errors.
 * What it does accept it builds exactly as js-yaml's CORE_SCHEMA does, with the same line map (a property
 * test holds both to that). js-yaml 5 takes ~0.2 ms for a device file; this takes a tenth of that, which is
 * most of validating 10,000 devices.
 */
export function fastParseYaml(text: string): { value: unknown; lines: Record<string, number> } | null {
  if (UNSAFE.test(text)) return null;
  const lines: Record<string, number> = {};
  const stack: Ctx[] = [];
  let root: unknown;
  // a key whose value is on the following lines: its mapping, key, pointer and indentation
  let pending: { ctx: Ctx; key: string; pointer: string } | null = null;

  const src = text.split('\n');
  for (let n = 0; n < src.length; n++) {
    const raw = src[n] ?? '';
    const lineNo = n + 1;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (indent === raw.length || raw.charCodeAt(indent) === 35 /* # */) continue;
    const body = raw.slice(indent).trimEnd();
    if (n === 0 || root === undefined) {
      if (indent !== 0 || body.startsWith('---') || body.startsWith('...') || body.startsWith('%')) return null;
    }
    if (body === '---' || body === '...' || body.startsWith('--- ') || body.startsWith('... ')) return null;
    const isItem = body === '-' || body.startsWith('- ');

    if (pending) {
      const { ctx: owner, key, pointer } = pending;
      pending = null;
      if (indent > owner.indent) {
        const container: Record<string, unknown> | unknown[] = isItem ? [] : {};
        setKey(owner, key, container);
        stack.push({ indent, container, pointer, keys: isItem ? null : new Set() });
      } else {
        // a compact sequence (`key:` then `- x` at the key's column) is left to js-yaml
        if (isItem && indent === owner.indent) return null;
        setKey(owner, key, null);
      }
    } else if (root === undefined) {
      const container: Record<string, unknown> | unknown[] = isItem ? [] : {};
      root = container;
      lines[''] = lineNo;
      stack.push({ indent: 0, container, pointer: '', keys: isItem ? null : new Set() });
    }

    while (stack.length > 0 && indent < (stack[stack.length - 1]?.indent ?? 0)) stack.pop();
    const ctx = stack[stack.length - 1];
    if (!ctx || ctx.indent !== indent) return null;

    if (Array.isArray(ctx.container)) {
      if (!isItem) return null;
      const rest = body.slice(1).trimStart();
      const pointer = `${ctx.pointer}/${ctx.container.length}`;
      if (rest === '' || rest.startsWith('#')) return null;
      if (KEY_START.test(rest)) return null;
      const value = scalarOrFlow(rest, pointer, lineNo, lines);
      if (value === NOT_SIMPLE) return null;
      lines[pointer] = lineNo;
      ctx.container.push(value);
      continue;
    }

    if (isItem) return null;
    const m = KEY.exec(body);
    if (!m) return null;
    // js-yaml resolves a plain key like any scalar and then stringifies it (`0x10:` is key "16")
    const key = String(CORE_SCHEMA.resolveImplicitScalarTag(m[1] ?? '').value);
    const rest = (m[2] ?? '').trim();
    if (ctx.keys?.has(key) || key === '__proto__') return null;
    ctx.keys?.add(key);
    const pointer = `${ctx.pointer}/${key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key}`;
    lines[pointer] = lineNo;
    if (rest === '' || rest.startsWith('#')) {
      pending = { ctx, key, pointer };
      continue;
    }
    const value = scalarOrFlow(rest, pointer, lineNo, lines);
    if (value === NOT_SIMPLE) return null;
    setKey(ctx, key, value);
  }
  if (pending) setKey(pending.ctx, pending.key, null);
  if (root === undefined) return null;
  return { value: root, lines };
}

interface Ctx {
  indent: number;
  container: Record<string, unknown> | unknown[];
  pointer: string;
  keys: Set<string> | null;
}

function setKey(ctx: Ctx, key: string, value: unknown): void {
  if (!Array.isArray(ctx.container)) ctx.container[key] = value;
}

const NOT_SIMPLE = Symbol('not simple');

/** Tabs, carriage returns, control and non-character code points, lone surrogates, BOM: js-yaml's call. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]/;

/** `key:` or `key: value` with a plain key of the characters ids and field names use. */
const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.\/-]*):(?:\s(.*))?$/;

/** A sequence item that is itself a mapping entry (`- id: x`): left to js-yaml. */
const KEY_START = /^[^\s'"\[{][^\s]*:(\s|$)/;

function scalarOrFlow(text: string, pointer: string, lineNo: number, lines: Record<string, number>): unknown {
  if (text.startsWith('{}') && isCommentOrEnd(text.slice(2))) return {};
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1 || !isCommentOrEnd(text.slice(close + 1))) return NOT_SIMPLE;
    const inner = text.slice(1, close);
    if (/[[\]{}#]/.test(inner)) return NOT_SIMPLE;
    if (inner.trim() === '') return [];
    const out: unknown[] = [];
    for (const part of inner.split(',')) {
      const item = part.trim();
      if (item === '' || item.includes(':')) return NOT_SIMPLE;
      const v = scalar(item);
      if (v === NOT_SIMPLE) return NOT_SIMPLE;
      lines[`${pointer}/${out.length}`] = lineNo;
      out.push(v);
    }
    return out;
  }
  return scalar(text);
}

function isCommentOrEnd(rest: string): boolean {
  return rest === '' || /^\s+#/.test(rest) || rest.trim() === '';
}

function scalar(text: string): unknown {
  const c = text.charAt(0);
  if (c === '"') {
    const end = text.indexOf('"', 1);
    if (end === -1 || !isCommentOrEnd(text.slice(end + 1))) return NOT_SIMPLE;
    const body = text.slice(1, end);
    return body.includes('\\') ? NOT_SIMPLE : body;
  }
  if (c === "'") {
    const end = text.indexOf("'", 1);
    if (end === -1 || text.charAt(end + 1) === "'" || !isCommentOrEnd(text.slice(end + 1))) return NOT_SIMPLE;
    return text.slice(1, end);
  }
  // indicators that start something other than a plain scalar
  if ('-?:,[]{}#&*!|>%@`'.includes(c) && !(c === '-' && text.length > 1 && text.charAt(1) !== ' ' && text.charAt(1) !== '-')) return NOT_SIMPLE;
  const hash = text.indexOf(' #');
  const plain = (hash === -1 ? text : text.slice(0, hash)).trimEnd();
  if (plain.includes(': ') || plain.endsWith(':') || plain.includes(',') || plain.includes('[') || plain.includes('{')) return NOT_SIMPLE;
  return CORE_SCHEMA.resolveImplicitScalarTag(plain).value;
}
