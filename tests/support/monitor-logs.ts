/**
 * Serving logs for `mlops monitor` tests, written through the log schemas (no server): rows drawn
 * like the training data with their true labels, the outputs a trained bundle gives for them (the
 * code `mlops serve` scores with), prediction and feedback records, and a log folder holding them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { nodeFileSystem } from '../../src/adapters/fs.js';
import { scoreRawRows, type RowPrediction } from '../../src/model/score.js';
import { MONITOR_OUTPUT, type MonitorReport } from '../../src/monitor/format.js';
import {
  FEEDBACK_LOG_FORMAT,
  PREDICTION_LOG_FORMAT,
  feedbackRecordSchema,
  predictionRecordSchema,
  type FeedbackRecord,
  type PredictionRecord,
} from '../../src/serve/log-format.js';
import { loadBundle } from '../../src/steps/bundle-io.js';
import { checkStepOutput } from '../../src/steps/outputs.js';
import { LABEL, mlops, type CliResult } from './cli.js';
import { makeCsv } from './data.js';
import { tempDir } from './repo.js';

const HOUR = 3_600_000;

/** A row as a client sends it (no id, no label), with the label the world later sends back. */
export interface ServedRow {
  inputs: Record<string, string>;
  label: string;
}

/** `count` binary rows drawn like the training data of makeCsv, from `seed`. */
export function servedRows(count: number, seed: number): ServedRow[] {
  const parsed = Papa.parse<Record<string, string>>(makeCsv('binary', count, { seed }), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map(({ 'customer id': _id, [LABEL]: label = '', ...inputs }) => ({
    inputs,
    label,
  }));
}

/** The outputs of the bundle in `bundleDir` for `rows`, as the server computes them. */
export async function outputsOf(
  bundleDir: string,
  rows: readonly Record<string, string>[],
): Promise<RowPrediction[]> {
  const bundle = await loadBundle(nodeFileSystem, bundleDir);
  try {
    return await scoreRawRows(bundle, rows);
  } finally {
    bundle.model.dispose();
  }
}

export interface LogOptions {
  /** Makes the request ids (default 1). */
  seed?: number;
  version?: string;
  time?: Date;
  model?: string;
}

/** Prediction records as `mlops serve` logs them, one request per instance, checked by the schema. */
export function predictionRecords(
  rows: readonly Record<string, string>[],
  outputs: readonly RowPrediction[],
  options: LogOptions = {},
): PredictionRecord[] {
  const time = (options.time ?? new Date(Date.now() - HOUR)).toISOString();
  return rows.map((row, i) => {
    const requestId = `r${options.seed ?? 1}-${i}`;
    return predictionRecordSchema.parse({
      format: PREDICTION_LOG_FORMAT,
      id: `${requestId}/0`,
      requestId,
      time,
      model: options.model ?? 'churn',
      version: options.version ?? '0.1.0',
      route: 'production',
      inputs: row,
      output: outputs[i],
    });
  });
}

/** A label sent back by `POST /v1/feedback`, as the feedback log holds it. */
export function feedback(id: string, label: string): FeedbackRecord {
  return feedbackRecordSchema.parse({
    format: FEEDBACK_LOG_FORMAT,
    id,
    time: new Date().toISOString(),
    label,
  });
}

/** A log folder holding `files` (name → records or raw lines). */
export function logFolder(files: Record<string, readonly (object | string)[]>): string {
  const dir = path.join(tempDir('mlops-monitor-'), 'logs');
  mkdirSync(dir, { recursive: true });
  for (const [name, lines] of Object.entries(files)) {
    const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
    writeFileSync(path.join(dir, name), `${text.join('\n')}\n`);
  }
  return dir;
}

/**
 * Runs `mlops monitor` in `repo` with `config` as mlops.yml: its exit code and output, and when it
 * succeeded monitor.json (read back through its schema) and monitor.md.
 */
export async function monitorRun(
  repo: string,
  logs: string,
  config: string,
  extra: string[] = [],
): Promise<CliResult & { json: MonitorReport; markdown: string }> {
  writeFileSync(path.join(repo, 'mlops.yml'), config);
  const out = tempDir('mlops-monitor-out-');
  const run = await mlops(repo, ['monitor', '--log-dir', logs, '--out', out, ...extra]);
  if (run.code !== 0) return { ...run, json: null as never, markdown: '' };
  const file = path.join(out, 'monitor.json');
  const json = checkStepOutput(
    JSON.parse(readFileSync(file, 'utf8')),
    file,
    MONITOR_OUTPUT,
    'rerun',
  ) as MonitorReport;
  return { ...run, json, markdown: readFileSync(path.join(out, 'monitor.md'), 'utf8') };
}
