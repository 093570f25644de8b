/**
 * `mlops train` (the bundled CLI, the real code path) against a bare TensorFlow.js `model.fit`
 * loop (bench/train-bare.mjs): the same MLP — 20 inputs, hidden [64, 32] with dropout 0.1, Adam
 * at 0.001, batches of 64, 3 epochs with validation after each — on the same 100k-row CSV and
 * the same number of training and validation rows, wasm backend, each in a child process, the
 * two interleaved. Figures: fit samples/s of each and their ratio; the whole process beyond
 * reading the file (mlops also prepares, encodes, scores the validation rows and writes a
 * bundle); peak RSS.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/util/random.js';
import type { BenchRow } from './types.js';

const ROWS = 100_000;
const WIDTH = 20;
const EPOCHS = 3;
const BATCH = 64;
const RUNS = 2;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin/mlops.js');
const BARE = fileURLToPath(new URL('train-bare.mjs', import.meta.url));

/** One run's times in seconds from the process start, its CPU seconds and its peak RSS. */
interface Run {
  total: number;
  read: number;
  fit: number;
  cpu: number;
  rssMb: number;
}

/** Best of RUNS interleaved runs of each; `cli` is the mlops entry to run (bin/mlops.js). */
export async function benchTrainOverhead(cli = CLI): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlops-bench-train-'));
  try {
    await writeFile(path.join(dir, 'data.csv'), generateCsv());
    await writeFile(path.join(dir, 'mlops.yml'), CONFIG);
    const ours: Run[] = [];
    const bare: Run[] = [];
    let rows = { train: 0, validation: 0 };
    for (let run = 0; run < RUNS; run++) {
      ours.push(await runMlops(dir, cli));
      rows = await trainingRows(dir);
      bare.push(await runBare(dir, rows));
    }
    const best = (runs: Run[], key: keyof Run) => Math.min(...runs.map((r) => r[key]));
    const rate = (runs: Run[]) => (rows.train * EPOCHS) / best(runs, 'fit');
    const beyondRead = (runs: Run[]) => Math.min(...runs.map((r) => r.total - r.read));
    const what = `${rows.train.toLocaleString('en-US')} rows × ${EPOCHS} epochs, wasm`;
    return [
      {
        name: `train-overhead: mlops train fit (${what})`,
        value: Math.round(rate(ours)),
        unit: 'samples/s',
        reference: `bare model.fit ${Math.round(rate(bare)).toLocaleString('en-US')} samples/s`,
      },
      {
        name: 'train-overhead: fit samples/s, mlops ÷ bare (target ≥ 0.95)',
        value: round3(rate(ours) / rate(bare)),
        unit: '×',
      },
      {
        name: 'train-overhead: whole process beyond reading the file, mlops',
        value: round3(beyondRead(ours)),
        unit: 's',
        reference: `bare ${round3(beyondRead(bare))} s (${round3(beyondRead(ours) / beyondRead(bare))}×, target ≤ 1.05)`,
      },
      {
        name: 'train-overhead: reading the file, mlops',
        value: round3(best(ours, 'read')),
        unit: 's',
        reference: `bare ${round3(best(bare, 'read'))} s (split and parseFloat)`,
      },
      {
        name: 'train-overhead: CPU time of the whole process (user + system), mlops',
        value: round3(best(ours, 'cpu')),
        unit: 's',
        reference: `bare ${round3(best(bare, 'cpu'))} s (steadier than wall time on a busy machine)`,
      },
      {
        name: 'train-overhead: peak RSS, mlops train',
        value: Math.round(best(ours, 'rssMb')),
        unit: 'MB',
        reference: `bare ${Math.round(best(bare, 'rssMb'))} MB`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The bench's mlops.yml: the reference's network and budget, early stopping out of the way. */
const CONFIG = `name: bench
data:
  train: data.csv
  label: y
  split: { test: 0.1, validation: 0.1, seed: 1 }
model:
  task: binary
  hidden: [64, 32]
  dropout: 0.1
  learning_rate: 0.001
  epochs: ${EPOCHS}
  batch_size: ${BATCH}
  early_stopping: { patience: ${EPOCHS}, min_delta: 0 }
  reduce_lr_on_plateau: false
  backend: wasm
`;

/** Standard normal features; the label is the sign of a fixed linear score plus noise. */
function generateCsv(): string {
  const rng = createRng(11);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const lines = [[...Array.from({ length: WIDTH }, (_, i) => `x${i}`), 'y'].join(',')];
  for (let row = 0; row < ROWS; row++) {
    const values = Array.from({ length: WIDTH }, gaussian);
    const score = values.reduce((sum, v, i) => sum + v * ((i % 3) - 1), gaussian());
    lines.push(`${values.map((v) => v.toFixed(4)).join(',')},${score > 0 ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `mlops train --no-cache`, its log lines timestamped as they arrive (node writes to pipes
 * synchronously): reading ends at "N rows × M columns", the fit runs from the "Training a"
 * group to the last epoch line.
 */
async function runMlops(dir: string, cli: string): Promise<Run> {
  const marks: { read?: number; fitStart?: number; fitEnd?: number } = {};
  const measured = await timedProcess(dir, [cli, 'train', '--no-cache'], (line, at) => {
    if (/^\d+ rows × \d+ columns/.test(line)) marks.read = at;
    else if (/Training a \w+ model on/.test(line)) marks.fitStart = at;
    else if (/^epoch \d+\//.test(line)) marks.fitEnd = at;
  });
  const { read, fitStart, fitEnd } = marks;
  if (read === undefined || fitStart === undefined || fitEnd === undefined) {
    throw new Error('train-overhead: mlops train did not log its reading and epochs');
  }
  return { ...measured, read, fit: fitEnd - fitStart };
}

async function runBare(dir: string, rows: { train: number; validation: number }): Promise<Run> {
  let output = '';
  const args = [BARE, 'data.csv', EPOCHS, rows.train, rows.validation, BATCH].map(String);
  const measured = await timedProcess(dir, args, (line) => {
    if (line.startsWith('{')) output = line;
  });
  const { readSeconds, fitSeconds } = JSON.parse(output) as {
    readSeconds: number;
    fitSeconds: number;
  };
  return { ...measured, read: readSeconds, fit: fitSeconds };
}

async function trainingRows(dir: string): Promise<{ train: number; validation: number }> {
  const info = JSON.parse(
    await readFile(path.join(dir, '.mlops', 'model', 'training.json'), 'utf8'),
  ) as { rows: { train: number; validation: number } };
  return info.rows;
}

/**
 * Runs `node ARGS` in `dir` under /usr/bin/time; `onLine` gets each output line with the seconds
 * since the spawn. Resolves to the wall time, the CPU time and the peak RSS.
 */
async function timedProcess(
  dir: string,
  args: string[],
  onLine: (line: string, seconds: number) => void,
): Promise<Pick<Run, 'total' | 'cpu' | 'rssMb'>> {
  const report = path.join(dir, 'time.txt');
  const start = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - start) / 1e9;
  const child = spawn(
    '/usr/bin/time',
    ['-o', report, '-f', '%U %S %M', process.execPath, ...args],
    {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  let errors = '';
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const at = since();
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line, at);
      if (stream === child.stderr) errors = (errors + chunk).slice(-2000);
    });
  }
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const total = since();
  if (code !== 0) throw new Error(`train-overhead: node ${args.join(' ')} failed: ${errors}`);
  const [user = NaN, system = NaN, kb = NaN] = (await readFile(report, 'utf8'))
    .trim()
    .split(/\s+/)
    .slice(-3)
    .map(Number);
  return { total, cpu: user + system, rssMb: kb / 1024 };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

// `node --import tsx bench/train-overhead.ts [CLI]` runs this stage alone, e.g. on a fresh build.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await benchTrainOverhead(process.argv[2]));
}
