/**
 * The evaluation report: the markdown of the sticky PR comment and of the job summary. Pure: the
 * same results always render the same text.
 */
import type { Anomaly } from '../data/types.js';
import type { GateReport, MetricComparison } from '../evaluate/gates.js';
import type { EvaluationResult, RocPoint, SliceResult } from '../evaluate/types.js';
import { formatDelta, formatNumber, markdownTable } from './format.js';

/** GitHub rejects issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65536;

/** The hidden marker that finds this model's comment again, so it is edited rather than re-posted. */
export function reportMarker(name: string): string {
  return `<!-- mlops-actions report ${name} -->`;
}

/** What the evaluate step found; absent when the run stopped before a model was trained. */
export interface ModelReport {
  task: string;
  evaluation: EvaluationResult;
  baseline: { version: string; reason: string; source: string } | null;
  comparison: MetricComparison[];
  gates: GateReport;
}

export interface ReportInput {
  name: string;
  model: ModelReport | null;
  validation: {
    rows: number;
    unlabeled: number;
    anomalies: Anomaly[];
    passed: boolean;
    schemaSource: string;
  } | null;
  training: {
    rows: { train: number; validation: number; test: number };
    backend: string;
    epochs: number;
  } | null;
  /** Registered version, when the run registered one. */
  version?: string | null;
}

/** Renders the full report, cut to `limit` characters with a visible note when too long. */
export function renderReport(input: ReportInput, limit = COMMENT_LIMIT): string {
  const { model } = input;
  const sections = [
    `${reportMarker(input.name)}\n${model ? renderVerdict(input, model) : renderDataVerdict(input)}`,
    model && renderMetrics(model),
    model && renderGates(model.gates),
    model && renderSlices(model.evaluation.slices),
    model && renderConfusion(model.evaluation),
    model && renderRoc(model.evaluation.roc),
    renderDataChecks(input.validation),
    renderRun(input),
  ].filter((s): s is string => Boolean(s));
  return fitToLimit(sections, limit);
}

function renderDataVerdict(input: ReportInput): string {
  return `## ❌ ${input.name}: data validation failed\n\nNo model was trained: fix the data or the schema (see the data checks below).`;
}

function renderVerdict(input: ReportInput, model: ModelReport): string {
  const blessed = model.gates.blessed;
  const failed = model.gates.results.filter((r) => r.status === 'fail').length;
  const dataFailed = input.validation && !input.validation.passed;
  const icon = blessed && !dataFailed ? '✅' : '❌';
  const verdict = blessed
    ? 'BLESSED'
    : `NOT_BLESSED (${failed} gate${failed === 1 ? '' : 's'} failed)`;
  const lines = [`## ${icon} ${input.name}: ${verdict}`, ''];
  const baseline = model.baseline
    ? `compared with v${model.baseline.version} (${model.baseline.reason}${model.baseline.source === 'tag-metadata' ? ', recorded metrics' : ''})`
    : 'first model: no baseline to compare with';
  lines.push(`${model.task} model on ${model.evaluation.count} test rows, ${baseline}.`);
  if (dataFailed) lines.push('', '**Data validation failed**: see the data checks below.');
  if (input.version) lines.push('', `Registered as \`${input.name}@v${input.version}\`.`);
  return lines.join('\n');
}

function renderMetrics(model: ModelReport): string {
  const rows = model.comparison.map((c) => [
    c.metric,
    formatNumber(c.current),
    formatNumber(c.baseline),
    c.delta === null
      ? '—'
      : `${formatDelta(c.delta)} ${c.better === null ? '' : c.better ? '🟢' : '🔴'}`.trim(),
  ]);
  return `### Metrics\n\n${markdownTable(['metric', 'candidate', 'baseline', 'Δ'], rows)}`;
}

function renderGates(gates: GateReport): string | null {
  if (gates.results.length === 0)
    return '### Gates\n\n_No gates configured: add `gates:` to mlops.yml._';
  const icon = { pass: '✅', fail: '❌', skipped: '⏭️' } as const;
  const rows = gates.results.map((r) => [
    `${icon[r.status]} ${r.status}`,
    r.description,
    formatNumber(r.actual),
    r.expected ?? '—',
    r.reason ?? '',
  ]);
  return `### Gates: ${gates.verdict}\n\n${markdownTable(['status', 'gate', 'actual', 'required', 'note'], rows)}`;
}

function renderSlices(slices: SliceResult[]): string | null {
  if (slices.length === 0) return null;
  const parts = slices.map((slice) => {
    const metrics = [...new Set(slice.values.flatMap((v) => Object.keys(v.metrics)))].slice(0, 6);
    const rows = slice.values.map((v) => [
      v.value,
      String(v.count),
      ...metrics.map((m) => formatNumber(v.metrics[m])),
    ]);
    return `<details><summary>Slices by <code>${slice.column}</code> (${slice.values.length} values)</summary>\n\n${markdownTable([slice.column, 'rows', ...metrics], rows)}\n\n</details>`;
  });
  return `### Slices\n\n${parts.join('\n\n')}`;
}

function renderConfusion(evaluation: EvaluationResult): string | null {
  const cm = evaluation.confusionMatrix;
  if (!cm || cm.classes.length > 20) return null;
  const rows = cm.matrix.map((row, i) => [`**${cm.classes[i]}**`, ...row.map(String)]);
  return `<details><summary>Confusion matrix (rows: actual, columns: predicted)</summary>\n\n${markdownTable(['', ...cm.classes], rows)}\n\n</details>`;
}

function renderRoc(roc: RocPoint[] | undefined): string | null {
  if (!roc || roc.length < 2) return null;
  const fpr = roc.map((p) => p.fpr.toFixed(3)).join(', ');
  const tpr = roc.map((p) => p.tpr.toFixed(3)).join(', ');
  return [
    '<details><summary>ROC curve</summary>',
    '',
    '```mermaid',
    'xychart-beta',
    '  title "ROC (true positive rate by false positive rate)"',
    `  x-axis "false positive rate" [${fpr}]`,
    '  y-axis "true positive rate" 0 --> 1',
    `  line [${tpr}]`,
    '```',
    '',
    '</details>',
  ].join('\n');
}

function renderDataChecks(validation: ReportInput['validation']): string | null {
  if (!validation) return null;
  const lines = [
    `### Data checks: ${validation.passed ? 'passed' : 'failed'}`,
    '',
    `${validation.rows} rows read; ${validation.unlabeled} without a label dropped; schema ${validation.schemaSource}.`,
  ];
  if (validation.anomalies.length) {
    const rows = validation.anomalies.map((a) => [
      a.severity === 'ERROR' ? '❌ ERROR' : '⚠️ WARNING',
      a.type,
      a.column ?? '(dataset)',
      a.description,
    ]);
    lines.push(
      '',
      `<details${validation.passed ? '' : ' open'}><summary>${validation.anomalies.length} anomalies</summary>\n\n${markdownTable(['severity', 'anomaly', 'column', 'details'], rows)}\n\n</details>`,
    );
  } else {
    lines.push('', 'No anomalies.');
  }
  return lines.join('\n');
}

function renderRun(input: ReportInput): string | null {
  if (!input.training) return null;
  const { rows, backend, epochs } = input.training;
  return `<sub>Trained on ${rows.train} rows (validation ${rows.validation}, test ${rows.test}) for ${epochs} epochs on the ${backend} backend by mlops-actions.</sub>`;
}

/** Joins sections, dropping the last ones whole when the text would pass `limit`. */
function fitToLimit(sections: string[], limit: number): string {
  const note = (dropped: number) =>
    `\n\n> ⚠️ Report cut to fit GitHub's ${limit}-character comment limit: ${dropped} section(s) left out. The full report is in the job summary artifact.`;
  let kept = sections.length;
  let text = sections.join('\n\n');
  while (text.length + 1 > limit && kept > 1) {
    kept--;
    text = sections.slice(0, kept).join('\n\n') + note(sections.length - kept);
  }
  if (text.length + 1 > limit) text = text.slice(0, limit - 200) + note(sections.length - kept);
  return `${text}\n`;
}
