/**
 * `mlops serve` under load on loopback: the demo model (scripts/demo.mjs: wages, a regression,
 * registered and promoted to production) served by a real `mlops serve` process and driven by
 * autocannon with single-instance and 64-instance requests, read against two references measured
 * in the same run:
 * - **raw predict**: `predictRows`, the call the server makes to score (a tensor from rows already
 *   encoded as one Float32Array, `model.predict`, the outputs read back, the tensors disposed), on
 *   the same bundle and backend, in this process: no JSON, no checks, no preprocessing, no HTTP;
 * - **the HTTP floor**: a bare Fastify server (defaults: no logger, no hooks, no schema) in its own
 *   process that parses the same request body and answers with the very answer the real server
 *   gave it, under the same autocannon settings: what any JSON route costs on this loopback, with
 *   the client on the same cores.
 * Server overhead is p50 − raw predict, over raw predict; the overhead above the floor subtracts the
 * floor's p50 as well, leaving what `mlops serve` itself adds (checks, preprocessing, the
 * prediction log, metrics, its hooks). Latency percentiles come from each response's own time
 * (autocannon's histogram keeps whole ms). Targets, printed beside the figures: server overhead ≤
 * 20 % of raw predict at batch 64, p99 ≤ 20 ms at single instance, no errors, the server's memory
 * flat (the lowest RSS of a run's last third vs of its first: V8's garbage collection makes RSS a
 * sawtooth of up to 150 MB under load, whose peaks say nothing; a leak lifts the troughs).
 *
 * Standalone: `node --import tsx bench/serve-load.ts [--quick] [--source] [--cpu-prof DIR]`;
 * --quick loads 5 s per run instead of 30, --source serves from src/ (tsx) instead of the bundled
 * bin/mlops.js, --cpu-prof has the server write a V8 CPU profile into DIR when it stops.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Fastify from 'fastify';
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
/** Node's flags that run TypeScript through tsx. */
const TSX = ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href];
const MODEL = 'wages';
const BATCHES = [1, 64] as const;
/** Connections of the throughput runs: enough to keep the server busy, under max_in_flight (64). */
const BUSY_CONNECTIONS = 8;
/** Seconds of the floor's runs: a p50 settles within a few thousand requests. */
const FLOOR_SECONDS = 5;
/** Starts the bare Fastify server of the HTTP floor (this file run in a child process). */
const ECHO_FLAG = '--echo-server';
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
  /** The server process's CPU time (user + system) per answered request, in ms. */
  cpuMs: number;
}

/** A server process under load: `mlops serve`, or the bare Fastify server of the floor. */
interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A batch's references: raw predict and the in-process core in ms, and the floor's run. */
interface References {
  rawMs: number;
  coreMs: number;
  floor: LoadRun;
}

/** The demo model served and loaded; figures per batch size, then errors and memory. */
export async function benchServeLoad(options: ServeLoadOptions = {}): Promise<BenchRow[]> {
  const seconds = options.quick ? 5 : 30;
  const dir = await mkdtemp(path.join(tmpdir(), 'mlops-bench-serve-'));
  try {
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/demo.mjs'), dir], {
      cwd: ROOT,
    });
    const { backend, ...server } = await startMlopsServe(dir, options);
    const rows: BenchRow[] = [];
    const runs: LoadRun[] = [];
    let echo: ServerProcess | null = null;
    try {
      const instances = await demoInstances(dir, server.url);
      const bodies = BATCHES.map((batch) =>
        JSON.stringify({ instances: instances.slice(0, batch) }),
      );
      // The floor answers each body with the answer the real server gave it: same bytes back.
      const answersFile = path.join(dir, 'echo-answers.json');
      await writeFile(answersFile, JSON.stringify(await realAnswers(server.url, bodies)));
      echo = await startEchoServer(answersFile);
      const bundle = path.join(dir, '.mlops/serving/bundles', MODEL, 'v0.1.0');
      for (const [i, batch] of BATCHES.entries()) {
        const body = bodies[i] as string;
        const { rawMs, coreMs } = await timeInProcess(bundle, backend, instances.slice(0, batch));
        await load(echo, body, 1, 1); // warm-up
        const floor = await load(echo, body, 1, Math.min(seconds, FLOOR_SECONDS));
        await load(server, body, 1, 1); // warm-up: JIT, the first log flush
        const single = await timedOnServer(server.url, () => load(server, body, 1, seconds));
        const busy = await load(server, body, BUSY_CONNECTIONS, seconds);
        runs.push(single, busy);
        rows.push(...batchRows(batch, backend, { rawMs, coreMs, floor }, single, busy));
      }
    } finally {
      await Promise.all([server.stop(), echo?.stop()]);
    }
    return [...rows, ...healthRows(runs)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Rows of one batch size: latency at one connection against raw predict and the HTTP floor, then
 * throughput.
 */
function batchRows(
  batch: number,
  backend: string,
  { rawMs, coreMs, floor }: References,
  single: LoadRun & ServerTimes,
  busy: LoadRun,
): BenchRow[] {
  const what = `serve-load: batch ${batch}`;
  const p50 = percentile(single.latencies, 0.5);
  const p99 = percentile(single.latencies, 0.99);
  const floorP50 = percentile(floor.latencies, 0.5);
  const overhead = ((p50 - rawMs) / rawMs) * 100;
  const aboveFloor = ((p50 - floorP50 - rawMs) / rawMs) * 100;
  const raw = `raw predict (predictRows) ${ms(rawMs)} ms, in-process ServingCore.predict (checks, preprocessing, predict; no log) ${ms(coreMs)} ms, in the server (mean, /metrics) ${ms(single.serverMs)} ms of which scoring (preprocessing, predict) ${ms(single.scoreMs)} ms (${backend})`;
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
      name: `${what}, HTTP floor: bare Fastify, same body and answer, 1 connection, p50`,
      value: ms(floorP50),
      unit: 'ms',
      reference: `${Math.round((floorP50 / rawMs) * 100)} % of raw predict before any work; p99 ${ms(percentile(floor.latencies, 0.99))} ms, ${Math.round(floor.requests / floor.seconds)} requests/s`,
    },
    {
      name: `${what}, server overhead (p50 − raw predict) / raw predict`,
      value: Math.round(overhead),
      unit: '%',
      reference:
        batch === 64
          ? `target ≤ ${TARGETS.overheadPercent} %: ${verdict(overhead <= TARGETS.overheadPercent)}`
          : `${ms(p50 - rawMs)} ms beyond predict`,
    },
    {
      name: `${what}, overhead above the HTTP floor (p50 − floor − raw predict) / raw predict`,
      value: Math.round(aboveFloor),
      unit: '%',
      reference: `${ms(p50 - floorP50 - rawMs)} ms that mlops serve adds to a bare Fastify JSON route`,
    },
    {
      name: `${what}, server CPU time per request, 1 connection`,
      value: ms(single.cpuMs),
      unit: 'ms',
      reference: `HTTP floor ${ms(floor.cpuMs)} ms; beyond the floor and raw predict ${ms(single.cpuMs - floor.cpuMs - rawMs)} ms = ${Math.round(((single.cpuMs - floor.cpuMs - rawMs) / rawMs) * 100)} % of raw predict (CPU time hardly moves with other load on the machine; latency does)`,
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

/** Failures over every run, and the largest RSS growth of a run (troughs: last third vs first). */
function healthRows(runs: LoadRun[]): BenchRow[] {
  const failures = runs.reduce((sum, run) => sum + run.failures, 0);
  const total = runs.reduce((sum, run) => sum + run.seconds, 0);
  const growth = runs.map((run) => {
    const third = Math.max(1, Math.floor(run.rssMb.length / 3));
    const first = Math.min(...run.rssMb.slice(0, third));
    return { first, percent: ((Math.min(...run.rssMb.slice(-third)) - first) / first) * 100 };
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
      name: "serve-load: server RSS, lowest of a run's last third vs of its first (largest growth)",
      value: Math.round(worst.percent * 10) / 10,
      unit: '%',
      reference: `first third's lowest ${Math.round(worst.first)} MB; target flat (≤ +${TARGETS.rssGrowthPercent} %): ${verdict(worst.percent <= TARGETS.rssGrowthPercent)}`,
    },
  ];
}

/** `mlops serve wages` in the demo repository on a free port, once it is ready. */
async function startMlopsServe(
  dir: string,
  options: ServeLoadOptions,
): Promise<ServerProcess & { backend: string }> {
  const cli = options.source
    ? [...TSX, path.join(ROOT, 'src/cli/index.ts')]
    : [path.join(ROOT, 'bin/mlops.js')];
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const args = [...profile, ...cli, 'serve', MODEL, '--port', '0'];
  const { found, ...server } = await spawnServer([...args, '--log-dir', path.join(dir, 'logs')], {
    cwd: dir,
    patterns: [/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, /TensorFlow\.js backend: (\w+)/],
  });
  const [url = '', backend = ''] = found;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { ...server, url, backend };
}

/** The floor's bare Fastify server: this file in a child process, answering from `answersFile`. */
async function startEchoServer(answersFile: string): Promise<ServerProcess> {
  const self = fileURLToPath(import.meta.url);
  const { found, ...server } = await spawnServer([...TSX, self, ECHO_FLAG, answersFile], {
    cwd: ROOT,
    patterns: [/echo listening at (http:\/\/127\.0\.0\.1:\d+)/],
  });
  return { ...server, url: found[0] ?? '' };
}

/**
 * Runs `node ARGS` and waits until its stderr has matched every pattern; `found` holds each
 * pattern's first group. Its stop sends SIGTERM and expects exit code 0.
 */
async function spawnServer(
  args: string[],
  { cwd, patterns }: { cwd: string; patterns: RegExp[] },
): Promise<Omit<ServerProcess, 'url'> & { found: string[] }> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  const found = await new Promise<string[]>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const groups = patterns.map((pattern) => pattern.exec(stderr)?.[1]);
      if (groups.every((group) => group !== undefined)) resolve(groups as string[]);
    });
    void exited.then(() => reject(new Error(`${args.at(-1)} exited:\n${stderr}`)));
  });
  return {
    found,
    child,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`stopped with exit code ${code}:\n${stderr}`);
    },
  };
}

/** The real server's answer to each body, parsed, by batch size: what the floor sends back. */
async function realAnswers(url: string, bodies: string[]): Promise<Record<number, unknown>> {
  const answers: Record<number, unknown> = {};
  for (const [i, batch] of BATCHES.entries()) {
    const response = await fetch(`${url}/v1/models/${MODEL}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodies[i] as string,
    });
    if (response.status !== 200) throw new Error(`predict answered ${response.status}`);
    answers[batch] = await response.json();
  }
  return answers;
}

/**
 * The HTTP floor, run as a child process: Fastify with its defaults and one route that parses the
 * body and answers with the real server's answer for a batch of that size.
 */
async function serveEcho(answersFile: string): Promise<void> {
  const answers = JSON.parse(await readFile(answersFile, 'utf8')) as Record<string, unknown>;
  const app = Fastify();
  app.post('/v1/models/*', async (request) => {
    const { instances } = request.body as { instances: unknown[] };
    return answers[instances.length];
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stderr.write(`echo listening at ${url}\n`);
  process.once('SIGTERM', () => void app.close());
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
  server: ServerProcess,
  body: string,
  connections: number,
  seconds: number,
): Promise<LoadRun> {
  const latencies: number[] = [];
  const rssMb: number[] = [];
  const cpuBefore = await processCpuMs(server.child);
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
    const cpuMs = (await processCpuMs(server.child)) - cpuBefore;
    return {
      seconds,
      requests: latencies.length,
      latencies,
      failures: result.errors + result.timeouts + result.non2xx,
      rssMb,
      cpuMs: cpuMs / latencies.length,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** What the server's /metrics says of a run: its mean time per request, and per scoring, in ms. */
interface ServerTimes {
  serverMs: number;
  scoreMs: number;
}

/** `run`, with the mean times `mlops serve` at `url` reports for the requests meanwhile. */
async function timedOnServer(
  url: string,
  run: () => Promise<LoadRun>,
): Promise<LoadRun & ServerTimes> {
  const before = await histogramSums(url);
  const result = await run();
  const after = await histogramSums(url);
  const meanMs = (name: string) => {
    const seconds = (after.get(`${name}_sum`) ?? 0) - (before.get(`${name}_sum`) ?? 0);
    const count = (after.get(`${name}_count`) ?? 0) - (before.get(`${name}_count`) ?? 0);
    return (seconds / count) * 1000;
  };
  return {
    ...result,
    serverMs: meanMs('mlops_request_duration_seconds'),
    scoreMs: meanMs('mlops_score_duration_seconds'),
  };
}

/** The sums and counts of the server's histograms for the model (REST requests only), by series. */
async function histogramSums(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    const series = /^(mlops_\w+_(?:sum|count))\{(.*)\} (\S+)$/.exec(line);
    if (!series?.[1] || !series[2]?.includes(`model="${MODEL}"`)) continue;
    if (series[2].includes('api=') && !series[2].includes('api="rest"')) continue;
    sums.set(series[1], (sums.get(series[1]) ?? 0) + Number(series[3]));
  }
  return sums;
}

/**
 * The child's CPU time so far (user + system), in ms, from Linux /proc; NaN elsewhere. Unlike
 * latency, it hardly moves when other work shares the cores.
 */
async function processCpuMs(child: ChildProcess): Promise<number> {
  try {
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / (await clockTicks());
  } catch {
    return NaN;
  }
}

let ticksPerSecond: Promise<number> | null = null;

/** The kernel's clock ticks per second (the unit of /proc CPU times). */
function clockTicks(): Promise<number> {
  ticksPerSecond ??= promisify(execFile)('getconf', ['CLK_TCK']).then(({ stdout }) =>
    Number(stdout.trim()),
  );
  return ticksPerSecond;
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

function ms(value: number): number {
  return Math.round(value * 100) / 100;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

const echoAt = process.argv.indexOf(ECHO_FLAG);
if (echoAt > 0) {
  await serveEcho(process.argv[echoAt + 1] ?? '');
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
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
