/** The report is a pure rendering: verdict first, comparisons, gates, slices, data checks, size limit. */
import { describe, expect, test } from '@jest/globals';
import { compareToBaseline, evaluateGates } from '../src/evaluate/gates.js';
import { evaluatePredictions } from '../src/evaluate/slices.js';
import type { EvaluationResult } from '../src/evaluate/types.js';
import { renderReport, reportMarker, type ReportInput } from '../src/report/render.js';

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
): ReportInput {
  return {
    name: 'churn',
    model: {
      task: 'binary',
      evaluation: current,
      baseline: { version: '1.2.0', reason: 'production stage', source: 'reevaluated' },
      comparison: compareToBaseline(current, baseline),
      gates: evaluateGates(gates, current, baseline),
    },
    validation: { rows: 12, unlabeled: 2, anomalies: [], passed: true, schemaSource: 'committed' },
    training: { rows: { train: 7, validation: 1, test: 10 }, backend: 'wasm', epochs: 5 },
    ...overrides,
  };
}

describe('renderReport', () => {
  test('starts with the hidden marker, then the verdict and the baseline it was compared with', () => {
    const lines = renderReport(input()).split('\n');
    expect(lines[0]).toBe(reportMarker('churn'));
    expect(lines[1]).toBe('## ✅ churn: BLESSED');
    expect(lines[3]).toContain('compared with v1.2.0 (production stage)');
  });

  test('shows each metric against the baseline with a signed delta and which way it moved', () => {
    const report = renderReport(input());
    const auc = current.overall.auc as number;
    expect(report).toMatch(
      new RegExp(`\\| auc \\| ${auc.toFixed(4)} \\| 0\\.9500 \\| -\\d\\.\\d{4} 🔴 \\|`),
    );
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
