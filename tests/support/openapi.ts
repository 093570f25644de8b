/**
 * GitHub's official OpenAPI description (from @octokit/openapi) as validators for the fake GitHub
 * server: the operation behind a (method, path template), its request checks and its response
 * checks per status. The 13 MB document is read once, on first use, and only the schemas of the
 * operations actually served get compiled.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const DOCUMENT_PACKAGE_PATH = '@octokit/openapi/generated/api.github.com.json';
/** The id the document is registered under, so `#/components/...` refs resolve inside it. */
const DOCUMENT_ID = 'https://api.github.com/openapi.json';
const MAX_REPORTED_ERRORS = 5;

interface RefObject {
  $ref: string;
}
interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
}
interface MediaTypeObject {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  operationId: string;
  externalDocs?: { url: string };
  parameters?: Array<ParameterObject | RefObject>;
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | RefObject>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
}

/** One operation of the description, able to check what goes in and out of it. */
export interface Operation {
  /** GitHub's operationId, e.g. `issues/create-comment`. */
  readonly id: string;
  /** The operation's page in GitHub's REST docs, as GitHub puts in `documentation_url`. */
  readonly documentationUrl: string;
  /**
   * What is wrong with a request: a missing required query parameter, a missing or unexpected
   * JSON body, or a body that breaks the schema. `json` is undefined when no JSON body was sent.
   */
  requestProblems(query: Record<string, string>, json: unknown): string[];
  /** What is wrong with a response body (undefined for none) sent with `status`. */
  responseProblems(status: number, body: unknown): string[];
}

let loaded: { document: OpenApiDocument; ajv: Ajv } | undefined;
const validators = new Map<string, ValidateFunction>();
const operations = new Map<string, Operation>();

/** The operation GitHub's description declares for `method` on `template` (e.g. `/repos/{owner}/{repo}`). */
export function findOperation(method: string, template: string): Operation {
  const key = `${method.toUpperCase()} ${template}`;
  let operation = operations.get(key);
  if (!operation) {
    operation = describeOperation(method.toLowerCase(), template);
    operations.set(key, operation);
  }
  return operation;
}

function describeOperation(method: string, template: string): Operation {
  const { document } = load();
  const raw = document.paths[template]?.[method];
  if (!raw) {
    throw new Error(`GitHub's OpenAPI description has no ${method.toUpperCase()} ${template}`);
  }
  const location = ['paths', template, method];
  return {
    id: raw.operationId,
    documentationUrl: raw.externalDocs?.url ?? 'https://docs.github.com/rest',
    requestProblems: (query, json) => requestProblems(raw, location, query, json),
    responseProblems: (status, body) => responseProblems(raw, location, status, body),
  };
}

function requestProblems(
  operation: OperationObject,
  location: string[],
  query: Record<string, string>,
  json: unknown,
): string[] {
  const missing = requiredQueryParameters(operation)
    .filter((name) => !(name in query))
    .map((name) => `missing required query parameter '${name}'`);
  return [...missing, ...requestBodyProblems(operation, location, json)];
}

function requiredQueryParameters(operation: OperationObject): string[] {
  return (operation.parameters ?? [])
    .map((parameter) => resolve<ParameterObject>(parameter))
    .filter((parameter) => parameter.in === 'query' && parameter.required === true)
    .map((parameter) => parameter.name);
}

function requestBodyProblems(
  operation: OperationObject,
  location: string[],
  json: unknown,
): string[] {
  const schema = operation.requestBody?.content['application/json']?.schema;
  if (json === undefined) {
    return schema !== undefined && operation.requestBody?.required === true
      ? ['missing required JSON request body']
      : [];
  }
  if (schema === undefined) return ['unexpected JSON request body'];
  return validate([...location, 'requestBody', 'content', 'application/json', 'schema'], json);
}

function responseProblems(
  operation: OperationObject,
  location: string[],
  status: number,
  body: unknown,
): string[] {
  const declared = operation.responses[String(status)];
  const schemaPath =
    declared && jsonSchemaPath(declared, [...location, 'responses', String(status)]);
  if (schemaPath) return validate(schemaPath, body);
  // GitHub's description leaves out most error responses (401, rate limits, 5xx) and the bodies
  // of some declared ones, but GitHub still sends its generic error shapes for them.
  if (status >= 400) return validate(genericErrorSchemaPath(status), body);
  if (!declared) return [`status ${status} is not declared`];
  return body === undefined ? [] : [`status ${status} declares no body`];
}

/** Where the JSON schema of a response lives, following a `$ref` to `#/components/responses`. */
function jsonSchemaPath(
  response: ResponseObject | RefObject,
  path: string[],
): string[] | undefined {
  if ('$ref' in response) {
    const target = refPath(response.$ref);
    return jsonSchemaPath(resolve<ResponseObject>(response), target);
  }
  return response.content?.['application/json']?.schema === undefined
    ? undefined
    : [...path, 'content', 'application/json', 'schema'];
}

function genericErrorSchemaPath(status: number): string[] {
  return ['components', 'schemas', status === 422 ? 'validation-error' : 'basic-error'];
}

/** Validates `value` against the schema at `path` in the document, compiling it on first use. */
function validate(path: string[], value: unknown): string[] {
  const validator = validatorAt(path);
  return validator(value) ? [] : summarise(validator.errors ?? []);
}

function validatorAt(path: string[]): ValidateFunction {
  const pointer = `${DOCUMENT_ID}#/${path.map(pointerSegment).join('/')}`;
  let validator = validators.get(pointer);
  if (!validator) {
    validator = load().ajv.compile({ $ref: pointer });
    validators.set(pointer, validator);
  }
  return validator;
}

function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function summarise(errors: ErrorObject[]): string[] {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS).map(describeError);
  const hidden = errors.length - shown.length;
  return hidden > 0 ? [...shown, `(${hidden} more)`] : shown;
}

function describeError(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const suffix = allowed ? ` (${allowed.map((value) => JSON.stringify(value)).join(', ')})` : '';
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${suffix}`;
}

function refPath(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve<T>(value: T | RefObject): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value;
  let node: unknown = load().document;
  for (const segment of refPath(value.$ref)) {
    node = (node as Record<string, unknown>)[segment];
  }
  return node as T;
}

function load(): { document: OpenApiDocument; ajv: Ajv } {
  if (!loaded) {
    const file = createRequire(import.meta.url).resolve(DOCUMENT_PACKAGE_PATH);
    const document = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
    normaliseNullable(document);
    loaded = { document, ajv: createAjv(document) };
  }
  return loaded;
}

function createAjv(document: OpenApiDocument): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under Node's ESM loader its default import is `module.exports`,
  // whose `default` is the plugin itself.
  addFormats.default(ajv);
  // The document is not itself a JSON Schema, so checking it against the meta-schema only costs time.
  ajv.addSchema(document, DOCUMENT_ID, undefined, false);
  return ajv;
}

/**
 * OpenAPI 3.0 puts `nullable: true` beside `allOf`/`anyOf`/`oneOf` or alone, without `type`;
 * ajv's `nullable` needs a `type`, so such schemas become `anyOf: [null, the rest]`.
 */
function normaliseNullable(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(normaliseNullable);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  Object.values(schema).forEach(normaliseNullable);
  if (schema.nullable !== true || 'type' in schema) return;
  delete schema.nullable;
  const combined = Object.fromEntries(
    ['allOf', 'anyOf', 'oneOf'].filter((key) => key in schema).map((key) => [key, schema[key]]),
  );
  if (Object.keys(combined).length === 0) return;
  for (const key of Object.keys(combined)) delete schema[key];
  schema.anyOf = [{ type: 'null' }, combined];
}
