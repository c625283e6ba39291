// the named export: ajv is CommonJS and its default export is wrapped differently by Node, swc and esbuild
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { lineOf, type SourceMap } from '../model/source.js';
import type { Problem } from '../model/problem.js';
import type { JsonSchema } from './common.js';
import { SCHEMAS, type SchemaId } from './registry.js';

let compiled: Map<SchemaId, ValidateFunction> | undefined;

function validator(id: SchemaId): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    compiled = new Map(SCHEMAS.map((s) => [s.id, ajv.compile(s.schema)]));
  }
  const v = compiled.get(id);
  if (!v) throw new Error(`no schema ${id}`);
  return v;
}

/** Checks a parsed YAML value against its schema; every mismatch becomes an input Problem at the line of the offending value. */
export function validateAgainstSchema(id: SchemaId, value: unknown, source: SourceMap): Problem[] {
  const validate = validator(id);
  if (validate(value)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const p = toProblem(err, source);
    const key = `${p.line}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  return problems.sort((a, b) => a.line - b.line);
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function where(pointer: string): string {
  return pointer === '' ? 'the file' : `"${pointer.slice(1).split('/').join('.')}"`;
}

function describe(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

function toProblem(err: ErrorObject, source: SourceMap): Problem {
  const base = { rule: 'schema', severity: 'error' as const, file: source.file, kind: 'input' as const };
  const parent = (err.parentSchema ?? {}) as JsonSchema;
  const description = typeof parent['description'] === 'string' ? parent['description'] : undefined;
  const at = err.instancePath;
  switch (err.keyword) {
    case 'additionalProperties': {
      const field = String((err.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((parent['properties'] ?? {}) as JsonSchema);
      return {
        ...base,
        line: lineOf(source, `${at}/${escapePointer(field)}`),
        message: `unknown field "${field}"${at === '' ? '' : ` in ${where(at)}`}`,
        hint: `allowed fields here: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const field = String((err.params as { missingProperty: string }).missingProperty);
      const props = (parent['properties'] ?? {}) as Record<string, JsonSchema>;
      const what = props[field]?.['description'];
      return {
        ...base,
        line: lineOf(source, at),
        message: `missing required field "${field}"${at === '' ? '' : ` in ${where(at)}`}`,
        hint: typeof what === 'string' ? `add "${field}": ${what}` : `add "${field}"`,
      };
    }
    case 'enum': {
      const values = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      return {
        ...base,
        line: lineOf(source, at),
        message: `${where(at)} is ${describe(err.data)}, not one of the allowed values`,
        hint: `use one of: ${values.join(', ')}`,
      };
    }
    case 'type': {
      const expected = String((err.params as { type: string }).type);
      const quote = expected === 'string' && (typeof err.data === 'number' || typeof err.data === 'boolean');
      const hint =
        at === '' ? 'the file must be a mapping of fields (key: value), as in the example fleet'
        : quote ? `quote the value so that YAML keeps it as text: "${String(err.data)}"`
        : description ?? `write ${TYPE_WORDS[expected] ?? expected}`;
      return {
        ...base,
        line: lineOf(source, at),
        message: `${where(at)} must be ${TYPE_WORDS[expected] ?? expected}, found ${describe(err.data)}`,
        hint,
      };
    }
    case 'pattern':
      return {
        ...base,
        line: lineOf(source, at),
        message: `${where(at)} is ${describe(err.data)}, which does not have the expected form`,
        hint: description ?? `match ${String((err.params as { pattern: string }).pattern)}`,
      };
    default:
      return {
        ...base,
        line: lineOf(source, at),
        message: `${where(at)} ${err.message ?? 'is not valid'}`,
        ...(description ? { hint: description } : {}),
      };
  }
}
