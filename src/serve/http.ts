/**
 * The REST API, shaped like TensorFlow Serving's: `POST /v1/models/NAME[/versions/V|/labels/STAGE]:predict`,
 * `GET /v1/models/NAME[/versions/V]` (version status) and `…/metadata`, plus `POST /v1/feedback`,
 * `/healthz`, `/readyz` and `/metrics`. Every body is hostile: errors are JSON `{"error": …}` with
 * the status the problem deserves, never a stack, and nothing a client sends can stop the server.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { z } from 'zod';
import { MlopsError } from '../errors.js';
import type { ServedPrediction, ServingCore, VersionSelector } from './core.js';
import { InvalidRequest, NotReady, NotServed } from './errors.js';
import { quoted } from './instances.js';
import { FEEDBACK_LOG_FORMAT, type FeedbackRecord } from './log-format.js';
import type { JsonlLog } from './jsonl-log.js';
import type { ServingMetrics } from './metrics.js';
import { modelMetadata, modelStatus } from './describe.js';
import type { ServerSettings } from './serving-config.js';

export interface HttpApiOptions {
  core: ServingCore;
  metrics: ServingMetrics;
  feedback: JsonlLog;
  settings: ServerSettings;
  /** Where the JSON log lines go (one `write` per line), at `level` and above. */
  log: { write: (line: string) => void; level: string };
  /** False once the server is stopping: readiness fails so load balancers move away. */
  accepting: () => boolean;
  now?: () => Date;
}

/** Header carrying the sticky key that assigns a client to a route. */
export const KEY_HEADER = 'x-mlops-key';
/** Header carrying (or returning) the request id. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id or key sent by a client is used only when it is short and plain. */
export const PLAIN_ID = /^[\w.:@/-]{1,128}$/;
/** Longest sticky key accepted. */
export const MAX_KEY_LENGTH = 256;
/** Most feedback records in one request. */
const MAX_FEEDBACK = 1000;

const PREDICT_PATH =
  /^(?<name>[^:]+?)(?:\/versions\/(?<version>[^/:]+)|\/labels\/(?<stage>[^/:]+))?:(?<verb>[a-z]+)$/;
const STATUS_PATH = /^(?<name>[^:]+?)(?:\/versions\/(?<version>[^/:]+))?(?<metadata>\/metadata)?$/;

const feedbackSchema = z
  .object({
    id: z.string().min(1).max(300),
    label: z.union([z.string().max(10_000), z.number().finite(), z.boolean()]),
  })
  .strict();

/**
 * The predict answer: Fastify writes it with fast-json-stringify from this schema, in half the time
 * of JSON.stringify, and only these fields can leave.
 */
const PREDICT_ANSWER = {
  type: 'object',
  properties: {
    predictions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          score: { type: 'number' },
          value: { type: 'number' },
          probabilities: { type: 'object', additionalProperties: { type: 'number' } },
        },
      },
    },
    model_name: { type: 'string' },
    model_version: { type: 'string' },
    route: { type: ['string', 'null'] },
    request_id: { type: 'string' },
  },
} as const;

/** Log levels at which a served request's line is written (it is a debug line). */
const DEBUG_LEVELS = new Set(['debug', 'trace']);

/** What a request did, for its metrics and its log line. */
interface Served {
  model: string;
  version: string;
  instances: number;
  scoreSeconds?: number;
}

/** Builds the REST API over `core` (not listening yet). */
export function buildHttpApi(options: HttpApiOptions): FastifyInstance {
  const { core, metrics, settings } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    logger: {
      level: options.log.level,
      stream: { write: options.log.write },
      // Nothing here logs headers; should a future log line include them, these stay out.
      redact: ['req.headers.authorization', 'req.headers.cookie', `req.headers["${KEY_HEADER}"]`],
    },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.max_body_bytes,
    // A client that trickles its request in is cut off: it would hold a slot forever.
    requestTimeout: Math.max(settings.timeout_ms, 30_000),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    genReqId: (raw) => {
      const sent = raw.headers[REQUEST_ID_HEADER];
      return typeof sent === 'string' && PLAIN_ID.test(sent) ? sent : randomUUID();
    },
  });
  const served = new WeakMap<FastifyRequest, Served>();
  /** Predict requests in flight, each with the timer of its 504. */
  const inFlight = new Map<ServerResponse, NodeJS.Timeout>();
  const logsServed = DEBUG_LEVELS.has(options.log.level);
  // One listener for every response, not a closure each (nor an AbortController each, as
  // Fastify's handlerTimeout makes and aborts for every POST once its body is read).
  function release(this: ServerResponse): void {
    clearTimeout(inFlight.get(this));
    inFlight.delete(this);
    metrics.setInFlight('rest', inFlight.size);
  }

  // Hooks take a callback rather than return a promise: one promise less per hook and request.
  // Predict requests are counted from their first byte to the end of their answer, a slow upload
  // included: past the limit, the server sheds load at once instead of queueing it; past
  // timeout_ms, the request gets 504 whether its body is still coming or its scoring runs.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'POST' || !request.url.startsWith('/v1/models/')) return done();
    // Counted under no model until a served one answers: URLs must not make new series.
    served.set(request, { model: '', version: '', instances: 0 });
    // One limit for every API: gRPC requests in flight count too.
    if (metrics.inFlightCount() >= settings.max_in_flight) {
      reply
        .code(503)
        .header('retry-after', '1')
        .send({ error: `over ${settings.max_in_flight} requests in flight; retry shortly` });
      return;
    }
    inFlight.set(reply.raw, setTimeout(answerLate, settings.timeout_ms, reply, settings));
    metrics.setInFlight('rest', inFlight.size);
    // 'close' comes once per response, answered or cut off by the client.
    reply.raw.once('close', release);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const what = served.get(request);
    const status = reply.statusCode;
    if (what) {
      metrics.recordRequest({
        api: 'rest',
        ...what,
        status: String(status),
        seconds: reply.elapsedTime / 1000,
      });
    }
    done();
    if (status < 400 && !logsServed) return;
    const line = {
      method: request.method,
      url: request.url,
      status,
      ms: Math.round(reply.elapsedTime),
      ...what,
    };
    if (status >= 500) request.log.warn(line, 'request failed');
    else if (status >= 400) request.log.info(line, 'request refused');
    else request.log.debug(line, 'request served');
  });

  app.setErrorHandler((error, request, reply) => {
    // A scoring that failed after its 504 went out has nobody left to answer.
    if (reply.sent) return;
    const { status, body } = httpError(error);
    if (status === 500) request.log.error({ err: error }, 'internal error');
    if (status === 503) reply.header('retry-after', '1');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'no such endpoint; see "Serving" in the README' }),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (core.ready && options.accepting()) return { status: 'ready' };
    return reply.code(503).send({ status: options.accepting() ? 'loading' : 'stopping' });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.render(core)),
  );

  app.post(
    '/v1/models/*',
    { schema: { response: { 200: PREDICT_ANSWER } } },
    async (request, reply) => {
      const what = served.get(request) ?? { model: '', version: '', instances: 0 };
      const target = predictTarget((request.params as { '*': string })['*']);
      const body = jsonObject(request.body);
      const key = requestKey(request, body);
      const resolved = core.resolve(target.name, target.selector, key ?? request.id);
      what.model = resolved.served.name;
      what.version = resolved.served.version;
      if (!Object.hasOwn(body, 'instances')) {
        throw new InvalidRequest(
          'instances',
          'missing; send {"instances": [{"feature": value, …}, …]} (the columnar "inputs" form is not served)',
        );
      }
      const result = await core.score(resolved, body.instances, { requestId: request.id });
      what.instances = result.predictions.length;
      what.scoreSeconds = result.scoreSeconds;
      // Answered 504 meanwhile: the instances are scored and logged, the answer is not sent again.
      if (reply.sent) return undefined;
      // fast-json-stringify refuses NaN, which JSON.stringify writes as null; only a broken model
      // outputs it.
      if (!result.predictions.every(hasNoNaN)) reply.serializer(JSON.stringify);
      return {
        predictions: result.predictions,
        model_name: result.model,
        model_version: result.version,
        route: result.route,
        request_id: result.requestId,
      };
    },
  );

  app.get('/v1/models/*', async (request) => {
    const match = STATUS_PATH.exec((request.params as { '*': string })['*']);
    if (!match?.groups) throw new NotServed('expected /v1/models/NAME[/versions/V][/metadata]');
    const { name = '', version, metadata } = match.groups;
    const model = core.model(name);
    return metadata ? modelMetadata(core, model, version) : modelStatus(model, version);
  });

  app.post('/v1/feedback', async (request) => {
    const records = feedbackRecords(request.body, now());
    options.feedback.append(records);
    return { accepted: records.length };
  });

  return app;
}

/** Answers 504 to a predict request not answered within timeout_ms. */
function answerLate(reply: FastifyReply, settings: ServerSettings): void {
  if (reply.sent) return;
  reply.code(504).send({ error: `no answer within ${settings.timeout_ms} ms` });
}

function hasNoNaN(prediction: ServedPrediction): boolean {
  if ('value' in prediction) return !Number.isNaN(prediction.value);
  if ('score' in prediction) return !Number.isNaN(prediction.score);
  return Object.values(prediction.probabilities).every((p) => !Number.isNaN(p));
}

/** The model and version selector of a predict path (what follows `/v1/models/`). */
function predictTarget(rest: string): { name: string; selector: VersionSelector } {
  const match = PREDICT_PATH.exec(rest);
  if (!match?.groups) {
    throw new NotServed('expected POST /v1/models/NAME[/versions/V|/labels/STAGE]:predict');
  }
  const { name = '', version, stage, verb } = match.groups;
  if (verb !== 'predict')
    throw new NotServed('only :predict is served (not :classify or :regress)');
  const selector = version ? { version } : stage ? { stage } : null;
  return { name, selector };
}

function jsonObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequest('body', 'expected a JSON object like {"instances": [...]}');
  }
  return body as Record<string, unknown>;
}

/** The sticky key: the X-Mlops-Key header, else the body's `key`; null for a random route. */
function requestKey(request: FastifyRequest, body: Record<string, unknown>): string | null {
  const header = request.headers[KEY_HEADER];
  const key = typeof header === 'string' ? header : Object.hasOwn(body, 'key') ? body.key : null;
  if (key === null) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidRequest('key', `expected a string of 1 to ${MAX_KEY_LENGTH} characters`);
  }
  return key;
}

/** The feedback records of a body: one `{id, label}` object or a list of them. */
function feedbackRecords(body: unknown, time: Date): FeedbackRecord[] {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0 || items.length > MAX_FEEDBACK) {
    throw new InvalidRequest('feedback', `send 1 to ${MAX_FEEDBACK} {"id", "label"} objects`);
  }
  return items.map((item, index) => {
    const parsed = feedbackSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
      const where = Array.isArray(body) ? `[${index}]` : '';
      throw new InvalidRequest(
        `feedback${where}${typeof field === 'string' ? `.${quoted(field)}` : ''}`,
        'expected {"id": "<prediction id>", "label": <string, number or boolean>}',
      );
    }
    return {
      format: FEEDBACK_LOG_FORMAT,
      id: parsed.data.id,
      time: time.toISOString(),
      label: parsed.data.label,
    };
  });
}

/** The status and body an error is answered with; internals are never echoed. */
function httpError(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof InvalidRequest) {
    return {
      status: 400,
      body: {
        error: error.message,
        ...(error.index === undefined ? {} : { instance: error.index }),
        ...(error.field === undefined ? {} : { field: error.field }),
      },
    };
  }
  if (error instanceof NotServed) return { status: 404, body: { error: error.message } };
  if (error instanceof NotReady) return { status: 503, body: { error: error.message } };
  const fastifyError = error as { statusCode?: number; message?: string };
  // Fastify's own client errors (bad JSON, body too large, wrong content type) say what is wrong.
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500 && !(error instanceof MlopsError)) {
    return { status, body: { error: fastifyError.message ?? 'bad request' } };
  }
  return { status: 500, body: { error: 'internal error; see the server log' } };
}
