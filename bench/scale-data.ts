/**
 * What the scale benches share: the generated CSV (numbers with missing values, categories, and
 * optionally a label with signal) and a child process timed by `/usr/bin/time`.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createRng } from '../src/util/random.js';

const run = promisify(execFile);
const CATEGORIES = ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black', 'white'];

export interface ScaleCsv {
  rows: number;
  /** Numeric columns n0…: even ones whole numbers in [-200, 800), odd ones in ±5000; n1… 5 % empty. */
  numeric: number;
  /** Categorical columns c0…: c_i takes 3 + i values, 2 % empty. */
  categorical: number;
  /**
   * A binary column `label` (yes/no) from a noisy linear rule of n0, n1 and c0 (see labelOf);
   * then the file also gives the rule's own AUC, the most a model can score on it.
   */
  label?: boolean;
}

/** The columns of the file `writeScaleCsv` writes, the label last. */
export function scaleColumns(shape: ScaleCsv): string[] {
  return [
    ...Array.from({ length: shape.numeric }, (_, i) => `n${i}`),
    ...Array.from({ length: shape.categorical }, (_, i) => `c${i}`),
    ...(shape.label ? ['label'] : []),
  ];
}

/**
 * Writes the bench CSV in pieces; with a label, returns the AUC of the rule's noiseless score
 * against the label (null without one).
 */
export async function writeScaleCsv(file: string, shape: ScaleCsv): Promise<number | null> {
  const rng = createRng(7);
  // Its own draws, so the features are the same with or without a label.
  const noise = createRng(11);
  const scores = shape.label ? new Float64Array(shape.rows) : null;
  const labels = shape.label ? new Uint8Array(shape.rows) : null;
  const out = createWriteStream(file);
  let buffer = scaleColumns(shape).join(',') + '\n';
  for (let row = 0; row < shape.rows; row++) {
    const cells: string[] = [];
    for (let i = 0; i < shape.numeric; i++) {
      if (i > 0 && rng() < 0.05) cells.push('');
      else if (i % 2 === 0) cells.push(String(Math.floor(rng() * 1000) - 200));
      else cells.push((rng() * 1e4 - 5e3).toFixed(3));
    }
    for (let i = 0; i < shape.categorical; i++) {
      cells.push(rng() < 0.02 ? '' : (CATEGORIES[Math.floor(rng() * (3 + i))] as string));
    }
    if (scores && labels) {
      const score = ruleScore(cells, shape.numeric);
      // The sum of three uniforms: a bell-shaped noise of standard deviation 0.5.
      const yes = score + (noise() + noise() + noise() - 1.5) > 0;
      scores[row] = score;
      labels[row] = yes ? 1 : 0;
      cells.push(yes ? 'yes' : 'no');
    }
    buffer += cells.join(',') + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve, reject) =>
    out.on('finish', () => resolve()).on('error', reject),
  );
  return scores && labels ? auc(scores, labels) : null;
}

/** The label rule's score of a row's cells: n0 and n1 scaled to about ±1, c0 shifting it by ±0.5. */
function ruleScore(cells: readonly string[], numeric: number): number {
  const n0 = Number(cells[0]);
  const n1 = cells[1] === '' ? 0 : Number(cells[1]);
  const c0 = cells[numeric];
  const shift = c0 === 'red' ? 0.5 : c0 === 'green' ? -0.5 : 0;
  return (n0 - 300) / 500 + n1 / 5000 + shift;
}

/** The area under the ROC curve of `scores` for binary `labels` (ties count half). */
function auc(scores: Float64Array, labels: Uint8Array): number {
  const order = Array.from(scores.keys()).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j] as number] === scores[order[i] as number]) j++;
    const meanRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (labels[order[k] as number]) {
        positives++;
        rankSum += meanRank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Wall time and peak RSS of a child process. */
export interface Measured {
  seconds: number;
  rssMb: number;
}

/** Wall time and peak RSS of `node ARGS` run in `cwd`, by /usr/bin/time; `bench` names it in errors. */
export async function timed(
  bench: string,
  cwd: string,
  args: string[],
): Promise<Measured & { stdout: string; stderr: string }> {
  const report = path.join(cwd, 'time.txt');
  const { stdout, stderr } = await run(
    '/usr/bin/time',
    ['-o', report, '-f', '%e %M', process.execPath, ...args],
    {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`${bench}: ${args.join(' ')} failed: ${error.stderr ?? ''}`);
  });
  const [seconds = 'NaN', kb = 'NaN'] = (await readFile(report, 'utf8'))
    .trim()
    .split(/\s+/)
    .slice(-2);
  return { seconds: Number(seconds), rssMb: Number(kb) / 1024, stdout, stderr };
}

/** The median of each figure over paired runs. */
export function median(runs: Measured[]): Measured {
  const middle = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return { seconds: middle(runs.map((r) => r.seconds)), rssMb: middle(runs.map((r) => r.rssMb)) };
}

/** The arguments that run the CLI entry `cli`: a TypeScript source through tsx, else as is. */
export function cliArgs(cli: string): string[] {
  const entry = path.resolve(cli);
  return entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx'), entry] : [entry];
}
