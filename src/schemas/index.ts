export { SCHEMAS, schemaEntry, schemaJson, type SchemaEntry, type SchemaId } from './registry.js';
export { validateAgainstSchema } from './validator.js';
export type { JsonSchema } from './common.js';
export { renderYamlReference } from './reference.js';
