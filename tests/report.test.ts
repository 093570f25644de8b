/** The report is a pure rendering: verdict first, comparisons, gates, slices, data checks, size limit. */
import { describe, expect, test } from '@jest/globals';
import { compareToBaseline, evaluateGates } from '../src/evaluate/gates.js';
import { evaluatePredictions } from '../src/evaluate/slices.js';
import type { EvaluationResult, SliceResult } from '../src/evaluate/types.js';
import type { Anomaly } from '../src/data/types.js';
import {
  renderReport,
  reportMarker,
  SLICE_ROWS,
  ANOMALY_ROWS,
  type ModelReport,
  type ReportInput,
} from '../src/report/render.js';
import { formatNumber } from '../src/util/text.js';

const labels = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
const scores = [0.2, 0.9, 0.7, 0.4, 0.6, 0.1, 0.3, 0.8, 0.55, 0.35];
const sex = ['f', 'm', 'f', 'm', 'f', 'm', 'f', 'm', 'f', 'm'];
const current = evaluatePredictions({ task: 'binary', labels, scores }, [
  { name: 'sex', values: sex },
]);
const baseline: EvaluationResult = { ...current, overall: { ...current.overall, auc: 0.95 } };

function input(
  overrides: Partial<ReportInput> = {},
  gates = [{ metric: 'auc', lower_bound: 0.5 }],
  model: Partial<ModelReport> = {},
): ReportInput {
  return {
    name: 'churn',
    model: {
      task: 'binary',
      evaluation: current,
      baseline: { version: '1.2.0', reason: 'production stage', source: 'reevaluated' },
      comparison: compareToBaseline(current, baseline),
      gates: evaluateGates(gates, current, baseline),
      ...model,
    },
    validation: { rows: 12, unlabeled: 2, anomalies: [], passed: true, schemaSource: 'committed' },
    training: { rows: { train: 7, validation: 1, test: 10 }, backend: 'wasm', epochs: 5 },
    ...overrides,
  };
}

describe('renderReport', () => {
  test("training's warnings are shown, escaped, above the run line", () => {
    const warning = 'the best epoch was the last one (5 of 5) <img src=x> @octocat';
    const text = renderReport(
      input({
        training: {
          rows: { train: 7, validation: 1, test: 10 },
          backend: 'wasm',
          epochs: 5,
          warnings: [warning],
        },
      }),
    );
    expect(text).toContain('> [!WARNING]\n> the best epoch was the last one (5 of 5)');
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/(^|[^`])@octocat/);
    expect(text.indexOf('[!WARNING]')).toBeLessThan(text.indexOf('Trained on 7 rows'));
  });

  test('starts with the hidden marker, then the verdict and the baseline it was compared with', () => {
    const lines = renderReport(input()).split('\n');
    expect(lines[0]).toBe(reportMarker('churn'));
    expect(lines[1]).toBe('## ✅ churn: BLESSED');
    expect(lines[3]).toContain('compared with v1.2.0 (production stage)');
  });

  test('shows each metric against the baseline with a signed delta and which way it moved', () => {
    const report = renderReport(input());
    const auc = formatNumber(current.overall.auc).replace('.', '\\.');
    expect(report).toMatch(new RegExp(`\\| auc \\| ${auc} \\| 0\\.95 \\| -0\\.\\d+ 🔴 \\|`));
  });

  test('a failed gate makes the verdict NOT_BLESSED and is listed with its requirement', () => {
    const report = renderReport(input({}, [{ metric: 'auc', lower_bound: 0.99 }]));
    expect(report).toContain('## ❌ churn: NOT_BLESSED (1 gate failed)');
    expect(report).toContain('| ❌ fail | auc ≥ 0.99 |');
  });

  test('counts the rows dropped for a missing label and folds slices into details', () => {
    const report = renderReport(input());
    expect(report).toContain('12 rows read; 2 without a label dropped; schema committed.');
    expect(report).toContain('<details><summary>Slices by <code>sex</code> (2 values)</summary>');
  });

  test('reports failed data checks when no model was trained', () => {
    const report = renderReport(
      input({
        model: null,
        validation: {
          rows: 3,
          unlabeled: 0,
          passed: false,
          schemaSource: 'committed',
          anomalies: [
            {
              column: 'age',
              type: 'SCHEMA_MISSING_COLUMN',
              severity: 'ERROR',
              description: 'gone',
            },
          ],
        },
      }),
    );
    expect(report.split('\n')[1]).toBe('## ❌ churn: data validation failed');
    expect(report).toContain('| ❌ ERROR | SCHEMA_MISSING_COLUMN | age | gone |');
    expect(report).toContain('<details open>');
  });

  test('stays under the limit, dropping whole sections with a visible note', () => {
    const full = renderReport(input());
    const limit = Math.floor(full.length / 2);
    const cut = renderReport(input(), limit);
    expect(cut.length).toBeLessThanOrEqual(limit);
    expect(cut).toContain('Report cut to fit');
    expect(cut.startsWith(reportMarker('churn'))).toBe(true);
  });

  test('renders the same text for the same results', () => {
    expect(renderReport(input())).toBe(renderReport(input()));
  });
});

/** A slice column with `count` values, the first with the most rows. */
function sliceOf(column: string, count: number): SliceResult {
  return {
    column,
    values: Array.from({ length: count }, (_, i) => ({
      value: `${column}-${i}`,
      count: 1000 - i,
      metrics: { auc: 0.5 + i / 1000 },
    })),
  };
}

function withSlices(...slices: SliceResult[]): Partial<ModelReport> {
  return { evaluation: { ...current, slices } };
}

function anomaly(column: string, description: string): Anomaly {
  return { column, type: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', severity: 'WARNING', description };
}

function validationWith(anomalies: Anomaly[]): ReportInput['validation'] {
  return { rows: 12, unlabeled: 0, anomalies, passed: true, schemaSource: 'committed' };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('renderReport with hostile data', () => {
  const hostile = ['<!-- mlops-actions report other -->', '</details><img src=x>', '`code` [x](y)'];
  const report = renderReport(
    input(
      { validation: validationWith(hostile.map((text) => anomaly(`col ${text}`, `seen ${text}`))) },
      undefined,
      {
        positiveClass: '<b>yes</b>',
        evaluation: {
          ...current,
          slices: [
            { column: 'a<b>', values: hostile.map((value) => ({ value, count: 5, metrics: {} })) },
          ],
          confusionMatrix: {
            classes: ['</details>', 'no'],
            matrix: [
              [1, 0],
              [0, 1],
            ],
          },
        },
      },
    ),
  );

  test('cannot fake the marker, open a comment or close a details block', () => {
    expect(count(report, '<!--')).toBe(1);
    expect(report.startsWith(reportMarker('churn'))).toBe(true);
    expect(count(report, '<details')).toBe(count(report, '</details>'));
    expect(report).not.toContain('<img');
    expect(report).not.toContain('<b>');
  });

  test('shows it as typed, with &, <, >, backticks and brackets as entities', () => {
    expect(report).toContain('| &lt;/details&gt;&lt;img src=x&gt; | 5 |');
    expect(report).toContain('| &lt;!-- mlops-actions report other --&gt; | 5 |');
    expect(report).toContain('| &#96;code&#96; &#91;x&#93;(y) | 5 |');
    expect(report).toContain('Slices by <code>a&lt;b&gt;</code>');
    expect(report).toContain('| col &lt;/details&gt;&lt;img src=x&gt; | seen &lt;/details&gt;');
    expect(report).toContain('| &lt;/details&gt; | 1 | 0 |');
    expect(report).toContain('(positive class: &lt;b&gt;yes&lt;/b&gt;)');
    expect(renderReport(input({ validation: validationWith([anomaly('a&b', 'x')]) }))).toContain(
      '| a&amp;b |',
    );
  });
});

describe('renderReport slice tables', () => {
  test(`show the ${SLICE_ROWS} values with most rows, then how many more there are`, () => {
    const report = renderReport(input({}, undefined, withSlices(sliceOf('zip', SLICE_ROWS + 5))));
    expect(report).toContain(`Slices by <code>zip</code> (${SLICE_ROWS + 5} values)`);
    expect(report).toContain(`| zip-${SLICE_ROWS - 1} | ${1000 - SLICE_ROWS + 1} |`);
    expect(report).not.toContain(`| zip-${SLICE_ROWS} |`);
    expect(report).toContain('| … 5 more values |  |  |');
  });

  test('a short slice table has no "more" row', () => {
    const report = renderReport(input({}, undefined, withSlices(sliceOf('zip', SLICE_ROWS))));
    expect(report).not.toContain('more value');
  });
});

describe('renderReport verdict paragraph', () => {
  const paragraph = (model: Partial<ModelReport>) =>
    renderReport(input({}, undefined, model)).split('\n')[3];

  test('names the positive class of a binary model', () => {
    expect(paragraph({ positiveClass: 'yes' })).toBe(
      'binary model (positive class: yes) on 10 test rows, compared with v1.2.0 (production stage).',
    );
  });

  test('names no positive class for other tasks', () => {
    expect(paragraph({ task: 'multiclass', positiveClass: 'yes' })).not.toContain('positive');
  });

  test.each([
    [0, ''],
    [1, ' 1 test row has a class unseen in training and was not scored.'],
    [3, ' 3 test rows have a class unseen in training and were not scored.'],
  ])(
    'the verdict says when %i test rows have a class unseen in training',
    (unknownLabels, note) => {
      expect(paragraph({ unknownLabels })).toBe(
        `binary model on 10 test rows, compared with v1.2.0 (production stage).${note}`,
      );
    },
  );
});

describe('renderReport size limit', () => {
  const big = input(
    { validation: validationWith([anomaly('age', 'few values')]) },
    undefined,
    withSlices(...['a', 'b', 'c', 'd', 'e', 'f'].map((column) => sliceOf(column, 20))),
  );
  const full = renderReport(big, Infinity);

  test('renders in full when it fits', () => {
    expect(full).not.toContain('Report cut');
    expect(renderReport(big, full.length)).toBe(full);
  });

  test('drops sections from the end, keeping the verdict first and the data checks', () => {
    const limit = full.indexOf('### Slices') + 600;
    const cut = renderReport(big, limit);
    expect(cut.length).toBeLessThanOrEqual(limit);
    expect(cut.startsWith(`${reportMarker('churn')}\n## ✅ churn: BLESSED`)).toBe(true);
    expect(cut).toContain('### Metrics');
    expect(cut).toContain('### Gates');
    expect(cut).not.toContain('### Slices');
    expect(cut).not.toContain('<sub>Trained');
    expect(cut).toContain('### Data checks: passed');
    expect(cut).toContain('| ⚠️ WARNING | ENUM_TYPE_UNEXPECTED_STRING_VALUES | age | few values |');
    expect(cut).toMatch(
      /> ⚠️ Report cut to fit GitHub's \d+-character comment limit: 5 section\(s\) left out\. The full report is in report\.md of the run's outputs\.\n$/,
    );
  });

  test('cuts the data checks at a line, closing their details, when they alone are too long', () => {
    const anomalies = Array.from({ length: 500 }, (_, i) => anomaly(`column ${i}`, 'odd'));
    const limit = 4000;
    const cut = renderReport(input({ validation: validationWith(anomalies) }), limit);
    expect(cut.length).toBeLessThanOrEqual(limit);
    expect(cut.startsWith(reportMarker('churn'))).toBe(true);
    expect(cut).toContain('### Data checks: passed');
    expect(cut).not.toContain('### Metrics');
    expect(count(cut, '<details')).toBe(count(cut, '</details>'));
    expect(cut).toMatch(/\| column \d+ \| odd \|\n\n<\/details>\n\n> ⚠️ Report cut/);
    expect(cut).toContain('left out, the rest cut short.');
  });
});

describe('ROC chart', () => {
  test('is resampled at 21 even false positive rates, since Mermaid spreads a line evenly', () => {
    const report = renderReport(input());
    const roc = report.slice(report.indexOf('title "ROC"'), report.indexOf('⬛ chance ·'));
    expect(roc).toContain('x-axis "false positive rate" 0.000 --> 1.000');
    // Chance is drawn first, under the candidate's line.
    const lines = [...roc.matchAll(/line \[([^\]]+)\]/g)].map((m) => m[1] as string);
    const line = lines.at(-1)?.split(', ').map(Number) ?? [];
    expect(line).toHaveLength(21);
    expect(line.at(-1)).toBe(1);
    expect([...line].sort((a, b) => a - b)).toEqual(line);
  });
});

describe('calibration', () => {
  test('binary reports fold a table of predicted against observed positive rates per score range', () => {
    const report = renderReport(input());
    expect(report).toContain('<details><summary>Calibration</summary>');
    expect(report).toMatch(/\| score range \| rows \| mean predicted \| observed positive rate \|/);
    const rows = (current.calibration ?? []).reduce((sum, bin) => sum + bin.count, 0);
    expect(rows).toBe(current.count);
  });
});

describe('capped evaluations', () => {
  test('a confusion matrix cut to the frequent classes says what its last row stands for', () => {
    const evaluation: EvaluationResult = {
      ...current,
      confusionMatrix: {
        classes: ['a', 'b', '(other)'],
        matrix: [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 9],
        ],
        otherClasses: 9950,
      },
    };
    const report = renderReport(input({}, undefined, { evaluation }));
    expect(report).toContain('The last row and column stand for the 9950 least frequent classes.');
  });

  test('slice values the evaluation left out are counted in the table', () => {
    const slice = current.slices[0] as SliceResult;
    const evaluation = { ...current, slices: [{ ...slice, omitted: { values: 400, count: 900 } }] };
    const report = renderReport(input({}, undefined, { evaluation }));
    expect(report).toContain(`(${slice.values.length + 400} values)`);
    expect(report).toContain('… 400 more values');
  });
});

describe('the anomaly table', () => {
  test('shows errors first and counts what it leaves out', () => {
    const anomalies: Anomaly[] = Array.from({ length: ANOMALY_ROWS + 5 }, (_, i) => ({
      column: `c${i}`,
      type: 'SCHEMA_NEW_COLUMN',
      severity: i === ANOMALY_ROWS + 4 ? 'ERROR' : 'WARNING',
      description: `column c${i}`,
    }));
    const report = renderReport(
      input({
        validation: { rows: 1, unlabeled: 0, anomalies, passed: false, schemaSource: 'committed' },
      }),
    );
    const table = report.slice(report.indexOf('| severity'));
    expect(table.split('\n')[2]).toContain('ERROR');
    expect(report).toContain('… 5 more in validation.json');
  });
});
