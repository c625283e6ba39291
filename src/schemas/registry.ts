import { changeSchema } from './change.js';
import type { JsonSchema } from './common.js';
import { detectionSchema } from './detection.js';
import { deviceSchema } from './device.js';
import { identitiesSchema } from './identities.js';
import { imagesSchema } from './images.js';

export type SchemaId = 'device' | 'images' | 'change' | 'identities' | 'detection';

export interface SchemaEntry {
  id: SchemaId;
  /** File name under `schemas/` in the repository, referenced by `# yaml-language-server: $schema=`. */
  file: string;
  /** The YAML files it describes, for documentation. */
  describes: string;
  schema: JsonSchema;
}

/** Every published schema; `schemas/<file>` is generated from these (see schemas.test.ts). */
export const SCHEMAS: readonly SchemaEntry[] = [
  { id: 'device', file: 'device.schema.json', describes: 'devices/<site>/<name>.yaml', schema: deviceSchema },
  { id: 'images', file: 'images.schema.json', describes: 'policies/images.yaml', schema: imagesSchema },
  { id: 'change', file: 'change.schema.json', describes: 'policies/change.yaml', schema: changeSchema },
  { id: 'identities', file: 'identities.schema.json', describes: 'policies/identities.yaml', schema: identitiesSchema },
  { id: 'detection', file: 'detection.schema.json', describes: 'policies/detection.yaml', schema: detectionSchema },
];

export function schemaEntry(id: SchemaId): SchemaEntry {
  const entry = SCHEMAS.find((s) => s.id === id);
  if (!entry) throw new Error(`no schema ${id}`);
  return entry;
}

/** The published text of a schema: stable key order, two-space indent, trailing newline. */
export function schemaJson(entry: SchemaEntry): string {
  return `${JSON.stringify(entry.schema, null, 2)}\n`;
}
