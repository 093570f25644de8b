/** Reading the configured data once per run and preparing it (label, kinds, split). */
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  TableAccumulator,
  type AccumulatorOptions,
  type TableBatch,
} from '../data/column-accumulator.js';
import {
  inferFormat,
  readTableBatches,
  type ReadTableOptions,
  type RejectedRecord,
} from '../data/read-table.js';
import { DataError } from '../errors.js';
import { parseJson } from '../util/json.js';
import {
  identifierWarning,
  PreparationScan,
  requireColumn,
  type Preparation,
  type PrepareOptions,
} from '../data/prepare.js';
import { isAbsent } from '../data/missing.js';
import { parseSchema } from '../data/schema.js';
import type { DatasetStats, RawTable, Schema, ValueKind } from '../data/types.js';
import { resolveInput, type StepContext } from './context.js';
import { scanInParallel, type ParallelTuning } from './parallel-scan.js';

export interface Dataset {
  /** What training and evaluation need of every row, found in one pass without holding them. */
  prepared: Preparation;
  /** The committed schema, or null when none exists yet. */
  schema: Schema | null;
  schemaPath: string;
  /** sha256 of the data file's bytes. */
  dataHash: string;
  /** Bad records left out under data.max_errors, or null when there were none. */
  rejected: RejectedSummary | null;
}

/** What validation.json and the report say of the records left out under data.max_errors. */
export interface RejectedSummary {
  count: number;
  /** The rejects file, in the output folder (beside validation.json). */
  file: (typeof REJECTS_FILES)[keyof typeof REJECTS_FILES];
  /** The first REJECTED_LINES_KEPT of their lines. */
  lines: number[];
}

const REJECTED_LINES_KEPT = 10;
/** How many rejected lines the log names. */
const REJECTED_LINES_LOGGED = 5;
/** The rejects files a read may write: one per text format, so a stale one is removed. */
const REJECTS_FILES = { csv: 'rejects.csv', jsonl: 'rejects.jsonl' } as const;

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
export function readOptions(
  ctx: StepContext,
  onReject: (rejected: RejectedRecord) => void,
): ReadTableOptions {
  const { config, deps } = ctx;
  return {
    source: config.data.train,
    naValues: config.data.na_values,
    maxErrors: config.data.max_errors,
    onReject,
    // Parquet is read from its footer, a row group at a time.
    open: () => deps.fs.open(resolveInput(ctx, config.data.train)),
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

/**
 * One pass over the data file (PreparationScan): its hash, bad records, and what training needs
 * of every row without holding the rows; later steps read the rows again (forEachPlacedBatch).
 */
async function readDataset(ctx: StepContext): Promise<Dataset> {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const { schema, schemaPath } = await readCommittedSchema(ctx);
  const options: PrepareOptions = {
    label: config.data.label,
    ignore: config.data.ignore,
    split: config.data.split,
    slices: config.data.slices,
    schema,
    ...(config.data.features ? { features: config.data.features } : {}),
  };
  const hash = createHash('sha256');
  const rejects: RejectedRecord[] = [];
  const quiet = quietReadOptions(ctx);
  const scan = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const loud = readOptions(ctx, (rejected) => rejects.push(rejected));
    const scanned = await scanOnOneThread(
      ctx,
      hashing(deps.fs.stream(file), hash),
      { loud, quiet },
      () => new PreparationScan(options),
    );
    deps.log.info(`${scanned.rows} rows × ${scanned.columns.length} columns`);
    return scanned;
  });
  const rejected = await writeRejects(ctx, rejects);
  if (scan.needsSecondPass()) {
    const second = scan.forSecondPass();
    for await (const batch of readTableBatches(deps.fs.stream(file), quiet)) second.add(batch);
  }
  const prepared = scan.finish(config.data.train);
  prepared.warnings.forEach((w) => deps.log.warn(w));
  if (prepared.unlabeled.count > 0) {
    deps.log.warn(`${prepared.unlabeled.count} rows have no label and were dropped`);
  }
  return { prepared, schema, schemaPath, dataHash: hash.digest('hex'), rejected };
}

/** The configured file's read options for a read after the first: no progress, rejects known. */
function quietReadOptions(ctx: StepContext): ReadTableOptions {
  return { ...readOptions(ctx, () => undefined), onProgress: () => undefined };
}

/** Where a labelled row goes: its split, as PlacedBatch codes it. */
export const SPLIT_CODES = { train: 0, validation: 1, test: 2 } as const;
/** PlacedBatch's code of a row without a label, which no split has. */
export const UNLABELLED = -1;

/** A batch of the data file's rows, each with its place in the split. */
export interface PlacedBatch extends TableBatch {
  /** Per row: its split (SPLIT_CODES), or UNLABELLED. */
  split: Int8Array;
  /**
   * Per row: its index among its split's rows, in file order (so `prepared.split.test[position]`
   * is a test row's index among the labelled rows).
   */
  position: Int32Array;
}

/**
 * Reads the data file again, in batches whose rows say which split they belong to, for passes
 * that need the rows (fitting, encoding, evaluating). Rows keep their place only if the file is
 * the one prepared: a file whose bytes changed since is a DataError.
 */
export async function forEachPlacedBatch(
  ctx: StepContext,
  dataset: Dataset,
  /** What the pass is for, in its progress lines: a million-row file takes a while each time. */
  pass: string,
  visit: (batch: PlacedBatch) => void,
): Promise<void> {
  const { config, deps } = ctx;
  const { prepared } = dataset;
  const membership = splitMembership(prepared);
  const counts = [0, 0, 0];
  let labelled = 0;
  const hash = createHash('sha256');
  const bytes = hashing(deps.fs.stream(resolveInput(ctx, config.data.train)), hash);
  const options: ReadTableOptions = {
    ...quietReadOptions(ctx),
    onProgress: (rows) => deps.log.info(`${pass}: ${rows.toLocaleString('en-US')} rows read…`),
  };
  const changed = () =>
    new DataError(
      `${config.data.train} changed while it was being read (its rows no longer match the split); run the step again.`,
    );
  for await (const batch of readTableBatches(bytes, options)) {
    const labelAt = batch.columns.indexOf(prepared.label);
    const split = new Int8Array(batch.rows.length);
    const position = new Int32Array(batch.rows.length);
    batch.rows.forEach((row, i) => {
      if (labelAt < 0 || isAbsent(row[labelAt] ?? null)) {
        split[i] = UNLABELLED;
        return;
      }
      // More labelled rows than were split: the file grew, and no row may land in a split blindly.
      if (labelled >= membership.length) throw changed();
      const code = membership[labelled++] as number;
      const at = counts[code] as number;
      split[i] = code;
      position[i] = at;
      counts[code] = at + 1;
    });
    // A JSON Lines batch may have fewer columns than the file: its rows then read missing cells.
    visit({ columns: prepared.columns, rows: batch.rows, lines: batch.lines, split, position });
  }
  if (hash.digest('hex') !== dataset.dataHash || labelled !== prepared.labels.count) {
    throw changed();
  }
}

const memberships = new WeakMap<Preparation, Int8Array>();

/** Each labelled row's split (SPLIT_CODES), by its index among the labelled rows. */
function splitMembership(prepared: Preparation): Int8Array {
  let membership = memberships.get(prepared);
  if (!membership) {
    membership = new Int8Array(prepared.labels.count);
    for (const name of ['validation', 'test'] as const) {
      for (const row of prepared.split[name]) membership[row] = SPLIT_CODES[name];
    }
    memberships.set(prepared, membership);
  }
  return membership;
}

/**
 * Writes the records a read left out to `<out>/rejects.csv` (CSV data) or `rejects.jsonl`
 * (JSON Lines), and logs their count, the first lines and the file, never their text: it is
 * hostile data. With none, an earlier run's rejects file is removed.
 */
export async function writeRejects(
  ctx: StepContext,
  rejects: readonly RejectedRecord[],
): Promise<RejectedSummary | null> {
  const { config, deps } = ctx;
  const format =
    (config.data.format ?? inferFormat(config.data.train)) === 'jsonl' ? 'jsonl' : 'csv';
  if (rejects.length === 0) {
    for (const name of Object.values(REJECTS_FILES)) await deps.fs.remove(path.join(ctx.out, name));
    return null;
  }
  const name = REJECTS_FILES[format];
  const file = path.join(ctx.out, name);
  await deps.fs.write(file, format === 'jsonl' ? rejectsJsonl(rejects) : rejectsCsv(rejects));
  const lines = rejects.map((r) => r.line);
  const shown = lines.slice(0, REJECTED_LINES_LOGGED).join(', ');
  deps.log.warn(
    `${rejects.length} rows rejected as bad records (data.max_errors ${config.data.max_errors}), ` +
      `on lines ${shown}${lines.length > REJECTED_LINES_LOGGED ? ', …' : ''}: left out of the data and written to ${file}`,
  );
  return { count: rejects.length, file: name, lines: lines.slice(0, REJECTED_LINES_KEPT) };
}

function rejectsJsonl(rejects: readonly RejectedRecord[]): string {
  return rejects.map((r) => `${JSON.stringify(r)}\n`).join('');
}

function rejectsCsv(rejects: readonly RejectedRecord[]): string {
  const rows = rejects.map((r) => `${r.line},${csvCell(r.error)},${csvCell(r.record)}\n`);
  return `line,error,record\n${rows.join('')}`;
}

/**
 * A text cell, always quoted. One that a spreadsheet would run as a formula (it starts with
 * = + - @ or a tab or CR) gets a leading `'`, as OWASP advises for CSV files of untrusted data.
 */
export function csvCell(text: string): string {
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replaceAll('"', '""')}"`;
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
  /** Bad records left out under data.max_errors, or null when there were none. */
  rejected: RejectedSummary | null;
}

/**
 * Statistics of the configured data without holding it: record batches feed per-column
 * accumulators (data/column-accumulator.ts), on every core for a large CSV file (see
 * parallel-scan.ts; `parallel` tunes that for tests), and a second pass reads the file again only
 * for the rare column whose strings were not all tallied. What validation needs of data preparation
 * — the label's presence, unlabelled rows, the features the model would use — comes from the
 * same accumulators, with the checks and warnings of prepareData.
 */
export async function scanDataset(
  ctx: StepContext,
  kinds: Record<string, ValueKind>,
  options: AccumulatorOptions,
  parallel: ParallelTuning = {},
): Promise<ScannedDataset> {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  let hash = createHash('sha256');
  let rejects: RejectedRecord[] = [];
  // The same records are rejected again, and were written already.
  const quiet = quietReadOptions(ctx);
  const accumulator = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const read = readOptions(ctx, (rejected) => rejects.push(rejected));
    const bytes = hashing(deps.fs.stream(file), hash);
    const request = { file, bytes, kinds, statistics: options, read };
    const threaded = await scanInParallel(ctx, request, parallel);
    if (threaded) rejects = threaded.rejects;
    else hash = createHash('sha256');
    const scanned =
      threaded?.accumulator ??
      (await scanOnOneThread(
        ctx,
        hashing(deps.fs.stream(file), hash),
        { loud: read, quiet },
        () => new TableAccumulator(kinds, options),
      ));
    deps.log.info(`${scanned.rows} rows × ${scanned.columns.length} columns`);
    return scanned;
  });
  const rejected = await writeRejects(ctx, rejects);
  let second: TableAccumulator | undefined;
  if (accumulator.needsSecondPass().length > 0) {
    const all = accumulator.columns;
    second = accumulator.forSecondPass();
    for await (const batch of readTableBatches(deps.fs.stream(file), quiet)) {
      second.add({ ...batch, columns: all });
    }
  }
  return summarizeScan(ctx, accumulator, accumulator.finish(second), {
    dataHash: hash.digest('hex'),
    rejected,
  });
}

/**
 * The configured data's accumulator from `bytes` (its stream) on this thread: `make` gives an
 * empty one, `quiet` reads the file again without reporting rows or bad records twice.
 */
async function scanOnOneThread<S extends BatchSink>(
  ctx: StepContext,
  bytes: AsyncIterable<Uint8Array>,
  read: { loud: ReadTableOptions; quiet: ReadTableOptions },
  make: () => S,
): Promise<S> {
  let sink = make();
  let columns: string[] = [];
  for await (const batch of readTableBatches(bytes, read.loud)) {
    sink.add(batch);
    columns = batch.columns;
  }
  // A sink takes its columns from its first batch, and a JSON Lines key first seen in a later
  // batch adds a column: read again, every batch given all the columns from the start.
  if (columns.length > sink.columns.length) {
    sink = make();
    const file = resolveInput(ctx, ctx.config.data.train);
    for await (const batch of readTableBatches(ctx.deps.fs.stream(file), read.quiet)) {
      sink.add({ ...batch, columns });
    }
  }
  return sink;
}

/** What a one-thread scan feeds: a TableAccumulator, or training's PreparationScan. */
interface BatchSink {
  readonly columns: readonly string[];
  /** Rows added. */
  readonly rows: number;
  add(batch: TableBatch): void;
}

/**
 * What validation needs of data preparation, from finished accumulators (of one pass, or of parts
 * merged by `mlops stats merge`): the label's presence, unlabelled rows, the features the model
 * would use, with the checks and warnings of prepareData.
 */
export function summarizeScan(
  ctx: StepContext,
  accumulator: TableAccumulator,
  statistics: DatasetStats,
  { dataHash, rejected }: Pick<ScannedDataset, 'dataHash' | 'rejected'>,
): ScannedDataset {
  const { config, deps } = ctx;
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
  const chosen = config.data.features && new Set(config.data.features.map((f) => f.column));
  const unused = columns.filter((column) => {
    if (skip.has(column)) return true;
    if (chosen) return !chosen.has(column);
    if (!accumulator.column(column)?.looksLikeIdentifier()) return false;
    deps.log.warn(identifierWarning(column));
    return true;
  });
  if (unlabeledCount > 0) deps.log.warn(`${unlabeledCount} rows have no label and were dropped`);
  return {
    statistics,
    columns,
    unlabeled: { count: unlabeledCount, lines: labelColumn?.missingLines.slice(0, 10) ?? [] },
    unused,
    dataHash,
    rejected,
  };
}

export async function* hashing(
  chunks: AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
