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

/** The bar (first) and line (second) colours: both dark enough to see on white and apart. */
export const CHART_PALETTE = ['#4e79a7', '#d95f02'] as const;

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
  const quoted = (text: string, max?: number) => `"${chartLabel(text, max)}"`;
  const labels = distinctLabels(chart.labels.map((label) => chartLabel(label)));
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${CHART_PALETTE.join(', ')}"}}}}%%`,
    'xychart-beta',
    `  title ${quoted(chart.title, TITLE_LIMIT)}`,
    `  x-axis ${quoted(chart.xTitle, TITLE_LIMIT)} [${labels.map((label) => `"${label}"`).join(', ')}]`,
    `  y-axis ${quoted(chart.yTitle, TITLE_LIMIT)} 0 --> ${chartNumber(chart.yMax)}`,
    `  bar [${chart.bar.map(chartNumber).join(', ')}]`,
    `  line [${chart.line.map(chartNumber).join(', ')}]`,
    '```',
  ].join('\n');
}

/** A value as Mermaid's grammar reads numbers: a plain decimal, never an exponent. */
function chartNumber(value: number): string {
  const shown = Number.isFinite(value) && value > 0 ? Math.min(value, 1e9) : 0;
  return shown.toFixed(1);
}

/** A round top for an axis of percentages reaching `max`: 1, 2, 5 or 10 steps, at most 100. */
export function percentAxisTop(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const step = max > 20 ? 10 : max > 5 ? 5 : 1;
  return Math.min(100, Math.max(step, Math.ceil(max / step) * step));
}
