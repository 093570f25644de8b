/** Reading the configured data once per run and preparing it (label, kinds, split). */
import { createHash } from 'node:crypto';
import { readTable } from '../data/read-table.js';
import { parseJson } from '../util/json.js';
import { prepareData, type PreparedData } from '../data/prepare.js';
import { parseSchema } from '../data/schema.js';
import type { RawTable, Schema } from '../data/types.js';
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

async function readDataset(ctx: StepContext): Promise<Dataset> {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash('sha256');
  const raw = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const table = await readTable(hashing(deps.fs.stream(file), hash), {
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
    });
    deps.log.info(`${table.rows.length} rows × ${table.columns.length} columns`);
    return table;
  });
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

async function* hashing(
  chunks: AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
