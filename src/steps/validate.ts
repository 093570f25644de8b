/** `mlops validate`: statistics, the schema (committed or inferred) and anomalies of the data. */
import type { Config } from '../config/schema.js';
import { detectAnomalies } from '../data/anomalies.js';
import { detectDrift, type DriftOptions, type DriftReport } from '../data/drift.js';
import { formatSchema, inferSchema, schemaChecks, schemaKinds } from '../data/schema.js';
import type { StatisticsOptions } from '../data/statistics.js';
import type { Anomaly, DatasetStats, Schema, ValueKind } from '../data/types.js';
import { driftEdges, findDriftBaseline, type DriftBaseline } from './drift-baseline.js';
import { outputPaths, resolveInput, writeJson, type StepContext } from './context.js';
import {
  readCommittedSchema,
  scanDataset,
  type ScannedDataset,
  type RejectedSummary,
} from './dataset.js';
import { VALIDATION_FORMAT } from './outputs.js';

export interface ValidationOutcome {
  format: typeof VALIDATION_FORMAT;
  source: string;
  /** sha256 of the data validated, so a report never pairs these checks with another file's model. */
  dataHash: string;
  rows: number;
  /** Rows without a label, dropped before training, and the first of their lines. */
  unlabeled: { count: number; lines: number[] };
  /**
   * Bad records left out under data.max_errors (null: none); absent in files written before
   * max_errors existed.
   */
  rejected?: RejectedSummary | null;
  statistics: DatasetStats;
  schema: Schema;
  /** `committed`: checked against the schema file; `inferred`: none existed, so one was inferred. */
  schemaSource: 'committed' | 'inferred';
  /** Drift against the baseline's statistics (`reference`), or null when there is no baseline. */
  drift: {
    baseline: Pick<DriftBaseline, 'label' | 'source'>;
    reference: DatasetStats;
    report: DriftReport;
  } | null;
  /** Schema anomalies, then drift anomalies. */
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
  const plan = await planValidation(ctx, options);
  // Streamed in bounded memory: validation needs statistics, not the table (see scanDataset).
  const dataset = await scanDataset(ctx, plan.kinds, plan.statisticsOptions);
  return checkDataset(ctx, plan, dataset, options);
}

/** What validation checks the data against, and what shapes its statistics. */
export interface ValidationPlan {
  stored: Awaited<ReturnType<typeof readCommittedSchema>>;
  /** The schema checked against: null with --update-schema or when none is committed. */
  committed: Schema | null;
  baseline: DriftBaseline | null;
  kinds: Record<string, ValueKind>;
  statisticsOptions: StatisticsOptions;
}

/** Reads the committed schema and finds the drift baseline (validate, its shards, stats merge). */
export async function planValidation(
  ctx: StepContext,
  options: ValidateOptions = {},
): Promise<ValidationPlan> {
  const stored = await readCommittedSchema(ctx);
  // With --update-schema the data speaks for itself: kinds are inferred, not taken from the old schema.
  const committed = options.updateSchema ? null : stored.schema;
  const kinds = committed ? schemaKinds(committed) : {};
  const baseline = await findDriftBaseline(ctx, ctx.config.validation.drift.baseline);
  const statisticsOptions: StatisticsOptions = {
    ...(baseline ? { driftEdges: driftEdges(baseline.statistics) } : {}),
    // Values outside the committed schema's ranges and domains are counted, with their lines.
    ...(committed ? schemaChecks(committed) : {}),
  };
  return { stored, committed, baseline, kinds, statisticsOptions };
}

/**
 * Validation's checks on finished statistics — of one pass (runValidate) or of merged parts
 * (`mlops stats merge`): the schema (committed or inferred), anomalies and drift; writes
 * `validation.json` and `schema.json` under `out`.
 */
export async function checkDataset(
  ctx: StepContext,
  plan: ValidationPlan,
  dataset: ScannedDataset,
  options: ValidateOptions = {},
): Promise<ValidationOutcome> {
  const { config, deps } = ctx;
  const { stored, committed, baseline } = plan;
  const { statistics } = dataset;
  const schema =
    committed ??
    inferSchema(statistics, {
      label: config.data.label,
      // No ranges for columns the model does not use: data.ignore, the split key, identifiers.
      ignore: dataset.unused,
      ...(config.model.task ? { task: config.model.task } : {}),
    });
  const report = baseline
    ? detectDrift(baseline.statistics, statistics, {
        ...driftOptions(config),
        ...(baseline.columns ? { columns: baseline.columns } : {}),
      })
    : null;
  if (baseline && report) {
    const { driftedFeatures, features } = report.dataset;
    deps.log.info(
      `drift against ${baseline.label}: ${driftedFeatures} of ${features} features drifted`,
    );
  }
  const anomalies = [
    ...detectAnomalies(statistics, schema, {
      minExamples: config.validation.min_examples,
      ignore: config.data.ignore,
    }),
    ...(report?.anomalies ?? []),
  ];
  const failOn = config.validation.fail_on;
  const passed = anomalies.every(
    (a) => failOn === 'never' || (failOn === 'error' && a.severity !== 'ERROR'),
  );
  const outcome: ValidationOutcome = {
    format: VALIDATION_FORMAT,
    source: config.data.train,
    dataHash: dataset.dataHash,
    rows: statistics.rows,
    unlabeled: dataset.unlabeled,
    rejected: dataset.rejected,
    statistics,
    schema,
    schemaSource: committed ? 'committed' : 'inferred',
    drift:
      baseline && report
        ? {
            baseline: { label: baseline.label, source: baseline.source },
            reference: baseline.statistics,
            report,
          }
        : null,
    anomalies,
    passed,
  };
  const paths = outputPaths(ctx.out);
  await writeJson(ctx, paths.validation, outcome);
  await deps.fs.write(paths.schema, formatSchema(schema));
  if (options.updateSchema) {
    await deps.fs.write(stored.schemaPath, formatSchema(schema));
    deps.log.info(`schema written to ${stored.schemaPath}: review and commit it`);
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

/** validation.drift as the drift tests take it; a threshold with `test: auto` replaces both. */
export function driftOptions(config: Config): DriftOptions {
  const { test, threshold, share, severity, features } = config.validation.drift;
  return {
    test,
    ...(threshold === undefined ? {} : { threshold }),
    severity,
    datasetSeverity: severity,
    driftShare: share,
    features,
  };
}
