/**
 * The evaluation report: the markdown of the sticky PR comment and of the job summary. Pure: the
 * same results always render the same text.
 */
import type { Anomaly } from '../data/types.js';
import {
  GATE_DIGITS,
  type GateReport,
  type GateResult,
  type MetricComparison,
} from '../evaluate/gates.js';
import { DEFAULT_THRESHOLD } from '../evaluate/metrics.js';
import type {
  CalibrationBin,
  EvaluationResult,
  Interval,
  MetricSet,
  SliceResult,
} from '../evaluate/types.js';
import { codeText, commentText, inlineText, linkText } from '../safety/markdown.js';
import {
  renderEvaluationCharts,
  renderTrainingChart,
  type ChartBaseline,
  type HistoryEpoch,
} from './charts.js';
import { collapseWarning } from './collapse.js';
import { driftVerdict, renderDrift, renderDriftCharts, type DriftInput } from './drift.js';
import { formatDelta, formatNumber, markdownTable } from './format.js';
import { renderLeaderboard, type LeaderboardInput } from './leaderboard.js';

/** GitHub rejects issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65536;

/** GitHub rejects a step's job summary larger than this many bytes (1 MiB). */
export const SUMMARY_LIMIT = 1024 * 1024;

/** Rows of the anomaly table; the rest are counted (a forged schema can yield thousands). */
export const ANOMALY_ROWS = 100;

/** Rows per slice table, most first, so a high-cardinality column cannot crowd out the rest. */
export const SLICE_ROWS = 20;

/** The hidden marker that finds this model's comment again, so it is edited rather than re-posted. */
export function reportMarker(name: string): string {
  return `<!-- mlops-actions report ${commentText(name)} -->`;
}

/** What the evaluate step found; absent when the run stopped before a model was trained. */
export interface ModelReport {
  task: string;
  evaluation: EvaluationResult;
  baseline: {
    version: string;
    reason: string;
    source: string;
    /** Its metrics on this run's test rows when `source` is `reevaluated`. */
    evaluation?: EvaluationResult;
    /** The metrics recorded when it was registered: with `evaluation`, they show a collapse. */
    recorded?: MetricSet;
  } | null;
  comparison: MetricComparison[];
  gates: GateReport;
  /** Test rows whose label the model never saw in training, left out of every metric. */
  unknownLabels?: number;
  /** The class a binary model scores (its probabilities are P(positive class)). */
  positiveClass?: string | null;
}

export interface ReportInput {
  name: string;
  model: ModelReport | null;
  validation: {
    rows: number;
    unlabeled: number;
    /** Bad records left out under data.max_errors, and the file (in the output folder) they are in. */
    rejected?: { count: number; file: string } | null;
    anomalies: Anomaly[];
    passed: boolean;
    schemaSource: string;
    /** Drift against the baseline's statistics; absent or null when there was no baseline. */
    drift?: DriftInput | null;
  } | null;
  training: {
    rows: { train: number; validation: number; test: number };
    backend: string;
    epochs: number;
    /** The columns the model reads, with their kinds. */
    features?: { column: string; kind: string }[];
    /** What training warned about (a budget that ran out while the model still improved). */
    warnings?: string[];
    /** Loss per epoch from the bundle's history.json, drawn as training curves. */
    history?: HistoryEpoch[];
  } | null;
  /** Where the run, the evaluated commit and the registered release can be seen. */
  links?: {
    runUrl?: string;
    commit?: string;
    commitUrl?: string;
    /** The registered version's release, or else the baseline's. */
    release?: { url: string; label: string };
  };
  /** Registered version, when the run registered one. */
  version?: string | null;
  /** The tuning leaderboard, when the evaluated model won `mlops tune collect`. */
  tuning?: LeaderboardInput | null;
}

/** A part of the report; `keep` ones survive cutting to the limit, the others go from the end. */
interface Section {
  text: string | null;
  keep?: boolean;
}

/**
 * A count from a step's output file as text: those files sit in the workspace, where a pull
 * request could have committed a forged one, so only a number ever reaches the markdown.
 */
function count(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '?';
}

/** Renders the full report, cut to `limit` characters with a visible note when too long. */
export function renderReport(input: ReportInput, limit = COMMENT_LIMIT): string {
  const { model } = input;
  const verdict: Section = {
    text: `${reportMarker(input.name)}\n${model ? renderVerdict(input, model) : renderDataVerdict(input)}`,
    keep: true,
  };
  const modelSections: Section[] = [
    { text: model && renderMetrics(model) },
    { text: model && renderGates(model.gates) },
    { text: model && renderSlices(model.evaluation.slices) },
    { text: model && renderConfusion(model.evaluation) },
    { text: model && renderEvaluationCharts(model.evaluation, chartBaseline(model)) },
    { text: model && renderCalibration(model.evaluation.calibration) },
    { text: input.training?.history ? renderTrainingChart(input.training.history) : null },
  ];
  const drift = input.validation?.drift;
  const dataSections: Section[] = [
    { text: renderDataChecks(input.validation), keep: true },
    { text: drift ? renderDrift(drift) : null, keep: true },
    { text: drift ? renderDriftCharts(drift) : null },
  ];
  // Broken or drifted data explains the metrics below it, so a reviewer reads it first.
  const dataFirst =
    input.validation?.passed === false || (drift?.report.dataset.driftedFeatures ?? 0) > 0;
  const sections = [
    verdict,
    ...(dataFirst ? [...dataSections, ...modelSections] : [...modelSections, ...dataSections]),
    { text: input.tuning ? renderLeaderboard(input.tuning) : null },
    { text: renderRun(input) },
  ];
  return fitToLimit(
    sections.filter((s): s is Required<Section> => s.text !== null),
    limit,
  );
}

function renderDataVerdict(input: ReportInput): string {
  return `## ❌ ${inlineText(input.name)}: data validation failed\n\nNo model was trained: fix the data or the schema (see the data checks below).`;
}

function renderVerdict(input: ReportInput, model: ModelReport): string {
  const blessed = model.gates.blessed;
  const failed = model.gates.results.filter((r) => r.status === 'fail').length;
  const dataFailed = input.validation && !input.validation.passed;
  const icon = blessed && !dataFailed ? '✅' : '❌';
  const verdict = blessed
    ? 'BLESSED'
    : `NOT_BLESSED (${failed} gate${failed === 1 ? '' : 's'} failed)`;
  const lines = [`## ${icon} ${inlineText(input.name)}: ${verdict}`, ''];
  const baseline = model.baseline
    ? `compared with v${inlineText(model.baseline.version)} (${inlineText(model.baseline.reason)}${model.baseline.source === 'tag-metadata' ? ', recorded metrics' : ''})`
    : 'first model: no baseline to compare with';
  const positive =
    model.task === 'binary' && model.positiveClass
      ? ` (positive class: ${inlineText(model.positiveClass)})`
      : '';
  lines.push(
    `${inlineText(model.task)} model${positive} on ${count(model.evaluation.count)} test rows, ${baseline}.` +
      unscoredNote(model.unknownLabels ?? 0),
  );
  if (dataFailed) lines.push('', '**Data validation failed**: see the data checks below.');
  const drifted = input.validation?.drift && driftVerdict(input.validation.drift);
  if (drifted) lines.push('', drifted);
  if (input.version) {
    lines.push(
      '',
      `Registered as <code>${codeText(input.name)}@v${codeText(input.version)}</code>.`,
    );
  }
  return lines.join('\n');
}

function unscoredNote(unknown: number): string {
  if (unknown <= 0) return '';
  return unknown === 1
    ? ' 1 test row has a class unseen in training and was not scored.'
    : ` ${count(unknown)} test rows have a class unseen in training and were not scored.`;
}

/**
 * The candidate's metrics with their intervals, beside the trivial baseline and the baseline
 * model; a delta gets 🟢/🔴 only when it is beyond the noise of the test rows.
 */
function renderMetrics(model: ModelReport): string {
  const { intervals, trivial } = model.evaluation;
  const rows = model.comparison.map((c) => [
    c.metric,
    formatNumber(c.current),
    ...(intervals ? [formatInterval(intervals[c.metric])] : []),
    ...(trivial ? [formatNumber(trivial.overall[c.metric])] : []),
    formatNumber(c.baseline),
    formatChange(c),
  ]);
  const header = [
    'metric',
    'candidate',
    ...(intervals ? [`${confidenceLabel(model.evaluation)} interval`] : []),
    ...(trivial ? ['trivial'] : []),
    'baseline',
    'Δ',
  ];
  const warning = collapseWarning(model);
  const notes = [trivialNote(model), intervalNote(model), thresholdNote(model)].filter(
    (note): note is string => note !== null,
  );
  return [
    '### Metrics',
    ...(warning ? [warning] : []),
    markdownTable(header, rows),
    ...(notes.length > 0 ? [notes.join('\n')] : []),
  ].join('\n\n');
}

function formatInterval(interval: Interval | undefined): string {
  return interval ? `${formatNumber(interval.lower)} to ${formatNumber(interval.upper)}` : '—';
}

/** "95%": the bootstrap's confidence level. */
function confidenceLabel(evaluation: EvaluationResult): string {
  return `${formatNumber((evaluation.bootstrap?.confidence ?? 0.95) * 100)}%`;
}

function formatChange(c: MetricComparison): string {
  if (c.delta === null) return '—';
  if (c.noise?.withinNoise) return `${formatDelta(c.delta)} (within noise)`;
  return `${formatDelta(c.delta)} ${c.better === null ? '' : c.better ? '🟢' : '🔴'}`.trim();
}

/** What the trivial column is: the model that learned nothing. */
function trivialNote(model: ModelReport): string | null {
  const predictor = model.evaluation.trivial?.predictor;
  if (!predictor) return null;
  if (predictor.kind === 'mean') {
    return `- **trivial**: predicts the training mean, ${formatNumber(predictor.value)}, for every row.`;
  }
  return (
    `- **trivial**: predicts the majority class, <code>${codeText(predictor.class)}</code> ` +
    `(${formatNumber(predictor.share * 100, 3)}% of training rows), scoring every row with the class priors.`
  );
}

/** How the intervals were drawn, and how the deltas were judged against noise. */
function intervalNote(model: ModelReport): string | null {
  const { bootstrap } = model.evaluation;
  if (!bootstrap) return null;
  const drawn =
    `- **interval**: ${confidenceLabel(model.evaluation)} percentile bootstrap over the ` +
    `${count(model.evaluation.count)} test rows (${count(bootstrap.resamples)} resamples, seed ${count(bootstrap.seed)}).`;
  const tests = new Set(model.comparison.flatMap((c) => (c.noise ? [c.noise.test] : [])));
  if (tests.size === 0) return drawn;
  const how = tests.has('paired')
    ? 'a paired bootstrap of the difference on the same rows puts 0 outside its interval'
    : "the candidate's interval and the baseline's (or its recorded value) do not overlap, as the baseline could not be scored on these rows";
  return `${drawn}\n- **Δ** is marked 🟢/🔴 only beyond noise: when ${how}.`;
}

/** A binary model's decision rule: which threshold, and where it came from. */
function thresholdNote(model: ModelReport): string | null {
  const { threshold, thresholdTuning: tuning } = model.evaluation;
  if (model.task !== 'binary' || threshold === undefined) return null;
  const positive =
    typeof model.positiveClass === 'string'
      ? ` predicts <code>${codeText(model.positiveClass)}</code>`
      : ' predicts the positive class';
  const source = tuning
    ? `tuned on the validation split for ${inlineText(tuning.metric)}, ${formatNumber(tuning.validation)} there`
    : threshold === DEFAULT_THRESHOLD
      ? 'the default'
      : 'set in mlops.yml';
  return `- **decision threshold**: ${formatNumber(threshold)}, ${source}; a score above it${positive}.`;
}

/** The gates table, for the report and for `mlops monitor`'s gates on live metrics. */
export function renderGates(gates: {
  verdict: GateReport['verdict'];
  results: readonly Pick<GateResult, 'status' | 'description' | 'actual' | 'expected' | 'reason'>[];
}): string | null {
  if (gates.results.length === 0)
    return '### Gates\n\n_No gates configured: add `gates:` to mlops.yml._';
  const icon = { pass: '✅', fail: '❌', skipped: '⏭️' } as const;
  const rows = gates.results.map((r) => [
    `${icon[r.status]} ${r.status}`,
    r.description,
    formatNumber(r.actual, GATE_DIGITS),
    r.expected ?? '—',
    r.reason ?? '',
  ]);
  return `### Gates: ${inlineText(gates.verdict)}\n\n${markdownTable(['status', 'gate', 'actual', 'required', 'note'], rows)}`;
}

function renderSlices(slices: SliceResult[]): string | null {
  if (slices.length === 0) return null;
  const parts = slices.map((slice) => {
    const metrics = [...new Set(slice.values.flatMap((v) => Object.keys(v.metrics)))].slice(0, 6);
    // Values come most rows first, so the cut keeps the slices with the most evidence.
    const rows = slice.values
      .slice(0, SLICE_ROWS)
      .map((v) => [
        v.value,
        v.small ? `${v.count} (small)` : String(v.count),
        ...metrics.map((m) => formatNumber(v.metrics[m])),
      ]);
    // Values past the evaluation's own cap were never scored: count them with the ones not shown.
    const total = slice.values.length + (slice.omitted?.values ?? 0);
    const more = total - Math.min(slice.values.length, SLICE_ROWS);
    if (more > 0)
      rows.push([`… ${more} more value${more === 1 ? '' : 's'}`, '', ...metrics.map(() => '')]);
    return `<details><summary>Slices by <code>${codeText(slice.column)}</code> (${total} values)</summary>\n\n${markdownTable([slice.column, 'rows', ...metrics], rows)}\n\n</details>`;
  });
  const small = slices.some((slice) => slice.values.some((v) => v.small));
  const note = small
    ? '\n\n_(small): fewer test rows than `evaluation.min_slice_size`; too few to judge, so left out of slice-gap gates._'
    : '';
  return `### Slices\n\n${parts.join('\n\n')}${note}`;
}

function renderConfusion(evaluation: EvaluationResult): string | null {
  const cm = evaluation.confusionMatrix;
  if (!cm) return null;
  // Not bold: `**` around a class name with an edge space or none at all would show as typed.
  const rows = cm.matrix.map((row, i) => [cm.classes[i] ?? '', ...row.map(String)]);
  // The evaluation keeps the most frequent classes; the rest share the last row and column.
  const other = cm.otherClasses
    ? ` The last row and column stand for the ${cm.otherClasses} least frequent classes.`
    : '';
  return `<details><summary>Confusion matrix (rows: actual, columns: predicted)</summary>\n\n${markdownTable(['', ...cm.classes], rows)}${other ? `\n\n${other.trim()}` : ''}\n\n</details>`;
}

/** The baseline to draw beside the candidate: only one scored on these same test rows. */
function chartBaseline(model: ModelReport): ChartBaseline | null {
  const baseline = model.baseline;
  if (baseline?.source !== 'reevaluated' || !baseline.evaluation) return null;
  return { version: baseline.version, evaluation: baseline.evaluation };
}

/** Whether predicted probabilities can be read as probabilities: predicted vs observed rates. */
function renderCalibration(bins: CalibrationBin[] | undefined): string | null {
  if (!bins || bins.length === 0) return null;
  const rows = bins.map((bin) => [
    `${formatNumber(bin.lower, 2)}–${formatNumber(bin.upper, 2)}`,
    String(bin.count),
    formatNumber(bin.meanScore),
    formatNumber(bin.observedRate),
  ]);
  const table = markdownTable(
    ['score range', 'rows', 'mean predicted', 'observed positive rate'],
    rows,
  );
  return `<details><summary>Calibration</summary>\n\n${table}\n\n</details>`;
}

function renderDataChecks(validation: ReportInput['validation']): string | null {
  if (!validation) return null;
  const lines = [
    `### Data checks: ${validation.passed ? 'passed' : 'failed'}`,
    '',
    `${count(validation.rows)} rows read; ${count(validation.unlabeled)} without a label dropped; schema ${inlineText(validation.schemaSource)}.`,
  ];
  if (validation.rejected) {
    const { count: rejected, file } = validation.rejected;
    lines.push(
      '',
      `${count(rejected)} rows rejected (see rejects file <code>${codeText(file)}</code>): bad records left out under <code>data.max_errors</code>.`,
    );
  }
  if (validation.anomalies.length) {
    // ERRORs first, so the cut keeps what failed the run; validation.json keeps every anomaly.
    const ordered = [...validation.anomalies].sort(
      (a, b) => Number(b.severity === 'ERROR') - Number(a.severity === 'ERROR'),
    );
    const rows = ordered
      .slice(0, ANOMALY_ROWS)
      .map((a) => [
        a.severity === 'ERROR' ? '❌ ERROR' : '⚠️ WARNING',
        a.type,
        a.column ?? '(dataset)',
        a.description,
      ]);
    const more = ordered.length - ANOMALY_ROWS;
    if (more > 0) rows.push(['', `… ${more} more in validation.json`, '', '']);
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
  const parts: string[] = [];
  if (input.training) {
    const { rows, backend, epochs, features = [], warnings = [] } = input.training;
    // Warnings name columns and settings of the user's config: escaped like any other text.
    parts.push(...warnings.map((warning) => `> [!WARNING]\n> ${inlineText(warning)}`));
    if (features.length > 0) {
      const list = features.map(
        (f) => `<code>${codeText(f.column)}</code> (${inlineText(f.kind)})`,
      );
      parts.push(
        `<details><summary>${features.length} feature${features.length === 1 ? '' : 's'} used</summary>\n\n${list.join(', ')}\n\n</details>`,
      );
    }
    parts.push(
      `<sub>Trained on ${count(rows.train)} rows (validation ${count(rows.validation)}, test ${count(rows.test)}) for ${count(epochs)} epochs on the ${inlineText(backend)} backend by mlops-actions.${renderLinks(input.links)}</sub>`,
    );
  } else if (input.links) {
    const links = renderLinks(input.links);
    if (links) parts.push(`<sub>${links.trim()}</sub>`);
  }
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** Links to the evaluated commit, the workflow run and the release; URLs come from the runner. */
function renderLinks(links: ReportInput['links']): string {
  if (!links) return '';
  const items: string[] = [];
  const commit = links.commit?.slice(0, 7);
  if (commit)
    items.push(links.commitUrl ? `commit [${commit}](${links.commitUrl})` : `commit ${commit}`);
  if (links.runUrl) items.push(`[workflow run](${links.runUrl})`);
  if (links.release) items.push(`[${linkText(links.release.label)}](${links.release.url})`);
  return items.length > 0 ? ` Evaluated ${items.join(' · ')}.` : '';
}

/**
 * Joins sections within `limit` characters (with the final newline). When too long, sections not
 * marked `keep` are dropped from the end first; if the kept ones alone are still too long, their
 * text is cut at a line end and any open `<details>` closed, so the note stays visible.
 */
function fitToLimit(sections: Required<Section>[], limit: number): string {
  const full = `${sections.map((s) => s.text).join('\n\n')}\n`;
  if (full.length <= limit) return full;
  const kept = [...sections];
  const join = () => kept.map((s) => s.text).join('\n\n');
  const note = (what = `${sections.length - kept.length} section(s) left out`) =>
    `\n\n> ⚠️ Report cut to fit GitHub's ${limit}-character comment limit: ${what}. ` +
    "The full report is in report.md of the run's outputs.\n";
  for (let i = kept.length - 1; i >= 0 && join().length + note().length > limit; i--) {
    if (!kept[i]?.keep) kept.splice(i, 1);
  }
  const text = join();
  if (text.length + note().length <= limit) return text + note();
  const cutNote = note(`${sections.length - kept.length} section(s) left out, the rest cut short`);
  return cutAtLine(text, limit - cutNote.length) + cutNote;
}

const CLOSE_DETAILS = '\n\n</details>';

/** `text` cut to `room` characters at a line end, closing a `<details>` the cut left open. */
export function cutAtLine(text: string, room: number): string {
  const head = text.slice(0, Math.max(room - CLOSE_DETAILS.length, 0));
  const cut = head.slice(0, Math.max(head.lastIndexOf('\n'), 0));
  const open = cut.split('<details').length - cut.split('</details>').length;
  return open > 0 ? cut + CLOSE_DETAILS : cut;
}

/**
 * `markdown` within `limit` UTF-8 bytes for the job summary: when larger, cut at a line end (any
 * open `<details>` closed) with a visible note.
 */
export function fitSummary(markdown: string, limit = SUMMARY_LIMIT): string {
  const utf8 = new TextEncoder();
  const bytes = utf8.encode(markdown);
  if (bytes.length <= limit) return markdown;
  const note =
    `\n\n> ⚠️ Job summary cut to fit GitHub's ${limit}-byte limit. ` +
    "The full report is in report.md of the run's outputs.\n";
  const room = limit - utf8.encode(note).length;
  // `stream` holds back a character the byte cut split, rather than decoding it as U+FFFD.
  const head = new TextDecoder().decode(bytes.subarray(0, Math.max(room, 0)), { stream: true });
  // cutAtLine counts characters: each is at least a byte, so the result fits `room` bytes too.
  return cutAtLine(head, head.length) + note;
}
