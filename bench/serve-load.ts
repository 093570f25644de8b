/**
 * `mlops serve` under load on loopback: the demo model (scripts/demo.mjs: wages, a regression,
 * registered and promoted to production) served by a real `mlops serve` process and driven by
 * autocannon with single-instance and 64-instance requests, read against the raw `model.predict`
 * time of the same batch, on the same bundle and backend, measured in this process in the same run.
 * Latency percentiles come from each response's own time (autocannon's histogram keeps whole ms).
 * Targets, printed beside the figures: server overhead ≤ 20 % of raw predict at batch 64, p99 ≤
 * 20 ms at single instance, no errors, the server's memory flat (RSS, last third of a run vs first;
 * V8's garbage collection makes RSS a sawtooth of some 60 MB, so a 5 s run can read as growth).
 *
 * Standalone: `node --import tsx bench/serve-load.ts [--quick] [--source] [--cpu-prof DIR]`;
 * --quick loads 5 s per run instead of 30, --source serves from src/ (tsx) instead of the bundled
 * bin/mlops.js, --cpu-prof has the server write a V8 CPU profile into DIR when it stops.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { nodeFileSystem } from '../src/adapters/fs.js';
import type { BackendName } from '../src/config/schema.js';
import { findWasmDir } from '../src/adapters/wasm.js';
import { selectBackend } from '../src/model/backend.js';
import { predictRows } from '../src/model/predict.js';
import { transformFeatures } from '../src/model/preprocess.js';
import { rawRowsTable } from '../src/model/raw-rows.js';
import { loadBundleVersion } from '../src/serve/bundle-cache.js';
import { ServingCore, singleVersionSet } from '../src/serve/core.js';
import type { BenchRow } from './types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = 'wages';
const BATCHES = [1, 64] as const;
/** Connections of the throughput runs: enough to keep the server busy, under max_in_flight (64). */
const BUSY_CONNECTIONS = 8;
const TARGETS = { overheadPercent: 20, p99Ms: 20, rssGrowthPercent: 10 };

export interface ServeLoadOptions {
  /** 5 s per run instead of 30. */
  quick?: boolean;
  /** Serve from src/ through tsx instead of the bundled CLI. */
  source?: boolean;
  /** A folder for the server's V8 CPU profile (node --cpu-prof). */
  cpuProfDir?: string;
}

/** One autocannon run: every 2xx response's time, the failures, and the server's RSS samples. */
interface LoadRun {
  seconds: number;
  requests: number;
  latencies: number[];
  failures: number;
  rssMb: number[];
  /** The mean time the server itself took per request (its /metrics histogram), in ms. */
  serverMs: number;
}

interface RunningServer {
  url: string;
  backend: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The demo model served and loaded; figures per batch size, then errors and memory. */
export async function benchServeLoad(options: ServeLoadOptions = {}): Promise<BenchRow[]> {
  const seconds = options.quick ? 5 : 30;
  const dir = await mkdtemp(path.join(tmpdir(), 'mlops-bench-serve-'));
  try {
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/demo.mjs'), dir], {
      cwd: ROOT,
    });
    const server = await startServer(dir, options);
    const rows: BenchRow[] = [];
    const runs: LoadRun[] = [];
    try {
      const instances = await demoInstances(dir, server.url);
      const bundle = path.join(dir, '.mlops/serving/bundles', MODEL, 'v0.1.0');
      for (const batch of BATCHES) {
        const sample = instances.slice(0, batch);
        const inProcess = await timeInProcess(bundle, server.backend, sample);
        const body = JSON.stringify({ instances: sample });
        await load(server, body, 1, 1); // warm-up: JIT, the first log flush
        const single = await load(server, body, 1, seconds);
        const busy = await load(server, body, BUSY_CONNECTIONS, seconds);
        runs.push(single, busy);
        rows.push(...batchRows(batch, server.backend, inProcess, single, busy));
      }
    } finally {
      await server.stop();
    }
    return [...rows, ...healthRows(runs)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rows of one batch size: latency at one connection against raw predict, then throughput. */
function batchRows(
  batch: number,
  backend: string,
  inProcess: { rawMs: number; coreMs: number },
  single: LoadRun,
  busy: LoadRun,
): BenchRow[] {
  const what = `serve-load: batch ${batch}`;
  const p50 = percentile(single.latencies, 0.5);
  const p99 = percentile(single.latencies, 0.99);
  const overhead = ((p50 - inProcess.rawMs) / inProcess.rawMs) * 100;
  const raw = `raw model.predict ${ms(inProcess.rawMs)} ms, in-process ServingCore.predict ${ms(inProcess.coreMs)} ms, in the server (mean, /metrics) ${ms(single.serverMs)} ms (${backend})`;
  const rows: BenchRow[] = [
    { name: `${what}, 1 connection, p50`, value: ms(p50), unit: 'ms', reference: raw },
    {
      name: `${what}, 1 connection, p99`,
      value: ms(p99),
      unit: 'ms',
      reference:
        batch === 1 ? `target ≤ ${TARGETS.p99Ms} ms: ${verdict(p99 <= TARGETS.p99Ms)}` : raw,
    },
    {
      name: `${what}, server overhead (p50 − raw predict) / raw predict`,
      value: Math.round(overhead),
      unit: '%',
      reference:
        batch === 64
          ? `target ≤ ${TARGETS.overheadPercent} %: ${verdict(overhead <= TARGETS.overheadPercent)}`
          : `${ms(p50 - inProcess.rawMs)} ms beyond predict`,
    },
    {
      name: `${what}, ${BUSY_CONNECTIONS} connections, throughput`,
      value: Math.round(busy.requests / busy.seconds),
      unit: 'requests/s',
      reference: `${Math.round((busy.requests * batch) / busy.seconds).toLocaleString('en-US')} instances/s; p50 ${ms(percentile(busy.latencies, 0.5))} ms, p99 ${ms(percentile(busy.latencies, 0.99))} ms`,
    },
  ];
  return rows;
}

/** Failures over every run, and the largest RSS growth of a run (its last third vs first). */
function healthRows(runs: LoadRun[]): BenchRow[] {
  const failures = runs.reduce((sum, run) => sum + run.failures, 0);
  const total = runs.reduce((sum, run) => sum + run.seconds, 0);
  const growth = runs.map((run) => {
    const third = Math.max(1, Math.floor(run.rssMb.length / 3));
    const first = mean(run.rssMb.slice(0, third));
    return { first, percent: ((mean(run.rssMb.slice(-third)) - first) / first) * 100 };
  });
  const worst = growth.reduce((a, b) => (b.percent > a.percent ? b : a));
  return [
    {
      name: `serve-load: errors, timeouts and non-2xx over ${total} s of load`,
      value: failures,
      unit: 'responses',
      reference: `target 0: ${verdict(failures === 0)}`,
    },
    {
      name: 'serve-load: server RSS, last third of a run vs its first (largest growth)',
      value: Math.round(worst.percent * 10) / 10,
      unit: '%',
      reference: `first third ${Math.round(worst.first)} MB; target flat (≤ +${TARGETS.rssGrowthPercent} %): ${verdict(worst.percent <= TARGETS.rssGrowthPercent)}`,
    },
  ];
}

/** `mlops serve wages` in the demo repository on a free port, once it is ready. */
async function startServer(dir: string, options: ServeLoadOptions): Promise<RunningServer> {
  const cli = options.source
    ? [
        '--import',
        pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
        path.join(ROOT, 'src/cli/index.ts'),
      ]
    : [path.join(ROOT, 'bin/mlops.js')];
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const child = spawn(
    process.execPath,
    [...profile, ...cli, 'serve', MODEL, '--port', '0', '--log-dir', path.join(dir, 'logs')],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  const found = (pattern: RegExp) => pattern.exec(stderr)?.[1];
  const started = new Promise<{ url: string; backend: string }>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = found(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      const backend = found(/TensorFlow\.js backend: (\w+)/);
      if (url && backend) resolve({ url, backend });
    });
    void exited.then(() => reject(new Error(`mlops serve exited:\n${stderr}`)));
  });
  const { url, backend } = await started;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    backend,
    child,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`mlops serve stopped with exit code ${code}:\n${stderr}`);
    },
  };
}

/** The demo data's rows as a client sends them: the features only, numbers as JSON numbers. */
async function demoInstances(dir: string, url: string): Promise<Record<string, unknown>[]> {
  const meta = (await (await fetch(`${url}/v1/models/${MODEL}/metadata`)).json()) as {
    metadata: { features: { name: string; kind: string }[] };
  };
  const kinds = new Map(meta.metadata.features.map((f) => [f.name, f.kind]));
  const [header = '', ...lines] = (await readFile(path.join(dir, 'data/wages.csv'), 'utf8'))
    .trim()
    .split('\n');
  const columns = header.split(',');
  return lines.slice(0, Math.max(...BATCHES)).map((line) => {
    const cells = line.split(',');
    const instance: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const kind = kinds.get(column);
      if (kind) instance[column] = kind === 'numeric' ? Number(cells[i]) : cells[i];
    });
    return instance;
  });
}

/**
 * Median times, in this process on the server's backend and the bundle it loaded, of the batch's
 * raw `model.predict` (encoded once beforehand) and of the serving core's whole predict (checks,
 * preprocessing, predict, no log).
 */
async function timeInProcess(
  bundle: string,
  backend: string,
  instances: Record<string, unknown>[],
): Promise<{ rawMs: number; coreMs: number }> {
  const wasmDir = findWasmDir();
  const chosen = await selectBackend(backend as BackendName, wasmDir ? { wasmDir } : {});
  if (chosen.name !== backend) {
    throw new Error(`the server runs on ${backend}, this process on ${chosen.name}`);
  }
  const served = await loadBundleVersion({ fs: nodeFileSystem }, bundle);
  try {
    const { model, preprocessing: spec } = served.loaded;
    const features = transformFeatures(
      spec,
      rawRowsTable(spec, instances),
      instances.map((_, i) => i),
    );
    const rawMs = await medianMs(() =>
      predictRows(model, features, instances.length, spec.width, spec.label),
    );
    const core = new ServingCore();
    core.swap(singleVersionSet(served));
    const coreMs = await medianMs(() => core.predict(served.name, null, instances));
    return { rawMs, coreMs };
  } finally {
    served.retire();
  }
}

/**
 * The lowest of 5 medians of 100 timed calls, after 50 untimed ones: a busy moment of the machine
 * raises one round's median, not the figure.
 */
async function medianMs(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await call();
  const medians: number[] = [];
  for (let round = 0; round < 5; round++) {
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const start = process.hrtime.bigint();
      await call();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    medians.push(percentile(times, 0.5));
  }
  return Math.min(...medians);
}

type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
}
// CommonJS without type declarations: its shape is declared above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** POSTs `body` to the model for `seconds` over `connections`, sampling the server's RSS. */
async function load(
  server: RunningServer,
  body: string,
  connections: number,
  seconds: number,
): Promise<LoadRun> {
  const latencies: number[] = [];
  const rssMb: number[] = [];
  const before = await serverTime(server.url);
  const sampler = setInterval(() => {
    void serverRssMb(server.child).then((mb) => {
      if (mb !== null) rssMb.push(mb);
    });
  }, 250);
  try {
    const instance = autocannon({
      url: `${server.url}/v1/models/${MODEL}:predict`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections,
      duration: seconds,
    });
    instance.on('response', (_client, status, _bytes, time) => {
      if (status >= 200 && status < 300) latencies.push(time);
    });
    const result = await instance;
    const after = await serverTime(server.url);
    return {
      seconds,
      requests: latencies.length,
      latencies,
      failures: result.errors + result.timeouts + result.non2xx,
      rssMb,
      serverMs: ((after.seconds - before.seconds) / (after.count - before.count)) * 1000,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The server's request-duration histogram so far for the model's REST requests: sum and count. */
async function serverTime(url: string): Promise<{ seconds: number; count: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const total = (series: string) =>
    text
      .split('\n')
      .filter(
        (line) =>
          line.startsWith(`mlops_request_duration_seconds_${series}{`) &&
          line.includes('api="rest"') &&
          line.includes(`model="${MODEL}"`),
      )
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return { seconds: total('sum'), count: total('count') };
}

/** The child's resident set in MB (Linux /proc), or null where it cannot be read. */
async function serverRssMb(child: ChildProcess): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function ms(value: number): number {
  return Math.round(value * 100) / 100;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = (name: string) => process.argv.indexOf(name);
  const profileAt = flag('--cpu-prof');
  const cpuProfDir = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
  console.table(
    await benchServeLoad({
      quick: flag('--quick') > 0,
      source: flag('--source') > 0,
      ...(cpuProfDir ? { cpuProfDir: path.resolve(cpuProfDir) } : {}),
    }),
  );
}
