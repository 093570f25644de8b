/**
 * The monitor's markdown, for the job summary and monitor.md: the decision and its reasons first,
 * then each served version's counts, live metrics, gates, input drift and the drift of its
 * outputs and of the labels sent back, then the log lines left out. Pure, like report/render.ts; inputs come from clients and log files, so every value goes
 * through inlineText (or markdownTable, which applies it to each cell).
 */
import { formatNumber, markdownTable } from '../report/format.js';
import { renderDrift, TEST_NAMES, type DriftInput } from '../report/drift.js';
import { renderGates } from '../report/render.js';
import { codeText, inlineText } from '../safety/markdown.js';
import type { ColumnDrift, MonitorReport, VersionReport } from './format.js';

/** Longest reason shown: reasons name features and gates, each already cut short. */
const REASON_LIMIT = 1000;

/**
 * The report of `report`; `drifts` holds each tested version's drift (by version) for the
 * drift tables, which monitor.json keeps in short.
 */
export function renderMonitorReport(
  report: MonitorReport,
  drifts: ReadonlyMap<string, DriftInput>,
): string {
  const sections = [
    renderDecision(report),
    renderLogs(report),
    renderVersionTable(report.versions),
    ...report.versions.map((version) => renderVersion(version, drifts.get(version.version))),
    renderBadLines(report),
  ];
  return `${sections.filter((section) => section !== null).join('\n\n')}\n`;
}

function renderDecision({ model, decision }: MonitorReport): string {
  const head = decision.retrain
    ? `## 🔴 ${inlineText(model)}: retrain`
    : `## 🟢 ${inlineText(model)}: no retrain`;
  if (decision.reasons.length === 0) {
    return `${head}\n\n${inlineText(decision.reason, REASON_LIMIT)}.`;
  }
  const reasons = decision.reasons.map(
    (reason) =>
      `- **${inlineText(reason.trigger.replace('_', ' '))}**: ${inlineText(reason.text, REASON_LIMIT)}`,
  );
  return `${head}\n\n${reasons.join('\n')}`;
}

function renderLogs({ window, logDir, predictions, feedback, logs }: MonitorReport): string {
  const others = [
    predictions.earlier > 0 ? `${predictions.earlier} earlier` : '',
    predictions.otherModels > 0 ? `${predictions.otherModels} of other models` : '',
    predictions.otherVersions > 0 ? `${predictions.otherVersions} of versions not tallied` : '',
  ].filter(Boolean);
  return (
    `Logs in <code>${codeText(logDir)}</code> (${plural(logs.files.length, 'file')}), ` +
    `from ${inlineText(window.start)} to ${inlineText(window.end)} (since ${inlineText(window.since)}): ` +
    `${predictions.inWindow} predictions${others.length > 0 ? ` (left out: ${others.join(', ')})` : ''}, ` +
    `${feedback.joined} of ${feedback.read} feedback labels joined to them` +
    `${logs.badLines > 0 ? `; ${plural(logs.badLines, 'bad log line')} left out (below)` : ''}.`
  );
}

function renderVersionTable(versions: readonly VersionReport[]): string | null {
  if (versions.length === 0) return null;
  const rows = versions.map((v) => [
    v.tag,
    String(v.predictions),
    String(v.labelled),
    String(v.unlabelled),
    driftCell(v),
    columnDriftCell(v.predictionDrift),
    columnDriftCell(v.labelDrift),
    gatesCell(v),
  ]);
  return markdownTable(
    [
      'version',
      'predictions',
      'labelled',
      'unlabelled',
      'input drift',
      'prediction drift',
      'label drift',
      'live gates',
    ],
    rows,
  );
}

function driftCell({ drift }: VersionReport): string {
  if (!drift) return 'not tested';
  const verdict = drift.errors > 0 ? '🔴' : drift.drifted > 0 ? '🟡' : '🟢';
  return `${verdict} ${drift.drifted} of ${drift.tested} features`;
}

function columnDriftCell(drift: ColumnDrift | null): string {
  const verdict = drift?.status === 'tested' ? columnVerdict(drift) : '';
  return `${verdict}${describeColumnDrift(drift)}`;
}

function columnVerdict(drift: Extract<ColumnDrift, { status: 'tested' }>): string {
  if (!drift.drifted) return '🟢 ';
  return drift.severity === 'ERROR' ? '🔴 ' : '🟡 ';
}

/** One column's drift in a few words: `drift (ks 0.0012)`, `no drift`, `no reference`. */
export function describeColumnDrift(drift: ColumnDrift | null): string {
  if (!drift) return 'not tested';
  switch (drift.status) {
    case 'tested':
      return drift.drifted
        ? `drift (${drift.test} ${formatNumber(drift.value)}${drift.severity === 'ERROR' ? '' : ', WARNING'})`
        : 'no drift';
    case 'no_reference':
      return 'no reference';
    case 'not_tested':
      return 'not tested';
  }
}

/**
 * The drift of the outputs and of the labels sent back: a table of the tested ones with their
 * test, value and reference, then why the others were not tested; null for a version without a
 * bundle.
 */
function renderColumnDrifts(version: VersionReport): string | null {
  const parts = [
    { what: 'outputs', drift: version.predictionDrift },
    { what: 'labels sent back', drift: version.labelDrift },
  ];
  const rows = parts.flatMap(({ what, drift }) =>
    drift?.status === 'tested'
      ? [
          [
            `${what}: ${drift.column}`,
            `${columnVerdict(drift)}${describeColumnDrift(drift)}`,
            String(drift.count),
            TEST_NAMES[drift.test],
            formatNumber(drift.value),
            formatNumber(drift.threshold),
            drift.reference,
          ],
        ]
      : [],
  );
  const untested = parts.flatMap(({ what, drift }) =>
    drift && drift.status !== 'tested'
      ? [`- ${what}: ${describeColumnDrift(drift)}: ${inlineText(drift.reason, REASON_LIMIT)}`]
      : [],
  );
  if (rows.length === 0 && untested.length === 0) return null;
  const table =
    rows.length > 0
      ? [
          markdownTable(
            ['what', 'verdict', 'values', 'test', 'value', 'threshold', 'against'],
            rows,
          ),
        ]
      : [];
  return ['#### Prediction and label drift', ...table, untested.join('\n')]
    .filter(Boolean)
    .join('\n\n');
}

function gatesCell({ gates }: VersionReport): string {
  if (!gates) return 'not judged';
  if (gates.results.length === 0) return 'no gates';
  const failed = gates.results.filter((r) => r.status === 'fail').length;
  return failed > 0 ? `❌ ${failed} failed` : '✅ passed';
}

function renderVersion(version: VersionReport, drift: DriftInput | undefined): string {
  const lines = [`### ${inlineText(version.tag)}`];
  if (version.metrics) {
    const metrics = Object.entries(version.metrics).map(
      ([name, value]) => `${inlineText(name)} ${formatNumber(value)}`,
    );
    lines.push(
      '',
      `Live metrics on ${version.labelled} labelled predictions: ${metrics.join(', ')}.`,
    );
  } else {
    lines.push('', 'No live metrics: no label came back for a prediction of this version.');
  }
  // The version is the heading above: its gates and drift sections sit one level below it.
  const gates = version.gates && renderGates(version.gates);
  if (gates) lines.push('', below(gates));
  if (drift) lines.push('', below(renderDrift(drift)));
  const columns = renderColumnDrifts(version);
  if (columns) lines.push('', columns);
  if (version.notes.length > 0) {
    lines.push('', ...version.notes.map((note) => `- ${inlineText(note, REASON_LIMIT)}`));
  }
  return lines.join('\n');
}

function renderBadLines({ logs }: MonitorReport): string | null {
  if (logs.badLines === 0) return null;
  const rows = logs.firstBad.map((bad) => [bad.file, String(bad.line), bad.problem]);
  const more = logs.badLines - logs.firstBad.length;
  const table = markdownTable(['file', 'line', 'problem'], rows);
  return (
    `### Log lines left out: ${logs.badLines}\n\n` +
    `<details><summary>The first ${logs.firstBad.length}${more > 0 ? ` (${more} more in monitor.json counts)` : ''}</summary>\n\n${table}\n\n</details>`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A report section's `### ` heading one level down. */
function below(section: string): string {
  return section.replace(/^### /, '#### ');
}
