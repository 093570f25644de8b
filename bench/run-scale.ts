/**
 * A zero-config `mlops run` (validate → train → evaluate → report) at scale: a generated
 * 1,000,000-row × 15-column CSV (9 numeric columns with missing values, 5 categorical, and a binary
 * label from a noisy linear rule of n0, n1 and c0; see scale-data.ts), run as a child process under
 * `/usr/bin/time` for wall time and peak RSS, next to `mlops validate` alone on the same file and
 * the rule's own AUC (the most any model can score). Targets: within 5 minutes, at most 500 MB.
 * BENCH_RUN_ROWS changes the size; BENCH_RUN_CLI times another entry than bin/mlops.js (a .ts
 * source runs through tsx).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, scaleColumns, timed, writeScaleCsv, type ScaleCsv } from './scale-data.js';
import type { BenchRow } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_RUN_ROWS ?? 1_000_000);
const CLI = process.env.BENCH_RUN_CLI ?? path.join(ROOT, 'bin/mlops.js');
const SHAPE: ScaleCsv = { rows: ROWS, numeric: 9, categorical: 5, label: true };

export async function benchRunScale(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlops-bench-run-'));
  try {
    const csv = path.join(dir, 'data.csv');
    const ceiling = (await writeScaleCsv(csv, SHAPE)) as number;
    const zeroConfig = ['--data', 'data.csv', '--label', 'label', '--out', 'out'];
    const validate = await timed('run-scale', dir, [...cliArgs(CLI), 'validate', ...zeroConfig]);
    const run = await timed('run-scale', dir, [
      ...cliArgs(CLI),
      'run',
      ...zeroConfig,
      '--no-register',
      '--no-cache',
    ]);
    const evaluation = JSON.parse(
      await readFile(path.join(dir, 'out/evaluation.json'), 'utf8'),
    ) as {
      evaluation: { count: number; overall: Record<string, number> };
    };
    const { auc = NaN, accuracy = NaN } = evaluation.evaluation.overall;
    const epochs = run.stderr.match(/trained (\d+) epochs/)?.[1] ?? '?';
    const batch = run.stderr.match(/epochs of (\d+)-row batches/)?.[1] ?? '?';
    const label = `${(ROWS / 1e6).toLocaleString('en-US')}M rows × ${scaleColumns(SHAPE).length} columns`;
    const reference = `mlops validate alone ${round(validate.seconds)} s, ${Math.round(validate.rssMb)} MB`;
    return [
      {
        name: `run-scale: mlops run zero-config (${label}), wall`,
        value: round(run.seconds),
        unit: 's',
        reference: `${reference}; target ≤ 300 s`,
      },
      {
        name: 'run-scale: mlops run, peak RSS',
        value: Math.round(run.rssMb),
        unit: 'MB',
        reference: `${reference}; target ≤ 500 MB`,
      },
      {
        name: `run-scale: test AUC (${evaluation.evaluation.count} test rows, ${epochs} epochs of ${batch}-row batches)`,
        value: round(auc, 4),
        unit: 'AUC',
        reference: `the label rule's own AUC ${round(ceiling, 4)}; accuracy ${round(accuracy, 4)}`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

// `node --import tsx bench/run-scale.ts` runs this stage alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const row of await benchRunScale()) {
    console.log(
      `${row.name}: ${row.value} ${row.unit}${row.reference ? ` (${row.reference})` : ''}`,
    );
  }
}
