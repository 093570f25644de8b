/**
 * `mlops validate` at scale, next to DuckDB's SUMMARIZE on the same file in the same run: a
 * generated 1,000,000-row × 15-column CSV (10 numeric columns with missing values, 5 categorical),
 * each tool run as its own child process under `/usr/bin/time` for wall time and peak RSS. The
 * figures are checked against DuckDB's: counts, means and missing counts of every column. Both use
 * every core (validate reads the file on worker threads, see src/steps/parallel-scan.ts).
 * BENCH_VALIDATE_ROWS and BENCH_VALIDATE_RUNS change the size and the number of paired runs;
 * BENCH_VALIDATE_CLI times another build of the CLI (its entry script) than bin/mlops.js.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cliArgs,
  median,
  scaleColumns,
  timed,
  writeScaleCsv,
  type Measured,
  type ScaleCsv,
} from './scale-data.js';
import type { BenchRow } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_VALIDATE_ROWS ?? 1_000_000);
const SHAPE: ScaleCsv = { rows: ROWS, numeric: 10, categorical: 5 };
/** Paired runs of both tools; the medians are reported. */
const RUNS = Number(process.env.BENCH_VALIDATE_RUNS ?? 3);
const CLI = process.env.BENCH_VALIDATE_CLI ?? path.join(ROOT, 'bin/mlops.js');
/** Means agree to this relative difference (the tools sum in different orders). */
const MEAN_TOLERANCE = 1e-9;

interface ColumnFigures {
  count: number;
  missing: number;
  mean: number | null;
}

export async function benchValidateScale(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlops-bench-validate-'));
  try {
    const csv = path.join(dir, 'data.csv');
    await writeScaleCsv(csv, SHAPE);
    await writeFile(
      path.join(dir, 'mlops.yml'),
      ['name: scale', 'data:', '  train: data.csv', '  label: n0', 'model:', '  task: regression']
        .join('\n')
        .concat('\n'),
    );
    const ours: Measured[] = [];
    const duck: Measured[] = [];
    let reference: Record<string, ColumnFigures> | undefined;
    for (let i = 0; i < RUNS; i++) {
      ours.push(await timed('validate-scale', dir, [...cliArgs(CLI), 'validate', '--out', 'out']));
      const duckRun = await duckdb(dir, csv);
      duck.push(duckRun.measured);
      reference = duckRun.figures;
    }
    const parity = await compare(path.join(dir, 'out/validation.json'), reference ?? {});
    const mine = median(ours);
    const theirs = median(duck);
    const label = `${(ROWS / 1e6).toLocaleString('en-US')}M rows × ${scaleColumns(SHAPE).length} columns`;
    const ref = `DuckDB SUMMARIZE ${theirs.seconds.toFixed(2)} s, ${Math.round(theirs.rssMb)} MB`;
    return [
      {
        name: `validate-scale: mlops validate (${label}), wall`,
        value: round(mine.seconds),
        unit: 's',
        reference: ref,
      },
      {
        name: 'validate-scale: mlops validate, peak RSS',
        value: Math.round(mine.rssMb),
        unit: 'MB',
        reference: ref,
      },
      {
        name: 'validate-scale: time ratio to DuckDB (median of paired runs)',
        value: round(mine.seconds / theirs.seconds),
        unit: '×',
        reference: 'target ≤ 1.25×',
      },
      {
        name: 'validate-scale: parity with DuckDB (count, mean, missing per column)',
        value: parity.matching,
        unit: `of ${parity.total} columns equal`,
        ...(parity.mismatches.length > 0 ? { reference: parity.mismatches.join('; ') } : {}),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * DuckDB in a child process: SUMMARIZE timed inside it (its start-up is not counted), then
 * exact counts, means and missing counts for the parity check.
 */
async function duckdb(
  cwd: string,
  csv: string,
): Promise<{ measured: Measured; figures: Record<string, ColumnFigures> }> {
  const script = path.join(cwd, 'duckdb.mjs');
  const columns = scaleColumns(SHAPE);
  const exact = columns
    .map((c) =>
      c.startsWith('n')
        ? `count(${c}) AS "${c}:count", count(*) - count(${c}) AS "${c}:missing", avg(${c}) AS "${c}:mean"`
        : `count(${c}) AS "${c}:count", count(*) - count(${c}) AS "${c}:missing"`,
    )
    .join(', ');
  const source = `read_csv(${JSON.stringify(csv).replaceAll('"', "'")})`;
  await writeFile(
    script,
    `import { DuckDBInstance } from ${JSON.stringify(import.meta.resolve('@duckdb/node-api'))};
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const start = process.hrtime.bigint();
const summary = await connection.runAndReadAll(${JSON.stringify(`SUMMARIZE SELECT * FROM ${source}`)});
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (summary.getRowObjects().length !== ${columns.length}) throw new Error('SUMMARIZE rows');
const exact = await connection.runAndReadAll(${JSON.stringify(`SELECT ${exact} FROM ${source}`)});
const row = exact.getRowObjectsJson()[0];
console.log(JSON.stringify({ seconds, row }));
`,
  );
  const result = await timed('validate-scale', cwd, [script]);
  const { seconds, row } = JSON.parse(result.stdout) as {
    seconds: number;
    row: Record<string, string | number | null>;
  };
  const figures: Record<string, ColumnFigures> = {};
  for (const column of columns) {
    const mean = row[`${column}:mean`];
    figures[column] = {
      count: Number(row[`${column}:count`]),
      missing: Number(row[`${column}:missing`]),
      mean: mean === undefined || mean === null ? null : Number(mean),
    };
  }
  // The child's wall time includes its start-up and the exact query: SUMMARIZE alone is timed.
  return { measured: { seconds, rssMb: result.rssMb }, figures };
}

async function compare(
  validationFile: string,
  reference: Record<string, ColumnFigures>,
): Promise<{ matching: number; total: number; mismatches: string[] }> {
  const validation = JSON.parse(await readFile(validationFile, 'utf8')) as {
    statistics: {
      columns: { name: string; count: number; missing: number; numeric?: { mean: number } }[];
    };
  };
  const mismatches: string[] = [];
  const names = Object.keys(reference);
  for (const name of names) {
    const expected = reference[name] as ColumnFigures;
    const column = validation.statistics.columns.find((c) => c.name === name);
    if (!column) {
      mismatches.push(`${name}: missing`);
      continue;
    }
    const problems: string[] = [];
    if (column.count !== expected.count) problems.push(`count ${column.count} ≠ ${expected.count}`);
    if (column.missing !== expected.missing) {
      problems.push(`missing ${column.missing} ≠ ${expected.missing}`);
    }
    if (expected.mean !== null) {
      const mean = column.numeric?.mean ?? NaN;
      const relative = Math.abs(mean - expected.mean) / Math.max(1e-12, Math.abs(expected.mean));
      if (!(relative <= MEAN_TOLERANCE)) problems.push(`mean ${mean} ≠ ${expected.mean}`);
    }
    if (problems.length > 0) mismatches.push(`${name}: ${problems.join(', ')}`);
  }
  return { matching: names.length - mismatches.length, total: names.length, mismatches };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

// `node --import tsx bench/validate-scale.ts` runs this stage alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const row of await benchValidateScale()) {
    console.log(
      `${row.name}: ${row.value} ${row.unit}${row.reference ? ` (${row.reference})` : ''}`,
    );
  }
}
