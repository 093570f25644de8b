/**
 * The server's Prometheus metrics, in the text exposition format (version 0.0.4): requests by API,
 * model, version and status; latency histograms per version; instances scored; the versions
 * loaded; reloads. Label values come from the served set, never from a request's URL, so a client
 * cannot grow the number of series.
 */
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
}

type Labels = Record<string, string>;

interface Histogram {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** Counters and histograms of one server, rendered on each scrape. */
export class ServingMetrics {
  private readonly requests = new Map<string, { labels: Labels; value: number }>();
  private readonly instances = new Map<string, { labels: Labels; value: number }>();
  private readonly latency = new Map<string, Histogram>();
  private readonly reloads = new Map<string, { labels: Labels; value: number }>();
  private logErrors = 0;
  private readonly inFlight = new Map<string, number>();

  /** Counts one answered request. */
  recordRequest(sample: RequestSample): void {
    const { api, model, version, status } = sample;
    increment(this.requests, { api, model, version, status }, 1);
    if (sample.instances > 0) increment(this.instances, { model, version }, sample.instances);
    const key = JSON.stringify([api, model, version]);
    let histogram = this.latency.get(key);
    if (!histogram) {
      histogram = {
        labels: { api, model, version },
        counts: BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      this.latency.set(key, histogram);
    }
    BUCKETS.forEach((bound, i) => {
      if (sample.seconds <= bound) (histogram.counts[i] as number)++;
    });
    histogram.sum += sample.seconds;
    histogram.count++;
  }

  /** Requests answered so far, whatever their status. */
  requestCount(): number {
    return [...this.requests.values()].reduce((sum, entry) => sum + entry.value, 0);
  }

  /** Counts a reload by result: `loaded`, `unchanged` or `failed`. */
  recordReload(result: string): void {
    increment(this.reloads, { result }, 1);
  }

  /** Counts a failed write of the prediction or feedback log. */
  recordLogError(): void {
    this.logErrors++;
  }

  /** Predict requests `api` (`rest`, `grpc`) is serving now. */
  setInFlight(api: string, count: number): void {
    this.inFlight.set(api, count);
  }

  /** Predict requests being served now by every API: the count `max_in_flight` limits. */
  inFlightCount(): number {
    return [...this.inFlight.values()].reduce((sum, count) => sum + count, 0);
  }

  /** The exposition text, with the loaded versions read from `core` now. */
  render(core: ServingCore): string {
    const loaded = [...(core.set?.models.values() ?? [])].flatMap((model) =>
      [...model.versions.values()].map((v) => ({
        labels: {
          model: v.name,
          version: v.version,
          stages: Object.entries(model.plan.stages)
            .filter(([, version]) => version === v.version)
            .map(([stage]) => stage)
            .join(','),
        },
        value: 1,
      })),
    );
    return [
      ...family(
        'mlops_requests_total',
        'counter',
        'Requests answered, by API, model, version and status.',
        [...this.requests.values()],
      ),
      ...family('mlops_instances_total', 'counter', 'Instances scored, by model and version.', [
        ...this.instances.values(),
      ]),
      ...histogramFamily(
        'mlops_request_duration_seconds',
        'Time to answer a request, by API, model and version.',
        [...this.latency.values()],
      ),
      ...family(
        'mlops_model_version_loaded',
        'gauge',
        'Model versions loaded (1 each), with the stages they hold.',
        loaded,
      ),
      ...family('mlops_models_loaded', 'gauge', 'Models served.', [
        { labels: {}, value: core.set?.models.size ?? 0 },
      ]),
      ...family('mlops_ready', 'gauge', '1 once the models are loaded.', [
        { labels: {}, value: core.ready ? 1 : 0 },
      ]),
      ...family('mlops_in_flight_requests', 'gauge', 'Requests being served.', [
        { labels: {}, value: this.inFlightCount() },
      ]),
      ...family(
        'mlops_reloads_total',
        'counter',
        'Reload checks, by result (loaded, unchanged, failed).',
        [...this.reloads.values()],
      ),
      ...family(
        'mlops_log_write_errors_total',
        'counter',
        'Failed writes of the prediction or feedback log.',
        [{ labels: {}, value: this.logErrors }],
      ),
      '',
    ].join('\n');
  }
}

function increment(
  map: Map<string, { labels: Labels; value: number }>,
  labels: Labels,
  by: number,
): void {
  const key = JSON.stringify(labels);
  const entry = map.get(key);
  if (entry) entry.value += by;
  else map.set(key, { labels, value: by });
}

function family(
  name: string,
  type: string,
  help: string,
  samples: readonly { labels: Labels; value: number }[],
): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...samples.map((s) => `${name}${labelText(s.labels)} ${s.value}`),
  ];
}

function histogramFamily(name: string, help: string, histograms: readonly Histogram[]): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} histogram`,
    ...histograms.flatMap((h) => [
      ...BUCKETS.map(
        (bound, i) =>
          `${name}_bucket${labelText({ ...h.labels, le: String(bound) })} ${h.counts[i]}`,
      ),
      `${name}_bucket${labelText({ ...h.labels, le: '+Inf' })} ${h.count}`,
      `${name}_sum${labelText(h.labels)} ${h.sum}`,
      `${name}_count${labelText(h.labels)} ${h.count}`,
    ]),
  ];
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabel(value)}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

/** The exposition format's escapes in a label value: backslash, double quote, line feed. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
