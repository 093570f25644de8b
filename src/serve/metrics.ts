/**
 * The server's Prometheus metrics, kept and written by prom-client in a registry of the server's
 * own (not prom-client's global one, so several servers in one process do not mix): requests by
 * API, model, version and status; latency histograms per version, of the whole request and of its
 * scoring alone (the model's share of it); instances scored; the versions loaded; reloads; log
 * write failures; and prom-client's default process metrics (CPU, memory, event loop lag, garbage
 * collection). Label values come from the served set, never from a request's URL, so a client
 * cannot grow the number of series.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServingCore } from './core.js';

/** Latency bucket bounds in seconds, as Prometheus client libraries default to (plus 1 ms). */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A request's answer as metrics count it. */
export interface RequestSample {
  /** `rest` or `grpc`. */
  api: string;
  /** The served model, or empty when the request named none that is served. */
  model: string;
  /** The version that answered (or refused the instances); empty when none was reached. */
  version: string;
  /** The protocol's status: `200`, `400`, `OK`, `INVALID_ARGUMENT`… */
  status: string;
  seconds: number;
  /** Instances scored. */
  instances: number;
  /** Seconds scoring took (preprocessing and model.predict), when instances were scored. */
  scoreSeconds?: number;
}

/** Counters and histograms of one server, written on each scrape. */
export class ServingMetrics {
  /** The content type of what `render` writes. */
  readonly contentType: string;
  private readonly registry = new Registry();
  private readonly requests: Counter<'api' | 'model' | 'version' | 'status'>;
  private readonly instances: Counter<'model' | 'version'>;
  private readonly latency: Histogram<'api' | 'model' | 'version'>;
  private readonly scoring: Histogram<'model' | 'version'>;
  private readonly loadedVersions: Gauge<'model' | 'version' | 'stages'>;
  private readonly modelsLoaded: Gauge;
  private readonly ready: Gauge;
  private readonly inFlightGauge: Gauge;
  private readonly reloads: Counter<'result'>;
  private readonly logErrors: Counter;
  private readonly inFlight = new Map<string, number>();
  private answered = 0;

  constructor() {
    const registers = [this.registry];
    this.contentType = this.registry.contentType;
    this.requests = new Counter({
      name: 'mlops_requests_total',
      help: 'Requests answered, by API, model, version and status.',
      labelNames: ['api', 'model', 'version', 'status'],
      registers,
    });
    this.instances = new Counter({
      name: 'mlops_instances_total',
      help: 'Instances scored, by model and version.',
      labelNames: ['model', 'version'],
      registers,
    });
    this.latency = new Histogram({
      name: 'mlops_request_duration_seconds',
      help: 'Time to answer a request, by API, model and version.',
      labelNames: ['api', 'model', 'version'],
      buckets: BUCKETS,
      registers,
    });
    this.scoring = new Histogram({
      name: 'mlops_score_duration_seconds',
      help: "Time scoring a request's instances (preprocessing and model.predict), by model and version.",
      labelNames: ['model', 'version'],
      buckets: BUCKETS,
      registers,
    });
    this.loadedVersions = new Gauge({
      name: 'mlops_model_version_loaded',
      help: 'Model versions loaded (1 each), with the stages they hold.',
      labelNames: ['model', 'version', 'stages'],
      registers,
    });
    this.modelsLoaded = new Gauge({
      name: 'mlops_models_loaded',
      help: 'Models served.',
      registers,
    });
    this.ready = new Gauge({
      name: 'mlops_ready',
      help: '1 once the models are loaded.',
      registers,
    });
    this.inFlightGauge = new Gauge({
      name: 'mlops_in_flight_requests',
      help: 'Requests being served.',
      registers,
    });
    this.reloads = new Counter({
      name: 'mlops_reloads_total',
      help: 'Reload checks, by result (loaded, unchanged, failed).',
      labelNames: ['result'],
      registers,
    });
    this.logErrors = new Counter({
      name: 'mlops_log_write_errors_total',
      help: 'Failed writes of the prediction or feedback log.',
      registers,
    });
  }

  /** Counts one answered request. */
  recordRequest(sample: RequestSample): void {
    const { api, model, version, status } = sample;
    this.answered++;
    this.requests.inc({ api, model, version, status });
    if (sample.instances > 0) this.instances.inc({ model, version }, sample.instances);
    this.latency.observe({ api, model, version }, sample.seconds);
    if (sample.scoreSeconds !== undefined) {
      this.scoring.observe({ model, version }, sample.scoreSeconds);
    }
  }

  /** Requests answered so far, whatever their status. */
  requestCount(): number {
    return this.answered;
  }

  /** Counts a reload by result: `loaded`, `unchanged` or `failed`. */
  recordReload(result: string): void {
    this.reloads.inc({ result });
  }

  /** Counts a failed write of the prediction or feedback log. */
  recordLogError(): void {
    this.logErrors.inc();
  }

  /** Predict requests `api` (`rest`, `grpc`) is serving now. */
  setInFlight(api: string, count: number): void {
    this.inFlight.set(api, count);
  }

  /** Predict requests being served now by every API: the count `max_in_flight` limits. */
  inFlightCount(): number {
    let count = 0;
    for (const n of this.inFlight.values()) count += n;
    return count;
  }

  /** The exposition text, with the loaded versions read from `core` now. */
  async render(core: ServingCore): Promise<string> {
    this.loadedVersions.reset();
    for (const model of core.set?.models.values() ?? []) {
      for (const served of model.versions.values()) {
        const stages = Object.entries(model.plan.stages)
          .filter(([, version]) => version === served.version)
          .map(([stage]) => stage)
          .join(',');
        this.loadedVersions.set({ model: served.name, version: served.version, stages }, 1);
      }
    }
    this.modelsLoaded.set(core.set?.models.size ?? 0);
    this.ready.set(core.ready ? 1 : 0);
    this.inFlightGauge.set(this.inFlightCount());
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}

let processRegistry: Registry | undefined;

/**
 * prom-client's default process metrics, collected once per process: each collection starts an
 * event-loop delay monitor and a GC observer that are never stopped, so one per server would pile
 * up in a process that starts several (tests, benches).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
