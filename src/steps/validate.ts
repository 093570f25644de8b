/** `mlops validate`: statistics, the schema (committed or inferred) and anomalies of the data. */
import { detectAnomalies } from '../data/anomalies.js';
import { formatSchema, inferSchema, schemaKinds } from '../data/schema.js';
import { computeStatistics } from '../data/statistics.js';
import type { Anomaly, DatasetStats, Schema } from '../data/types.js';
import { outputPaths, resolveInput, writeJson, type StepContext } from './context.js';
import { loadDataset } from './dataset.js';
import { VALIDATION_FORMAT } from './outputs.js';

export interface ValidationOutcome {
  format: typeof VALIDATION_FORMAT;
  source: string;
  /** sha256 of the data validated, so a report never pairs these checks with another file's model. */
  dataHash: string;
  rows: number;
  /** Rows without a label, dropped before training, and the first of their lines. */
  unlabeled: { count: number; lines: number[] };
  statistics: DatasetStats;
  schema: Schema;
  /** `committed`: checked against the schema file; `inferred`: none existed, so one was inferred. */
  schemaSource: 'committed' | 'inferred';
  anomalies: Anomaly[];
  passed: boolean;
}

export interface ValidateOptions {
  /** Write the inferred schema to the config's schema path (accepting the data as it is). */
  updateSchema?: boolean;
}

/** Validates the configured data and writes `validation.json` and `schema.json` under `out`. */
export async function runValidate(
  ctx: StepContext,
  options: ValidateOptions = {},
): Promise<ValidationOutcome> {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  // With --update-schema the data speaks for itself: kinds are inferred, not taken from the old schema.
  const committed = options.updateSchema ? null : dataset.schema;
  const kinds = committed ? schemaKinds(committed) : {};
  const statistics = computeStatistics(dataset.raw, kinds);
  const schema = committed ?? inferSchema(statistics, { label: config.data.label });
  const anomalies = detectAnomalies(statistics, schema, {
    minExamples: config.validation.min_examples,
  });
  const failOn = config.validation.fail_on;
  const passed = anomalies.every(
    (a) => failOn === 'never' || (failOn === 'error' && a.severity !== 'ERROR'),
  );
  const outcome: ValidationOutcome = {
    format: VALIDATION_FORMAT,
    source: config.data.train,
    dataHash: dataset.dataHash,
    rows: dataset.raw.rows.length,
    unlabeled: dataset.prepared.unlabeled,
    statistics,
    schema,
    schemaSource: committed ? 'committed' : 'inferred',
    anomalies,
    passed,
  };
  const paths = outputPaths(ctx.out);
  await writeJson(ctx, paths.validation, outcome);
  await deps.fs.write(paths.schema, formatSchema(schema));
  if (options.updateSchema) {
    await deps.fs.write(dataset.schemaPath, formatSchema(schema));
    deps.log.info(`schema written to ${dataset.schemaPath}: review and commit it`);
  }
  for (const anomaly of anomalies) {
    deps.log.annotate({
      severity: anomaly.severity === 'ERROR' ? 'error' : 'warning',
      title: `${anomaly.type}${anomaly.column ? ` (${anomaly.column})` : ''}`,
      message: anomaly.description,
      file: resolveInput(ctx, config.data.train),
    });
  }
  deps.log.info(`validation ${passed ? 'passed' : 'failed'}: ${anomalies.length} anomalies`);
  return outcome;
}
