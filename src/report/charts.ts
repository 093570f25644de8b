/**
 * The report's model charts: the candidate beside the baseline on the same axes (ROC and
 * precision–recall for binary models, recall per class for multiclass, predicted against actual
 * for regression) and the loss per epoch of training. Mermaid's xychart-beta draws no legend, so
 * each chart is followed by one naming its colours (CHART_COLORS, the same on every chart).
 */
import type { EpochLog } from '../model/train.js';
import type {
  ConfusionMatrix,
  EvaluationResult,
  PredictionBin,
  RocPoint,
} from '../evaluate/types.js';
import { inlineText } from '../safety/markdown.js';
import { formatNumber } from './format.js';
import { CHART_COLORS, renderPlot, type Plot, type PlotSeries } from './xychart.js';

/** The production model's evaluation on the same test rows, drawn beside the candidate's. */
export interface ChartBaseline {
  version: string;
  evaluation: EvaluationResult;
}

/** One epoch of training as history.json holds it: JSON writes a NaN loss as null. */
export type HistoryEpoch = Pick<EpochLog, 'epoch'> & {
  loss: number | null;
  valLoss?: number | null;
};

/** Even steps a curve is resampled at: Mermaid spreads a line's points evenly along the x axis. */
export const CURVE_STEPS = 20;

/** Classes a recall chart shows, those with the most test rows. */
export const RECALL_CLASSES = 20;

/** Epochs a loss chart plots at most; longer runs are sampled at even steps. */
export const EPOCH_POINTS = 100;

type Role = keyof typeof CHART_COLORS;

/** What each colour stands for in a legend, as the coloured square GitHub shows. */
const SWATCHES: Record<Role, string> = {
  baseline: '🟦',
  candidate: '🟧',
  reference: '⬛',
  training: '🟩',
  validation: '🟪',
};

/** A chart's series with what it stands for: the colour and the legend entry come from the role. */
interface Drawn {
  role: Role;
  name: string;
  kind: PlotSeries['kind'];
  values: number[];
}

/**
 * The evaluation's charts, each folded in `<details>`, the first open; null when the evaluation
 * has nothing to draw (a binary test set of one class, say). `baseline` is left off a chart whose
 * data it lacks.
 */
export function renderEvaluationCharts(
  evaluation: EvaluationResult,
  baseline: ChartBaseline | null,
): string | null {
  const other = baseline?.evaluation;
  const charts: [string, string | null][] =
    evaluation.task === 'binary'
      ? [
          ['ROC curve', rocChart(evaluation.roc, other?.roc, baseline)],
          ['Precision–recall curve', prChart(evaluation, other, baseline)],
        ]
      : evaluation.task === 'multiclass'
        ? [['Recall per class', recallChart(evaluation.confusionMatrix, other, baseline)]]
        : [
            [
              'Predicted against actual',
              predictionChart(evaluation.predictionBins, other, baseline),
            ],
          ];
  const shown = charts.filter((c): c is [string, string] => c[1] !== null);
  if (shown.length === 0) return null;
  return shown
    .map(
      ([summary, chart], i) =>
        `<details${i === 0 ? ' open' : ''}><summary>${summary}</summary>\n\n${chart}\n\n</details>`,
    )
    .join('\n\n');
}

/** Training and validation loss per epoch, folded; null with fewer than two epochs to draw. */
export function renderTrainingChart(history: readonly HistoryEpoch[]): string | null {
  // A loss that went NaN (null in JSON) ends the lines: Mermaid draws no gaps.
  const end = history.findIndex((e) => !isFiniteNumber(e.loss) || e.valLoss === null);
  const epochs = sampleEvenly(end < 0 ? history : history.slice(0, end), EPOCH_POINTS);
  const first = epochs[0];
  const last = epochs.at(-1);
  if (!first || !last || epochs.length < 2) return null;
  const loss = epochs.map((e) => e.loss as number);
  const validation = epochs.every((e) => isFiniteNumber(e.valLoss))
    ? epochs.map((e) => e.valLoss as number)
    : null;
  const axis = roundAxis(0, Math.max(...loss, ...(validation ?? [])));
  const series: Drawn[] = [
    { role: 'training', name: 'training loss', kind: 'line', values: loss },
    ...(validation
      ? [{ role: 'validation', name: 'validation loss', kind: 'line', values: validation } as const]
      : []),
  ];
  const note =
    end >= 0 ? ` The loss stopped being a number at epoch ${String(history[end]?.epoch)}.` : '';
  const chart = plotWithLegend(
    {
      title: 'Loss per epoch',
      x: { title: 'epoch', min: first.epoch, max: last.epoch },
      y: { title: 'loss', min: axis.min, max: axis.max },
      digits: axis.digits,
    },
    series,
    note,
  );
  return `<details><summary>Training curves</summary>\n\n${chart}\n\n</details>`;
}

// ---------------------------------------------------------------------------------------------
// Binary models.

/** 0, 1/CURVE_STEPS, …, 1. */
const EVEN_STEPS = Array.from({ length: CURVE_STEPS + 1 }, (_, i) => i / CURVE_STEPS);

function rocChart(
  candidate: RocPoint[] | undefined,
  other: RocPoint[] | undefined,
  baseline: ChartBaseline | null,
): string | null {
  if (!candidate || candidate.length < 2) return null;
  const curve = (roc: RocPoint[]) => EVEN_STEPS.map((fpr) => tprAt(roc, fpr));
  return plotWithLegend(
    {
      title: 'ROC',
      x: { title: 'false positive rate', min: 0, max: 1 },
      y: { title: 'true positive rate', min: 0, max: 1 },
      digits: 3,
    },
    [
      { role: 'reference', name: 'chance', kind: 'line', values: EVEN_STEPS },
      ...baselineSeries(baseline, other && other.length >= 2 ? curve(other) : null),
      { role: 'candidate', name: 'candidate', kind: 'line', values: curve(candidate) },
    ],
  );
}

/**
 * Precision by recall, from the ROC points and the class counts: each ROC point is a threshold's
 * (FP/N, TP/P), and a straight line between two points in ROC space is what mixing their
 * thresholds achieves, so precision is read off it rather than joined straight in PR space
 * (Davis & Goadrich, 2006).
 */
function prChart(
  evaluation: EvaluationResult,
  other: EvaluationResult | undefined,
  baseline: ChartBaseline | null,
): string | null {
  const counts = classCounts(evaluation.confusionMatrix);
  if (!counts || !evaluation.roc || evaluation.roc.length < 2) return null;
  const curve = (roc: RocPoint[]) =>
    EVEN_STEPS.map((recall) => precisionAt(roc, recall, counts.positives, counts.negatives));
  const chance = counts.positives / (counts.positives + counts.negatives);
  return plotWithLegend(
    {
      title: 'Precision by recall',
      x: { title: 'recall', min: 0, max: 1 },
      y: { title: 'precision', min: 0, max: 1 },
      digits: 3,
    },
    [
      {
        role: 'reference',
        name: 'chance (the positive rate)',
        kind: 'line',
        values: EVEN_STEPS.map(() => chance),
      },
      ...baselineSeries(baseline, other?.roc && other.roc.length >= 2 ? curve(other.roc) : null),
      { role: 'candidate', name: 'candidate', kind: 'line', values: curve(evaluation.roc) },
    ],
  );
}

/** The curve's TPR at `fpr`, interpolated linearly; the highest TPR where the curve is vertical. */
function tprAt(roc: RocPoint[], fpr: number): number {
  const after = roc.findIndex((p) => p.fpr > fpr);
  if (after < 0) return roc.at(-1)?.tpr ?? 1;
  const right = roc[after] as RocPoint;
  const left = roc[after - 1];
  if (!left) return right.tpr;
  return left.tpr + ((right.tpr - left.tpr) * (fpr - left.fpr)) / (right.fpr - left.fpr);
}

/** Precision at `recall` on the ROC curve's first point that reaches it, interpolated in ROC space. */
function precisionAt(
  roc: RocPoint[],
  recall: number,
  positives: number,
  negatives: number,
): number {
  // Recall 0 has no precision; the curve starts at its limit from above, as a tiny recall gives.
  const tpr = Math.max(recall, 1e-9);
  const after = roc.findIndex((p) => p.tpr >= tpr);
  const right = roc[after < 0 ? roc.length - 1 : after] as RocPoint;
  const left = roc[after - 1];
  const fpr =
    !left || right.tpr === left.tpr
      ? right.fpr
      : left.fpr + ((right.fpr - left.fpr) * (tpr - left.tpr)) / (right.tpr - left.tpr);
  const truePositives = tpr * positives;
  return truePositives / (truePositives + fpr * negatives);
}

/** Negative and positive test rows of a binary confusion matrix (rows are the actual class). */
function classCounts(
  cm: ConfusionMatrix | undefined,
): { negatives: number; positives: number } | null {
  if (!cm || cm.matrix.length !== 2) return null;
  const [negatives, positives] = cm.matrix.map(sum) as [number, number];
  return negatives > 0 && positives > 0 ? { negatives, positives } : null;
}

// ---------------------------------------------------------------------------------------------
// Multiclass models.

/**
 * Recall of each class with test rows, as bars, the baseline's as a line over them (Mermaid draws
 * two bar series on top of each other): a class the model never predicts shows as no bar.
 */
function recallChart(
  cm: ConfusionMatrix | undefined,
  other: EvaluationResult | undefined,
  baseline: ChartBaseline | null,
): string | null {
  if (!cm) return null;
  const candidate = classRecalls(cm);
  const shown = [...candidate]
    .sort((a, b) => b.support - a.support || a.index - b.index)
    .slice(0, RECALL_CLASSES)
    .sort((a, b) => a.index - b.index);
  if (shown.length === 0) return null;
  const before = other?.confusionMatrix && classRecalls(other.confusionMatrix);
  const byName = new Map(before?.map((c) => [c.name, c.recall]));
  const baselineRecalls = shown.every((c) => byName.has(c.name))
    ? shown.map((c) => byName.get(c.name) as number)
    : null;
  const notes = [
    candidate.length > shown.length
      ? ` ${candidate.length - shown.length} classes with fewer test rows are not drawn.`
      : '',
    baseline && before && !baselineRecalls
      ? ' The baseline is not drawn: it was not tested on every class drawn.'
      : '',
  ];
  return plotWithLegend(
    {
      title: 'Recall per class',
      x: { title: 'class', labels: shown.map((c) => c.name) },
      y: { title: 'recall', min: 0, max: 1 },
      digits: 3,
    },
    [
      { role: 'candidate', name: 'candidate', kind: 'bar', values: shown.map((c) => c.recall) },
      ...baselineSeries(baseline, baselineRecalls),
    ],
    notes.join(''),
  );
}

/** Each named class with test rows: its share of rows predicted right. */
function classRecalls(
  cm: ConfusionMatrix,
): { name: string; index: number; support: number; recall: number }[] {
  // The last row of a cut matrix pools many classes: its diagonal is no class's recall.
  const named = cm.otherClasses ? cm.matrix.slice(0, -1) : cm.matrix;
  return named.flatMap((row, index) => {
    const support = sum(row);
    const name = cm.classes[index];
    if (support === 0 || name === undefined) return [];
    return [{ name, index, support, recall: (row[index] ?? 0) / support }];
  });
}

// ---------------------------------------------------------------------------------------------
// Regression models.

/** Mean predicted against mean actual value for each twentieth of the test rows by actual value. */
function predictionChart(
  bins: PredictionBin[] | undefined,
  other: EvaluationResult | undefined,
  baseline: ChartBaseline | null,
): string | null {
  if (!bins || bins.length < 2) return null;
  const before = other?.predictionBins;
  // Both models were tested on the same rows, so the same groups; anything else does not line up.
  const aligned =
    before?.length === bins.length && before.every((b, i) => b.actual === bins[i]?.actual);
  const values = [
    ...bins.flatMap((b) => [b.actual, b.predicted]),
    ...(aligned ? before.map((b) => b.predicted) : []),
  ];
  const axis = roundAxis(Math.min(...values), Math.max(...values));
  return plotWithLegend(
    {
      title: 'Predicted against actual',
      x: { title: 'actual value (mean of each group)', labels: bins.map(actualLabel) },
      y: { title: 'mean predicted value', min: axis.min, max: axis.max },
      digits: axis.digits,
    },
    [
      {
        role: 'reference',
        name: 'actual (a perfect model)',
        kind: 'line',
        values: bins.map((b) => b.actual),
      },
      ...baselineSeries(baseline, aligned ? before.map((b) => b.predicted) : null),
      { role: 'candidate', name: 'candidate', kind: 'line', values: bins.map((b) => b.predicted) },
    ],
    ` Test rows sorted by actual value in ${bins.length} groups of ${rowsPerBin(bins)} rows.`,
  );
}

function actualLabel(bin: PredictionBin): string {
  return formatNumber(bin.actual, 3);
}

function rowsPerBin(bins: PredictionBin[]): string {
  const sizes = bins.map((b) => b.count);
  const [low, high] = [Math.min(...sizes), Math.max(...sizes)];
  return low === high ? String(low) : `${low}–${high}`;
}

// ---------------------------------------------------------------------------------------------
// Shared parts.

/** The baseline's series when it has the values, named by version; none otherwise. */
function baselineSeries(baseline: ChartBaseline | null, values: number[] | null): Drawn[] {
  if (!baseline || !values) return [];
  return [{ role: 'baseline', name: `baseline v${baseline.version}`, kind: 'line', values }];
}

/** The chart of `series` in their roles' colours, and a legend line naming each, then `note`. */
function plotWithLegend(plot: Omit<Plot, 'series'>, series: Drawn[], note = ''): string {
  const chart = renderPlot({
    ...plot,
    series: series.map((s) => ({ kind: s.kind, color: CHART_COLORS[s.role], values: s.values })),
  });
  const legend = series.map((s) => `${SWATCHES[s.role]} ${inlineText(s.name)}`).join(' · ');
  return `${chart}\n\n${legend}.${note}`;
}

/**
 * An axis from a round number at or below `low` to one at or above `high`, in steps of 1, 2 or 5
 * times a power of ten (at most 10 of them), and the decimals that show a hundredth of a step.
 */
function roundAxis(low: number, high: number): { min: number; max: number; digits: number } {
  const span = high - low || Math.abs(high) || 1;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  const step = [0.1, 0.2, 0.5, 1].map((m) => m * magnitude).find((s) => span / s <= 10) as number;
  const min = Math.floor(low / step) * step;
  const max = Math.max(Math.ceil(high / step) * step, min + step);
  const digits = Math.min(Math.max(2 - Math.floor(Math.log10(step)), 0), 6);
  return { min, max, digits };
}

/** At most `limit` items of `items`, the first and last kept and the rest at even steps. */
function sampleEvenly<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  return Array.from(
    { length: limit },
    (_, k) => items[Math.round((k * (items.length - 1)) / (limit - 1))] as T,
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
