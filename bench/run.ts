/**
 * `npm run bench`: every figure beside a reference measured in the same run, as an aligned table
 * (or, with `--json`, as JSON rows). Progress goes to stderr so stdout holds only the result.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchActionStartup } from './action-startup.js';
import { benchCsv } from './csv.js';
import { benchPipeline } from './pipeline.js';
import { benchPredictionLog } from './prediction-log.js';
import { benchQuality } from './quality.js';
import { benchReportPosting } from './report-posting.js';
import { benchRunScale } from './run-scale.js';
import { benchServeLoad } from './serve-load.js';
import { benchStartup } from './startup.js';
import { benchTrainCache } from './train-cache.js';
import { benchTrainOverhead } from './train-overhead.js';
import { benchValidateScale } from './validate-scale.js';
import { benchTune } from './tune.js';
import type { WorkerResult } from './train-worker.js';
import type { BenchRow } from './types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('train-worker.ts', import.meta.url));
/** Both backends start from the same seed, so their losses should match closely. */
const LOSS_TOLERANCE = 1e-3;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const rows: BenchRow[] = [];
  const stages: [string, () => BenchRow[] | Promise<BenchRow[]>][] = [
    ['csv parsers', benchCsv],
    ['readTable + statistics + schema', benchPipeline],
    ['mlops validate at 1M rows × 15 columns, with DuckDB SUMMARIZE', benchValidateScale],
    ['zero-config mlops run at 1M rows × 15 columns, next to mlops validate', benchRunScale],
    ['training and prediction (one process per backend)', benchTraining],
    [
      'mlops train vs a bare TensorFlow.js model.fit loop (100k rows, wasm)',
      () => benchTrainOverhead(),
    ],
    ['training cache: a second mlops train on unchanged inputs vs the first', benchTrainCache],
    ['tune run: 8 trials on 2 worker threads vs serial (bundled CLI)', benchTune],
    [
      'model quality: zero-config mlops run vs scikit-learn on the same test rows',
      () => benchQuality(),
    ],
    ['CLI start-up', benchStartup],
    ['action start-up (bundled actions, runner environment) and bundle sizes', benchActionStartup],
    ['posting reports to GitHub (bundled action, local GitHub server)', benchReportPosting],
    [
      'mlops serve under load vs raw model.predict (demo model; --quick: 5 s per run, not 30)',
      () => benchServeLoad({ quick: process.argv.includes('--quick') }),
    ],
    ['prediction log: 10,000 requests of 64 instances vs JSON.stringify alone', benchPredictionLog],
  ];
  for (const [label, stage] of stages) {
    process.stderr.write(`bench: ${label}…\n`);
    rows.push(...(await stage()));
  }
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : formatTable(rows));
}

/**
 * samples/s of fitNetwork and predictRows on wasm, with cpu as the reference. One child process
 * per backend, one after the other: selectBackend fixes the backend for the life of a process,
 * and running both at once would make them share the cores.
 */
async function benchTraining(): Promise<BenchRow[]> {
  const cpu = await runWorker('cpu');
  const wasm = await runWorker('wasm');
  const rows: BenchRow[] = [];
  for (const result of [wasm, cpu]) {
    const isReference = result === cpu;
    rows.push(
      {
        name: `train: fitNetwork ${result.backend} (${result.detail})`,
        value: Math.round(result.trainSamplesPerSecond),
        unit: 'samples/s',
        ...(isReference ? {} : { reference: `cpu ${formatRate(cpu.trainSamplesPerSecond)}` }),
      },
      {
        name: `predict: predictRows ${result.backend}`,
        value: Math.round(result.predictSamplesPerSecond),
        unit: 'samples/s',
        ...(isReference ? {} : { reference: `cpu ${formatRate(cpu.predictSamplesPerSecond)}` }),
      },
    );
  }
  if (!(Math.abs(wasm.finalLoss - cpu.finalLoss) <= LOSS_TOLERANCE)) {
    rows.push({
      name: 'train: WARNING wasm and cpu reached different losses',
      value: wasm.finalLoss,
      unit: 'loss',
      reference: `cpu ${cpu.finalLoss}`,
    });
  }
  return rows;
}

async function runWorker(backend: 'wasm' | 'cpu'): Promise<WorkerResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', WORKER, backend],
    { cwd: ROOT },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as WorkerResult;
}

/** Columns padded to their widest cell; values right-aligned with thousands separators. */
function formatTable(rows: BenchRow[]): string {
  const cells = [
    ['benchmark', 'value', 'unit', 'reference (same run)'],
    ...rows.map((row) => [row.name, formatValue(row.value), row.unit, row.reference ?? '']),
  ];
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...cells.map((line) => (line[column] ?? '').length)),
  );
  const lines = cells.map((line) =>
    line
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 1 ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [lines[0], rule, ...lines.slice(1)].join('\n') + '\n';
}

function formatRate(samplesPerSecond: number): string {
  return `${formatValue(Math.round(samplesPerSecond))} samples/s`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toPrecision(4);
}

await main();
