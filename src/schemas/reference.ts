import type { JsonSchema } from './common.js';
import { SCHEMAS } from './registry.js';

interface Row {
  field: string;
  type: string;
  required: boolean;
  description: string;
}

function typeOf(s: JsonSchema): string {
  const t = s['type'];
  if (t === 'array') return `list of ${typeOf((s['items'] ?? {}) as JsonSchema)}`;
  if (t === 'object') return 'mapping';
  if (t === 'integer') return 'integer';
  return String(t ?? 'any');
}

function constraints(s: JsonSchema): string {
  const parts: string[] = [];
  const items = (s['type'] === 'array' ? s['items'] : s) as JsonSchema;
  if (Array.isArray(items['enum'])) parts.push(`One of: ${(items['enum'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}.`);
  if (typeof s['minimum'] === 'number') parts.push(`Minimum ${s['minimum']}${typeof s['maximum'] === 'number' ? `, maximum ${s['maximum']}` : ''}.`);
  if (typeof s['minItems'] === 'number') parts.push(`At least ${s['minItems']}.`);
  return parts.join(' ');
}

function rows(schema: JsonSchema, prefix: string, out: Row[]): void {
  const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  for (const [name, s] of Object.entries(props)) {
    const field = prefix === '' ? name : `${prefix}.${name}`;
    const description = [String(s['description'] ?? ''), constraints(s)].filter(Boolean).join(' ');
    out.push({ field, type: typeOf(s), required: required.has(name), description });
    if (s['type'] === 'object') rows(s, field, out);
    const items = s['items'] as JsonSchema | undefined;
    if (s['type'] === 'array' && items?.['type'] === 'object') rows(items, `${field}[]`, out);
  }
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/yaml-reference.md: every YAML field, generated from the schemas (a test keeps the file in step). */
export function renderYamlReference(): string {
  const out: string[] = [
    '# YAML reference',
    '',
    '<!-- Generated from src/schemas by `IMAGEGATE_WRITE=1 npx jest src/schemas`; do not edit by hand. -->',
    '',
    'Every YAML file starts with a `# yaml-language-server: $schema=` line naming its schema under `schemas/`, so that',
    'editors with the YAML extension complete and check it. `imagegate validate` checks the same schemas, then the',
    'semantic rules (src/validate/rules/*.md). Unknown fields are errors everywhere.',
    '',
  ];
  for (const entry of SCHEMAS) {
    const list: Row[] = [];
    rows(entry.schema, '', list);
    out.push(`## ${entry.describes}`, '', String(entry.schema['description'] ?? ''), '', `Schema: \`schemas/${entry.file}\``, '');
    out.push('| Field | Type | Required | Description |', '| --- | --- | --- | --- |');
    for (const r of list) out.push(`| \`${r.field}\` | ${r.type} | ${r.required ? 'yes' : 'no'} | ${cell(r.description)} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
