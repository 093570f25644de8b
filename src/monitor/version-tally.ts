/**
 * One served version's share of the logs: its predictions counted; its inputs, outputs and the
 * labels sent back streamed into the statistics accumulators validation uses and tested for drift
 * as validation tests new data — inputs and labels against the training statistics, outputs
 * against the validation outputs recorded at train time; its labelled predictions scored and gated.
 */
import type { DriftOptions } from '../data/drift.js';
import type { Gate } from '../evaluate/gates.js';
import type { MetricSet, Task } from '../evaluate/types.js';
import type { InputReading } from '../model/preprocess.js';
import { rawRowReader, type RawRowReader } from '../model/raw-rows.js';
import type { DriftInput } from '../report/drift.js';
import type { PredictionRecord } from '../serve/log-format.js';
import { DriftStream, type DriftReference } from './drift-stream.js';
import type { ColumnDrift, VersionReport } from './format.js';
import {
  checkLiveGates,
  LabelledPredictions,
  type FeedbackLabel,
  type LabelReading,
} from './live-metrics.js';
import { servedOutput } from './reference.js';

/** What monitoring needs of a registered version's bundle and tag. */
export interface ServedVersion {
  /** NAME@vX.Y.Z, naming its references in the drift sections. */
  tag: string;
  labels: LabelReading;
  /** The model's feature columns: the inputs tested for drift. */
  features: string[];
  /** The label's column in the training statistics: the labels sent back are tested against it. */
  label: string;
  reading: InputReading;
  /** The bundle's statistics.json: the training data the inputs and labels are compared with. */
  training: DriftReference;
  /**
   * The bundle's output-statistics.json: the validation outputs the served ones are compared
   * with; for a bundle without it, why.
   */
  outputs: { column: string; reference: DriftReference } | { reason: string };
  /** Its metrics at registration (tag metadata): the baseline of `change` gates. */
  recorded: { task: Task; metrics: MetricSet } | null;
}

/**
 * How a tally is judged: mlops.yml's gates, validation.drift (inputs), the monitor block's tests
 * of outputs and labels, and its minimums.
 */
export interface TallySettings {
  gates: readonly Gate[];
  drift: DriftOptions;
  predictionDrift: DriftOptions;
  labelDrift: DriftOptions;
  minInputs: number;
  minLabels: number;
}

/** A drift stream of one column, or why there is none. */
type ColumnStream = { stream: DriftStream; column: string } | { reason: string };

/** The counts, live metrics and drift streams of one version, fed prediction by prediction. */
export class VersionTally {
  private predictions = 0;
  private unlabelled = 0;
  private unscored = 0;
  private readonly labelled: LabelledPredictions | null;
  private readonly readRow: RawRowReader | null;
  private readonly inputs: DriftStream | null;
  private readonly outputs: ColumnStream | null;
  private readonly labels: ColumnStream | null;

  /** `served` is null for a version without a readable bundle; `notes` says why. */
  constructor(
    private readonly id: { version: string; tag: string },
    private readonly served: ServedVersion | null,
    private readonly notes: string[] = [],
  ) {
    this.labelled = served && new LabelledPredictions(served.labels);
    this.readRow = served && rawRowReader(served.features, served.reading);
    this.inputs = served && new DriftStream(served.training, served.features);
    this.outputs = served && outputStream(served);
    this.labels = served && labelStream(served);
  }

  /** Counts one prediction of the window, with its true label when feedback sent one. */
  add(record: PredictionRecord, label: FeedbackLabel | undefined): void {
    this.predictions++;
    if (this.readRow) this.inputs?.add(this.readRow(record.inputs));
    if (this.served && this.outputs && 'stream' in this.outputs) {
      this.outputs.stream.add([servedOutput(this.served.labels.task, record.output)]);
    }
    if (label === undefined) {
      this.unlabelled++;
      return;
    }
    if (this.labels && 'stream' in this.labels) this.labels.stream.add([label]);
    if (!this.labelled?.add(record.output, label)) this.unscored++;
  }

  /** The version's report, and its input drift as the report's drift section takes it. */
  finish(settings: TallySettings): { report: VersionReport; drift: DriftInput | null } {
    const { served } = this;
    const notes = [...this.notes];
    const labelled = this.labelled?.count ?? 0;
    const metrics = this.labelled?.metrics() ?? null;
    let gates: VersionReport['gates'] = null;
    if (served && metrics) {
      if (labelled >= settings.minLabels) {
        const report = checkLiveGates(
          settings.gates,
          { task: served.labels.task, count: labelled, metrics },
          served.recorded,
        );
        gates = {
          verdict: report.verdict,
          results: report.results.map(
            ({ gate: _gate, criterion: _criterion, ...result }) => result,
          ),
        };
      } else {
        notes.push(
          `${labelled} labelled predictions, fewer than monitor.min_labels (${settings.minLabels}): the live metrics are not held to the gates`,
        );
      }
    }
    if (this.unscored > 0 && served) {
      notes.push(
        `${this.unscored} labels could not be scored: no class of the model, no number, or an output out of range`,
      );
    }
    const drift =
      this.inputs && this.predictions >= settings.minInputs
        ? this.inputs.test(settings.drift)
        : null;
    if (served && !drift) {
      notes.push(
        `${this.predictions} predictions, fewer than monitor.min_inputs (${settings.minInputs}): the inputs are not tested for drift`,
      );
    }
    const report: VersionReport = {
      version: this.id.version,
      tag: this.id.tag,
      registered: served !== null,
      predictions: this.predictions,
      labelled,
      unlabelled: this.unlabelled,
      unscored: this.unscored,
      metrics,
      gates,
      drift: drift && summarizeDrift(drift),
      predictionDrift:
        this.outputs &&
        testColumn(this.outputs, settings.predictionDrift, {
          minimum: settings.minInputs,
          counted: 'predictions',
          setting: 'monitor.min_inputs',
        }),
      labelDrift:
        this.labels &&
        testColumn(this.labels, settings.labelDrift, {
          minimum: settings.minLabels,
          counted: 'labels sent back',
          setting: 'monitor.min_labels',
        }),
      notes,
    };
    return { report, drift };
  }
}

function outputStream(served: ServedVersion): ColumnStream {
  const { outputs } = served;
  if ('reason' in outputs) return outputs;
  return { stream: new DriftStream(outputs.reference, [outputs.column]), column: outputs.column };
}

function labelStream(served: ServedVersion): ColumnStream {
  const { training, label, tag } = served;
  if (!training.statistics.columns.some((column) => column.name === label)) {
    return { reason: `the training statistics of ${tag} have no label column` };
  }
  return { stream: new DriftStream(training, [label]), column: label };
}

/** One column's drift from its stream, or why it was not tested. */
function testColumn(
  column: ColumnStream,
  options: DriftOptions,
  least: { minimum: number; counted: string; setting: string },
): ColumnDrift {
  if ('reason' in column) return { status: 'no_reference', reason: column.reason };
  const { stream } = column;
  if (stream.count < least.minimum) {
    return {
      status: 'not_tested',
      reason: `${stream.count} ${least.counted}, fewer than ${least.setting} (${least.minimum})`,
    };
  }
  const { report, baseline } = stream.test(options);
  const [result] = report.features;
  if (!result) {
    return { status: 'not_tested', reason: report.skipped[0]?.reason ?? 'no value to test' };
  }
  const { test, value, threshold, drifted, severity } = result;
  return {
    status: 'tested',
    column: column.column,
    reference: baseline.label,
    count: result.currentCount,
    test,
    value,
    threshold,
    drifted,
    severity,
  };
}

function summarizeDrift({ baseline, report }: DriftInput): NonNullable<VersionReport['drift']> {
  const { dataset } = report;
  return {
    baseline: baseline.label,
    tested: dataset.features,
    drifted: dataset.driftedFeatures,
    errors: report.anomalies.filter((anomaly) => anomaly.severity === 'ERROR').length,
    share: dataset.share,
    detected: dataset.detected,
    skipped: report.skipped.length,
    features: report.features.map(({ feature, test, value, threshold, drifted, severity }) => ({
      feature,
      test,
      value,
      threshold,
      drifted,
      severity,
    })),
  };
}
