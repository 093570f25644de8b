/**
 * The gRPC API, shaped like TensorFlow Serving's: `PredictionService.Predict` and
 * `GetModelMetadata`, `ModelService.GetModelStatus` (proto/mlops/serving/v1), over the same
 * serving core as the REST API and with its semantics: the sticky A/B key (`x-mlops-key` metadata
 * or the `key` field), request ids (`x-request-id`), the prediction log, metrics under
 * api="grpc", one concurrency limit for both APIs, the request timeout, the body size limit.
 * Refusals get the gRPC status the problem deserves; nothing a client sends stops the server.
 * The standard health service answers on the same port (see grpc-health.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  Metadata,
  Server,
  ServerCredentials,
  status as Status,
  type handleUnaryCall,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import type { ServingCore, VersionSelector } from './core.js';
import { modelMetadata, modelStatus } from './describe.js';
import { InvalidRequest, NotReady, NotServed } from './errors.js';
import { ServingHealth } from './grpc-health.js';
import { loadServingProto, PROTO_PACKAGE } from './grpc-proto.js';
import { jsonToStruct, structToJson, type ProtoStruct } from './grpc-struct.js';
import { KEY_HEADER, MAX_KEY_LENGTH, PLAIN_ID, REQUEST_ID_HEADER } from './http.js';
import type { ServingMetrics } from './metrics.js';
import type { ServerSettings } from './serving-config.js';

/** Where the JSON log lines go: fastify's pino logger, as for the REST API. */
export interface GrpcLog {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface GrpcApiOptions {
  core: ServingCore;
  metrics: ServingMetrics;
  settings: ServerSettings;
  log: GrpcLog;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** False once the server is stopping: health turns NOT_SERVING, as readiness fails. */
  accepting: () => boolean;
}

/** The gRPC API, listening. */
export interface GrpcApi {
  /** `host:port`, as a client dials it. */
  address: string;
  port: number;
  /** Sets the health statuses from the models served now (see ServingHealth). */
  refreshHealth(): void;
  /**
   * Refuses new calls and lets those in flight finish; after `graceMs` (the request timeout by
   * default: no call is still being answered by then), cuts whatever is left.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Trailing metadata of an INVALID_ARGUMENT that names an instance: its index. */
export const INSTANCE_TRAILER = 'x-mlops-instance';
/** Trailing metadata naming the refused field, as UTF-8 bytes (a field name is any text). */
export const FIELD_TRAILER = 'x-mlops-field-bin';

/** `ModelSpec` as decoded: every field may be absent. */
interface ModelSpecMessage {
  name?: string;
  version?: string;
  version_label?: string;
  version_choice?: 'version' | 'version_label';
}

interface PredictRequest {
  model_spec?: ModelSpecMessage;
  instances?: ProtoStruct[];
  key?: string;
}

interface ModelRequest {
  model_spec?: ModelSpecMessage;
}

/** What a call did, for its metrics and its log line. */
interface CallRecord {
  requestId: string;
  model: string;
  version: string;
  instances: number;
}

/** A status a call ends with, and why. */
type Ending = Partial<ServerErrorResponse> & { code: Status; details: string };

/** Statuses logged as warnings (the server's trouble); other refusals are the client's. */
const SERVER_TROUBLE: ReadonlySet<Status> = new Set([
  Status.INTERNAL,
  Status.UNAVAILABLE,
  Status.DEADLINE_EXCEEDED,
  Status.RESOURCE_EXHAUSTED,
]);

/** Starts the gRPC API on `host:port`. */
export async function startGrpcApi(options: GrpcApiOptions): Promise<GrpcApi> {
  const { settings } = options;
  const proto = loadServingProto();
  const server = new Server({
    // Larger requests are refused with RESOURCE_EXHAUSTED before a handler runs.
    'grpc.max_receive_message_length': settings.max_body_bytes,
  });
  const calls = new UnaryCalls(options);
  server.addService(service(proto, 'PredictionService'), {
    Predict: calls.handler('Predict', { limited: true }, (call, record) =>
      predict(options.core, call as ServerUnaryCall<PredictRequest, unknown>, record),
    ),
    GetModelMetadata: calls.handler('GetModelMetadata', { limited: false }, (call) =>
      metadata(options.core, (call.request as ModelRequest).model_spec),
    ),
  });
  server.addService(service(proto, 'ModelService'), {
    GetModelStatus: calls.handler('GetModelStatus', { limited: false }, (call) =>
      status(options.core, (call.request as ModelRequest).model_spec),
    ),
  });
  const health = new ServingHealth(
    ['PredictionService', 'ModelService'].map((name) => `${PROTO_PACKAGE}.${name}`),
  );
  health.addTo(server);
  const refreshHealth = () => {
    const { core, accepting } = options;
    health.update(accepting() && core.set ? [...core.set.models.keys()] : null);
  };
  refreshHealth();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${host}:${options.port}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  return {
    address: `${host}:${port}`,
    port,
    refreshHealth,
    stop: (graceMs = settings.timeout_ms) =>
      new Promise<void>((resolve) => {
        health.shutdown();
        const force = setTimeout(() => server.forceShutdown(), graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

function service(proto: ReturnType<typeof loadServingProto>, name: string): ServiceDefinition {
  return proto[`${PROTO_PACKAGE}.${name}`] as ServiceDefinition;
}

/** Predict: the instances scored by the version the model spec, or the key's route, selects. */
async function predict(
  core: ServingCore,
  call: ServerUnaryCall<PredictRequest, unknown>,
  record: CallRecord,
) {
  const { name, selector } = target(call.request.model_spec);
  const key = requestKey(call);
  const resolved = core.resolve(name, selector, key ?? record.requestId);
  record.model = resolved.served.name;
  record.version = resolved.served.version;
  const instances = (call.request.instances ?? []).map(structToJson);
  const result = await core.score(resolved, instances, { requestId: record.requestId });
  record.instances = result.predictions.length;
  return {
    predictions: result.predictions.map(jsonToStruct),
    model_spec: { name: result.model, version: result.version },
    route: result.route ?? '',
    request_id: result.requestId,
  };
}

/** GetModelMetadata: what the REST API's …/metadata answers, the metadata as a Struct. */
async function metadata(core: ServingCore, spec: ModelSpecMessage | undefined) {
  const { name, selector } = target(spec);
  const answer = modelMetadata(core, core.model(name), pinnedVersion(core, name, selector));
  const { tag, ...modelSpec } = answer.model_spec;
  return { model_spec: modelSpec, tag, metadata: jsonToStruct(answer.metadata) };
}

/** GetModelStatus: the loaded versions (or the one the spec names) and the routes. */
async function status(core: ServingCore, spec: ModelSpecMessage | undefined) {
  const { name, selector } = target(spec);
  return modelStatus(core.model(name), pinnedVersion(core, name, selector));
}

/** The model and version selector of a ModelSpec; an absent or empty version selects none. */
function target(spec: ModelSpecMessage | undefined): { name: string; selector: VersionSelector } {
  if (!spec?.name) throw new InvalidRequest('model_spec.name', 'missing; name the model to use');
  const selector =
    spec.version_choice === 'version' && spec.version
      ? { version: spec.version }
      : spec.version_choice === 'version_label' && spec.version_label
        ? { stage: spec.version_label }
        : null;
  return { name: spec.name, selector };
}

/** The version a selector names (a stage's version), or undefined for every version. */
function pinnedVersion(
  core: ServingCore,
  name: string,
  selector: VersionSelector,
): string | undefined {
  return selector === null ? undefined : core.resolve(name, selector, '').served.version;
}

/** The sticky key: the x-mlops-key metadata, else the request's `key`; null for a random route. */
function requestKey(call: ServerUnaryCall<PredictRequest, unknown>): string | null {
  const [sent] = call.metadata.get(KEY_HEADER);
  const key = typeof sent === 'string' && sent !== '' ? sent : call.request.key || null;
  if (key !== null && key.length > MAX_KEY_LENGTH) {
    throw new InvalidRequest('key', `expected at most ${MAX_KEY_LENGTH} characters`);
  }
  return key;
}

/** The request id a client sent when it is short and plain, else a new one. */
function requestIdOf(metadata: Metadata): string {
  const [sent] = metadata.get(REQUEST_ID_HEADER);
  return typeof sent === 'string' && PLAIN_ID.test(sent) ? sent : randomUUID();
}

/**
 * Runs unary calls: the concurrency limit (shared with the REST API through the metrics' count),
 * the deadline (the client's or the request timeout, whichever is first), one answer per call
 * whatever races, then its metrics and log line.
 */
class UnaryCalls {
  private inFlight = 0;

  constructor(private readonly options: GrpcApiOptions) {}

  /** A handler answering with what `run` returns, or the status of what it throws. */
  handler<Request>(
    method: string,
    { limited }: { limited: boolean },
    run: (call: ServerUnaryCall<Request, unknown>, record: CallRecord) => Promise<unknown>,
  ): handleUnaryCall<Request, unknown> {
    const { metrics, settings } = this.options;
    return (call, callback) => {
      const started = performance.now();
      const record: CallRecord = {
        requestId: requestIdOf(call.metadata),
        model: '',
        version: '',
        instances: 0,
      };
      const headers = new Metadata();
      headers.set(REQUEST_ID_HEADER, record.requestId);
      call.sendMetadata(headers);
      const end = (ending: Ending, response?: unknown) => {
        if (ending.code === Status.OK) callback(null, response);
        else callback(ending);
        this.record(method, limited, record, ending, performance.now() - started);
      };
      // One limit for both APIs: past it, a predict call is shed at once instead of queued.
      if (limited && metrics.inFlightCount() >= settings.max_in_flight) {
        end({
          code: Status.RESOURCE_EXHAUSTED,
          details: `over ${settings.max_in_flight} requests in flight; retry shortly`,
        });
        return;
      }
      if (limited) this.enter();
      // Whatever comes first (the answer, the deadline, a cancel) ends the call; the others find
      // it answered. Scoring cannot be interrupted: past the deadline its result is dropped
      // (and logged like any other).
      let answered = false;
      const answer = (ending: Ending, response?: unknown) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        if (limited) this.leave();
        end(ending, response);
      };
      const { ms, byClient } = budget(call, settings.timeout_ms);
      const timer = setTimeout(
        () =>
          answer({
            code: Status.DEADLINE_EXCEEDED,
            details: byClient
              ? "the call's deadline passed before an answer"
              : `no answer within ${settings.timeout_ms} ms (server.timeout_ms)`,
          }),
        ms,
      );
      // A client that cancels (or whose deadline grpc-js enforced) wants no answer: free the slot.
      call.on('cancelled', () =>
        answer({
          code: Date.now() >= deadlineOf(call) ? Status.DEADLINE_EXCEEDED : Status.CANCELLED,
          details: 'cancelled by the client',
        }),
      );
      run(call, record).then(
        (response) => answer({ code: Status.OK, details: 'OK' }, response),
        (error: unknown) => answer(this.ending(error, method, record)),
      );
    };
  }

  private enter(): void {
    this.inFlight++;
    this.options.metrics.setInFlight('grpc', this.inFlight);
  }

  private leave(): void {
    this.inFlight--;
    this.options.metrics.setInFlight('grpc', this.inFlight);
  }

  /** The status an error is answered with; internals are never echoed. */
  private ending(error: unknown, method: string, record: CallRecord): Ending {
    if (error instanceof InvalidRequest) {
      const metadata = new Metadata();
      if (error.index !== undefined) metadata.set(INSTANCE_TRAILER, String(error.index));
      if (error.field !== undefined) metadata.set(FIELD_TRAILER, Buffer.from(error.field));
      return { code: Status.INVALID_ARGUMENT, details: error.message, metadata };
    }
    if (error instanceof NotServed) return { code: Status.NOT_FOUND, details: error.message };
    if (error instanceof NotReady) return { code: Status.UNAVAILABLE, details: error.message };
    this.options.log.error({ err: error, method, reqId: record.requestId }, 'internal error');
    return { code: Status.INTERNAL, details: 'internal error; see the server log' };
  }

  private record(
    method: string,
    limited: boolean,
    record: CallRecord,
    ending: Ending,
    ms: number,
  ): void {
    const statusName = Status[ending.code];
    const { requestId, ...served } = record;
    // Predict calls are counted, as the REST API counts predict requests.
    if (limited) {
      this.options.metrics.recordRequest({
        api: 'grpc',
        ...served,
        status: statusName,
        seconds: ms / 1000,
      });
    }
    const line = {
      api: 'grpc',
      method,
      reqId: requestId,
      status: statusName,
      ms: Math.round(ms),
      ...served,
    };
    const { log } = this.options;
    if (SERVER_TROUBLE.has(ending.code)) log.warn(line, 'request failed');
    else if (ending.code !== Status.OK) log.info(line, 'request refused');
    else log.debug(line, 'request served');
  }
}

/** The call's deadline in epoch milliseconds (Infinity when it has none). */
function deadlineOf(call: ServerUnaryCall<unknown, unknown>): number {
  const deadline = call.getDeadline();
  return deadline instanceof Date ? deadline.getTime() : deadline;
}

/** How long the call may take: the request timeout, or the client's deadline when sooner. */
function budget(
  call: ServerUnaryCall<unknown, unknown>,
  timeoutMs: number,
): { ms: number; byClient: boolean } {
  const left = deadlineOf(call) - Date.now();
  return left < timeoutMs
    ? { ms: Math.max(0, left), byClient: true }
    : { ms: timeoutMs, byClient: false };
}
