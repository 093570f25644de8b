/**
 * `monitor.json`, what `mlops monitor` found, in the shape of the other step outputs
 * (src/steps/outputs.ts): a `format` id first, and a zod schema its readers check it with. The
 * type is the schema's, so the file and its reader cannot drift apart.
 */
import { z } from 'zod';
import { DRIFT_TESTS } from '../data/drift.js';

/** `format` of monitor.json, its first field: its name and version. */
export const MONITOR_FORMAT = 'mlops-actions/monitor/v1';

const count = z.number().int().min(0);
const severity = z.enum(['WARNING', 'ERROR']);

/** A gate's verdict on live metrics (evaluate/gates.ts's GateResult without the gate itself). */
const gateResult = z.object({
  description: z.string(),
  status: z.enum(['pass', 'fail', 'skipped']),
  actual: z.number().optional(),
  expected: z.string().optional(),
  reason: z.string().optional(),
});

/** One feature's drift test (data/drift.ts's FeatureDrift, in short). */
const featureDrift = z.object({
  feature: z.string(),
  test: z.enum(DRIFT_TESTS),
  value: z.number(),
  threshold: z.number(),
  drifted: z.boolean(),
  severity,
});

/**
 * One column's drift — a version's served outputs against its validation outputs, or the labels
 * sent back against its training labels — or why it was not tested.
 */
const columnDrift = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('tested'),
    /** The column tested: `score`, `predicted class`, `predicted value`, or the label's name. */
    column: z.string(),
    /** What the values were tested against, for people. */
    reference: z.string(),
    /** Values tested. */
    count,
    test: z.enum(DRIFT_TESTS),
    value: z.number(),
    threshold: z.number(),
    drifted: z.boolean(),
    severity,
  }),
  /** The bundle holds nothing to compare with: trained before it was recorded, for one. */
  z.object({ status: z.literal('no_reference'), reason: z.string() }),
  /** Too few values (monitor.min_inputs, monitor.min_labels), or none the test could use. */
  z.object({ status: z.literal('not_tested'), reason: z.string() }),
]);
export type ColumnDrift = z.infer<typeof columnDrift>;

const versionReport = z.object({
  version: z.string(),
  /** NAME@vX.Y.Z. */
  tag: z.string(),
  /** False for a version the registry does not have: it is counted, not tested. */
  registered: z.boolean(),
  predictions: count,
  /** Predictions whose label came back and could be scored. */
  labelled: count,
  /** Predictions no label came back for. */
  unlabelled: count,
  /**
   * Predictions whose label came back but could not be scored: no class of the model (or no
   * number), or the version's bundle was not available.
   */
  unscored: count,
  /** computeMetrics on the labelled predictions; null without any. */
  metrics: z.record(z.string(), z.number()).nullable(),
  /** The gates on `metrics`; null when too few labels (monitor.min_labels) or none. */
  gates: z
    .object({ verdict: z.enum(['BLESSED', 'NOT_BLESSED']), results: z.array(gateResult) })
    .nullable(),
  /** Drift of the inputs from the training statistics; null when not tested (see `notes`). */
  drift: z
    .object({
      baseline: z.string(),
      tested: count,
      drifted: count,
      /** Drift anomalies of severity ERROR: each fails validation, and calls for retraining. */
      errors: count,
      share: z.number(),
      detected: z.boolean(),
      skipped: count,
      features: z.array(featureDrift),
    })
    .nullable(),
  /** Drift of the served outputs; null for a version without a readable bundle. */
  predictionDrift: columnDrift.nullable(),
  /** Drift of the labels sent back; null for a version without a readable bundle. */
  labelDrift: columnDrift.nullable(),
  /** Why something above is missing, for people. */
  notes: z.array(z.string()),
});

export const RETRAIN_TRIGGERS = [
  'drift',
  'prediction_drift',
  'label_drift',
  'decay',
  'new_data',
  'schedule',
  'no_logs',
] as const;
export type RetrainTrigger = (typeof RETRAIN_TRIGGERS)[number];

const badLine = z.object({ file: z.string(), line: count, problem: z.string() });

export const monitorSchema = z.object({
  format: z.literal(MONITOR_FORMAT),
  model: z.string(),
  logDir: z.string(),
  window: z.object({ since: z.string(), start: z.iso.datetime(), end: z.iso.datetime() }),
  logs: z.object({
    files: z.array(
      z.object({
        name: z.string(),
        kind: z.enum(['predictions', 'feedback']),
        records: count,
        bad: count,
      }),
    ),
    badLines: count,
    /** The first bad lines, with their file and line. */
    firstBad: z.array(badLine),
  }),
  predictions: z.object({
    /** Valid prediction records read. */
    read: count,
    inWindow: count,
    /** Before the window's start. */
    earlier: count,
    /** Of other models than this one. */
    otherModels: count,
    /** Of versions past the most a run tallies (a forged log could name millions). */
    otherVersions: count,
  }),
  feedback: z.object({
    /** Valid feedback records read. */
    read: count,
    /** Feedback records joined to a prediction in the window. */
    joined: count,
  }),
  versions: z.array(versionReport),
  /** The latest registered version, for the schedule; null when none (or no registry). */
  latest: z.object({ version: z.string(), registeredAt: z.string() }).nullable(),
  decision: z.object({
    retrain: z.boolean(),
    reasons: z.array(z.object({ trigger: z.enum(RETRAIN_TRIGGERS), text: z.string() })),
    /** The reasons in one line (the `reason` output), or why nothing called for retraining. */
    reason: z.string(),
  }),
});

export type MonitorReport = z.infer<typeof monitorSchema>;
export type VersionReport = z.infer<typeof versionReport>;
export type RetrainDecision = MonitorReport['decision'];

/** monitor.json as a step output format, for checkStepOutput (src/steps/outputs.ts). */
export const MONITOR_OUTPUT = { id: MONITOR_FORMAT, schema: monitorSchema };
