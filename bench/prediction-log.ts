/**
 * The prediction log's cost per request: 10,000 requests of 64 instances (the demo's wages
 * features, a regression output) logged as `mlops serve` logs them, yielding to the event loop
 * between requests as a server does, so the log's writes run alongside. The figure is the process's
 * CPU time (every thread: the disk writes too) per request beyond building the records, read
 * against plain `JSON.stringify` of each record in the same run: what a log that only serialised
 * each record, and wrote nothing, would cost.
 *
 * Standalone: `node --import tsx bench/prediction-log.ts`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openJsonlLog } from '../src/serve/jsonl-log.js';
import {
  PREDICTION_LOG_FORMAT,
  predictionLines,
  type PredictionRecord,
} from '../src/serve/log-format.js';
import type { BenchRow } from './types.js';

const REQUESTS = 10_000;
const BATCH = 64;
/** The server's defaults (src/serve/serving-config.ts), but one rotated file: a bound on disk use. */
const LOG = { maxBytes: 64 * 1024 * 1024, keep: 1 };

/** CPU ms per request of the prediction log, beside plain JSON.stringify of each record. */
export async function benchPredictionLog(): Promise<BenchRow[]> {
  const instances = wagesInstances();
  const build = await cpuMsPerRequest(instances, () => {});
  const stringify = await cpuMsPerRequest(instances, (records) => {
    for (const record of records) JSON.stringify(record);
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'mlops-bench-log-'));
  const errors: unknown[] = [];
  try {
    const log = openJsonlLog({
      file: path.join(dir, 'predictions.jsonl'),
      ...LOG,
      onError: (error) => errors.push(error),
    });
    const logged = await cpuMsPerRequest(
      instances,
      (records) => log.appendLines(predictionLines(records)),
      () => log.close(),
    );
    if (errors.length > 0) throw errors[0];
    return [
      {
        name: `prediction log: CPU time per request of ${BATCH} instances (${REQUESTS.toLocaleString('en-US')} requests, written to disk)`,
        value: round(logged - build),
        unit: 'ms',
        reference: `JSON.stringify of each record alone, nothing written: ${round(stringify - build)} ms`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * CPU ms (user + system, every thread) per request of building its records and handing them to
 * `sink`, then `end`; a request at a time, the event loop turning between them.
 */
async function cpuMsPerRequest(
  instances: readonly PredictionRecord['inputs'][],
  sink: (records: PredictionRecord[]) => void,
  end: () => Promise<void> = async () => {},
): Promise<number> {
  const start = process.cpuUsage();
  for (let request = 0; request < REQUESTS; request++) {
    sink(requestRecords(instances));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await end();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / REQUESTS;
}

/** One request's records, built as src/serve/core.ts builds them. */
function requestRecords(instances: readonly PredictionRecord['inputs'][]): PredictionRecord[] {
  const requestId = randomUUID();
  const time = new Date().toISOString();
  return instances.map((inputs, index) => ({
    format: PREDICTION_LOG_FORMAT,
    id: `${requestId}/${index}`,
    requestId,
    time,
    model: 'wages',
    version: '0.1.0',
    route: 'wages@v0.1.0',
    inputs,
    output: { task: 'regression', value: 5 + index / 7 },
  }));
}

/** A batch of instances shaped like the demo's wages rows (scripts/demo.mjs). */
function wagesInstances(): PredictionRecord['inputs'][] {
  return Array.from({ length: BATCH }, (_, i) => ({
    education: 8 + (i % 9),
    south: i % 3 === 0 ? 1 : 0,
    gender: i % 2 === 0 ? 'female' : 'male',
    experience: 1 + ((i * 7) % 40),
    union: i % 5 === 0 ? 1 : 0,
    age: 18 + ((i * 11) % 45),
    race: ['white', 'hispanic', 'other'][i % 3] ?? 'white',
    occupation: ['other', 'management', 'sales', 'clerical', 'service'][i % 5] ?? 'other',
    sector: ['manufacturing', 'construction', 'other'][i % 3] ?? 'other',
    married: i % 2,
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await benchPredictionLog());
}
