/**
 * `mlops serve`: the serving core loaded from the registry, the REST API in front of it (and the
 * gRPC API, on a port of its own when asked), hot reload, the prediction and feedback logs, and a
 * graceful stop on SIGTERM or SIGINT (readiness fails first, requests in flight finish, the models
 * are disposed once their last scoring ends, then the logs are flushed and closed).
 */
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { FileSystem } from '../adapters/fs.js';
import type { Logger } from '../adapters/log.js';
import { selectBackend } from '../model/backend.js';
import { replayTags } from '../registry/state.js';
import type { StepContext } from '../steps/context.js';
import { UsageError } from '../errors.js';
import type { StepArgs } from '../step-table.js';
import { errorMessage } from '../util/text.js';
import { loadCachedVersion } from './bundle-cache.js';
import { cacheSource } from './cache-registry.js';
import { ServingCore } from './core.js';
import type { GrpcApi } from './grpc.js';
import { buildHttpApi } from './http.js';
import { openJsonlLog, type JsonlLog } from './jsonl-log.js';
import { predictionLines, SERVING_LOGS_DIR } from './log-format.js';
import { ServingMetrics } from './metrics.js';
import { Reloader, type ServingSource } from './reloader.js';
import {
  DEFAULT_SERVING,
  parseServingConfig,
  SERVING_FILE,
  type ServerSettings,
  type ServingConfig,
} from './serving-config.js';

/** TensorFlow Serving's REST port. */
const DEFAULT_PORT = 8501;

export interface ServeRequest {
  /** Models to serve; empty: those of serving.json, else every live model of the registry. */
  names: string[];
  /** The REST API's port (0 picks a free one); default serving.json's `server.port`, else 8501. */
  port?: number;
  host: string;
  /**
   * The gRPC API's port (TF Serving's is 8500; 0 picks a free one); default serving.json's
   * `server.grpc_port`; no gRPC API when neither is given.
   */
  grpcPort?: number;
  /** serving.json; `required` when named on the command line, so a typo is not ignored. */
  serving: { file: string; required: boolean };
  /** Folder of predictions.jsonl and feedback.jsonl (default `<out>/serving/logs`). */
  logDir?: string;
  /** pino's level for the JSON log lines (default info). */
  logLevel?: string;
  /** Serve the bundles in `<out>/serving/bundles` alone: no tags read, nothing downloaded. */
  offline?: boolean;
}

export interface ServeOutcome {
  url: string;
  models: string[];
  requests: number;
  logDir: string;
}

/** A server that is up: where it listens, its parts (for tests and other APIs), and its stop. */
export interface RunningServer {
  url: string;
  port: number;
  /** The gRPC API's `host:port`; null when it was not asked for. */
  grpcAddress: string | null;
  core: ServingCore;
  reloader: Reloader;
  metrics: ServingMetrics;
  logDir: string;
  /** Stops accepting, finishes the requests in flight, flushes the logs, disposes the models. */
  stop(): Promise<ServeOutcome>;
}

/** The files the server keeps under `<out>/serving`. */
export function servingPaths(out: string) {
  return {
    bundles: path.join(out, 'serving', 'bundles'),
    logs: path.join(out, SERVING_LOGS_DIR),
  };
}

/** Starts serving: listens at once (readiness fails until the models are loaded), then loads. */
export async function startServer(ctx: StepContext, request: ServeRequest): Promise<RunningServer> {
  const { deps } = ctx;
  const initial = await readServingConfig(deps.fs, request.serving);
  const settings = initial.server;
  const logDir = request.logDir ?? servingPaths(ctx.out).logs;
  const metrics = new ServingMetrics();
  // Write failures are told through the server's own log, made with it below.
  const logs = openLogs(logDir, settings, metrics, (message) => app.log.warn(message));
  const core = new ServingCore({
    sink: { record: (records) => logs.predictions.appendLines(predictionLines(records)) },
    maxInstances: settings.max_instances,
  });
  let accepting = true;
  const app = buildHttpApi({
    core,
    metrics,
    feedback: logs.feedback,
    settings,
    // JSON lines through the run's logger: quiet with --quiet, never a workflow command.
    log: { write: (line) => deps.log.info(line.trimEnd()), level: request.logLevel ?? 'info' },
    accepting: () => accepting,
  });
  const log = pinoLogger(app.log);
  const cacheDir = servingPaths(ctx.out).bundles;
  const servingConfig = () => readServingConfig(deps.fs, request.serving);
  const source: ServingSource = request.offline
    ? cacheSource(deps, cacheDir, servingConfig)
    : {
        registry: async () => replayTags(await deps.tags.list()),
        servingConfig,
        load: (name, planned) => loadCachedVersion({ ...deps, log }, cacheDir, name, planned),
      };
  let grpc: GrpcApi | null = null;
  const reloader = new Reloader({
    core,
    source,
    request: { names: request.names, stages: ctx.config.registry.stages },
    log,
    onReload: (result) => {
      metrics.recordReload(result);
      grpc?.refreshHealth();
    },
  });
  // A port given on the command line wins over serving.json's.
  const address = await app.listen({
    port: request.port ?? settings.port ?? DEFAULT_PORT,
    host: request.host,
  });
  const grpcPort = request.grpcPort ?? settings.grpc_port;
  try {
    if (grpcPort !== undefined) {
      // Loaded only when asked for: a REST-only server does not load grpc-js.
      const { startGrpcApi } = await import('./grpc.js');
      grpc = await startGrpcApi({
        core,
        metrics,
        settings,
        log: app.log,
        host: request.host,
        port: grpcPort,
        accepting: () => accepting,
      });
      log.info(`gRPC API listening at ${grpc.address}`);
    }
    const backend = await selectBackend(ctx.config.model.backend, deps.backend);
    log.info(`TensorFlow.js backend: ${backend.name}`);
    await reloader.reload();
  } catch (error) {
    await Promise.all([app.close(), grpc?.stop()]);
    throw error;
  }
  reloader.start();
  const port = (app.server.address() as { port: number }).port;
  return {
    url: address,
    port,
    grpcAddress: grpc?.address ?? null,
    core,
    reloader,
    metrics,
    logDir,
    async stop() {
      accepting = false;
      grpc?.refreshHealth();
      await reloader.stop();
      // New requests get 503 (REST) or UNAVAILABLE (gRPC); those already in get their answer.
      await Promise.all([app.close(), grpc?.stop()]);
      const models = [...(core.set?.models.keys() ?? [])];
      core.close();
      // Scorings that outlived their answer (past timeout_ms) log their instances before the
      // logs close; a line that comes later still is refused, never written.
      await core.idle();
      await Promise.all([logs.predictions.close(), logs.feedback.close()]);
      log.info(`stopped; logs flushed to ${logDir}`);
      return { url: address, models, requests: metrics.requestCount(), logDir };
    },
  };
}

/** Serves until SIGTERM or SIGINT, then stops gracefully and returns what was served. */
export async function runServe(ctx: StepContext, request: ServeRequest): Promise<ServeOutcome> {
  const server = await startServer(ctx, request);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return server.stop();
}

/** serving.json's settings; the defaults when the file is absent and was not asked for. */
export async function readServingConfig(
  fs: FileSystem,
  serving: ServeRequest['serving'],
): Promise<ServingConfig> {
  if (!(await fs.exists(serving.file))) {
    if (serving.required) throw new UsageError(`--serving ${serving.file}: not found.`);
    return DEFAULT_SERVING;
  }
  return parseServingConfig(await fs.readText(serving.file), path.basename(serving.file));
}

/** The request of `mlops serve` from its arguments: loopback unless told; ports when given. */
export function serveRequest(ctx: StepContext, args: StepArgs): ServeRequest {
  return {
    names: args.models ?? [],
    ...(args.port === undefined ? {} : { port: parsePort('--port', args.port) }),
    host: args.host ?? '127.0.0.1',
    ...(args.grpcPort === undefined ? {} : { grpcPort: parsePort('--grpc-port', args.grpcPort) }),
    // serving.json beside mlops.yml is optional; one named on the command line must exist.
    serving: args.serving
      ? { file: args.serving, required: true }
      : { file: path.join(ctx.baseDir, SERVING_FILE), required: false },
    ...(args.logDir ? { logDir: args.logDir } : {}),
    ...(args.offline ? { offline: true } : {}),
  };
}

function parsePort(flag: string, text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65_535) {
    throw new UsageError(`${flag}: expected a port number from 0 to 65535, got "${text}"`);
  }
  return port;
}

function openLogs(
  dir: string,
  settings: ServerSettings,
  metrics: ServingMetrics,
  warn: (message: string) => void,
): { predictions: JsonlLog; feedback: JsonlLog } {
  const open = (name: string) =>
    openJsonlLog({
      file: path.join(dir, name),
      maxBytes: settings.log_max_bytes,
      keep: settings.log_keep,
      onError: (error) => {
        metrics.recordLogError();
        warn(`could not write ${name}: ${errorMessage(error)}`);
      },
    });
  return { predictions: open('predictions.jsonl'), feedback: open('feedback.jsonl') };
}

/** The run's Logger over fastify's pino logger, so every line the server writes is JSON. */
function pinoLogger(pino: FastifyBaseLogger): Logger {
  return {
    info: (message) => pino.info(message),
    warn: (message) => pino.warn(message),
    annotate: (finding) => pino.warn({ file: finding.file, title: finding.title }, finding.message),
    group: (name, fn) => {
      pino.info(name);
      return fn();
    },
  };
}
