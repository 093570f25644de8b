/**
 * Model quality: a zero-config `mlops run` on public data sets that npm packages ship
 * (bench/quality-sets.ts), next to scikit-learn's reference models (bench/quality.py) fitted on
 * the same training rows and scored on the same test rows, with seeded paired bootstrap intervals
 * of each difference (src/evaluate/bootstrap.ts, the intervals `mlops evaluate` reports).
 *
 * The CLI runs from source (src/cli/index.ts under tsx), as bin/mlops.js runs its bundle, so the
 * figures are those of the tree as it is; training results are never taken from the cache. The
 * test rows are the pipeline's own: its split recomputed by the same code (prepareData) from the
 * same file, then checked against evaluation.json by scoring them with `mlops predict`: the
 * metrics must equal the ones `mlops evaluate` recorded, or the bench stops.
 *
 * `npm run bench` prints one table per data set on stderr (progress) and a row per metric in its
 * result; `node --import tsx bench/quality.ts [NAME…]` prints the tables alone, on stdout, of every
 * set or of those whose name contains one of the NAMEs.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configFromFlags } from '../src/config/load.js';
import { parseNumber } from '../src/data/kinds.js';
import { prepareData } from '../src/data/prepare.js';
import { readTable } from '../src/data/read-table.js';
import { compareByBootstrap, DEFAULT_BOOTSTRAP } from '../src/evaluate/bootstrap.js';
import {
  computeMetrics,
  DEFAULT_THRESHOLD,
  metricDirection,
  metricKernel,
} from '../src/evaluate/metrics.js';
import type { Interval, Predictions, Task } from '../src/evaluate/types.js';
import { BUNDLE_FILES } from '../src/model/bundle.js';
import { encodeLabel, type LabelEncoding } from '../src/model/task.js';
import { formatNumber } from '../src/util/text.js';
import {
  packageFolder,
  QUALITY_SETS,
  type DataRecord,
  type QualitySet,
  type ReferenceModel,
} from './quality-sets.js';
import type { BenchRow } from './types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'src', 'cli', 'index.ts');
const TSX = import.meta.resolve('tsx');
/** Debian's python3 with python3-sklearn: the PATH's python3 may be another without it. */
const PYTHON = '/usr/bin/python3';
const REFERENCE_SCRIPT = fileURLToPath(new URL('quality.py', import.meta.url));
const DATA = 'data.jsonl';
const OUT = '.mlops';
/** Room for a long training log and for every test row's prediction on stdout. */
const MAX_BUFFER = 256 * 1024 * 1024;
/** How far a metric recomputed from `mlops predict` may lie from evaluation.json's (float32). */
const SAME_METRIC_TOLERANCE = 1e-4;

/** The metrics shown per task, each marked whether mlops is within the noise of the best. */
const METRICS: Record<Task, string[]> = {
  binary: ['accuracy', 'auc', 'f1', 'log_loss'],
  multiclass: ['accuracy', 'macro_f1', 'log_loss'],
  regression: ['rmse', 'mae', 'r2'],
};

/** One model's predictions on the set's test rows. */
interface ScoredModel {
  name: string;
  predictions: Predictions;
  /** Binary: the decision threshold the model's metrics use. */
  threshold?: number;
  /** Wall time to fit and score: the whole `mlops run` for mlops. */
  seconds: number;
}

interface SetResult {
  set: QualitySet;
  task: Task;
  rows: { total: number; test: number };
  blessed: boolean;
  /** mlops first, then the reference models. */
  models: ScoredModel[];
  /** Per metric: each model's value, and the paired intervals of (mlops − each reference). */
  metrics: MetricRow[];
}

interface MetricRow {
  metric: string;
  values: (number | undefined)[];
  differences: (Interval | undefined)[];
  /** Index into `models` of the best value. */
  best: number;
  /** Whether mlops is the best or its paired interval against the best reaches 0; null: no interval. */
  withinNoise: boolean | null;
}

/**
 * Scores every data set whose package is installed, writing its table with `print`; a set
 * whose package is missing is skipped with a row saying which package to install.
 */
export async function benchQuality(
  print: (text: string) => void = (text) => process.stderr.write(text),
  only: string[] = [],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const results: SetResult[] = [];
  for (const set of QUALITY_SETS.filter(
    (s) => only.length === 0 || only.some((t) => s.name.includes(t)),
  )) {
    const folder = packageFolder(set.package);
    if (!folder) {
      print(`quality: ${set.name}: skipped, npm package ${set.package} is not installed\n\n`);
      rows.push({
        name: `quality: ${set.name}: SKIPPED (install ${set.package})`,
        value: 0,
        unit: '',
      });
      continue;
    }
    process.stderr.write(`quality: ${set.name}…\n`);
    const result = await scoreSet(set, folder);
    print(formatSetTable(result));
    rows.push(...benchRows(result));
    results.push(result);
  }
  if (results.length > 0) print(formatSummary(results));
  return rows;
}

async function scoreSet(set: QualitySet, folder: string): Promise<SetResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-quality-'));
  try {
    // Unlabelled records would be dropped by mlops and shift its row numbers from the file's.
    const records = set.load(folder).filter((r) => r[set.label] !== null && r[set.label] !== '');
    writeFileSync(path.join(dir, DATA), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const start = process.hrtime.bigint();
    runMlops(dir, [
      'run',
      '--data',
      DATA,
      '--label',
      set.label,
      '--no-register',
      '--no-cache',
      '--out',
      OUT,
    ]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const evaluation = readJson<EvaluationFile>(path.join(dir, OUT, 'evaluation.json'));
    const encoding = readJson<{ label: LabelEncoding }>(
      path.join(dir, OUT, 'model', BUNDLE_FILES.preprocessing),
    ).label;
    const split = await pipelineSplit(dir, set.label);
    // Rows of a class unseen in training are not scored by mlops evaluate: none of the models is.
    const test = split.test.filter(
      (row) => encodeLabel(encoding, labelOf(records, row, set)) !== null,
    );
    const labels = test.map((row) => labelValue(encoding, labelOf(records, row, set)));
    const mlops: ScoredModel = {
      name: 'mlops',
      predictions: predictWithMlops(dir, records, test, encoding, labels),
      seconds,
      ...(evaluation.evaluation.threshold === undefined
        ? {}
        : { threshold: evaluation.evaluation.threshold }),
    };
    checkSameAsEvaluation(set, mlops, evaluation.evaluation);
    const references = fitReferences(dir, set, encoding, { train: split.train, test }, labels);
    const models = [mlops, ...references];
    return {
      set,
      task: encoding.task,
      rows: { total: records.length, test: test.length },
      blessed: evaluation.blessed,
      models,
      metrics: compareModels(encoding.task, models),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the bench reads of evaluation.json. */
interface EvaluationFile {
  blessed: boolean;
  evaluation: { count: number; overall: Record<string, number>; threshold?: number };
}

/** Runs the CLI from source in `dir`; a NOT_BLESSED verdict (exit 1) still wrote its outputs. */
function runMlops(dir: string, args: string[]): void {
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    // Belt and braces beside --no-cache: nothing is read from or left in the user's cache.
    env: { ...process.env, MLOPS_CACHE_DIR: path.join(dir, 'cache') },
  });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`mlops ${args[0]} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  }
}

/**
 * The pipeline's split of the data file, by the code the pipeline runs, from the zero-config
 * settings: test rows, and the rows it trained on (train and validation) for the references.
 */
async function pipelineSplit(
  dir: string,
  label: string,
): Promise<{ train: number[]; test: number[] }> {
  const config = configFromFlags({ data: DATA, label });
  const table = await readTable(createReadStream(path.join(dir, DATA)), {
    source: DATA,
    naValues: config.data.na_values,
  });
  const prepared = prepareData(table, {
    label,
    ignore: config.data.ignore,
    split: config.data.split,
  });
  if (prepared.table.rows.length !== table.rows.length) {
    throw new Error(`${DATA}: mlops dropped rows the bench kept, so row numbers would not match`);
  }
  const { train, validation, test } = prepared.split;
  return { train: [...train, ...validation].sort((a, b) => a - b), test };
}

function labelOf(records: DataRecord[], row: number, set: QualitySet) {
  return (records[row] as DataRecord)[set.label] ?? null;
}

/** mlops's predictions for the test rows, by `mlops predict` on a file of those rows alone. */
function predictWithMlops(
  dir: string,
  records: DataRecord[],
  test: number[],
  encoding: LabelEncoding,
  labels: number[],
): Predictions {
  writeFileSync(
    path.join(dir, 'test.jsonl'),
    test.map((row) => `${JSON.stringify(records[row])}\n`).join(''),
  );
  runMlops(dir, [
    'predict',
    '--model',
    path.join(OUT, 'model'),
    '--data',
    'test.jsonl',
    '--out',
    'predictions.jsonl',
  ]);
  const lines = readFileSync(path.join(dir, 'predictions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, number>);
  if (encoding.task === 'binary') {
    const scores = lines.map((line) => line.score as number);
    return { task: 'binary', labels, scores, classes: encoding.classes };
  }
  if (encoding.task === 'multiclass') {
    const probabilities = lines.map((line) =>
      encoding.classes.map((c) => line[`probability_${c}`] as number),
    );
    return { task: 'multiclass', labels, probabilities, classes: encoding.classes };
  }
  return { task: 'regression', labels, values: lines.map((line) => line.prediction as number) };
}

/** A label as the metrics take it: a class index, or the number itself for regression. */
function labelValue(encoding: LabelEncoding, value: DataRecord[string]): number {
  const encoded =
    encoding.task === 'regression' ? parseNumber(value) : encodeLabel(encoding, value);
  if (encoded === null) throw new Error(`label ${String(value)} cannot be encoded`);
  return encoded;
}

/** Stops the bench when its test rows or mlops's scores are not those `mlops evaluate` used. */
function checkSameAsEvaluation(
  set: QualitySet,
  mlops: ScoredModel,
  evaluation: EvaluationFile['evaluation'],
): void {
  const count = mlops.predictions.labels.length;
  const metrics = computeMetrics(mlops.predictions, { threshold: mlops.threshold });
  const differing = Object.entries(evaluation.overall).filter(
    ([metric, value]) =>
      !(
        Math.abs((metrics[metric] ?? NaN) - value) <=
        SAME_METRIC_TOLERANCE * Math.max(1, Math.abs(value))
      ),
  );
  if (count !== evaluation.count || differing.length > 0) {
    throw new Error(
      `quality bench, ${set.name}: the bench's test rows are not those mlops evaluated ` +
        `(${count} rows vs ${evaluation.count}; differing: ${differing.map(([m]) => m).join(', ')})`,
    );
  }
}

/** bench/quality.py's predictions of each reference model, fitted on the training rows. */
function fitReferences(
  dir: string,
  set: QualitySet,
  encoding: LabelEncoding,
  rows: { train: number[]; test: number[] },
  labels: number[],
): ScoredModel[] {
  const job = {
    data: path.join(dir, DATA),
    label: set.label,
    task: encoding.task,
    classes: encoding.task === 'regression' ? [] : encoding.classes,
    columns: set.columns,
    train_rows: rows.train,
    test_rows: rows.test,
    models: set.models,
    seed: DEFAULT_BOOTSTRAP.seed,
  };
  const result = spawnSync(PYTHON, [REFERENCE_SCRIPT], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    // OpenMP threads spin-wait for each other: on 2 busy cores HistGradientBoosting then takes
    // 80 s where one thread takes 1 s.
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`${PYTHON} ${REFERENCE_SCRIPT} exited ${result.status}: ${result.stderr}`);
  }
  const output = JSON.parse(result.stdout) as { models: ReferenceOutput[] };
  return output.models.map((model) => ({
    name: REFERENCE_NAMES[model.name],
    seconds: model.seconds,
    predictions: referencePredictions(encoding, labels, model),
  }));
}

interface ReferenceOutput {
  name: ReferenceModel;
  seconds: number;
  scores?: number[];
  probabilities?: number[][];
  values?: number[];
}

const REFERENCE_NAMES: Record<ReferenceModel, string> = {
  hgb: 'sklearn-hgb',
  linear: 'sklearn-linear',
};

/** What each reference model is, printed under every table. */
const LEGEND =
  'sklearn-hgb: HistGradientBoosting{Classifier,Regressor}, defaults (native categories, dates as ' +
  'day/month/weekday/day-of-year, top-256 TF-IDF terms per text column); sklearn-linear: ' +
  'LogisticRegression or Ridge on TF-IDF (word 1–2-grams, sublinear), one-hot categories and ' +
  'standardised numbers. Both fit on the rows mlops trained and validated on.';

function referencePredictions(
  encoding: LabelEncoding,
  labels: number[],
  output: ReferenceOutput,
): Predictions {
  if (encoding.task === 'binary') {
    return { task: 'binary', labels, scores: output.scores ?? [], classes: encoding.classes };
  }
  if (encoding.task === 'multiclass') {
    const probabilities = output.probabilities ?? [];
    return { task: 'multiclass', labels, probabilities, classes: encoding.classes };
  }
  return { task: 'regression', labels, values: output.values ?? [] };
}

/** Each metric of each model on the same bootstrap draws, and mlops's standing against the best. */
function compareModels(task: Task, models: ScoredModel[]): MetricRow[] {
  const kernels = models.map((m) => metricKernel(m.predictions, { threshold: m.threshold }));
  const values = models.map((m) => computeMetrics(m.predictions, { threshold: m.threshold }));
  const rows = models[0]?.predictions.labels.length ?? 0;
  const { differences } = compareByBootstrap(kernels, rows, DEFAULT_BOOTSTRAP);
  return METRICS[task].map((metric) => {
    const row = values.map((v) => v[metric]);
    const direction = metricDirection(metric);
    const sign = direction === 'lower' ? -1 : 1;
    // Ties go to mlops: the first of equal values.
    const best = row.reduce<number>(
      (b, value, i) =>
        value !== undefined && sign * value > sign * (row[b] ?? -sign * Infinity) ? i : b,
      0,
    );
    const intervals = differences.map((d) => d[metric]);
    const againstBest = best === 0 ? undefined : intervals[best - 1];
    const withinNoise =
      best === 0
        ? true
        : againstBest === undefined
          ? null
          : direction === 'lower'
            ? againstBest.lower <= 0
            : againstBest.upper >= 0;
    return { metric, values: row, differences: [undefined, ...intervals], best, withinNoise };
  });
}

function formatSetTable(result: SetResult): string {
  const { set, models } = result;
  const references = models.slice(1);
  const header = [
    'metric',
    ...models.map((m) => m.name),
    ...references.map((m) => `mlops − ${m.name} (95 %)`),
    'mlops within the noise of the best',
  ];
  const lines = result.metrics.map((row) => [
    row.metric,
    ...row.values.map((v) => formatNumber(v)),
    ...row.differences.slice(1).map((interval) => formatDifference(interval)),
    standing(row, models),
  ]);
  const timing = models.map((m) => `${m.name} ${m.seconds.toFixed(1)} s`).join(', ');
  const mlops = models[0] as ScoredModel;
  const oneClass = predictsOneClass(mlops) ? `; mlops predicts one class for every test row` : '';
  return (
    `${set.name}: ${result.task}, ${result.rows.test} test rows of ${result.rows.total}, ` +
    `mlops ${result.blessed ? 'BLESSED' : 'NOT_BLESSED'}${oneClass} (${timing})\n` +
    `${alignColumns([header, ...lines])}\n${LEGEND}\n\n`
  );
}

/** A classifier that learned no decision: every row gets the same class, whatever its score. */
function predictsOneClass({ predictions: p, threshold }: ScoredModel): boolean {
  if (p.task === 'regression') return false;
  const decided: (boolean | number)[] =
    p.task === 'binary'
      ? Array.from(p.scores, (score) => score > (threshold ?? DEFAULT_THRESHOLD))
      : p.probabilities.map((row) => Array.from(row).indexOf(Math.max(...Array.from(row))));
  return new Set(decided).size === 1;
}

/** The target: within the noise of the best on every set; which sets and metrics trail. */
function formatSummary(results: SetResult[]): string {
  const trailing = results.flatMap(({ set, metrics, models }) => {
    const trails = metrics.filter((row) => row.withinNoise === false);
    if (trails.length === 0) return [];
    const what = trails.map((row) => `${row.metric} (best: ${models[row.best]?.name})`);
    return [`  ${set.name}: ${what.join(', ')}`];
  });
  const within = results.length - trailing.length;
  return (
    `mlops is within the noise of the best on every metric of ${within} of ${results.length} sets` +
    (trailing.length > 0 ? `; it trails on\n${trailing.join('\n')}\n` : '\n')
  );
}

function standing(row: MetricRow, models: ScoredModel[]): string {
  if (row.best === 0) return 'yes (mlops is best)';
  const best = models[row.best]?.name ?? '';
  if (row.withinNoise === null) return `unknown (no interval against ${best})`;
  return row.withinNoise ? `yes (best: ${best})` : `NO, trails ${best}`;
}

function formatDifference(interval: Interval | undefined): string {
  return interval ? `[${signed(interval.lower)}, ${signed(interval.upper)}]` : '—';
}

function signed(value: number): string {
  const text = formatNumber(value, 3);
  return value > 0 ? `+${text}` : text;
}

/** One bench row per metric: mlops's value, with the best reference and the interval. */
function benchRows(result: SetResult): BenchRow[] {
  return result.metrics.map((row) => {
    const best = result.models[row.best];
    const interval = row.differences[row.best];
    const against =
      row.best === 0
        ? 'mlops best'
        : `${best?.name} ${formatNumber(row.values[row.best])}, mlops − it ${formatDifference(interval)}`;
    const verdict = row.withinNoise === false ? 'TRAILS' : row.withinNoise ? 'within noise' : '?';
    return {
      name: `quality: ${result.set.name}, ${result.rows.test} test rows`,
      value: Number((row.values[0] ?? NaN).toPrecision(4)),
      unit: row.metric,
      reference: `${against}: ${verdict}`,
    };
  });
}

/** Rows of cells as text columns, each padded to its widest cell. */
function alignColumns(cells: string[][]): string {
  const widths = (cells[0] ?? []).map((_, c) =>
    Math.max(...cells.map((row) => (row[c] ?? '').length)),
  );
  return cells
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchQuality((text) => process.stdout.write(text), process.argv.slice(2));
}
