/**
 * The report's drift part and the baseline-collapse note: the drift table (drifted first), charts
 * of the drifted features only and at most DRIFT_CHARTS of them, data that cannot leave a table
 * cell or a Mermaid block, and a warning only when the baseline's score collapsed.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import {
  detectDrift,
  driftSummary,
  type DriftOptions,
  type FeatureDrift,
} from '../src/data/drift.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { DatasetStats, RawTable, RawValue, ValueKind } from '../src/data/types.js';
import {
  baselineCollapse,
  COLLAPSE_MIN_ROWS,
  type CollapseInput,
} from '../src/evaluate/collapse.js';
import type { EvaluationResult, MetricSet } from '../src/evaluate/types.js';
import { collapseWarning } from '../src/report/collapse.js';
import {
  CHART_BARS,
  DRIFT_CHARTS,
  DRIFT_OPEN_ROWS,
  DRIFT_ROWS,
  driftChartSeries,
  orderFeatures,
  renderDrift,
  renderDriftCharts,
  type DriftInput,
} from '../src/report/drift.js';
import { renderReport, type ReportInput } from '../src/report/render.js';
import {
  CHART_PALETTE,
  chartLabel,
  distinctLabels,
  LABEL_LIMIT,
  renderXyChart,
} from '../src/report/xychart.js';
import { hostileCorpus, randomHostileCase } from './support/hostile.js';

// ---- data made in the test ------------------------------------------------------------------

type Columns = Record<string, RawValue[]>;

function table(columns: Columns): RawTable {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((name) => columns[name]?.length ?? 0));
  const rows = Array.from({ length }, (_, i) => names.map((name) => columns[name]?.[i] ?? null));
  return { source: 'test.csv', columns: names, rows, lines: rows.map((_, i) => i + 2) };
}

/**
 * Statistics as the validate step keeps them: numeric columns with their drift summary, on the
 * baseline's edges when a baseline is given. Columns are kept in `columns`' insertion order,
 * which Object.keys would break for names like "1".
 */
function stats(
  columns: [string, RawValue[]][],
  kinds: Record<string, ValueKind>,
  baseline?: DatasetStats,
): DatasetStats {
  const raw = table({});
  raw.columns = columns.map(([name]) => name);
  const length = Math.max(0, ...columns.map(([, values]) => values.length));
  raw.rows = Array.from({ length }, (_, i) => columns.map(([, values]) => values[i] ?? null));
  raw.lines = raw.rows.map((_, i) => i + 2);
  const result = computeStatistics(raw, kinds);
  result.columns.forEach((column, index) => {
    if (column.kind !== 'numeric' || !column.numeric) return;
    const values = (columns[index]?.[1] ?? []).filter((v): v is number => typeof v === 'number');
    const edges = baseline?.columns[index]?.numeric?.driftHistogram?.edges;
    Object.assign(column.numeric, driftSummary(values, edges));
  });
  return result;
}

/** A seeded, evenly spread sample: i-th of n over [low, high). */
const spread = (n: number, low: number, high: number) =>
  Array.from({ length: n }, (_, i) => low + ((high - low) * ((i * 37) % n)) / n);

/** `n` values cycling through `weights` in proportion (exact shares for n a multiple of 100). */
function shares(n: number, weights: [string, number][]): string[] {
  return weights.flatMap(([value, weight]) =>
    Array<string>(Math.round((n * weight) / 100)).fill(value),
  );
}

interface Feature {
  name: string;
  kind: ValueKind;
  reference: RawValue[];
  current: RawValue[];
}

const LABEL = 'the training statistics of wages v1.2.0 (production stage)';

function driftInput(features: Feature[], options: DriftOptions = {}, label = LABEL): DriftInput {
  const kinds = Object.fromEntries(features.map((f) => [f.name, f.kind]));
  const reference = stats(
    features.map((f) => [f.name, f.reference]),
    kinds,
  );
  const current = stats(
    features.map((f) => [f.name, f.current]),
    kinds,
    reference,
  );
  return {
    baseline: { source: 'registry', label },
    report: detectDrift(reference, current, options),
    reference,
    current,
  };
}

const N = 400;
const steady = (name: string): Feature => ({
  name,
  kind: 'numeric',
  reference: spread(N, 0, 100),
  current: spread(N, 0, 100),
});
const timesTen = (name: string): Feature => ({
  name,
  kind: 'numeric',
  reference: spread(N, 0, 100),
  current: spread(N, 0, 100).map((v) => v * 10),
});
const shifted = (name: string, by: number): Feature => ({
  name,
  kind: 'numeric',
  reference: spread(N, 0, 100),
  current: spread(N, by, 100 + by),
});
const categories = (name: string, values = ['north', 'south', 'east']): Feature => ({
  name,
  kind: 'categorical',
  reference: shares(N, [
    [values[0] as string, 60],
    [values[1] as string, 30],
    [values[2] as string, 10],
  ]),
  current: shares(N, [
    [values[0] as string, 10],
    [values[1] as string, 30],
    [values[2] as string, 60],
  ]),
});
const text = (name: string): Feature => ({
  name,
  kind: 'text',
  reference: Array<string>(N).fill('some words here'),
  current: Array<string>(N).fill('other words there'),
});

/** The demo: two drifted numeric features, one drifted categorical, two steady, one untested. */
function demo(): DriftInput {
  return driftInput([
    steady('age'),
    timesTen('hours'),
    categories('region'),
    shifted('wage', 30),
    steady('tenure'),
    text('notes'),
  ]);
}

// ---- markdown parsing, as report-escaping.test.ts does ----------------------------------------

function parse(markdown: string): Nodes {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Every node of `markdown` (or of its parsed tree), depth first. */
function nodes(markdown: string | Nodes): Nodes[] {
  const found: Nodes[] = [];
  const walk = (node: Nodes) => {
    found.push(node);
    if ('children' in node) node.children.forEach(walk);
  };
  walk(typeof markdown === 'string' ? parse(markdown) : markdown);
  return found;
}

/** Node types with levels; HTML with its tags; code with its language only (charts hold data). */
function structure(markdown: string | Nodes): string[] {
  const out: string[] = [];
  const walk = (node: Nodes, level: number) => {
    if (node.type !== 'text') {
      const detail =
        node.type === 'html'
          ? (node.value.match(/<!--|<\/?[A-Za-z][\w-]*/g) ?? []).join(' ')
          : node.type === 'code'
            ? String(node.lang)
            : node.type === 'heading'
              ? String(node.depth)
              : '';
      out.push(`${level} ${node.type} ${detail}`);
    }
    if ('children' in node) node.children.forEach((child) => walk(child, level + 1));
  };
  walk(typeof markdown === 'string' ? parse(markdown) : markdown, 0);
  return out;
}

function mermaidBlocks(markdown: string | Nodes): string[] {
  return nodes(markdown).flatMap((node) => (node.type === 'code' ? [node.value] : []));
}

/** Text inside quotes in a chart: none of what Mermaid or the fence reads as syntax. */
const QUOTED = '"[^"%`;#<>\\[\\]{}&\\n\\r\\u2028\\u2029]*"';
const NUMBERS = '\\[\\d+\\.\\d(?:, \\d+\\.\\d)*\\]';
const CHART_LINES = [
  new RegExp(
    `^%%\\{init: \\{"themeVariables": \\{"xyChart": \\{"plotColorPalette": "${CHART_PALETTE.join(', ')}"\\}\\}\\}\\}%%$`,
  ),
  /^xychart-beta$/,
  new RegExp(`^ {2}title ${QUOTED}$`),
  new RegExp(`^ {2}x-axis ${QUOTED} \\[${QUOTED}(?:, ${QUOTED})*\\]$`),
  new RegExp(`^ {2}y-axis ${QUOTED} 0 --> \\d+\\.\\d$`),
  new RegExp(`^ {2}bar ${NUMBERS}$`),
  new RegExp(`^ {2}line ${NUMBERS}$`),
];

/** Checks a chart's lines against CHART_LINES, in order, with as many labels as values. */
function expectSafeChart(chart: string): void {
  const lines = chart.split('\n');
  expect(lines).toHaveLength(CHART_LINES.length);
  lines.forEach((line, i) => expect(line).toMatch(CHART_LINES[i] as RegExp));
  const labels = (lines[3]?.match(/\[(.*)\]$/)?.[1] ?? '').match(/"[^"]*"/g) ?? [];
  const bars = lines[5]?.match(/\d+\.\d/g) ?? [];
  const points = lines[6]?.match(/\d+\.\d/g) ?? [];
  expect(bars).toHaveLength(labels.length);
  expect(points).toHaveLength(labels.length);
  expect(labels.length).toBeLessThanOrEqual(CHART_BARS);
  expect(new Set(labels).size).toBe(labels.length);
}

const count = (text: string, part: string) => text.split(part).length - 1;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** What a reader sees outside code, references decoded: where GitHub finds mentions and links. */
function visibleTexts(tree: Nodes): string[] {
  return nodes(tree).flatMap((node) => {
    if (node.type === 'text') return [node.value];
    if (node.type !== 'html') return [];
    return [
      node.value.replace(/&(?:#(\d+)|(amp|lt|gt|quot));/g, (_, dec, name) =>
        name ? (NAMED[name] as string) : String.fromCodePoint(Number(dec)),
      ),
    ];
  });
}

/** Mentions, issue references and URLs GitHub would link. */
const LINKABLE = [/@[\p{L}\p{N}]/u, /#\d/, /GH-\d/i, /:\/\//, /www\./i];

// ---- the drift table ----------------------------------------------------------------------------

describe('the drift table', () => {
  const input = demo();
  const markdown = renderDrift(input);
  const rows = markdown
    .split('\n')
    .filter(
      (line) => line.startsWith('| ') && !line.startsWith('| feature') && !line.startsWith('| ---'),
    );

  test('names the baseline and gives the dataset-level verdict', () => {
    expect(markdown).toContain(`Against ${LABEL}.`);
    expect(input.report.dataset).toMatchObject({ features: 5, driftedFeatures: 3 });
    expect(markdown).toContain(
      '3 of 5 features drifted (60 %), dataset drift at 50 %: **yes** 🔴.',
    );
  });

  test('lists drifted features first, each with its test as people know it, value, threshold and verdict', () => {
    expect(rows).toHaveLength(5);
    const verdicts = rows.map((row) => row.split(' | ').at(-1));
    expect(verdicts.slice(0, 3).every((v) => v?.startsWith('🔴 drift (ERROR)'))).toBe(true);
    expect(verdicts.slice(3).every((v) => v === '🟢 no drift |')).toBe(true);
    // The steady features keep the baseline's order.
    expect(rows[3]).toMatch(/^\| age \| /);
    expect(rows[4]).toMatch(/^\| tenure \| /);
    expect(markdown).toMatch(
      /\| hours \| Kolmogorov–Smirnov p-value \| [^|]+ \| p ≤ 0\.05 \| 🔴 drift \(ERROR\) \|/,
    );
    expect(markdown).toMatch(
      /\| region \| chi-squared p-value \| [^|]+ \| p &lt; 0\.05 \| 🔴 drift \(ERROR\) \|/,
    );
  });

  test('names every test and its drift rule', () => {
    const cases: [DriftOptions['test'], string, string][] = [
      ['wasserstein', 'normed Wasserstein distance', '≥ 0.1'],
      ['jensenshannon', 'Jensen–Shannon distance', '≥ 0.1'],
      ['psi', 'PSI', '≥ 0.1'],
      ['linf', 'L∞ distance', '&gt; 0.1'],
      ['ks', 'Kolmogorov–Smirnov p-value', 'p ≤ 0.05'],
    ];
    for (const [testName, shown, rule] of cases) {
      const one = renderDrift(driftInput([timesTen('hours')], { test: testName }));
      expect(one).toContain(`| hours | ${shown} | `);
      expect(one).toContain(` | ${rule} | 🔴 drift (ERROR) |`);
    }
    const z = renderDrift(driftInput([categories('flag', ['yes', 'no', 'no'])], { test: 'z' }));
    expect(z).toContain('| flag | z-test p-value | ');
  });

  test('lists the features not tested with the reason, compactly', () => {
    expect(markdown).toContain(
      'Not tested (1): text columns are not tested for drift: <code>notes</code>.',
    );
  });

  test('orders drifted features by severity, then by how far past the threshold', () => {
    const feature = (name: string, over: Partial<FeatureDrift>): FeatureDrift => ({
      feature: name,
      kind: 'numeric',
      test: 'jensenshannon',
      measure: 'distance',
      value: 0.05,
      threshold: 0.1,
      drifted: false,
      severity: 'ERROR',
      basis: 'histogram',
      referenceCount: 10,
      currentCount: 10,
      ...over,
    });
    const ordered = orderFeatures([
      feature('calm', {}),
      feature('warned', { drifted: true, value: 0.9, severity: 'WARNING' }),
      feature('slight', { drifted: true, value: 0.12 }),
      feature('p-zero', {
        drifted: true,
        test: 'ks',
        measure: 'p_value',
        value: 0,
        threshold: 0.05,
      }),
      feature('strong', { drifted: true, value: 0.5 }),
      feature('also calm', {}),
    ]);
    expect(ordered.map((f) => f.feature)).toEqual([
      'p-zero',
      'strong',
      'slight',
      'warned',
      'calm',
      'also calm',
    ]);
  });

  test('a long table folds into <details>, open when something drifted, and is cut at DRIFT_ROWS', () => {
    const many = driftInput([
      timesTen('hours'),
      ...Array.from({ length: DRIFT_ROWS + 4 }, (_, i) => steady(`f${i}`)),
    ]);
    const long = renderDrift(many);
    expect(long).toContain(`<details open><summary>${DRIFT_ROWS + 5} features tested</summary>`);
    expect(long).toContain('| … 5 more in validation.json |');
    expect(long.split('\n').find((line) => line.startsWith('| hours'))).toBeDefined();
    const calm = renderDrift(
      driftInput(Array.from({ length: DRIFT_OPEN_ROWS + 1 }, (_, i) => steady(`f${i}`))),
    );
    expect(calm).toContain('<details><summary>');
    expect(calm).toContain('0 of 11 features drifted (0 %), dataset drift at 50 %: no.');
    const short = renderDrift(driftInput([steady('a'), steady('b')]));
    expect(short).not.toContain('<details');
  });
});

// ---- charts ---------------------------------------------------------------------------------

describe('drift charts', () => {
  test('charts the drifted features only, in table order, each a safe xychart with a legend', () => {
    const input = demo();
    const markdown = renderDriftCharts(input) as string;
    const charts = mermaidBlocks(markdown);
    expect(charts).toHaveLength(3);
    charts.forEach(expectSafeChart);
    expect(charts.map((c) => c.split('\n')[2])).toEqual([
      expect.stringContaining('title "'),
      expect.stringContaining('title "'),
      expect.stringContaining('title "'),
    ]);
    const titles = charts.map((c) => /title "(.*)"/.exec(c)?.[1]);
    const drifted = orderFeatures(input.report.features).filter((f) => f.drifted);
    expect(titles).toEqual(drifted.map((f) => f.feature));
    expect(titles).not.toContain('age');
    expect(count(markdown, 'Blue bars: the baseline; orange line: this data')).toBe(3);
    expect(count(markdown, '<details open>')).toBe(1);
    expect(count(markdown, '<details')).toBe(count(markdown, '</details>'));
  });

  test('no feature drifted, no charts', () => {
    expect(
      renderDriftCharts(driftInput([steady('a'), categories('b', ['x', 'x', 'x'])])),
    ).toBeNull();
  });

  test(`at most ${DRIFT_CHARTS} charts; the others are counted and named`, () => {
    const input = driftInput(Array.from({ length: DRIFT_CHARTS + 3 }, (_, i) => timesTen(`g${i}`)));
    const markdown = renderDriftCharts(input) as string;
    expect(mermaidBlocks(markdown)).toHaveLength(DRIFT_CHARTS);
    expect(markdown).toContain(
      '3 more drifted features are not charted: <code>g5</code>, <code>g6</code>, <code>g7</code>.',
    );
  });

  test('a numeric feature ×10: baseline buckets merged to at most CHART_BARS, the current data above them', () => {
    const input = driftInput([timesTen('hours')]);
    const [feature] = input.report.features;
    const series = driftChartSeries(
      feature as FeatureDrift,
      input.reference.columns[0],
      input.current.columns[0],
    );
    if (typeof series === 'string') throw new Error(series);
    expect(series.labels.length).toBeLessThanOrEqual(CHART_BARS);
    expect(series.labels.at(-1)).toMatch(/^above (99\.\d+|100)$/);
    // Baseline shares add up to 1 and about equal; 90 % of this data lies above the baseline.
    expect(series.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(series.reference.at(-1)).toBe(0);
    expect(series.current.at(-1)).toBeCloseTo(0.9, 2);
    const inner = series.reference.slice(0, -1);
    expect(Math.max(...inner) - Math.min(...inner)).toBeLessThan(0.02);
    // Edges rounded but distinct, as ranges.
    expect(new Set(series.labels).size).toBe(series.labels.length);
    expect(series.labels[0]).toMatch(/^0–\d/);
  });

  test('integers on both sides: each bar names the values it holds', () => {
    const ints = Array.from({ length: N }, (_, i) => 1 + (i % 10));
    const input = driftInput([
      { name: 'years', kind: 'numeric', reference: ints, current: ints.map((v) => v * 10) },
    ]);
    const series = driftChartSeries(
      input.report.features[0] as FeatureDrift,
      input.reference.columns[0],
      input.current.columns[0],
    );
    if (typeof series === 'string') throw new Error(series);
    expect(series.labels).toEqual([
      ...Array.from({ length: 10 }, (_, i) => String(i + 1)),
      'above 10',
    ]);
    expect(series.current.at(-2)).toBeCloseTo(0.1, 9);
    expect(series.current.at(-1)).toBeCloseTo(0.9, 9);
  });

  test('values below the baseline get their own bar; negative edges read with a minus sign', () => {
    const input = driftInput([
      { name: 'x', kind: 'numeric', reference: spread(N, -50, 50), current: spread(N, -90, 10) },
    ]);
    const series = driftChartSeries(
      input.report.features[0] as FeatureDrift,
      input.reference.columns[0],
      input.current.columns[0],
    );
    if (typeof series === 'string') throw new Error(series);
    expect(series.labels[0]).toBe('under −50');
    expect(series.current[0]).toBeCloseTo(0.4, 2);
    expect(series.labels.length).toBeLessThanOrEqual(CHART_BARS);
  });

  test('a categorical feature: shares of the top values, baseline order, then "other values"', () => {
    const many = Array.from({ length: 30 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const input = driftInput([
      {
        name: 'city',
        kind: 'categorical',
        reference: Array.from({ length: N }, (_, i) => many[i % 30] as string),
        current: Array.from({ length: N }, (_, i) =>
          i < 200 ? 'new town' : (many[i % 30] as string),
        ),
      },
    ]);
    const series = driftChartSeries(
      input.report.features[0] as FeatureDrift,
      input.reference.columns[0],
      input.current.columns[0],
    );
    if (typeof series === 'string') throw new Error(series);
    expect(series.labels).toHaveLength(CHART_BARS);
    expect(series.labels.at(-1)).toBe('(other values)');
    expect(series.labels).toContain('new town');
    expect(series.current[series.labels.indexOf('new town')]).toBeCloseTo(0.5, 5);
    expect(series.reference[series.labels.indexOf('new town')]).toBe(0);
    expect(series.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(series.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  test('a numeric feature with few values is charted value by value', () => {
    const input = driftInput([
      {
        name: 'rooms',
        kind: 'numeric',
        reference: Array.from({ length: N }, (_, i) => 1 + (i % 4)),
        current: Array.from({ length: N }, (_, i) => (i % 2 ? 4 : 5)),
      },
    ]);
    const feature = input.report.features[0] as FeatureDrift;
    expect(feature.drifted).toBe(true);
    const series = driftChartSeries(feature, input.reference.columns[0], input.current.columns[0]);
    if (typeof series === 'string') throw new Error(series);
    expect(series.labels).toEqual(['1', '2', '3', '4', '5']);
    expect(series.reference).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
    expect(series.current).toEqual([0, 0, 0, 0.5, 0.5]);
  });
});

// ---- hostile data ----------------------------------------------------------------------------

/** Attacks on a Mermaid block inside a markdown fence. */
const MERMAID_ATTACKS = [
  '%%{init: {"securityLevel": "loose", "theme": "dark"}}%%',
  '%%',
  '}%%',
  '"] \n  line [1, 2]\n  bar ["',
  'a"b',
  '```',
  '```\n# owned\n```mermaid',
  '~~~',
  '-->',
  '0 --> 100',
  '#quot;',
  '#35;',
  '`"markdown string"`',
  ';title owned',
  '<img src=x onerror=alert(1)>',
  '<br/>',
  '[x](javascript:alert(1))',
  '{}',
  'line\rbreak',
  '\u2028',
  '\u202e',
  '',
  ' ',
  '@user #1 https://x.y',
  'x'.repeat(500),
  '😀'.repeat(40),
];

/** Names a pull request's data can hold: pieces of the hostile corpus and its generator. */
const CORPUS_NAMES = [
  ...hostileCorpus().flatMap((c) => {
    const data = c.files['data.csv'] ?? c.files['data.jsonl'];
    return typeof data === 'string' ? [data.slice(0, 120)] : [];
  }),
  ...Array.from({ length: 40 }, (_, seed) => randomHostileCase(seed).files['data.csv'])
    .filter((data): data is string => typeof data === 'string')
    .flatMap((data) => data.split(',').slice(0, 6)),
].filter((name) => name.length > 0);

const hostile = fc.oneof(
  fc.constantFrom(...MERMAID_ATTACKS, ...CORPUS_NAMES),
  fc
    .array(fc.oneof(fc.constantFrom(...MERMAID_ATTACKS), fc.string({ maxLength: 4 })), {
      maxLength: 5,
    })
    .map((parts) => parts.join('')),
);

/** The demo with hostile names, category values and baseline label. */
function hostileDemo(
  names: [string, string, string],
  values: [string, string, string],
  label: string,
) {
  return driftInput(
    [
      timesTen(names[0]),
      // A digit after each value: distinct, and never a missing-value token.
      categories(
        names[1],
        values.map((v, i) => `${v}${i}`),
      ),
      text(names[2]),
      steady('plain'),
    ],
    {},
    label,
  );
}

function report(drift: DriftInput): string {
  const input: ReportInput = {
    name: 'wages',
    model: null,
    validation: {
      rows: N,
      unlabeled: 0,
      anomalies: drift.report.anomalies,
      passed: false,
      schemaSource: 'committed',
      drift,
    },
    training: null,
  };
  return renderReport(input, Infinity);
}

describe('hostile names and values', () => {
  const PLAIN = report(hostileDemo(['n', 'c', 't'], ['a', 'b', 'c'], 'x'));

  test('the plain report has the drift table, two safe charts and the untested column', () => {
    const charts = mermaidBlocks(PLAIN);
    expect(charts).toHaveLength(2);
    charts.forEach(expectSafeChart);
    expect(PLAIN).toContain('### Data drift');
    expect(PLAIN).toContain('Not tested (1)');
  });

  test('cannot change the structure, leave a table cell, or break out of a chart', () => {
    const plainStructure = structure(PLAIN);
    fc.assert(
      fc.property(
        fc
          .tuple(hostile, hostile, hostile)
          .filter(([a, b, c]) => new Set([a, b, c, 'plain']).size === 4),
        fc.tuple(hostile, hostile, hostile),
        hostile,
        (names, values, label) => {
          const markdown = report(hostileDemo(names, values, label));
          const tree = parse(markdown);
          expect(structure(tree)).toEqual(plainStructure);
          const charts = mermaidBlocks(tree);
          expect(charts).toHaveLength(2);
          charts.forEach(expectSafeChart);
          // Every fence line belongs to one of the two blocks; `%%` only in their init lines
          // (elsewhere, in the escaped anomaly table, it is text).
          const fences = markdown.split('\n').filter((line) => /^\s*(```|~~~)/.test(line));
          expect(fences).toEqual(['```mermaid', '```', '```mermaid', '```']);
          for (const chart of charts) expect(count(chart, '%%')).toBe(2);
          // Data links nothing and mentions no one.
          for (const text of visibleTexts(tree)) {
            expect(LINKABLE.filter((pattern) => pattern.test(text))).toEqual([]);
          }
          // Every table row keeps its cells.
          for (const node of nodes(tree)) {
            if (node.type === 'table') {
              const width = node.children[0]?.children.length;
              expect(node.children.every((row) => row.children.length === width)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a column name with markdown in it shows as text in the table', () => {
    const markdown = renderDrift(hostileDemo(['a|b <i>`c`', 'cat', 'txt'], ['a', 'b', 'c'], 'x'));
    expect(markdown).toContain('| a&#124;b &lt;i&gt;&#96;c&#96; | Kolmogorov–Smirnov p-value |');
  });

  test('a name that would open a directive or close the block is cut down to its letters', () => {
    const markdown = renderDriftCharts(
      hostileDemo(['```\n%%{init: {"theme": "dark"}}%%\n', 'c"]; x', 't'], ['a', 'b', 'c'], 'x'),
    ) as string;
    const titles = mermaidBlocks(markdown).map((chart) => chart.split('\n')[2]);
    expect(titles.sort()).toEqual(['  title "c x"', '  title "init theme dark"']);
  });
});

describe('chart labels', () => {
  test.each([
    ['plain text stays', 'capital gain', 'capital gain'],
    ['quotes and brackets go', 'a"b[c]{d}', 'a b c d'],
    ['directives and comments go', '%%{init}%%', 'init'],
    ['entities go', '#quot;x&amp;', 'quot x amp'],
    ['line ends of every kind go', 'a\nb\rc\u2028d\u0085e', 'a b c d e'],
    ['markup goes', '<b>`x`</b> -->', 'b x /b --'],
    ['letters of any script stay', 'Zürich 東京 ٣', 'Zürich 東京 ٣'],
    ['bidi controls go', 'a\u202eb', 'a b'],
    ['nothing left', '"%%"', '(blank)'],
  ])('%s', (_, text, shown) => {
    expect(chartLabel(text)).toBe(shown);
  });

  test('long labels are cut with …, never inside a surrogate pair', () => {
    expect(chartLabel('x'.repeat(100))).toBe(`${'x'.repeat(LABEL_LIMIT - 1)}…`);
    expect(chartLabel('😀 emoji')).toBe('emoji');
    const script = chartLabel('𝒳'.repeat(100));
    expect(Array.from(script)).toHaveLength(LABEL_LIMIT);
    expect(script).toBe(`${'𝒳'.repeat(LABEL_LIMIT - 1)}…`);
  });

  test('repeats are numbered so each bar has its own place', () => {
    expect(distinctLabels(['a', 'a', 'b', 'a', 'a (2)'])).toEqual([
      'a',
      'a (2)',
      'b',
      'a (3)',
      'a (2) (2)',
    ]);
  });

  test('the chart numbers its repeats and writes plain decimals only', () => {
    const chart = renderXyChart({
      title: 't',
      xTitle: 'x',
      labels: ['a"', 'a]', 'b'],
      yTitle: 'y',
      yMax: 100,
      bar: [1e-9, Number.NaN, 1e21],
      line: [-1, Infinity, 0.25],
    });
    const lines = chart.split('\n').slice(1, -1).join('\n');
    expectSafeChart(lines);
    expect(lines).toContain('[ "a", "a (2)", "b"]'.replace('[ ', '['));
    expect(lines).toContain('bar [0.0, 0.0, 1000000000.0]');
    expect(lines).toContain('line [0.0, 0.0, 0.3]');
  });
});

// ---- the baseline's collapse --------------------------------------------------------------------

function evaluation(
  overall: MetricSet,
  rows = 200,
  task: EvaluationResult['task'] = 'binary',
): EvaluationResult {
  return { task, count: rows, overall, slices: [] };
}

function outcome(
  now: MetricSet,
  recorded: MetricSet,
  options: { rows?: number; source?: string; task?: EvaluationResult['task'] } = {},
): CollapseInput {
  const { rows = 200, source = 'reevaluated', task = 'binary' } = options;
  return {
    evaluation: evaluation({ accuracy: 0.9, auc: 0.93, rmse: 1, r2: 0.9 }, rows, task),
    baseline: {
      version: '1.2.0',
      reason: 'production stage',
      source,
      evaluation: evaluation(now, rows, task),
      recorded,
    },
  };
}

describe('baseline collapse', () => {
  test.each<[string, CollapseInput, string | null]>([
    ['auc 0.91 → 0.5', outcome({ auc: 0.5, accuracy: 0.51 }, { auc: 0.91, accuracy: 0.86 }), 'auc'],
    [
      'accuracy when auc is not recorded',
      outcome({ auc: 0.5, accuracy: 0.51 }, { accuracy: 0.86 }),
      'accuracy',
    ],
    ['a small drop', outcome({ auc: 0.88, accuracy: 0.84 }, { auc: 0.91, accuracy: 0.86 }), null],
    ['a drop just under 0.1', outcome({ auc: 0.82 }, { auc: 0.91 }), null],
    ['an improvement', outcome({ auc: 0.97 }, { auc: 0.91 }), null],
    [
      'a drop of 0.12 on 40 rows is within three standard errors',
      outcome({ accuracy: 0.74 }, { accuracy: 0.86 }, { rows: 40 }),
      null,
    ],
    [
      'fewer rows than the minimum',
      outcome({ auc: 0.5 }, { auc: 0.91 }, { rows: COLLAPSE_MIN_ROWS - 1 }),
      null,
    ],
    [
      'recorded metrics only',
      outcome({ auc: 0.5 }, { auc: 0.91 }, { source: 'tag-metadata' }),
      null,
    ],
    [
      'multiclass accuracy',
      outcome({ accuracy: 0.3 }, { accuracy: 0.8 }, { task: 'multiclass' }),
      'accuracy',
    ],
    [
      'regression r2',
      outcome({ r2: 0.2, rmse: 9 }, { r2: 0.8, rmse: 4 }, { task: 'regression' }),
      'r2',
    ],
    ['rmse 50 % worse', outcome({ rmse: 6 }, { rmse: 4 }, { task: 'regression' }), 'rmse'],
    ['rmse 25 % worse', outcome({ rmse: 5 }, { rmse: 4 }, { task: 'regression' }), null],
  ])('%s', (_, input, metric) => {
    expect(baselineCollapse(input)?.metric ?? null).toBe(metric);
  });

  test('no baseline, or no recorded metrics, is no collapse', () => {
    expect(baselineCollapse({ evaluation: evaluation({}), baseline: null })).toBeNull();
    const input = outcome({ auc: 0.5 }, {});
    expect(baselineCollapse(input)).toBeNull();
    delete input.baseline?.recorded;
    expect(baselineCollapse(input)).toBeNull();
  });

  test('the warning says plainly what happened', () => {
    expect(collapseWarning(outcome({ accuracy: 0.506 }, { accuracy: 0.86 }))).toBe(
      '⚠️ The production model v1.2.0 scores 0.51 accuracy on this data against 0.86 when it was registered: ' +
        'this looks like broken or shifted data, not a better candidate. Check the data checks and drift below before trusting the comparison.',
    );
    const latest = outcome({ auc: 0.5 }, { auc: 0.9 });
    if (latest.baseline) latest.baseline.reason = 'latest version';
    expect(collapseWarning(latest)).toMatch(
      /^⚠️ The baseline v1\.2\.0 \(latest version\) scores 0\.5 auc/,
    );
  });

  describe('in the report, above the comparison', () => {
    const candidate = evaluation({ auc: 0.93, accuracy: 0.9 });
    const input = (now: MetricSet, recorded: MetricSet): ReportInput => ({
      name: 'wages',
      model: {
        task: 'binary',
        evaluation: candidate,
        baseline: {
          version: '1.2.0',
          reason: 'production stage',
          source: 'reevaluated',
          evaluation: evaluation(now),
          recorded,
        },
        comparison: [
          {
            metric: 'auc',
            current: 0.93,
            baseline: now.auc ?? null,
            delta: 0.4,
            relativeDelta: 0.8,
            better: true,
          },
        ],
        gates: { blessed: true, verdict: 'BLESSED', results: [] },
      },
      validation: null,
      training: null,
    });

    test('for a collapsed baseline', () => {
      const markdown = renderReport(input({ auc: 0.5 }, { auc: 0.91 }), Infinity);
      const metrics = markdown.slice(markdown.indexOf('### Metrics'));
      expect(metrics).toMatch(
        /^### Metrics\n\n⚠️ The production model v1\.2\.0 scores 0\.5 auc on this data against 0\.91 [^\n]*\n\n\| metric \|/,
      );
    });

    test('not for a small drop', () => {
      const markdown = renderReport(input({ auc: 0.89 }, { auc: 0.91 }), Infinity);
      expect(markdown).not.toContain('⚠️');
      expect(markdown).toContain('### Metrics\n\n| metric |');
    });
  });
});

describe('the drift part in the whole report', () => {
  test('anomalies first, then the drift table, then the charts; the verdict points at the drift', () => {
    const drift = demo();
    const markdown = renderReport(
      {
        name: 'wages',
        model: {
          task: 'binary',
          evaluation: evaluation({ auc: 0.93 }),
          baseline: { version: '1.2.0', reason: 'production stage', source: 'reevaluated' },
          comparison: [],
          gates: { blessed: true, verdict: 'BLESSED', results: [] },
        },
        validation: {
          rows: N,
          unlabeled: 0,
          anomalies: drift.report.anomalies,
          passed: false,
          schemaSource: 'committed',
          drift,
        },
        training: null,
      },
      Infinity,
    );
    expect(markdown).toContain(
      '**Data drift**: 3 of 5 features differ from the baseline; see the data drift below.',
    );
    const at = (text: string) => markdown.indexOf(text);
    expect(at('### Data checks')).toBeGreaterThan(0);
    expect(at('### Data checks')).toBeLessThan(at('### Data drift'));
    expect(at('### Data drift')).toBeLessThan(at('### Drifted features'));
    expect(markdown).toContain('COMPARATOR_KS_HIGH');
  });

  test('cut to a limit, the drift table stays and the charts go first', () => {
    const drift = demo();
    const full = report(drift);
    const cut = renderReport(
      {
        name: 'wages',
        model: null,
        validation: {
          rows: N,
          unlabeled: 0,
          anomalies: [],
          passed: true,
          schemaSource: 'x',
          drift,
        },
        training: null,
      },
      full.indexOf('### Drifted features') + 200,
    );
    expect(cut).toContain('### Data drift');
    expect(cut).not.toContain('```mermaid');
    expect(cut).toContain('Report cut to fit');
  });
});
