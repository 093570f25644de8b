/** Reading mlops.yml: YAML syntax and schema errors both point at file:line:column and the field. */
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import {
  configSchema,
  modelNameSchema,
  type BackendName,
  type Config,
  type ConfigInput,
} from './schema.js';
import { firstLine } from '../util/text.js';

type Path = (string | number)[];

/** Parses and validates the text of a config file; `source` names the file in errors. */
export function parseConfig(text: string, source: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const pos = syntaxError.linePos?.[0];
    const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
    throw new ConfigError(`${where}: invalid YAML: ${firstLine(syntaxError.message)}`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    const { node, field } = locateIssue(doc, issue);
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
    return `${where}: ${field || '(top level)'}: ${describeIssue(issue, raw)}`;
  });
  throw new ConfigError(
    `${source} is not a valid mlops config:\n  ${messages.join('\n  ')}\n` +
      `See the config reference in README.md.`,
  );
}

/**
 * Settings that DESIGN.md reserves and the config accepts, but that no step acts on yet: said
 * out loud, so nobody believes drift is checked or tuning runs.
 */
export function unsupportedSettings(config: Config): string[] {
  const reserved: [string, unknown][] = [
    ['validation.drift', config.validation.drift],
    ['tuning', config.tuning],
    ['registry.ordered', config.registry.ordered],
  ];
  return reserved
    .filter(([, value]) => value !== undefined)
    .map(
      ([field]) => `${field} is not acted on yet by this version of mlops-actions; it is ignored`,
    );
}

/** Builds a config from flags alone, for zero-config use (`mlops run --data F --label C`). */
export function configFromFlags(flags: { data: string; label: string; name?: string }): Config {
  const input: ConfigInput = { data: { train: flags.data, label: flags.label } };
  if (flags.name) input.name = flags.name;
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = issue?.path[0] === 'name' ? '--name' : '--data/--label';
    throw new ConfigError(`${flag}: ${issue?.message ?? 'invalid value'}`);
  }
  return result.data;
}

/** Flags that override the config file for one run. */
export interface ConfigOverrides {
  data?: string;
  label?: string;
  seed?: number;
  backend?: BackendName;
  name?: string;
}

/** Applies command-line overrides on top of a loaded config (flags win). */
export function applyOverrides(config: Config, overrides: ConfigOverrides): Config {
  const next = structuredClone(config);
  if (overrides.data) next.data.train = overrides.data;
  if (overrides.label) next.data.label = overrides.label;
  if (overrides.name) {
    const name = modelNameSchema.safeParse(overrides.name);
    if (!name.success)
      throw new ConfigError(`--name ${overrides.name}: ${name.error.issues[0]?.message}`);
    next.name = name.data;
  }
  if (overrides.backend) next.model.backend = overrides.backend;
  if (overrides.seed !== undefined) {
    next.model.seed = overrides.seed;
    next.data.split.seed = overrides.seed;
  }
  return next;
}

function locateIssue(doc: Document, issue: z.core.$ZodIssue): { node?: Node; field: string } {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const parent = doc.getIn(path, true);
    const key = issue.keys[0] ?? '';
    const pair = isMap(parent)
      ? parent.items.find((item) => isScalar(item.key) && item.key.value === key)
      : undefined;
    return {
      node: (pair?.key as Node | undefined) ?? (parent as Node),
      field: dotted([...path, key]),
    };
  }
  return { node: nearestNode(doc, path), field: dotted(path) };
}

/** The node at `path`, or the closest ancestor that exists (a missing field points at its parent). */
function nearestNode(doc: Document, path: Path): Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node) return node as Node;
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issue.path as Path);
    return `unknown field${allowed.length ? `; expected one of: ${allowed.join(', ')}` : ''}`;
  }
  if (issue.code === 'invalid_type') {
    const value = valueAt(raw, issue.path as Path);
    if (value === undefined) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${JSON.stringify(value)}`;
  }
  if (issue.code === 'invalid_value') {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(raw, issue.path as Path))}`;
  }
  return issue.message;
}

/** The field names the schema accepts at `path`, for "unknown field" hints. */
function allowedKeys(path: Path): string[] {
  let schema: z.core.$ZodType = configSchema;
  for (const segment of [...path, null]) {
    schema = unwrap(schema);
    if (segment === null) break;
    if (schema instanceof z.ZodObject) schema = schema.shape[segment as string] ?? schema;
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else return [];
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodOptional ||
    current instanceof z.ZodPipe
  ) {
    current = current instanceof z.ZodPipe ? current.in : current.unwrap();
  }
  return current;
}

function valueAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function dotted(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}
