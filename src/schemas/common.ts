import { TRANSFER_PROTOCOLS } from '../model/device.js';
import { PLATFORMS } from '../model/platform.js';
import { SEVERITIES } from '../model/policy.js';

/** A JSON Schema (draft 2020-12) as a plain object, so that it bundles with the CLI. */
export type JsonSchema = { [key: string]: unknown };

export const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

export function str(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function int(description: string, minimum: number, extra: JsonSchema = {}): JsonSchema {
  return { type: 'integer', description, minimum, ...extra };
}

export function bool(description: string): JsonSchema {
  return { type: 'boolean', description };
}

export function list(description: string, items: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', description, items, ...extra };
}

export function object(description: string, properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: 'object', description, additionalProperties: false, required, properties };
}

/** An identifier: what other files refer to; kept to characters that are safe in paths, commands and URLs. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

export function id(description: string): JsonSchema {
  return str(description, { pattern: ID_PATTERN, minLength: 1 });
}

export const platform: JsonSchema = str('Platform id as Netmiko and netutils spell it.', { enum: [...PLATFORMS] });
export const transfer: JsonSchema = str('File transfer protocol.', { enum: [...TRANSFER_PROTOCOLS] });
export const severity: JsonSchema = str('Severity.', { enum: [...SEVERITIES] });
export const hashAlgorithm: JsonSchema = str('Hash algorithm.', { enum: ['sha512', 'sha256', 'md5'] });
export const weekday: JsonSchema = str('Day of the week.', { enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
export const timestamp = (description: string): JsonSchema =>
  str(`${description} ISO 8601 with an explicit offset, e.g. \`2026-12-12T02:00:00-05:00\`; quote it.`, { minLength: 1 });

export const timeWindow: JsonSchema = object(
  'A time interval; both ends ISO 8601 with an explicit offset.',
  { start: timestamp('Start.'), end: timestamp('End, after the start.') },
  ['start', 'end'],
);
