/**
 * `mlops predict --model REF --data FILE --out FILE`: scores a data file in batch with the serving
 * core itself (the same checks and scoring as a request), and writes the file's rows followed by
 * the prediction columns, as CSV or JSON Lines by the output's extension.
 */
import path from 'node:path';
import { readTable } from '../data/read-table.js';
import type { RawTable, RawValue } from '../data/types.js';
import { DataError, UsageError } from '../errors.js';
import type { LabelEncoding } from '../model/task.js';
import { selectBackend } from '../model/backend.js';
import { resolveModelRef } from '../registry/resolve.js';
import { bundlePin, findModel, replayTags } from '../registry/state.js';
import { versionTag } from '../registry/tags.js';
import { withFetchedBundle } from '../steps/baseline.js';
import { resolveInput, type StepContext } from '../steps/context.js';
import { csvCell, readOptions } from '../steps/dataset.js';
import { loadBundleVersion } from './bundle-cache.js';
import {
  ServingCore,
  singleVersionSet,
  type ServedPrediction,
  type ServedVersion,
} from './core.js';
import { InvalidRequest } from './errors.js';
import { quoted } from './instances.js';

export interface PredictFileRequest {
  /** A registry ref (NAME#STAGE, NAME@vX.Y.Z, NAME@latest) or a bundle folder. */
  model: string;
  /** The file to write: `.csv` or `.jsonl` (`.ndjson`). */
  out: string;
}

export interface PredictFileOutcome {
  model: string;
  version: string;
  /** How the model was found: `production stage`, `version 1.2.0`, `bundle folder`. */
  via: string;
  data: string;
  rows: number;
  out: string;
}

/** Rows scored per call of the core: a request's worth, so memory stays bounded per call. */
const ROWS_PER_CALL = 4096;

/** Scores the config's data file (`--data`) with `request.model` into `request.out`. */
export async function runPredictFile(
  ctx: StepContext,
  request: PredictFileRequest,
): Promise<PredictFileOutcome> {
  const { deps, config } = ctx;
  const format = outputFormat(request.out);
  await selectBackend(config.model.backend, deps.backend);
  const { served, via } = await loadModel(ctx, request.model);
  const spec = served.loaded.preprocessing;
  const file = resolveInput(ctx, config.data.train);
  // Cells are read as the model's training file was: its missing-value tokens and decimal mark.
  const table = await readTable(deps.fs.stream(file), {
    ...readOptions(ctx, () => undefined),
    naValues: spec.input.naValues,
    decimal: spec.input.decimal,
    maxErrors: 0,
  });
  const added = predictionColumns(spec.label);
  const clash = added.find((column) => table.columns.includes(column));
  if (clash) {
    throw new UsageError(
      `${config.data.train} already has a column ${quoted(clash)}, which the predictions would add; rename it (or score the file before it was scored).`,
    );
  }
  const core = new ServingCore({ maxInstances: ROWS_PER_CALL });
  core.swap(singleVersionSet(served));
  try {
    const predictions = await scoreTable(core, served, table, config.data.train);
    const text =
      format === 'csv'
        ? csvText(table, added, predictions, spec.label)
        : jsonlText(table, added, predictions, spec.label);
    await deps.fs.write(request.out, text);
  } finally {
    core.close();
  }
  deps.log.info(
    `scored ${table.rows.length} rows of ${config.data.train} with ${served.name} v${served.version} (${via}) into ${request.out}`,
  );
  return {
    model: served.name,
    version: served.version,
    via,
    data: file,
    rows: table.rows.length,
    out: request.out,
  };
}

/** The bundle folder `model` names (from the config's folder), else the registry version it refers to. */
async function loadModel(
  ctx: StepContext,
  model: string,
): Promise<{ served: ServedVersion; via: string }> {
  const { deps } = ctx;
  const dir = path.resolve(ctx.baseDir, model);
  if (await deps.fs.isFolder(dir)) {
    return { served: await loadBundleVersion(deps, dir), via: 'bundle folder' };
  }
  if (!/[#@]/.test(model)) {
    throw new UsageError(
      `--model ${model}: no such bundle folder, and not a registry ref (NAME#STAGE, NAME@vX.Y.Z or NAME@latest).`,
    );
  }
  const state = replayTags(await deps.tags.list());
  const { name, version, via } = resolveModelRef(state, model);
  const pin = bundlePin(findModel(state, name)?.versions.find((v) => v.version === version));
  // Fetched to a scratch folder: once loaded, the model is in memory.
  const served = await withFetchedBundle(ctx, { name, version, pin }, (fetched) =>
    loadBundleVersion(deps, fetched, { name, version, tag: versionTag(name, version), pin }),
  );
  return { served, via };
}

async function scoreTable(
  core: ServingCore,
  served: ServedVersion,
  table: RawTable,
  source: string,
): Promise<ServedPrediction[]> {
  const predictions: ServedPrediction[] = [];
  for (let start = 0; start < table.rows.length; start += ROWS_PER_CALL) {
    const rows = table.rows.slice(start, start + ROWS_PER_CALL);
    // fromEntries defines own keys: a `__proto__` column stays a column.
    const instances = rows.map((row) =>
      Object.fromEntries(table.columns.map((column, c) => [column, row[c] ?? null])),
    );
    try {
      const result = await core.predict(served.name, null, instances, {
        unknownFields: 'ignore',
        requestId: `rows-${start + 1}`,
      });
      predictions.push(...result.predictions);
    } catch (error) {
      if (!(error instanceof InvalidRequest) || error.index === undefined) throw error;
      const line = table.lines[start + error.index];
      const column = error.field === undefined ? '' : ` (column ${quoted(error.field)})`;
      throw new DataError(`${source}:${line}${column}: ${error.problem}`);
    }
  }
  return predictions;
}

function outputFormat(out: string): 'csv' | 'jsonl' {
  if (/\.csv$/i.test(out)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(out)) return 'jsonl';
  throw new UsageError(`--out ${out}: name the output .csv or .jsonl, which says its format.`);
}

/** The columns the predictions add: `prediction`, then `score` or one `probability_CLASS` per class. */
function predictionColumns(label: LabelEncoding): string[] {
  if (label.task === 'binary') return ['prediction', 'score'];
  if (label.task === 'multiclass')
    return ['prediction', ...label.classes.map((c) => `probability_${c}`)];
  return ['prediction'];
}

function predictionCells(prediction: ServedPrediction, label: LabelEncoding): RawValue[] {
  if ('value' in prediction) return [prediction.value];
  if ('score' in prediction) return [prediction.label, prediction.score];
  return [
    prediction.label,
    ...(label.task === 'multiclass' ? label.classes : []).map(
      (c) => prediction.probabilities[c] ?? null,
    ),
  ];
}

function csvText(
  table: RawTable,
  added: string[],
  predictions: ServedPrediction[],
  label: LabelEncoding,
): string {
  const lines = [[...table.columns, ...added].map(csvCell).join(',')];
  table.rows.forEach((row, i) => {
    const prediction = predictions[i] as ServedPrediction;
    lines.push([...row, ...predictionCells(prediction, label)].map(csvValue).join(','));
  });
  return `${lines.join('\n')}\n`;
}

function jsonlText(
  table: RawTable,
  added: string[],
  predictions: ServedPrediction[],
  label: LabelEncoding,
): string {
  return table.rows
    .map((row, i) => {
      const cells = [...row, ...predictionCells(predictions[i] as ServedPrediction, label)];
      const entries = [...table.columns, ...added].map((column, c) => [column, cells[c] ?? null]);
      return `${JSON.stringify(Object.fromEntries(entries))}\n`;
    })
    .join('');
}

/** A CSV cell: numbers and plain decimal text as they are, other text quoted and made inert. */
function csvValue(value: RawValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? value : csvCell(value);
}
