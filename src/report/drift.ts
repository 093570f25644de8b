/**
 * The report's drift part: a table of each feature's test against the baseline (drifted first),
 * the dataset-level verdict, the features that could not be tested, and for the first drifted
 * features a chart of the baseline's distribution against this data's. Pure, like render.ts:
 * every data value goes through inlineText/codeText (markdown) or chartLabel (Mermaid).
 */
import type { DriftReport, DriftTest, FeatureDrift } from '../data/drift.js';
import type { ColumnStats, DatasetStats, DriftHistogram } from '../data/types.js';
import { codeText, inlineText } from '../safety/markdown.js';
import { compareText } from '../util/text.js';
import { formatNumber, markdownTable } from './format.js';
import { percentAxisTop, renderXyChart } from './xychart.js';

/** What the report needs of the validate step's drift check. */
export interface DriftInput {
  /**
   * `label`: the baseline as a phrase for a sentence ("the training statistics of wages v1.2.0
   * (production stage)"), shown as is; `source`: what kind of baseline it was (registry, bundle,
   * file), which the label already says.
   */
  baseline: { source: string; label: string };
  report: DriftReport;
  /** The baseline's statistics: the reference side of the histograms and top values. */
  reference: DatasetStats;
  /** This data's statistics: the current side. */
  current: DatasetStats;
}

/** Rows of the drift table; the rest are counted (drifted features come first, so they stay). */
export const DRIFT_ROWS = 100;

/** A drift table longer than this folds into `<details>`. */
export const DRIFT_OPEN_ROWS = 10;

/** Drifted features charted; the others are named. */
export const DRIFT_CHARTS = 5;

/** Bars per chart, the buckets beyond the baseline's range or "other values" included. */
export const CHART_BARS = 20;

/** Names listed per reason a feature was not tested, and reasons listed. */
const SKIPPED_NAMES = 10;
const SKIPPED_REASONS = 10;

/** Each test as people know it. */
export const TEST_NAMES: Readonly<Record<DriftTest, string>> = {
  ks: 'Kolmogorov–Smirnov p-value',
  chisquare: 'chi-squared p-value',
  z: 'z-test p-value',
  wasserstein: 'normed Wasserstein distance',
  jensenshannon: 'Jensen–Shannon distance',
  psi: 'PSI',
  linf: 'L∞ distance',
};

/** When each test's value drifts (data/drift.ts's rule), for the threshold column. */
const DRIFTS_AT: Readonly<Record<DriftTest, string>> = {
  ks: 'p ≤',
  chisquare: 'p <',
  z: 'p <',
  wasserstein: '≥',
  jensenshannon: '≥',
  psi: '≥',
  linf: '>',
};

/** A record's entry for `key` only when it is the record's own (not `__proto__` or `toString`). */
function own<T>(record: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A count from a step output file, as text: only a finite number reaches the markdown. */
function count(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '?';
}

/** A share as a percentage, like "25 %". */
function percent(share: unknown): string {
  return typeof share === 'number' && Number.isFinite(share)
    ? `${Number((share * 100).toFixed(1))} %`
    : '?';
}

/**
 * How far past its threshold a feature is, to order the drifted ones: value ÷ threshold for a
 * distance, threshold ÷ value for a p-value (Infinity for a p-value of 0).
 */
function excess(feature: FeatureDrift): number {
  const ratio =
    feature.measure === 'p_value'
      ? feature.threshold / feature.value
      : feature.value / feature.threshold;
  return Number.isNaN(ratio) ? 0 : ratio;
}

/**
 * The features as the table lists them: drifted first (ERROR before WARNING, then furthest past
 * the threshold), then the others in the baseline's order.
 */
export function orderFeatures(features: readonly FeatureDrift[]): FeatureDrift[] {
  const rank = (f: FeatureDrift) => (f.drifted ? (f.severity === 'ERROR' ? 0 : 1) : 2);
  return features
    .map((feature, index) => ({ feature, index }))
    .sort(
      (a, b) =>
        rank(a.feature) - rank(b.feature) ||
        (a.feature.drifted ? excess(b.feature) - excess(a.feature) || 0 : 0) ||
        a.index - b.index,
    )
    .map(({ feature }) => feature);
}

/** "Kolmogorov–Smirnov p-value" for `ks`; an unknown test (a forged file) as it was written. */
function testName(test: unknown): string {
  return own(TEST_NAMES, test) ?? String(test);
}

function valueText(feature: FeatureDrift): string {
  const range = feature.valueRange;
  const shown = formatNumber(feature.value);
  if (!range) return shown;
  const [low, high] = range.map((bound) => formatNumber(bound));
  // A range that rounds to the value adds nothing.
  return low === shown && high === shown ? shown : `${shown} (${low}–${high})`;
}

function thresholdText(feature: FeatureDrift): string {
  const at = own(DRIFTS_AT, feature.test);
  return at ? `${at} ${formatNumber(feature.threshold)}` : formatNumber(feature.threshold);
}

function verdictText(feature: FeatureDrift): string {
  return feature.drifted ? `🔴 drift (${feature.severity})` : '🟢 no drift';
}

/** One line for the report's verdict when features drifted; null when none did. */
export function driftVerdict(drift: DriftInput): string | null {
  const { dataset } = drift.report;
  if (!(dataset.driftedFeatures > 0)) return null;
  const what = dataset.detected ? 'Data drift' : 'Features drifted';
  return `**${what}**: ${count(dataset.driftedFeatures)} of ${count(dataset.features)} features differ from the baseline; see the data drift below.`;
}

/** The drift section: baseline, dataset verdict, the table (drifted first), untested features. */
export function renderDrift(drift: DriftInput): string {
  const { report, baseline } = drift;
  const { dataset } = report;
  const lines = ['### Data drift', ''];
  lines.push(`Against ${inlineText(baseline.label)}.`);
  lines.push(
    '',
    `${count(dataset.driftedFeatures)} of ${count(dataset.features)} features drifted (${percent(dataset.share)}), ` +
      `dataset drift at ${percent(dataset.driftShare)}: ${dataset.detected ? '**yes** 🔴' : 'no'}.`,
  );
  const ordered = orderFeatures(report.features);
  if (ordered.length > 0) {
    const rows = ordered
      .slice(0, DRIFT_ROWS)
      .map((f) => [f.feature, testName(f.test), valueText(f), thresholdText(f), verdictText(f)]);
    const more = ordered.length - DRIFT_ROWS;
    if (more > 0) rows.push([`… ${more} more in validation.json`, '', '', '', '']);
    const table = markdownTable(['feature', 'test', 'value', 'threshold', 'verdict'], rows);
    if (ordered.length <= DRIFT_OPEN_ROWS) {
      lines.push('', table);
    } else {
      const open = ordered.some((f) => f.drifted) ? ' open' : '';
      lines.push(
        '',
        `<details${open}><summary>${ordered.length} features tested</summary>\n\n${table}\n\n</details>`,
      );
    }
  }
  const skipped = renderSkipped(report.skipped);
  if (skipped) lines.push('', skipped);
  return lines.join('\n');
}

/** Features not tested, grouped by reason: "Not tested (3): reason: `a`, `b`; reason: `c`." */
function renderSkipped(skipped: DriftReport['skipped']): string | null {
  if (skipped.length === 0) return null;
  const byReason = new Map<string, string[]>();
  for (const { feature, reason } of skipped) {
    const names = byReason.get(reason);
    if (names) names.push(feature);
    else byReason.set(reason, [feature]);
  }
  const groups = [...byReason].slice(0, SKIPPED_REASONS).map(([reason, names]) => {
    const shown = names.slice(0, SKIPPED_NAMES).map((name) => `<code>${codeText(name)}</code>`);
    const more = names.length > SKIPPED_NAMES ? ` and ${names.length - SKIPPED_NAMES} more` : '';
    return `${inlineText(reason)}: ${shown.join(', ')}${more}`;
  });
  const otherReasons = byReason.size - SKIPPED_REASONS;
  const rest = otherReasons > 0 ? `; ${otherReasons} more reasons in validation.json` : '';
  return `Not tested (${skipped.length}): ${groups.join('; ')}${rest}.`;
}

// ---------------------------------------------------------------------------------------------
// Charts.

/** A feature's distribution on both sides, as shares (0–1) per bar. */
export interface DriftChartSeries {
  /** Plain text, data included: renderXyChart makes them safe and distinct. */
  labels: string[];
  reference: number[];
  current: number[];
  /** What a bar stands for, the x axis title. */
  buckets: string;
}

/**
 * The charts of the first DRIFT_CHARTS drifted features, in table order, each folded in
 * `<details>` (the first open) with a legend; null when no feature drifted.
 */
export function renderDriftCharts(drift: DriftInput): string | null {
  const drifted = orderFeatures(drift.report.features).filter((f) => f.drifted);
  if (drifted.length === 0) return null;
  const columns = (stats: DatasetStats) => new Map(stats.columns.map((c) => [c.name, c]));
  const [reference, current] = [columns(drift.reference), columns(drift.current)];
  const parts = drifted.slice(0, DRIFT_CHARTS).map((feature, i) => {
    const name = `<code>${codeText(feature.feature)}</code>`;
    const series = driftChartSeries(
      feature,
      reference.get(feature.feature),
      current.get(feature.feature),
    );
    if (typeof series === 'string') return `${name}: no chart (${inlineText(series)}).`;
    const summary = `${name}: ${inlineText(testName(feature.test))} ${formatNumber(feature.value)} (threshold ${inlineText(thresholdText(feature))})`;
    const chart = renderXyChart({
      title: feature.feature,
      xTitle: series.buckets,
      labels: series.labels,
      yTitle: 'percent of values',
      yMax: percentAxisTop(Math.max(...series.reference, ...series.current) * 100),
      bar: series.reference.map((share) => share * 100),
      line: series.current.map((share) => share * 100),
    });
    const legend =
      'Blue bars: the baseline; orange line: this data (share of the non-missing values in each bar).';
    return `<details${i === 0 ? ' open' : ''}><summary>${summary}</summary>\n\n${chart}\n\n${legend}\n\n</details>`;
  });
  const left = drifted.length - DRIFT_CHARTS;
  if (left > 0) {
    const names = drifted
      .slice(DRIFT_CHARTS, DRIFT_CHARTS + SKIPPED_NAMES)
      .map((f) => `<code>${codeText(f.feature)}</code>`);
    const more = left > SKIPPED_NAMES ? ` and ${left - SKIPPED_NAMES} more` : '';
    parts.push(
      `${left} more drifted feature${left === 1 ? ' is' : 's are'} not charted: ${names.join(', ')}${more}.`,
    );
  }
  return `### Drifted features: baseline against this data\n\n${parts.join('\n\n')}`;
}

/**
 * A drifted feature's chart data, or why there is none: numeric features by the baseline's
 * fixed bucket edges (merged), or by value when both sides keep their few distinct values;
 * categorical ones by their most frequent values and "other values".
 */
export function driftChartSeries(
  feature: FeatureDrift,
  reference: ColumnStats | undefined,
  current: ColumnStats | undefined,
  maxBars = CHART_BARS,
): DriftChartSeries | string {
  if (!reference || !current) return 'the statistics of one side are missing';
  if (reference.numeric && current.numeric) {
    const byValue = () => valueSeries(reference, current, maxBars);
    const byBucket = () => histogramSeries(reference, current, maxBars);
    const [first, second] = feature.basis === 'values' ? [byValue, byBucket] : [byBucket, byValue];
    return first() ?? second() ?? 'the statistics keep no buckets for this column';
  }
  if (reference.categorical && current.categorical) {
    return categorySeries(reference, current, maxBars) ?? 'the column has no values';
  }
  return 'the two sides were summarized differently';
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Finite, non-negative counts only: the statistics may come from a forged file. */
function validCounts(counts: unknown): counts is number[] {
  return Array.isArray(counts) && counts.every((c) => Number.isFinite(c) && c >= 0);
}

/** A number for an axis label, with a true minus sign so "−3–−1" reads as a range. */
function axisNumber(value: number, digits: number): string {
  return formatNumber(value, digits).replace(/-/g, '−');
}

/** The fewest significant digits (2–8) that keep distinct `values` apart once rounded. */
function labelDigits(values: readonly number[]): number {
  const distinct = new Set(values).size;
  for (let digits = 2; digits < 8; digits++) {
    if (new Set(values.map((v) => formatNumber(v, digits))).size === distinct) return digits;
  }
  return 8;
}

/**
 * Bars on the baseline's DriftHistogram edges: values below and above the baseline's range each a
 * bar when either side has some, the buckets between merged into groups of about equal
 * baseline share (like the PSI deciles), so a shift shows as the line leaving the flat bars.
 */
function histogramSeries(
  reference: ColumnStats,
  current: ColumnStats,
  maxBars: number,
): DriftChartSeries | null {
  const ref = reference.numeric?.driftHistogram;
  const cur = current.numeric?.driftHistogram;
  if (!ref || !cur || !sameBuckets(ref, cur)) return null;
  const edges = ref.edges;
  const [refTotal, curTotal] = [sum(ref.counts), sum(cur.counts)];
  if (edges.length < 2 || refTotal === 0 || curTotal === 0) return null;
  const last = edges.length;
  const below = (ref.counts[0] as number) + (cur.counts[0] as number) > 0;
  const above = (ref.counts[last] as number) + (cur.counts[last] as number) > 0;
  const inner = ref.counts.slice(1, last);
  const groups = groupByShare(inner, Math.max(1, maxBars - Number(below) - Number(above)));
  // Inner bucket i spans edges[i] to edges[i + 1].
  const bounds = [...new Set(groups.flatMap(([from, to]) => [edges[from], edges[to + 1]]))];
  const digits = labelDigits(bounds as number[]);
  const at = (i: number) => axisNumber(edges[i] as number, digits);
  // Integers on both sides: a bucket [a, b) holds a … b − 1, so say that ("6–7", or just "8").
  const integers = reference.numeric?.integer === true && current.numeric?.integer === true;
  const range = (from: number, to: number) => {
    const [low, high] = [edges[from] as number, edges[to] as number];
    const [first, lastValue] = [Math.ceil(low), Math.ceil(high) - 1];
    if (integers && Number.isSafeInteger(first) && Number.isSafeInteger(lastValue)) {
      if (lastValue <= first) return axisNumber(first, digits);
      return `${axisNumber(first, digits)}–${axisNumber(lastValue, digits)}`;
    }
    return at(from) === at(to) ? at(from) : `${at(from)}–${at(to)}`;
  };
  const bars: { label: string; counts: [number, number] }[] = [];
  const counts = (from: number, to: number): [number, number] => [
    sum(ref.counts.slice(from, to + 1)),
    sum(cur.counts.slice(from, to + 1)),
  ];
  if (below) bars.push({ label: `under ${at(0)}`, counts: counts(0, 0) });
  for (const [from, to] of groups) {
    bars.push({ label: range(from, to + 1), counts: counts(from + 1, to + 1) });
  }
  if (above) bars.push({ label: `above ${at(last - 1)}`, counts: counts(last, last) });
  return {
    labels: bars.map((bar) => bar.label),
    reference: bars.map((bar) => bar.counts[0] / refTotal),
    current: bars.map((bar) => bar.counts[1] / curTotal),
    buckets: 'value, bars of equal baseline share',
  };
}

function sameBuckets(a: DriftHistogram, b: DriftHistogram): boolean {
  return (
    Array.isArray(a.edges) &&
    Array.isArray(b.edges) &&
    a.edges.length === b.edges.length &&
    a.edges.every((edge, i) => Number.isFinite(edge) && edge === b.edges[i]) &&
    validCounts(a.counts) &&
    validCounts(b.counts) &&
    a.counts.length === a.edges.length + 1 &&
    b.counts.length === a.counts.length
  );
}

/**
 * Consecutive runs of `counts` (inclusive index ranges), at most `groups` of them, each closed
 * once the running total reaches the next 1/groups of the whole; equal runs by index when the
 * counts are all zero.
 */
function groupByShare(counts: readonly number[], groups: number): [number, number][] {
  if (counts.length <= groups) return counts.map((_, i) => [i, i]);
  const total = sum(counts);
  const weight = (i: number) => (total > 0 ? (counts[i] as number) : 1);
  const whole = total > 0 ? total : counts.length;
  const ranges: [number, number][] = [];
  let [start, running, target] = [0, 0, 1];
  for (let i = 0; i < counts.length - 1; i++) {
    running += weight(i);
    // Only groups - 1 ranges close here; the last takes the rest.
    if (target < groups && running * groups >= target * whole) {
      ranges.push([start, i]);
      start = i + 1;
      while (target < groups && running * groups >= target * whole) target++;
    }
  }
  ranges.push([start, counts.length - 1]);
  return ranges;
}

/** Bars per distinct number, ascending, when both sides keep them and they are few enough. */
function valueSeries(
  reference: ColumnStats,
  current: ColumnStats,
  maxBars: number,
): DriftChartSeries | null {
  const ref = reference.numeric?.distinct;
  const cur = current.numeric?.distinct;
  if (!ref || !cur) return null;
  const tally = (entries: { value: number; count: number }[]) => {
    const counts = new Map<number, number>();
    for (const { value, count } of entries) {
      if (Number.isFinite(value) && Number.isFinite(count) && count > 0) {
        counts.set(value, (counts.get(value) ?? 0) + count);
      }
    }
    return counts;
  };
  const [refCounts, curCounts] = [tally(ref), tally(cur)];
  const values = [...new Set([...refCounts.keys(), ...curCounts.keys()])].sort((a, b) => a - b);
  const [refTotal, curTotal] = [sum([...refCounts.values()]), sum([...curCounts.values()])];
  if (values.length === 0 || values.length > maxBars || refTotal === 0 || curTotal === 0) {
    return null;
  }
  const digits = Math.max(4, labelDigits(values));
  return {
    labels: values.map((value) => axisNumber(value, digits)),
    reference: values.map((value) => (refCounts.get(value) ?? 0) / refTotal),
    current: values.map((value) => (curCounts.get(value) ?? 0) / curTotal),
    buckets: 'value',
  };
}

/**
 * The values with the largest share on either side (at most maxBars − 1), by baseline share,
 * then "other values" for the rest. A value outside one side's top list counts as 0 there; its
 * share, below that list's last, is in that side's "other values".
 */
function categorySeries(
  reference: ColumnStats,
  current: ColumnStats,
  maxBars: number,
): DriftChartSeries | null {
  const side = (column: ColumnStats) => {
    const top = (column.categorical?.top ?? []).filter(
      (entry) => typeof entry.value === 'string' && Number.isFinite(entry.count) && entry.count > 0,
    );
    const counts = new Map<string, number>();
    for (const { value, count } of top) counts.set(value, (counts.get(value) ?? 0) + count);
    const valid = column.count - (column.invalid?.count ?? 0);
    const total = Math.max(Number.isFinite(valid) ? valid : 0, sum([...counts.values()]));
    return { counts, total };
  };
  const [ref, cur] = [side(reference), side(current)];
  if (ref.total === 0 || cur.total === 0) return null;
  const share = (s: typeof ref, value: string) => (s.counts.get(value) ?? 0) / s.total;
  const values = [...new Set([...ref.counts.keys(), ...cur.counts.keys()])];
  const largest = (value: string) => Math.max(share(ref, value), share(cur, value));
  const shown = values
    .sort((a, b) => largest(b) - largest(a) || compareText(a, b))
    .slice(0, Math.max(1, maxBars - 1))
    .sort(
      (a, b) => share(ref, b) - share(ref, a) || share(cur, b) - share(cur, a) || compareText(a, b),
    );
  const labels = [...shown];
  const refShares = shown.map((value) => share(ref, value));
  const curShares = shown.map((value) => share(cur, value));
  const [refOther, curOther] = [1 - sum(refShares), 1 - sum(curShares)];
  if (refOther > 1e-9 || curOther > 1e-9) {
    labels.push('(other values)');
    refShares.push(Math.max(0, refOther));
    curShares.push(Math.max(0, curOther));
  }
  return {
    labels,
    reference: refShares,
    current: curShares,
    buckets: 'value (most frequent first)',
  };
}
