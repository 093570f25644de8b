/**
 * One served version's share of the logs: its predictions counted, its inputs streamed into the
 * statistics accumulators validation uses (on the training statistics' kinds and drift edges) and
 * tested for drift as validation tests new data, its labelled predictions scored and gated.
 */
import { TableAccumulator } from '../data/column-accumulator.js';
import { detectDrift, type DriftOptions } from '../data/drift.js';
import type { DatasetStats, RawValue, ValueKind } from '../data/types.js';
import type { Gate } from '../evaluate/gates.js';
import type { MetricSet, Task } from '../evaluate/types.js';
import type { InputReading } from '../model/preprocess.js';
import type { DriftInput } from '../report/drift.js';
import type { PredictionRecord } from '../serve/log-format.js';
import type { VersionReport } from './format.js';
import {
  checkLiveGates,
  LabelledPredictions,
  type FeedbackLabel,
  type LabelReading,
} from './live-metrics.js';
import { rawRowReader, type RawRowReader } from '../model/raw-rows.js';

/** What monitoring needs of a registered version's bundle and tag. */
export interface ServedVersion {
  /** NAME@vX.Y.Z, naming its training statistics in the drift section. */
  tag: string;
  labels: LabelReading;
  /** The model's feature columns: the inputs tested for drift. */
  features: string[];
  reading: InputReading;
  /** The bundle's statistics.json: the training data the inputs are compared with. */
  statistics: DatasetStats;
  /** Its drift histogram edges by column, so the inputs are counted on the same buckets. */
  driftEdges: Record<string, readonly number[]>;
  /** Its metrics at registration (tag metadata): the baseline of `change` gates. */
  recorded: { task: Task; metrics: MetricSet } | null;
}

/** How a tally is judged: mlops.yml's gates, validation.drift, and the monitor block's minimums. */
export interface TallySettings {
  gates: readonly Gate[];
  drift: DriftOptions;
  minInputs: number;
  minLabels: number;
}

/** Rows handed to the accumulator at once. */
const BATCH_ROWS = 1000;

/** The counts, live metrics and input statistics of one version, fed prediction by prediction. */
export class VersionTally {
  private predictions = 0;
  private unlabelled = 0;
  private unscored = 0;
  private readonly labelled: LabelledPredictions | null;
  private readonly accumulator: TableAccumulator | null;
  private readonly readRow: RawRowReader | null;
  private batch: RawValue[][] = [];

  /** `served` is null for a version without a readable bundle; `notes` says why. */
  constructor(
    private readonly id: { version: string; tag: string },
    private readonly served: ServedVersion | null,
    private readonly notes: string[] = [],
  ) {
    this.labelled = served && new LabelledPredictions(served.labels);
    this.readRow = served && rawRowReader(served.features, served.reading);
    this.accumulator =
      served &&
      new TableAccumulator(trainingKinds(served.statistics, served.features), {
        driftEdges: served.driftEdges,
      });
  }

  /** Counts one prediction of the window, with its true label when feedback sent one. */
  add(record: PredictionRecord, label: FeedbackLabel | undefined): void {
    this.predictions++;
    if (this.readRow) {
      this.batch.push(this.readRow(record.inputs));
      if (this.batch.length >= BATCH_ROWS) this.flush();
    }
    if (label === undefined) this.unlabelled++;
    else if (!this.labelled?.add(record.output, label)) this.unscored++;
  }

  /** The version's report, and its drift as the report's drift section takes it. */
  finish(settings: TallySettings): { report: VersionReport; drift: DriftInput | null } {
    this.flush();
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
      served && this.accumulator ? this.testDrift(served, this.accumulator, settings) : null;
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
      notes,
    };
    return { report, drift };
  }

  private testDrift(
    served: ServedVersion,
    accumulator: TableAccumulator,
    settings: TallySettings,
  ): DriftInput | null {
    if (this.predictions < settings.minInputs) return null;
    const current = accumulator.finish();
    const report = detectDrift(served.statistics, current, {
      ...settings.drift,
      columns: served.features,
    });
    return {
      baseline: { source: 'registry', label: `the training statistics of ${served.tag}` },
      report,
      reference: served.statistics,
      current,
    };
  }

  private flush(): void {
    if (!this.accumulator || this.batch.length === 0) return;
    const start = this.predictions - this.batch.length;
    this.accumulator.add({
      columns: this.served?.features ?? [],
      rows: this.batch,
      lines: this.batch.map((_, i) => start + i + 1),
    });
    this.batch = [];
  }
}

/** The training statistics' kind of each feature, so served values are read as training read them. */
function trainingKinds(
  statistics: DatasetStats,
  features: readonly string[],
): Record<string, ValueKind> {
  const wanted = new Set(features);
  const kinds: Record<string, ValueKind> = Object.create(null) as Record<string, ValueKind>;
  for (const column of statistics.columns) {
    if (wanted.has(column.name) && column.kind !== 'empty') kinds[column.name] = column.kind;
  }
  return kinds;
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
