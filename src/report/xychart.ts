/**
 * Mermaid `xychart-beta` blocks whose labels come from data (column names, category values).
 *
 * Mermaid reads more than its grammar: before parsing, `%%{…}%%` anywhere is a directive (it can
 * change the theme or the security level), `%%` starts a comment, `#name;` is an entity, a
 * backtick and quote open a markdown string, and `;` ends a statement; around the block, three
 * backticks or tildes close the markdown fence. A quoted label has no escape for `"`. So a data
 * label keeps only letters, digits, marks, spaces and a few harmless punctuation marks, on one
 * line, cut short; anything else becomes a space. Numbers are written as plain decimals (the
 * grammar has no exponent).
 */

/**
 * The colours of what charts draw, each at least 3:1 against white (WCAG's contrast for graphics;
 * Mermaid's default first plot colour is nearly white) and apart from the others: the same thing
 * keeps its colour on every chart, and a legend under each chart names them.
 */
export const CHART_COLORS = {
  /** The production model, or the baseline's data. */
  baseline: '#4e79a7',
  /** The model (or data) under review. */
  candidate: '#d95f02',
  /** What a model is judged against: chance, or the actual values. */
  reference: '#595959',
  training: '#1b9e77',
  validation: '#7570b3',
} as const;

/** The drift charts' bar (baseline) and line (this data) colours. */
export const CHART_PALETTE = [CHART_COLORS.baseline, CHART_COLORS.candidate] as const;

/** Characters of a category label shown before it is cut with `…`. */
export const LABEL_LIMIT = 24;

/** Characters of a chart title. */
export const TITLE_LIMIT = 48;

/** Everything a label may not hold: all but letters, marks, digits, space and `_.,+-/()'!?=…−–°`. */
const UNSAFE = /[^\p{L}\p{M}\p{N} _.,+\-/()'!?=…−–°]/gu;

/** What a label that sanitizes to nothing shows. */
const BLANK = '(blank)';

/**
 * `text` as a Mermaid label: only the safe characters (see the module comment), spaces collapsed,
 * trimmed, cut to `max` code points with `…`; "(blank)" when nothing is left.
 */
export function chartLabel(text: string, max = LABEL_LIMIT): string {
  const safe = text.replace(UNSAFE, ' ').replace(/ {2,}/g, ' ').trim();
  const points = Array.from(safe);
  const cut =
    points.length > max
      ? `${points
          .slice(0, max - 1)
          .join('')
          .trimEnd()}…`
      : safe;
  return cut === '' ? BLANK : cut;
}

/**
 * `labels` made distinct by numbering repeats "name (2)", "name (3)", …: two values can sanitize
 * to the same label, and Mermaid would draw their bars in one place.
 */
export function distinctLabels(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    let unique = label;
    for (let n = 2; taken.has(unique); n++) unique = `${label} (${n})`;
    taken.add(unique);
    return unique;
  });
}

export interface XyChart {
  /** Plain text: sanitized here. */
  title: string;
  xTitle: string;
  /** One per bar, plain text: made safe (chartLabel) and distinct (distinctLabels) here. */
  labels: string[];
  yTitle: string;
  /** Top of the y axis (the bottom is 0). */
  yMax: number;
  /** Values drawn as bars, then as a line, one per label; non-negative. */
  bar: number[];
  line: number[];
}

/**
 * A fenced `mermaid` block drawing `chart.bar` as bars and `chart.line` as a line over them, in
 * CHART_PALETTE's colours. Every label and title is sanitized here, so no data can leave its
 * quotes or the block.
 */
export function renderXyChart(chart: XyChart): string {
  const nonNegative = (values: number[]) =>
    values.map((value) => (Number.isFinite(value) && value > 0 ? value : 0));
  return renderPlot({
    title: chart.title,
    x: { title: chart.xTitle, labels: chart.labels },
    y: { title: chart.yTitle, max: chart.yMax },
    series: [
      { kind: 'bar', color: CHART_PALETTE[0], values: nonNegative(chart.bar) },
      { kind: 'line', color: CHART_PALETTE[1], values: nonNegative(chart.line) },
    ],
    digits: 1,
  });
}

/** One set of values drawn on a plot, in its own colour. */
export interface PlotSeries {
  kind: 'bar' | 'line';
  /**
   * One of CHART_COLORS, so each thing keeps its colour on every chart; never text from data, as
   * it goes into Mermaid's init directive.
   */
  color: (typeof CHART_COLORS)[keyof typeof CHART_COLORS];
  /** One per x label, or spread evenly over the x range. */
  values: number[];
}

export interface Plot {
  /** Plain text: sanitized here. */
  title: string;
  /**
   * Categories (plain text, made safe and distinct here), or a numeric range the values of each
   * series spread evenly over.
   */
  x: { title: string; labels: string[] } | { title: string; min: number; max: number };
  /** The y axis runs from `min` (0 when absent) to `max`. */
  y: { title: string; min?: number; max: number };
  /** Drawn in order, later ones over earlier ones. */
  series: PlotSeries[];
  /** Decimals of every number written: enough to tell the values apart at the axis' scale. */
  digits: number;
}

/**
 * A fenced `mermaid` block of an `xychart-beta` (the name older Mermaid releases, GitHub's
 * included, know) with each series in its own colour through Mermaid's init directive. Every
 * label and title is sanitized here, so no data can leave its quotes or the block.
 */
export function renderPlot(plot: Plot): string {
  const quoted = (text: string, max?: number) => `"${chartLabel(text, max)}"`;
  const num = (value: number) => chartNumber(value, plot.digits);
  const x =
    'labels' in plot.x
      ? `[${distinctLabels(plot.x.labels.map((label) => chartLabel(label)))
          .map((label) => `"${label}"`)
          .join(', ')}]`
      : `${num(plot.x.min)} --> ${num(plot.x.max)}`;
  const palette = plot.series.map((s) => s.color).join(', ');
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `  title ${quoted(plot.title, TITLE_LIMIT)}`,
    `  x-axis ${quoted(plot.x.title, TITLE_LIMIT)} ${x}`,
    `  y-axis ${quoted(plot.y.title, TITLE_LIMIT)} ${plot.y.min === undefined ? '0' : num(plot.y.min)} --> ${num(plot.y.max)}`,
    ...plot.series.map((s) => `  ${s.kind} [${s.values.map(num).join(', ')}]`),
    '```',
  ].join('\n');
}

/**
 * A value as Mermaid's grammar reads numbers: a plain decimal with `digits` decimals, never an
 * exponent (so within ±10⁹); a value that is not finite is written as 0.
 */
function chartNumber(value: number, digits: number): string {
  const shown = Number.isFinite(value) ? Math.min(Math.max(value, -1e9), 1e9) : 0;
  // toFixed writes −0.0001 at 1 decimal as "-0.0", which reads oddly; 0 is what it shows.
  const text = shown.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/** A round top for an axis of percentages reaching `max`: 1, 2, 5 or 10 steps, at most 100. */
export function percentAxisTop(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const step = max > 20 ? 10 : max > 5 ? 5 : 1;
  return Math.min(100, Math.max(step, Math.ceil(max / step) * step));
}
