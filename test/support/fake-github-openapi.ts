/**
 * Validation of the fake GitHub's traffic against GitHub's official OpenAPI description
 * (@octokit/openapi, OpenAPI 3.0). The 13 MB document is parsed once per test process and only the
 * operations the fake actually serves are compiled, each into a standalone JSON Schema: `#/components/schemas/X`
 * refs become `#/$defs/X` and OpenAPI's `nullable: true` becomes `anyOf [schema, null]`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components: Record<string, Record<string, JsonObject>>;
}

let documentCache: OpenApiDocument | undefined;

function loadDocument(): OpenApiDocument {
  if (!documentCache) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    documentCache = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  }
  return documentCache;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
let ajvCache: Ajv | undefined;
function ajv(): Ajv {
  if (!ajvCache) {
    ajvCache = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false, inlineRefs: false });
    (addFormats as unknown as (a: Ajv) => void)(ajvCache);
  }
  return ajvCache;
}

/** Resolves `#/components/<kind>/<name>` refs that are not schemas (parameters, responses). */
function resolveRef(doc: OpenApiDocument, node: JsonObject): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const [, , kind, name] = ref.split('/');
  const target = kind && name ? doc.components[kind]?.[name] : undefined;
  if (!target) throw new Error(`OpenAPI: unresolvable ref ${ref}`);
  return resolveRef(doc, target);
}

/** Copies a schema, rewriting `#/components/schemas/X` refs to `<prefix>X` and `nullable` to `anyOf [.., null]`. */
function convert(node: Json, prefix: string): Json {
  if (Array.isArray(node)) return node.map((n) => convert(n, prefix));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'discriminator') continue;
    if (key === '$ref' && typeof value === 'string') {
      out[key] = `${prefix}${value.replace('#/components/schemas/', '')}`;
      continue;
    }
    // properties/patternProperties hold names, not schemas with keywords: convert their values only.
    if ((key === 'properties' || key === 'patternProperties') && isObject(value)) {
      const props: JsonObject = {};
      for (const [p, v] of Object.entries(value)) props[p] = convert(v, prefix);
      out[key] = props;
      continue;
    }
    out[key] = convert(value, prefix);
  }
  return node['nullable'] === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/**
 * All component schemas live in one schema document that ajv compiles piece by piece, once: the `issue`
 * schema (which pulls in repository, user, app...) is compiled once for every operation that returns it.
 */
const COMPONENTS_ID = 'https://imagegate.test/github-components';
let componentsAdded = false;

function standalone(doc: OpenApiDocument, schema: Json): JsonObject {
  if (!componentsAdded) {
    const defs: JsonObject = {};
    for (const [name, component] of Object.entries(doc.components['schemas'] ?? {})) defs[name] = convert(component, '#/$defs/');
    ajv().addSchema({ $id: COMPONENTS_ID, $defs: defs });
    componentsAdded = true;
  }
  const converted = convert(schema, `${COMPONENTS_ID}#/$defs/`);
  return isObject(converted) ? converted : { const: converted };
}

interface QueryParameter {
  name: string;
  required: boolean;
  schema: JsonObject;
  validate: ValidateFunction;
}

export interface CompiledOperation {
  method: string;
  path: string;
  query: QueryParameter[];
  body: ValidateFunction | undefined;
  bodyRequired: boolean;
  responses: Map<number, ValidateFunction | null>;
}

const operations = new Map<string, CompiledOperation>();
let basicError: ValidateFunction | undefined;

function compile(doc: OpenApiDocument, schema: Json): ValidateFunction {
  return ajv().compile(standalone(doc, schema));
}

/** Compiles (once) the operation `method path`, where path is the OpenAPI template (`/repos/{owner}/{repo}/issues`). */
export function operation(method: string, path: string): CompiledOperation {
  const key = `${method.toUpperCase()} ${path}`;
  const cached = operations.get(key);
  if (cached) return cached;
  const doc = loadDocument();
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`OpenAPI: GitHub has no operation ${key}`);
  const query: QueryParameter[] = [];
  const params = Array.isArray(op['parameters']) ? op['parameters'] : [];
  for (const raw of params) {
    if (!isObject(raw)) continue;
    const p = resolveRef(doc, raw);
    if (p['in'] !== 'query' || typeof p['name'] !== 'string' || !isObject(p['schema'])) continue;
    query.push({ name: p['name'], required: p['required'] === true, schema: p['schema'], validate: compile(doc, p['schema']) });
  }
  let body: ValidateFunction | undefined;
  let bodyRequired = false;
  if (isObject(op['requestBody'])) {
    const rb = resolveRef(doc, op['requestBody']);
    bodyRequired = rb['required'] === true;
    const content = rb['content'];
    const json = isObject(content) ? content['application/json'] : undefined;
    if (isObject(json) && json['schema'] !== undefined) body = compile(doc, json['schema']);
  }
  const responses = new Map<number, ValidateFunction | null>();
  if (isObject(op['responses'])) {
    for (const [status, raw] of Object.entries(op['responses'])) {
      if (!isObject(raw)) continue;
      const r = resolveRef(doc, raw);
      const content = r['content'];
      const json = isObject(content) ? content['application/json'] : undefined;
      responses.set(Number(status), isObject(json) && json['schema'] !== undefined ? compile(doc, json['schema']) : null);
    }
  }
  const compiled: CompiledOperation = { method: method.toUpperCase(), path, query, body, bodyRequired, responses };
  operations.set(key, compiled);
  return compiled;
}

function errorsText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
    .join('; ');
}

function coerce(value: string, schema: JsonObject): Json {
  const type = schema['type'];
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Problems with a request: unknown or badly typed query parameters, a body that breaks the schema. */
export function validateRequest(op: CompiledOperation, query: URLSearchParams, body: unknown): string[] {
  const problems: string[] = [];
  const where = `${op.method} ${op.path} request`;
  for (const name of new Set(query.keys())) {
    const p = op.query.find((q) => q.name === name);
    if (!p) {
      problems.push(`${where}: unknown query parameter "${name}"`);
      continue;
    }
    for (const value of query.getAll(name)) {
      if (!p.validate(coerce(value, p.schema))) problems.push(`${where}: query ${name}=${value}: ${errorsText(p.validate.errors)}`);
    }
  }
  for (const p of op.query) if (p.required && !query.has(p.name)) problems.push(`${where}: missing query parameter "${p.name}"`);
  if (body === undefined) {
    if (op.bodyRequired) problems.push(`${where}: missing JSON body`);
  } else if (!op.body) {
    problems.push(`${where}: GitHub takes no JSON body here`);
  } else if (!op.body(body)) {
    problems.push(`${where} body: ${errorsText(op.body.errors)}`);
  }
  return problems;
}

/**
 * Problems with a response. A status the operation does not declare is a drift too, except error statuses,
 * which GitHub answers with its generic `basic-error` shape on any route.
 */
export function validateResponse(op: CompiledOperation, status: number, body: unknown): string[] {
  const where = `${op.method} ${op.path} response ${status}`;
  if (!op.responses.has(status)) {
    if (status < 400) return [`${where}: status not declared by GitHub for this operation`];
    basicError ??= compile(loadDocument(), { $ref: '#/components/schemas/basic-error' });
    return basicError(body) ? [] : [`${where}: ${errorsText(basicError.errors)}`];
  }
  const validate = op.responses.get(status);
  if (!validate) return [];
  return validate(body) ? [] : [`${where}: ${errorsText(validate.errors)}`];
}
