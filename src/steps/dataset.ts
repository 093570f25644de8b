/** Reading the configured data once per run and preparing it (label, kinds, split). */
import { createHash } from 'node:crypto';
import { TableAccumulator } from '../data/column-accumulator.js';
import { readTable, readTableBatches, type ReadTableOptions } from '../data/read-table.js';
import type { StatisticsOptions } from '../data/statistics.js';
import { DataError } from '../errors.js';
import { parseJson } from '../util/json.js';
import { prepareData, requireColumn, type PreparedData } from '../data/prepare.js';
import { parseSchema } from '../data/schema.js';
import type { DatasetStats, RawTable, Schema, ValueKind } from '../data/types.js';
import { resolveInput, type StepContext } from './context.js';

export interface Dataset {
  /** Every row as read, labelled or not. */
  raw: RawTable;
  prepared: PreparedData;
  /** The committed schema, or null when none exists yet. */
  schema: Schema | null;
  schemaPath: string;
  /** sha256 of the data file's bytes. */
  dataHash: string;
}

const loaded = new WeakMap<StepContext, Promise<Dataset>>();

/** Loads the dataset of `ctx`, once: later steps of the same run reuse it. */
export function loadDataset(ctx: StepContext): Promise<Dataset> {
  let dataset = loaded.get(ctx);
  if (!dataset) {
    dataset = readDataset(ctx);
    loaded.set(ctx, dataset);
  }
  return dataset;
}

/** How the configured data file is read, for readTable and readTableBatches. */
function readOptions(ctx: StepContext): ReadTableOptions {
  const { config, deps } = ctx;
  return {
    source: config.data.train,
    naValues: config.data.na_values,
    onProgress: (rows) => deps.log.info(`${rows.toLocaleString('en-US')} rows read…`),
    onLongRecord: (line, bytes) =>
      deps.log.info(
        `line ${line}: ${bytes.toLocaleString('en-US')} bytes read and the record is still open…`,
      ),
    ...(config.data.format ? { format: config.data.format } : {}),
    ...(config.data.decimal ? { decimal: config.data.decimal } : {}),
    ...(config.data.max_field_bytes ? { maxFieldBytes: config.data.max_field_bytes } : {}),
    ...(config.data.max_record_bytes ? { maxRecordBytes: config.data.max_record_bytes } : {}),
  };
}

async function readDataset(ctx: StepContext): Promise<Dataset> {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash('sha256');
  const raw = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const table = await readTable(hashing(deps.fs.stream(file), hash), readOptions(ctx));
    deps.log.info(`${table.rows.length} rows × ${table.columns.length} columns`);
    return table;
  });
  const { schema, schemaPath } = await readCommittedSchema(ctx);
  const prepared = prepareData(raw, {
    label: config.data.label,
    ignore: config.data.ignore,
    split: config.data.split,
    slices: config.data.slices,
    schema,
  });
  prepared.warnings.forEach((w) => deps.log.warn(w));
  if (prepared.unlabeled.count > 0) {
    deps.log.warn(`${prepared.unlabeled.count} rows have no label and were dropped`);
  }
  return { raw, prepared, schema, schemaPath, dataHash: hash.digest('hex') };
}

/** The committed schema (null when none exists yet) and its path. */
export async function readCommittedSchema(
  ctx: StepContext,
): Promise<{ schema: Schema | null; schemaPath: string }> {
  const { config, deps } = ctx;
  const schemaPath = resolveInput(ctx, config.schema);
  const schema = (await deps.fs.exists(schemaPath))
    ? parseSchema(
        parseJson(
          await deps.fs.readText(schemaPath),
          config.schema,
          'Regenerate it with `mlops validate --update-schema`.',
        ),
        config.schema,
      )
    : null;
  return { schema, schemaPath };
}

/** What `mlops validate` needs of the data, read in one streaming pass (see scanDataset). */
export interface ScannedDataset {
  statistics: DatasetStats;
  columns: string[];
  /** Rows without a label (dropped before training), and the first of their lines. */
  unlabeled: { count: number; lines: number[] };
  /** Columns that are neither the label nor a feature the model would use. */
  unused: string[];
  dataHash: string;
}

/**
 * Statistics of the configured data without holding it: record batches feed per-column
 * accumulators (data/column-accumulator.ts), and a second pass reads the file again only for
 * the rare column whose strings were not all tallied. What validation needs of data preparation
 * — the label's presence, unlabelled rows, the features the model would use — comes from the
 * same accumulators, with the checks and warnings of prepareData.
 */
export async function scanDataset(
  ctx: StepContext,
  kinds: Record<string, ValueKind>,
  options: StatisticsOptions,
): Promise<ScannedDataset> {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash('sha256');
  const accumulator = new TableAccumulator(kinds, options);
  await deps.log.group(`Reading ${config.data.train}`, async () => {
    for await (const batch of readTableBatches(
      hashing(deps.fs.stream(file), hash),
      readOptions(ctx),
    )) {
      accumulator.add(batch);
    }
    deps.log.info(`${accumulator.rows} rows × ${accumulator.columns.length} columns`);
  });
  let second: TableAccumulator | undefined;
  if (accumulator.needsSecondPass().length > 0) {
    second = accumulator.forSecondPass();
    const quiet = { ...readOptions(ctx), onProgress: () => undefined };
    for await (const batch of readTableBatches(deps.fs.stream(file), quiet)) second.add(batch);
  }
  const statistics = accumulator.finish(second);
  const columns = accumulator.columns;
  const table: RawTable = { source: config.data.train, columns, rows: [], lines: [] };
  const label = config.data.label;
  requireColumn(table, label, 'data.label');
  for (const column of config.data.slices ?? []) requireColumn(table, column, 'data.slices');
  const labelColumn = accumulator.column(label);
  const unlabeledCount = accumulator.rows - (labelColumn?.present ?? 0);
  if (unlabeledCount === accumulator.rows) {
    throw new DataError(`${config.data.train}: every row is missing the label "${label}".`);
  }
  for (const column of config.data.ignore) {
    if (!columns.includes(column)) {
      deps.log.warn(`data.ignore: column "${column}" is not in ${config.data.train}`);
    }
  }
  const skip = new Set([
    label,
    ...config.data.ignore,
    ...(config.data.split.key ? [config.data.split.key] : []),
  ]);
  const unused = columns.filter((column) => {
    if (skip.has(column)) return true;
    if (!accumulator.column(column)?.looksLikeIdentifier()) return false;
    deps.log.warn(
      `column "${column}" looks like an identifier (every value differs), so it is not used as a feature; ` +
        'list it in data.ignore to say so',
    );
    return true;
  });
  if (unlabeledCount > 0) deps.log.warn(`${unlabeledCount} rows have no label and were dropped`);
  return {
    statistics,
    columns,
    unlabeled: { count: unlabeledCount, lines: labelColumn?.missingLines.slice(0, 10) ?? [] },
    unused,
    dataHash: hash.digest('hex'),
  };
}

async function* hashing(
  chunks: AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
