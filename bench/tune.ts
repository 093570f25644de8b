/**
 * `mlops tune run` with 8 trials on 2 worker threads, read against the same run with one (the
 * trials one after the other in the main thread): wall time of the bundled CLI (bin/mlops.js),
 * each run its own process, on the default backend. Both must pick the same winner from the same
 * validation metrics; a mismatch is reported as a WARNING row.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCsv } from './data.js';
import type { BenchRow } from './types.js';

const CLI = fileURLToPath(new URL('../bin/mlops.js', import.meta.url));
const ROWS = 20_000;
const CONFIG = `name: churn
data:
  train: data.csv
  label: churned
  ignore: [id]
model:
  epochs: 5
  batch_size: 256
tuning:
  search: grid
  metric: auc
  space:
    learning_rate: [0.0003, 0.001, 0.003, 0.01]
    hidden: [[16], [32, 16]]
`;

/** Seconds of `tune run` on 2 workers and on 1, in one temp project; removed afterwards. */
export function benchTune(): BenchRow[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-tune-'));
  try {
    writeFileSync(path.join(dir, 'data.csv'), generateCsv(ROWS, 11));
    writeFileSync(path.join(dir, 'mlops.yml'), CONFIG);
    const parallel = tuneRun(dir, 2);
    const serial = tuneRun(dir, 1);
    const rows: BenchRow[] = [
      {
        name: `tune run: 8 trials × ${ROWS} rows on 2 worker threads`,
        value: round(parallel.seconds),
        unit: 's',
        reference: `serial ${round(serial.seconds)} s, speed-up ${round(serial.seconds / parallel.seconds)}×`,
      },
    ];
    if (parallel.leaderboard !== serial.leaderboard) {
      rows.push({
        name: 'tune run: WARNING 2 workers and serial ranked the trials differently',
        value: 0,
        unit: '',
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tuneRun(dir: string, workers: number): { seconds: number; leaderboard: string } {
  const out = `.mlops-${workers}`;
  const args = [CLI, 'tune', 'run', '--workers', String(workers), '--no-cache', '-q'];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...args, '--out', out], { cwd: dir });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(
      `mlops tune run --workers ${workers} exited ${result.status}: ${result.stderr}`,
    );
  }
  const leaderboard = JSON.parse(
    readFileSync(path.join(dir, out, 'tune', 'leaderboard.json'), 'utf8'),
  ) as { trials: unknown[] };
  return { seconds, leaderboard: JSON.stringify(leaderboard.trials) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
