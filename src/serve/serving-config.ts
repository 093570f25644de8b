/**
 * `serving.json`: which registered versions each served model answers with and how traffic splits
 * between them (a champion and its challengers, by weight), plus the server's limits. It is kept
 * in git and changed by pull request like code, so it is checked field by field and every error
 * names the field.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { isValidName } from '../registry/tags.js';

/** The file `mlops serve` reads beside mlops.yml unless `--serving` names another. */
export const SERVING_FILE = 'serving.json';

/** Longest serving.json read: it holds routes and limits, not data. */
const MAX_SERVING_CHARACTERS = 1 << 16;
/** Longest text of a value quoted in an error. */
const MAX_QUOTED = 60;

const routeSchema = z
  .object({
    /** A registry ref of this model: NAME#STAGE, NAME@vX.Y.Z or NAME@latest. */
    ref: z.string().min(1).max(300),
    /** Relative share of the traffic; 0 keeps the version loaded (for pinned requests) but unrouted. */
    weight: z.number().min(0).max(1_000_000),
  })
  .strict();

const modelSchema = z
  .object({
    routes: z.array(routeSchema).min(1).max(32),
    /**
     * Mixed into the hash of each request key: changing it reshuffles which key lands on which
     * route (a new experiment); keeping it keeps every user on their route as weights change.
     */
    salt: z.string().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((model, ctx) => {
    if (model.routes.every((route) => route.weight === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['routes'],
        message: 'every weight is 0; give one route a weight above 0',
      });
    }
    const seen = new Set<string>();
    model.routes.forEach((route, index) => {
      if (seen.has(route.ref)) {
        ctx.addIssue({
          code: 'custom',
          path: ['routes', index, 'ref'],
          message: 'the same ref is routed twice; merge their weights',
        });
      }
      seen.add(route.ref);
    });
  });

/** A TCP port; 0 picks a free one. */
const portSchema = z.int().min(0).max(65_535);

const serverSchema = z
  .object({
    /** The REST API's port (default 8501); `--port` wins. */
    port: portSchema.optional(),
    /** The gRPC API's port (no gRPC API without it); `--grpc-port` wins. */
    grpc_port: portSchema.optional(),
    /** How often the registry tags and serving.json are read again for a hot reload. */
    poll_seconds: z.number().min(0.1).max(86_400).default(30),
    /** Predict requests served at once; more get 503 with Retry-After. */
    max_in_flight: z.int().min(1).max(100_000).default(64),
    /** A predict request still unanswered after this gets 504. */
    timeout_ms: z.int().min(10).max(600_000).default(10_000),
    /** Largest request body; larger ones get 413. */
    max_body_bytes: z
      .int()
      .min(1024)
      .max(256 * 1024 * 1024)
      .default(4 * 1024 * 1024),
    /** Most instances in one predict request. */
    max_instances: z.int().min(1).max(100_000).default(1000),
    /** The prediction log (and the feedback log) rotates past this size. */
    log_max_bytes: z
      .int()
      .min(1024)
      .max(1024 ** 4)
      .default(64 * 1024 * 1024),
    /** Rotated log files kept besides the current one. */
    log_keep: z.int().min(0).max(1000).default(5),
  })
  .strict()
  .refine((server) => !server.grpc_port || server.grpc_port !== server.port, {
    path: ['grpc_port'],
    message: 'the same port as server.port; the gRPC API needs a port of its own',
  });

const servingSchema = z
  .object({
    $schema: z.string().optional(),
    models: z.record(z.string(), modelSchema).default({}),
    server: serverSchema.default(() => serverSchema.parse({})),
  })
  .strict()
  .superRefine((serving, ctx) => {
    for (const [name, model] of Object.entries(serving.models)) {
      if (!isValidName(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', name],
          message: 'not a model name (lower-case letters, digits, "-" and "/")',
        });
        continue;
      }
      model.routes.forEach((route, index) => {
        if (refModel(route.ref) !== name) {
          ctx.addIssue({
            code: 'custom',
            path: ['models', name, 'routes', index, 'ref'],
            message: `expected a ref of ${name} (${name}#STAGE, ${name}@vX.Y.Z or ${name}@latest)`,
          });
        }
      });
    }
  });

export type ServingConfig = z.infer<typeof servingSchema>;
export type ServerSettings = ServingConfig['server'];
export type RouteSetting = z.infer<typeof routeSchema>;

/** The settings when there is no serving.json: each model answers with its default version. */
export const DEFAULT_SERVING: ServingConfig = servingSchema.parse({});

/**
 * Parses the text of a serving.json read from `source`; a ConfigError lists each problem as
 * `source: field.path: what is wrong`, never echoing more than a short value.
 */
export function parseServingConfig(text: string, source: string): ServingConfig {
  if (text.length > MAX_SERVING_CHARACTERS) {
    throw new ConfigError(
      `${source}: ${text.length.toLocaleString('en-US')} characters; serving.json holds routes and ` +
        `limits and may have at most ${MAX_SERVING_CHARACTERS.toLocaleString('en-US')}.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      // zod drops such keys silently: a route written under one would be ignored unseen.
      if (key === '__proto__') throw new SyntaxError('a "__proto__" field is not allowed');
      return value;
    });
  } catch (error) {
    throw new ConfigError(`${source}: not valid JSON (${(error as Error).message}).`);
  }
  const result = servingSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${fieldPath(issue)}: ${describeIssue(issue, raw)}`,
  );
  throw new ConfigError(
    `${source} is not a valid serving config:\n  ${problems.join('\n  ')}\n` +
      'See "Serving" in README.md.',
  );
}

/** The model a ref names (the part before `#` or `@`). */
function refModel(ref: string): string {
  return ref.split(/[#@]/, 1)[0] ?? '';
}

function fieldPath(issue: z.core.$ZodIssue): string {
  const keys = issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [];
  const path = [...issue.path, ...keys].filter((p): p is string | number => typeof p !== 'symbol');
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${quotedKey(p)}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'unrecognized_keys') return 'unknown field';
  if (issue.code === 'invalid_type') {
    const value = valueAt(raw, issue.path);
    if (value === undefined) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(value)}`;
  }
  return issue.message;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A value as an error shows it: a short scalar as JSON, anything else by kind. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length <= MAX_QUOTED ? text : `a ${typeof value} of ${text.length} characters`;
}

function quotedKey(key: string): string {
  return /^[\w/.-]{1,60}$/.test(key) ? key : JSON.stringify(key.slice(0, MAX_QUOTED));
}
