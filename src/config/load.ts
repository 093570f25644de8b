/** Reading mlops.yml: YAML syntax and schema errors both point at file:line:column and the field. */
import {
  LineCounter,
  isCollection,
  isMap,
  isPair,
  isScalar,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
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

/** yaml's own default, stated here: an alias bomb ("billion laughs") stops at this many expansions. */
const MAX_ALIAS_COUNT = 100;
/** Real configs nest about four levels; far deeper nesting is refused before it is walked. */
const MAX_DEPTH = 32;
/** Longest value or key an error quotes; longer ones are described by kind and length. */
const MAX_QUOTED = 40;
/** Longest message shown from yaml or a schema check (they may quote tags, aliases or values). */
const MAX_MESSAGE = 200;
/** Longest config read: parsing and checking a huge YAML file costs memory for nothing. */
export const MAX_CONFIG_CHARACTERS = 1 << 20;

/**
 * Parses and validates the text of a config file; `source` names the file in errors. Errors
 * never echo the file: a long or structured value is described by its kind and size.
 */
export function parseConfig(text: string, source: string): Config {
  if (text.length > MAX_CONFIG_CHARACTERS) {
    throw new ConfigError(
      `${source}: ${text.length.toLocaleString('en-US')} characters; a config holds settings, not ` +
        `data, and may have at most ${MAX_CONFIG_CHARACTERS.toLocaleString('en-US')}.`,
    );
  }
  const lineCounter = new LineCounter();
  const where = (offset: number | undefined) => {
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    return pos ? `${source}:${pos.line}:${pos.col}` : source;
  };
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError)
    throw new ConfigError(`${where(syntaxError.pos[0])}: ${syntaxProblem(syntaxError)}`);
  const deep = nodeDeeperThan(doc.contents, MAX_DEPTH);
  if (deep) {
    throw new ConfigError(
      `${where(deep.range?.[0])}: nested more than ${MAX_DEPTH} levels deep; a config needs a few levels. Is this file an mlops config?`,
    );
  }
  const raw: unknown = plainData(doc, source) ?? {};
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    const { node, field } = locateIssue(doc, issue);
    return `${where(node?.range?.[0])}: ${field || '(top level)'}: ${describeIssue(issue, raw)}`;
  });
  throw new ConfigError(
    `${source} is not a valid mlops config:\n  ${messages.join('\n  ')}\n` +
      `See the config reference in README.md.`,
  );
}

/** What a YAML syntax error says, in one line of bounded length. */
function syntaxProblem(error: { code: string; message: string }): string {
  if (error.code === 'RESOURCE_EXHAUSTION') {
    return 'invalid YAML: nested too deeply to read; a config needs a few levels, not thousands.';
  }
  return `invalid YAML: ${clip(firstLine(error.message), MAX_MESSAGE)}`;
}

/** The first collection nested deeper than `limit`, found without recursion (the input is hostile). */
function nodeDeeperThan(root: unknown, limit: number): Node | undefined {
  const pending: [unknown, number][] = [[root, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (isCollection(node)) {
      if (depth > limit) return node;
      for (const item of node.items) pending.push([item, depth + 1]);
    } else if (isPair(node)) {
      // A pair is not a level of its own: its key and value sit at the depth of the pair.
      pending.push([node.key, depth], [node.value, depth]);
    }
  }
  return undefined;
}

/** The document as plain data; aliases that expand past the limit (an alias bomb) are refused. */
function plainData(doc: Document, source: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml reports alias problems (too many expansions, an unknown anchor) as ReferenceErrors.
    if (!(error instanceof ReferenceError)) throw error;
    if (error.message.startsWith('Excessive alias count')) {
      throw new ConfigError(
        `${source}: YAML aliases (*name) expand past ${MAX_ALIAS_COUNT} copies, as in an alias bomb; write the values out instead.`,
      );
    }
    throw new ConfigError(
      `${source}: invalid YAML: ${clip(firstLine(error.message), MAX_MESSAGE)}`,
    );
  }
}

/**
 * Settings that DESIGN.md reserves and the config accepts, but that no step acts on yet: said
 * out loud, so nobody believes they act.
 */
export function unsupportedSettings(config: Config): string[] {
  const reserved: [string, unknown][] = [['registry.ordered', config.registry.ordered]];
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
  /** validation.drift.baseline: a registry ref, `auto`, `none`, or an absolute path. */
  driftBaseline?: string;
  /** schema: the schema file, relative to the config's folder (resolveConfig makes it so). */
  schema?: string;
  /** data.max_errors. */
  maxErrors?: number;
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
  if (overrides.driftBaseline) next.validation.drift.baseline = overrides.driftBaseline;
  if (overrides.schema) next.schema = overrides.schema;
  if (overrides.maxErrors !== undefined) next.data.max_errors = overrides.maxErrors;
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
  const path = issue.path as Path;
  if (issue.code === 'invalid_type') {
    const value = valueAt(raw, path);
    if (value === undefined) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(value, path)}`;
  }
  if (issue.code === 'invalid_value') {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(valueAt(raw, path), path)}`;
  }
  return clip(issue.message, MAX_MESSAGE);
}

/**
 * A value as an error may show it: a short single-line scalar quoted, anything else by kind and
 * size. The whole file (path []) is never quoted: it may be a link to the runner's secrets.
 */
function describeValue(value: unknown, path: Path): string {
  const inFile = path.length > 0;
  if (Array.isArray(value)) return counted(value.length, 'item', 'a list');
  if (value !== null && typeof value === 'object') {
    return counted(Object.keys(value).length, 'field', 'a mapping');
  }
  if (typeof value === 'string') {
    return inFile && isQuotable(value)
      ? JSON.stringify(value)
      : counted(value.length, 'character', 'a string');
  }
  return inFile ? JSON.stringify(value) : `a ${typeof value}`;
}

/** `a list of 3 items`, `a mapping of 1 field`. */
function counted(count: number, noun: string, kind: string): string {
  return `${kind} of ${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Short enough to quote in an error, on one line, with nothing that could steer a terminal or log. */
function isQuotable(text: string): boolean {
  return text.length <= MAX_QUOTED && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text);
}

/** `text` cut to `max` characters, with an ellipsis saying so. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
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
    // A preprocessed field (z.preprocess) pipes a transform into the schema that checks it.
    if (current instanceof z.ZodPipe) {
      current = current.in instanceof z.ZodTransform ? current.out : current.in;
    } else current = current.unwrap();
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
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${shownKey(p)}`))
    .join('');
}

/** A key as a field path shows it: quoted and cut when it is long or holds control characters. */
function shownKey(key: string): string {
  return isQuotable(key) ? key : JSON.stringify(clip(key, MAX_QUOTED));
}
