import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  renderLeaderboard
} from "./chunk-QAX5UHBS.js";
import {
  codeText,
  commentText,
  formatDelta,
  inlineText,
  linkText,
  markdownTable
} from "./chunk-WEDFPIX2.js";
import {
  GATE_DIGITS,
  baselineCollapse
} from "./chunk-MTWO572S.js";
import {
  DEFAULT_THRESHOLD
} from "./chunk-A4DXW22P.js";
import {
  compareText,
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/report/xychart.ts
var CHART_COLORS = {
  /** The production model, or the baseline's data. */
  baseline: "#4e79a7",
  /** The model (or data) under review. */
  candidate: "#d95f02",
  /** What a model is judged against: chance, or the actual values. */
  reference: "#595959",
  training: "#1b9e77",
  validation: "#7570b3"
};
var CHART_PALETTE = [CHART_COLORS.baseline, CHART_COLORS.candidate];
var LABEL_LIMIT = 24;
var TITLE_LIMIT = 48;
var UNSAFE = /[^\p{L}\p{M}\p{N} _.,+\-/()'!?=…−–°]/gu;
var BLANK = "(blank)";
function chartLabel(text, max = LABEL_LIMIT) {
  const safe = text.replace(UNSAFE, " ").replace(/ {2,}/g, " ").trim();
  const points = Array.from(safe);
  const cut = points.length > max ? `${points.slice(0, max - 1).join("").trimEnd()}\u2026` : safe;
  return cut === "" ? BLANK : cut;
}
function distinctLabels(labels) {
  const taken = /* @__PURE__ */ new Set();
  return labels.map((label) => {
    let unique = label;
    for (let n = 2; taken.has(unique); n++) unique = `${label} (${n})`;
    taken.add(unique);
    return unique;
  });
}
function renderXyChart(chart) {
  const nonNegative = (values) => values.map((value) => Number.isFinite(value) && value > 0 ? value : 0);
  return renderPlot({
    title: chart.title,
    x: { title: chart.xTitle, labels: chart.labels },
    y: { title: chart.yTitle, max: chart.yMax },
    series: [
      { kind: "bar", color: CHART_PALETTE[0], values: nonNegative(chart.bar) },
      { kind: "line", color: CHART_PALETTE[1], values: nonNegative(chart.line) }
    ],
    digits: 1
  });
}
function renderPlot(plot) {
  const quoted = (text, max) => `"${chartLabel(text, max)}"`;
  const num = (value) => chartNumber(value, plot.digits);
  const x = "labels" in plot.x ? `[${distinctLabels(plot.x.labels.map((label) => chartLabel(label))).map((label) => `"${label}"`).join(", ")}]` : `${num(plot.x.min)} --> ${num(plot.x.max)}`;
  const palette = plot.series.map((s) => s.color).join(", ");
  return [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    "xychart-beta",
    `  title ${quoted(plot.title, TITLE_LIMIT)}`,
    `  x-axis ${quoted(plot.x.title, TITLE_LIMIT)} ${x}`,
    `  y-axis ${quoted(plot.y.title, TITLE_LIMIT)} ${plot.y.min === void 0 ? "0" : num(plot.y.min)} --> ${num(plot.y.max)}`,
    ...plot.series.map((s) => `  ${s.kind} [${s.values.map(num).join(", ")}]`),
    "```"
  ].join("\n");
}
function chartNumber(value, digits) {
  const shown = Number.isFinite(value) ? Math.min(Math.max(value, -1e9), 1e9) : 0;
  const text = shown.toFixed(digits);
  return Number(text) === 0 ? 0 .toFixed(digits) : text;
}
function percentAxisTop(max) {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const step = max > 20 ? 10 : max > 5 ? 5 : 1;
  return Math.min(100, Math.max(step, Math.ceil(max / step) * step));
}

// src/report/charts.ts
var CURVE_STEPS = 20;
var RECALL_CLASSES = 20;
var EPOCH_POINTS = 100;
var SWATCHES = {
  baseline: "\u{1F7E6}",
  candidate: "\u{1F7E7}",
  reference: "\u2B1B",
  training: "\u{1F7E9}",
  validation: "\u{1F7EA}"
};
function renderEvaluationCharts(evaluation, baseline) {
  const other = baseline?.evaluation;
  const charts = evaluation.task === "binary" ? [
    ["ROC curve", rocChart(evaluation.roc, other?.roc, baseline)],
    ["Precision\u2013recall curve", prChart(evaluation, other, baseline)]
  ] : evaluation.task === "multiclass" ? [["Recall per class", recallChart(evaluation.confusionMatrix, other, baseline)]] : [
    [
      "Predicted against actual",
      predictionChart(evaluation.predictionBins, other, baseline)
    ]
  ];
  const shown = charts.filter((c) => c[1] !== null);
  if (shown.length === 0) return null;
  return shown.map(
    ([summary, chart], i) => `<details${i === 0 ? " open" : ""}><summary>${summary}</summary>

${chart}

</details>`
  ).join("\n\n");
}
function renderTrainingChart(history) {
  const end = history.findIndex((e) => !isFiniteNumber(e.loss) || e.valLoss === null);
  const epochs = sampleEvenly(end < 0 ? history : history.slice(0, end), EPOCH_POINTS);
  const first = epochs[0];
  const last = epochs.at(-1);
  if (!first || !last || epochs.length < 2) return null;
  const loss = epochs.map((e) => e.loss);
  const validation = epochs.every((e) => isFiniteNumber(e.valLoss)) ? epochs.map((e) => e.valLoss) : null;
  const axis = roundAxis(0, Math.max(...loss, ...validation ?? []));
  const series = [
    { role: "training", name: "training loss", kind: "line", values: loss },
    ...validation ? [{ role: "validation", name: "validation loss", kind: "line", values: validation }] : []
  ];
  const note = end >= 0 ? ` The loss stopped being a number at epoch ${String(history[end]?.epoch)}.` : "";
  const chart = plotWithLegend(
    {
      title: "Loss per epoch",
      x: { title: "epoch", min: first.epoch, max: last.epoch },
      y: { title: "loss", min: axis.min, max: axis.max },
      digits: axis.digits
    },
    series,
    note
  );
  return `<details><summary>Training curves</summary>

${chart}

</details>`;
}
var EVEN_STEPS = Array.from({ length: CURVE_STEPS + 1 }, (_, i) => i / CURVE_STEPS);
function rocChart(candidate, other, baseline) {
  if (!candidate || candidate.length < 2) return null;
  const curve = (roc) => EVEN_STEPS.map((fpr) => tprAt(roc, fpr));
  return plotWithLegend(
    {
      title: "ROC",
      x: { title: "false positive rate", min: 0, max: 1 },
      y: { title: "true positive rate", min: 0, max: 1 },
      digits: 3
    },
    [
      { role: "reference", name: "chance", kind: "line", values: EVEN_STEPS },
      ...baselineSeries(baseline, other && other.length >= 2 ? curve(other) : null),
      { role: "candidate", name: "candidate", kind: "line", values: curve(candidate) }
    ]
  );
}
function prChart(evaluation, other, baseline) {
  const counts = classCounts(evaluation.confusionMatrix);
  if (!counts || !evaluation.roc || evaluation.roc.length < 2) return null;
  const curve = (roc) => EVEN_STEPS.map((recall) => precisionAt(roc, recall, counts.positives, counts.negatives));
  const chance = counts.positives / (counts.positives + counts.negatives);
  return plotWithLegend(
    {
      title: "Precision by recall",
      x: { title: "recall", min: 0, max: 1 },
      y: { title: "precision", min: 0, max: 1 },
      digits: 3
    },
    [
      {
        role: "reference",
        name: "chance (the positive rate)",
        kind: "line",
        values: EVEN_STEPS.map(() => chance)
      },
      ...baselineSeries(baseline, other?.roc && other.roc.length >= 2 ? curve(other.roc) : null),
      { role: "candidate", name: "candidate", kind: "line", values: curve(evaluation.roc) }
    ]
  );
}
function tprAt(roc, fpr) {
  const after = roc.findIndex((p) => p.fpr > fpr);
  if (after < 0) return roc.at(-1)?.tpr ?? 1;
  const right = roc[after];
  const left = roc[after - 1];
  if (!left) return right.tpr;
  return left.tpr + (right.tpr - left.tpr) * (fpr - left.fpr) / (right.fpr - left.fpr);
}
function precisionAt(roc, recall, positives, negatives) {
  const tpr = Math.max(recall, 1e-9);
  const after = roc.findIndex((p) => p.tpr >= tpr);
  const right = roc[after < 0 ? roc.length - 1 : after];
  const left = roc[after - 1];
  const fpr = !left || right.tpr === left.tpr ? right.fpr : left.fpr + (right.fpr - left.fpr) * (tpr - left.tpr) / (right.tpr - left.tpr);
  const truePositives = tpr * positives;
  return truePositives / (truePositives + fpr * negatives);
}
function classCounts(cm) {
  if (!cm || cm.matrix.length !== 2) return null;
  const [negatives, positives] = cm.matrix.map(sum);
  return negatives > 0 && positives > 0 ? { negatives, positives } : null;
}
function recallChart(cm, other, baseline) {
  if (!cm) return null;
  const candidate = classRecalls(cm);
  const shown = [...candidate].sort((a, b) => b.support - a.support || a.index - b.index).slice(0, RECALL_CLASSES).sort((a, b) => a.index - b.index);
  if (shown.length === 0) return null;
  const before = other?.confusionMatrix && classRecalls(other.confusionMatrix);
  const byName = new Map(before?.map((c) => [c.name, c.recall]));
  const baselineRecalls = shown.every((c) => byName.has(c.name)) ? shown.map((c) => byName.get(c.name)) : null;
  const notes = [
    candidate.length > shown.length ? ` ${candidate.length - shown.length} classes with fewer test rows are not drawn.` : "",
    baseline && before && !baselineRecalls ? " The baseline is not drawn: it was not tested on every class drawn." : ""
  ];
  return plotWithLegend(
    {
      title: "Recall per class",
      x: { title: "class", labels: shown.map((c) => c.name) },
      y: { title: "recall", min: 0, max: 1 },
      digits: 3
    },
    [
      { role: "candidate", name: "candidate", kind: "bar", values: shown.map((c) => c.recall) },
      ...baselineSeries(baseline, baselineRecalls)
    ],
    notes.join("")
  );
}
function classRecalls(cm) {
  const named = cm.otherClasses ? cm.matrix.slice(0, -1) : cm.matrix;
  return named.flatMap((row, index) => {
    const support = sum(row);
    const name = cm.classes[index];
    if (support === 0 || name === void 0) return [];
    return [{ name, index, support, recall: (row[index] ?? 0) / support }];
  });
}
function predictionChart(bins, other, baseline) {
  if (!bins || bins.length < 2) return null;
  const before = other?.predictionBins;
  const aligned = before?.length === bins.length && before.every((b, i) => b.actual === bins[i]?.actual);
  const values = [
    ...bins.flatMap((b) => [b.actual, b.predicted]),
    ...aligned ? before.map((b) => b.predicted) : []
  ];
  const axis = roundAxis(Math.min(...values), Math.max(...values));
  return plotWithLegend(
    {
      title: "Predicted against actual",
      x: { title: "actual value (mean of each group)", labels: bins.map(actualLabel) },
      y: { title: "mean predicted value", min: axis.min, max: axis.max },
      digits: axis.digits
    },
    [
      {
        role: "reference",
        name: "actual (a perfect model)",
        kind: "line",
        values: bins.map((b) => b.actual)
      },
      ...baselineSeries(baseline, aligned ? before.map((b) => b.predicted) : null),
      { role: "candidate", name: "candidate", kind: "line", values: bins.map((b) => b.predicted) }
    ],
    ` Test rows sorted by actual value in ${bins.length} groups of ${rowsPerBin(bins)} rows.`
  );
}
function actualLabel(bin) {
  return formatNumber(bin.actual, 3);
}
function rowsPerBin(bins) {
  const sizes = bins.map((b) => b.count);
  const [low, high] = [Math.min(...sizes), Math.max(...sizes)];
  return low === high ? String(low) : `${low}\u2013${high}`;
}
function baselineSeries(baseline, values) {
  if (!baseline || !values) return [];
  return [{ role: "baseline", name: `baseline v${baseline.version}`, kind: "line", values }];
}
function plotWithLegend(plot, series, note = "") {
  const chart = renderPlot({
    ...plot,
    series: series.map((s) => ({ kind: s.kind, color: CHART_COLORS[s.role], values: s.values }))
  });
  const legend = series.map((s) => `${SWATCHES[s.role]} ${inlineText(s.name)}`).join(" \xB7 ");
  return `${chart}

${legend}.${note}`;
}
function roundAxis(low, high) {
  const span = high - low || Math.abs(high) || 1;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  const step = [0.1, 0.2, 0.5, 1].map((m) => m * magnitude).find((s) => span / s <= 10);
  const min = Math.floor(low / step) * step;
  const max = Math.max(Math.ceil(high / step) * step, min + step);
  const digits = Math.min(Math.max(2 - Math.floor(Math.log10(step)), 0), 6);
  return { min, max, digits };
}
function sampleEvenly(items, limit) {
  if (items.length <= limit) return [...items];
  return Array.from(
    { length: limit },
    (_, k) => items[Math.round(k * (items.length - 1) / (limit - 1))]
  );
}
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}
function isFiniteNumber(value) {
  return typeof value === "number" && Number.isFinite(value);
}

// src/report/collapse.ts
function collapseWarning(outcome) {
  const collapse = baselineCollapse(outcome);
  if (!collapse) return null;
  const stage = /^(.+) stage$/.exec(collapse.reason)?.[1];
  const model = stage ? `The ${inlineText(stage)} model v${inlineText(collapse.version)}` : `The baseline v${inlineText(collapse.version)} (${inlineText(collapse.reason)})`;
  return `\u26A0\uFE0F ${model} scores ${formatNumber(collapse.current, 2)} ${inlineText(collapse.metric)} on this data against ${formatNumber(collapse.recorded, 2)} when it was registered: this looks like broken or shifted data, not a better candidate. Check the data checks and drift below before trusting the comparison.`;
}

// src/report/drift.ts
var DRIFT_ROWS = 100;
var DRIFT_OPEN_ROWS = 10;
var DRIFT_CHARTS = 5;
var CHART_BARS = 20;
var SKIPPED_NAMES = 10;
var SKIPPED_REASONS = 10;
var TEST_NAMES = {
  ks: "Kolmogorov\u2013Smirnov p-value",
  chisquare: "chi-squared p-value",
  z: "z-test p-value",
  wasserstein: "normed Wasserstein distance",
  jensenshannon: "Jensen\u2013Shannon distance",
  psi: "PSI",
  linf: "L\u221E distance"
};
var DRIFTS_AT = {
  ks: "p \u2264",
  chisquare: "p <",
  z: "p <",
  wasserstein: "\u2265",
  jensenshannon: "\u2265",
  psi: "\u2265",
  linf: ">"
};
function own(record, key) {
  return typeof key === "string" && Object.hasOwn(record, key) ? record[key] : void 0;
}
function count(value) {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "?";
}
function percent(share) {
  return typeof share === "number" && Number.isFinite(share) ? `${Number((share * 100).toFixed(1))} %` : "?";
}
function excess(feature) {
  const ratio = feature.measure === "p_value" ? feature.threshold / feature.value : feature.value / feature.threshold;
  return Number.isNaN(ratio) ? 0 : ratio;
}
function orderFeatures(features) {
  const rank = (f) => f.drifted ? f.severity === "ERROR" ? 0 : 1 : 2;
  return features.map((feature, index) => ({ feature, index })).sort(
    (a, b) => rank(a.feature) - rank(b.feature) || (a.feature.drifted ? excess(b.feature) - excess(a.feature) || 0 : 0) || a.index - b.index
  ).map(({ feature }) => feature);
}
function testName(test) {
  return own(TEST_NAMES, test) ?? String(test);
}
function valueText(feature) {
  const range = feature.valueRange;
  const shown = formatNumber(feature.value);
  if (!range) return shown;
  const [low, high] = range.map((bound) => formatNumber(bound));
  return low === shown && high === shown ? shown : `${shown} (${low}\u2013${high})`;
}
function thresholdText(feature) {
  const at = own(DRIFTS_AT, feature.test);
  return at ? `${at} ${formatNumber(feature.threshold)}` : formatNumber(feature.threshold);
}
function verdictText(feature) {
  return feature.drifted ? `\u{1F534} drift (${feature.severity})` : "\u{1F7E2} no drift";
}
function driftVerdict(drift) {
  const { dataset } = drift.report;
  if (!(dataset.driftedFeatures > 0)) return null;
  const what = dataset.detected ? "Data drift" : "Features drifted";
  return `**${what}**: ${count(dataset.driftedFeatures)} of ${count(dataset.features)} features differ from the baseline; see the data drift below.`;
}
function renderDrift(drift) {
  const { report, baseline } = drift;
  const { dataset } = report;
  const lines = ["### Data drift", ""];
  lines.push(`Against ${inlineText(baseline.label)}.`);
  lines.push(
    "",
    `${count(dataset.driftedFeatures)} of ${count(dataset.features)} features drifted (${percent(dataset.share)}), dataset drift at ${percent(dataset.driftShare)}: ${dataset.detected ? "**yes** \u{1F534}" : "no"}.`
  );
  const ordered = orderFeatures(report.features);
  if (ordered.length > 0) {
    const rows = ordered.slice(0, DRIFT_ROWS).map((f) => [f.feature, testName(f.test), valueText(f), thresholdText(f), verdictText(f)]);
    const more = ordered.length - DRIFT_ROWS;
    if (more > 0) rows.push([`\u2026 ${more} more in validation.json`, "", "", "", ""]);
    const table = markdownTable(["feature", "test", "value", "threshold", "verdict"], rows);
    if (ordered.length <= DRIFT_OPEN_ROWS) {
      lines.push("", table);
    } else {
      const open = ordered.some((f) => f.drifted) ? " open" : "";
      lines.push(
        "",
        `<details${open}><summary>${ordered.length} features tested</summary>

${table}

</details>`
      );
    }
  }
  const skipped = renderSkipped(report.skipped);
  if (skipped) lines.push("", skipped);
  return lines.join("\n");
}
function renderSkipped(skipped) {
  if (skipped.length === 0) return null;
  const byReason = /* @__PURE__ */ new Map();
  for (const { feature, reason } of skipped) {
    const names = byReason.get(reason);
    if (names) names.push(feature);
    else byReason.set(reason, [feature]);
  }
  const groups = [...byReason].slice(0, SKIPPED_REASONS).map(([reason, names]) => {
    const shown = names.slice(0, SKIPPED_NAMES).map((name) => `<code>${codeText(name)}</code>`);
    const more = names.length > SKIPPED_NAMES ? ` and ${names.length - SKIPPED_NAMES} more` : "";
    return `${inlineText(reason)}: ${shown.join(", ")}${more}`;
  });
  const otherReasons = byReason.size - SKIPPED_REASONS;
  const rest = otherReasons > 0 ? `; ${otherReasons} more reasons in validation.json` : "";
  return `Not tested (${skipped.length}): ${groups.join("; ")}${rest}.`;
}
function renderDriftCharts(drift) {
  const drifted = orderFeatures(drift.report.features).filter((f) => f.drifted);
  if (drifted.length === 0) return null;
  const columns = (stats) => new Map(stats.columns.map((c) => [c.name, c]));
  const [reference, current] = [columns(drift.reference), columns(drift.current)];
  const parts = drifted.slice(0, DRIFT_CHARTS).map((feature, i) => {
    const name = `<code>${codeText(feature.feature)}</code>`;
    const series = driftChartSeries(
      feature,
      reference.get(feature.feature),
      current.get(feature.feature)
    );
    if (typeof series === "string") return `${name}: no chart (${inlineText(series)}).`;
    const summary = `${name}: ${inlineText(testName(feature.test))} ${formatNumber(feature.value)} (threshold ${inlineText(thresholdText(feature))})`;
    const chart = renderXyChart({
      title: feature.feature,
      xTitle: series.buckets,
      labels: series.labels,
      yTitle: "percent of values",
      yMax: percentAxisTop(Math.max(...series.reference, ...series.current) * 100),
      bar: series.reference.map((share) => share * 100),
      line: series.current.map((share) => share * 100)
    });
    const legend = "Blue bars: the baseline; orange line: this data (share of the non-missing values in each bar).";
    return `<details${i === 0 ? " open" : ""}><summary>${summary}</summary>

${chart}

${legend}

</details>`;
  });
  const left = drifted.length - DRIFT_CHARTS;
  if (left > 0) {
    const names = drifted.slice(DRIFT_CHARTS, DRIFT_CHARTS + SKIPPED_NAMES).map((f) => `<code>${codeText(f.feature)}</code>`);
    const more = left > SKIPPED_NAMES ? ` and ${left - SKIPPED_NAMES} more` : "";
    parts.push(
      `${left} more drifted feature${left === 1 ? " is" : "s are"} not charted: ${names.join(", ")}${more}.`
    );
  }
  return `### Drifted features: baseline against this data

${parts.join("\n\n")}`;
}
function driftChartSeries(feature, reference, current, maxBars = CHART_BARS) {
  if (!reference || !current) return "the statistics of one side are missing";
  if (reference.numeric && current.numeric) {
    const byValue = () => valueSeries(reference, current, maxBars);
    const byBucket = () => histogramSeries(reference, current, maxBars);
    const [first, second] = feature.basis === "values" ? [byValue, byBucket] : [byBucket, byValue];
    return first() ?? second() ?? "the statistics keep no buckets for this column";
  }
  if (reference.categorical && current.categorical) {
    return categorySeries(reference, current, maxBars) ?? "the column has no values";
  }
  return "the two sides were summarized differently";
}
function sum2(values) {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
function validCounts(counts) {
  return Array.isArray(counts) && counts.every((c) => Number.isFinite(c) && c >= 0);
}
function axisNumber(value, digits) {
  return formatNumber(value, digits).replace(/-/g, "\u2212");
}
function labelDigits(values) {
  const distinct = new Set(values).size;
  for (let digits = 2; digits < 8; digits++) {
    if (new Set(values.map((v) => formatNumber(v, digits))).size === distinct) return digits;
  }
  return 8;
}
function histogramSeries(reference, current, maxBars) {
  const ref = reference.numeric?.driftHistogram;
  const cur = current.numeric?.driftHistogram;
  if (!ref || !cur || !sameBuckets(ref, cur)) return null;
  const edges = ref.edges;
  const [refTotal, curTotal] = [sum2(ref.counts), sum2(cur.counts)];
  if (edges.length < 2 || refTotal === 0 || curTotal === 0) return null;
  const last = edges.length;
  const below = ref.counts[0] + cur.counts[0] > 0;
  const above = ref.counts[last] + cur.counts[last] > 0;
  const inner = ref.counts.slice(1, last);
  const groups = groupByShare(inner, Math.max(1, maxBars - Number(below) - Number(above)));
  const bounds = [...new Set(groups.flatMap(([from, to]) => [edges[from], edges[to + 1]]))];
  const digits = labelDigits(bounds);
  const at = (i) => axisNumber(edges[i], digits);
  const integers = reference.numeric?.integer === true && current.numeric?.integer === true;
  const range = (from, to) => {
    const [low, high] = [edges[from], edges[to]];
    const [first, lastValue] = [Math.ceil(low), Math.ceil(high) - 1];
    if (integers && Number.isSafeInteger(first) && Number.isSafeInteger(lastValue)) {
      if (lastValue <= first) return axisNumber(first, digits);
      return `${axisNumber(first, digits)}\u2013${axisNumber(lastValue, digits)}`;
    }
    return at(from) === at(to) ? at(from) : `${at(from)}\u2013${at(to)}`;
  };
  const bars = [];
  const counts = (from, to) => [
    sum2(ref.counts.slice(from, to + 1)),
    sum2(cur.counts.slice(from, to + 1))
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
    buckets: "value, bars of equal baseline share"
  };
}
function sameBuckets(a, b) {
  return Array.isArray(a.edges) && Array.isArray(b.edges) && a.edges.length === b.edges.length && a.edges.every((edge, i) => Number.isFinite(edge) && edge === b.edges[i]) && validCounts(a.counts) && validCounts(b.counts) && a.counts.length === a.edges.length + 1 && b.counts.length === a.counts.length;
}
function groupByShare(counts, groups) {
  if (counts.length <= groups) return counts.map((_, i) => [i, i]);
  const total = sum2(counts);
  const weight = (i) => total > 0 ? counts[i] : 1;
  const whole = total > 0 ? total : counts.length;
  const ranges = [];
  let [start, running, target] = [0, 0, 1];
  for (let i = 0; i < counts.length - 1; i++) {
    running += weight(i);
    if (target < groups && running * groups >= target * whole) {
      ranges.push([start, i]);
      start = i + 1;
      while (target < groups && running * groups >= target * whole) target++;
    }
  }
  ranges.push([start, counts.length - 1]);
  return ranges;
}
function valueSeries(reference, current, maxBars) {
  const ref = reference.numeric?.distinct;
  const cur = current.numeric?.distinct;
  if (!ref || !cur) return null;
  const tally = (entries) => {
    const counts = /* @__PURE__ */ new Map();
    for (const { value, count: count3 } of entries) {
      if (Number.isFinite(value) && Number.isFinite(count3) && count3 > 0) {
        counts.set(value, (counts.get(value) ?? 0) + count3);
      }
    }
    return counts;
  };
  const [refCounts, curCounts] = [tally(ref), tally(cur)];
  const values = [.../* @__PURE__ */ new Set([...refCounts.keys(), ...curCounts.keys()])].sort((a, b) => a - b);
  const [refTotal, curTotal] = [sum2([...refCounts.values()]), sum2([...curCounts.values()])];
  if (values.length === 0 || values.length > maxBars || refTotal === 0 || curTotal === 0) {
    return null;
  }
  const digits = Math.max(4, labelDigits(values));
  return {
    labels: values.map((value) => axisNumber(value, digits)),
    reference: values.map((value) => (refCounts.get(value) ?? 0) / refTotal),
    current: values.map((value) => (curCounts.get(value) ?? 0) / curTotal),
    buckets: "value"
  };
}
function categorySeries(reference, current, maxBars) {
  const side = (column) => {
    const top = (column.categorical?.top ?? []).filter(
      (entry) => typeof entry.value === "string" && Number.isFinite(entry.count) && entry.count > 0
    );
    const counts = /* @__PURE__ */ new Map();
    for (const { value, count: count3 } of top) counts.set(value, (counts.get(value) ?? 0) + count3);
    const valid = column.count - (column.invalid?.count ?? 0);
    const total = Math.max(Number.isFinite(valid) ? valid : 0, sum2([...counts.values()]));
    return { counts, total };
  };
  const [ref, cur] = [side(reference), side(current)];
  if (ref.total === 0 || cur.total === 0) return null;
  const share = (s, value) => (s.counts.get(value) ?? 0) / s.total;
  const values = [.../* @__PURE__ */ new Set([...ref.counts.keys(), ...cur.counts.keys()])];
  const largest = (value) => Math.max(share(ref, value), share(cur, value));
  const shown = values.sort((a, b) => largest(b) - largest(a) || compareText(a, b)).slice(0, Math.max(1, maxBars - 1)).sort(
    (a, b) => share(ref, b) - share(ref, a) || share(cur, b) - share(cur, a) || compareText(a, b)
  );
  const labels = [...shown];
  const refShares = shown.map((value) => share(ref, value));
  const curShares = shown.map((value) => share(cur, value));
  const [refOther, curOther] = [1 - sum2(refShares), 1 - sum2(curShares)];
  if (refOther > 1e-9 || curOther > 1e-9) {
    labels.push("(other values)");
    refShares.push(Math.max(0, refOther));
    curShares.push(Math.max(0, curOther));
  }
  return {
    labels,
    reference: refShares,
    current: curShares,
    buckets: "value (most frequent first)"
  };
}

// src/report/render.ts
var COMMENT_LIMIT = 65536;
var SUMMARY_LIMIT = 1024 * 1024;
var ANOMALY_ROWS = 100;
var SLICE_ROWS = 20;
function reportMarker(name) {
  return `<!-- mlops-actions report ${commentText(name)} -->`;
}
function count2(value) {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "?";
}
function renderReport(input, limit = COMMENT_LIMIT) {
  const { model } = input;
  const verdict = {
    text: `${reportMarker(input.name)}
${model ? renderVerdict(input, model) : renderDataVerdict(input)}`,
    keep: true
  };
  const modelSections = [
    { text: model && renderMetrics(model) },
    { text: model && renderGates(model.gates) },
    { text: model && renderSlices(model.evaluation.slices) },
    { text: model && renderConfusion(model.evaluation) },
    { text: model && renderEvaluationCharts(model.evaluation, chartBaseline(model)) },
    { text: model && renderCalibration(model.evaluation.calibration) },
    { text: input.training?.history ? renderTrainingChart(input.training.history) : null }
  ];
  const drift = input.validation?.drift;
  const dataSections = [
    { text: renderDataChecks(input.validation), keep: true },
    { text: drift ? renderDrift(drift) : null, keep: true },
    { text: drift ? renderDriftCharts(drift) : null }
  ];
  const dataFirst = input.validation?.passed === false || (drift?.report.dataset.driftedFeatures ?? 0) > 0;
  const sections = [
    verdict,
    ...dataFirst ? [...dataSections, ...modelSections] : [...modelSections, ...dataSections],
    { text: input.tuning ? renderLeaderboard(input.tuning) : null },
    { text: renderRun(input) }
  ];
  return fitToLimit(
    sections.filter((s) => s.text !== null),
    limit
  );
}
function renderDataVerdict(input) {
  return `## \u274C ${inlineText(input.name)}: data validation failed

No model was trained: fix the data or the schema (see the data checks below).`;
}
function renderVerdict(input, model) {
  const blessed = model.gates.blessed;
  const failed = model.gates.results.filter((r) => r.status === "fail").length;
  const dataFailed = input.validation && !input.validation.passed;
  const icon = blessed && !dataFailed ? "\u2705" : "\u274C";
  const verdict = blessed ? "BLESSED" : `NOT_BLESSED (${failed} gate${failed === 1 ? "" : "s"} failed)`;
  const lines = [`## ${icon} ${inlineText(input.name)}: ${verdict}`, ""];
  const baseline = model.baseline ? `compared with v${inlineText(model.baseline.version)} (${inlineText(model.baseline.reason)}${model.baseline.source === "tag-metadata" ? ", recorded metrics" : ""})` : "first model: no baseline to compare with";
  const positive = model.task === "binary" && model.positiveClass ? ` (positive class: ${inlineText(model.positiveClass)})` : "";
  lines.push(
    `${inlineText(model.task)} model${positive} on ${count2(model.evaluation.count)} test rows, ${baseline}.` + unscoredNote(model.unknownLabels ?? 0)
  );
  if (dataFailed) lines.push("", "**Data validation failed**: see the data checks below.");
  const drifted = input.validation?.drift && driftVerdict(input.validation.drift);
  if (drifted) lines.push("", drifted);
  if (input.version) {
    lines.push(
      "",
      `Registered as <code>${codeText(input.name)}@v${codeText(input.version)}</code>.`
    );
  }
  return lines.join("\n");
}
function unscoredNote(unknown) {
  if (unknown <= 0) return "";
  return unknown === 1 ? " 1 test row has a class unseen in training and was not scored." : ` ${count2(unknown)} test rows have a class unseen in training and were not scored.`;
}
function renderMetrics(model) {
  const { intervals, trivial } = model.evaluation;
  const rows = model.comparison.map((c) => [
    c.metric,
    formatNumber(c.current),
    ...intervals ? [formatInterval(intervals[c.metric])] : [],
    ...trivial ? [formatNumber(trivial.overall[c.metric])] : [],
    formatNumber(c.baseline),
    formatChange(c)
  ]);
  const header = [
    "metric",
    "candidate",
    ...intervals ? [`${confidenceLabel(model.evaluation)} interval`] : [],
    ...trivial ? ["trivial"] : [],
    "baseline",
    "\u0394"
  ];
  const warning = collapseWarning(model);
  const notes = [trivialNote(model), intervalNote(model), thresholdNote(model)].filter(
    (note) => note !== null
  );
  return [
    "### Metrics",
    ...warning ? [warning] : [],
    markdownTable(header, rows),
    ...notes.length > 0 ? [notes.join("\n")] : []
  ].join("\n\n");
}
function formatInterval(interval) {
  return interval ? `${formatNumber(interval.lower)} to ${formatNumber(interval.upper)}` : "\u2014";
}
function confidenceLabel(evaluation) {
  return `${formatNumber((evaluation.bootstrap?.confidence ?? 0.95) * 100)}%`;
}
function formatChange(c) {
  if (c.delta === null) return "\u2014";
  if (c.noise?.withinNoise) return `${formatDelta(c.delta)} (within noise)`;
  return `${formatDelta(c.delta)} ${c.better === null ? "" : c.better ? "\u{1F7E2}" : "\u{1F534}"}`.trim();
}
function trivialNote(model) {
  const predictor = model.evaluation.trivial?.predictor;
  if (!predictor) return null;
  if (predictor.kind === "mean") {
    return `- **trivial**: predicts the training mean, ${formatNumber(predictor.value)}, for every row.`;
  }
  return `- **trivial**: predicts the majority class, <code>${codeText(predictor.class)}</code> (${formatNumber(predictor.share * 100, 3)}% of training rows), scoring every row with the class priors.`;
}
function intervalNote(model) {
  const { bootstrap } = model.evaluation;
  if (!bootstrap) return null;
  const drawn = `- **interval**: ${confidenceLabel(model.evaluation)} percentile bootstrap over the ${count2(model.evaluation.count)} test rows (${count2(bootstrap.resamples)} resamples, seed ${count2(bootstrap.seed)}).`;
  const tests = new Set(model.comparison.flatMap((c) => c.noise ? [c.noise.test] : []));
  if (tests.size === 0) return drawn;
  const how = tests.has("paired") ? "a paired bootstrap of the difference on the same rows puts 0 outside its interval" : "the candidate's interval and the baseline's (or its recorded value) do not overlap, as the baseline could not be scored on these rows";
  return `${drawn}
- **\u0394** is marked \u{1F7E2}/\u{1F534} only beyond noise: when ${how}.`;
}
function thresholdNote(model) {
  const { threshold, thresholdTuning: tuning } = model.evaluation;
  if (model.task !== "binary" || threshold === void 0) return null;
  const positive = typeof model.positiveClass === "string" ? ` predicts <code>${codeText(model.positiveClass)}</code>` : " predicts the positive class";
  const source = tuning ? `tuned on the validation split for ${inlineText(tuning.metric)}, ${formatNumber(tuning.validation)} there` : threshold === DEFAULT_THRESHOLD ? "the default" : "set in mlops.yml";
  return `- **decision threshold**: ${formatNumber(threshold)}, ${source}; a score above it${positive}.`;
}
function renderGates(gates) {
  if (gates.results.length === 0)
    return "### Gates\n\n_No gates configured: add `gates:` to mlops.yml._";
  const icon = { pass: "\u2705", fail: "\u274C", skipped: "\u23ED\uFE0F" };
  const rows = gates.results.map((r) => [
    `${icon[r.status]} ${r.status}`,
    r.description,
    formatNumber(r.actual, GATE_DIGITS),
    r.expected ?? "\u2014",
    r.reason ?? ""
  ]);
  return `### Gates: ${inlineText(gates.verdict)}

${markdownTable(["status", "gate", "actual", "required", "note"], rows)}`;
}
function renderSlices(slices) {
  if (slices.length === 0) return null;
  const parts = slices.map((slice) => {
    const metrics = [...new Set(slice.values.flatMap((v) => Object.keys(v.metrics)))].slice(0, 6);
    const rows = slice.values.slice(0, SLICE_ROWS).map((v) => [
      v.value,
      v.small ? `${v.count} (small)` : String(v.count),
      ...metrics.map((m) => formatNumber(v.metrics[m]))
    ]);
    const total = slice.values.length + (slice.omitted?.values ?? 0);
    const more = total - Math.min(slice.values.length, SLICE_ROWS);
    if (more > 0)
      rows.push([`\u2026 ${more} more value${more === 1 ? "" : "s"}`, "", ...metrics.map(() => "")]);
    return `<details><summary>Slices by <code>${codeText(slice.column)}</code> (${total} values)</summary>

${markdownTable([slice.column, "rows", ...metrics], rows)}

</details>`;
  });
  const small = slices.some((slice) => slice.values.some((v) => v.small));
  const note = small ? "\n\n_(small): fewer test rows than `evaluation.min_slice_size`; too few to judge, so left out of slice-gap gates._" : "";
  return `### Slices

${parts.join("\n\n")}${note}`;
}
function renderConfusion(evaluation) {
  const cm = evaluation.confusionMatrix;
  if (!cm) return null;
  const rows = cm.matrix.map((row, i) => [cm.classes[i] ?? "", ...row.map(String)]);
  const other = cm.otherClasses ? ` The last row and column stand for the ${cm.otherClasses} least frequent classes.` : "";
  return `<details><summary>Confusion matrix (rows: actual, columns: predicted)</summary>

${markdownTable(["", ...cm.classes], rows)}${other ? `

${other.trim()}` : ""}

</details>`;
}
function chartBaseline(model) {
  const baseline = model.baseline;
  if (baseline?.source !== "reevaluated" || !baseline.evaluation) return null;
  return { version: baseline.version, evaluation: baseline.evaluation };
}
function renderCalibration(bins) {
  if (!bins || bins.length === 0) return null;
  const rows = bins.map((bin) => [
    `${formatNumber(bin.lower, 2)}\u2013${formatNumber(bin.upper, 2)}`,
    String(bin.count),
    formatNumber(bin.meanScore),
    formatNumber(bin.observedRate)
  ]);
  const table = markdownTable(
    ["score range", "rows", "mean predicted", "observed positive rate"],
    rows
  );
  return `<details><summary>Calibration</summary>

${table}

</details>`;
}
function renderDataChecks(validation) {
  if (!validation) return null;
  const lines = [
    `### Data checks: ${validation.passed ? "passed" : "failed"}`,
    "",
    `${count2(validation.rows)} rows read; ${count2(validation.unlabeled)} without a label dropped; schema ${inlineText(validation.schemaSource)}.`
  ];
  if (validation.rejected) {
    const { count: rejected, file } = validation.rejected;
    lines.push(
      "",
      `${count2(rejected)} rows rejected (see rejects file <code>${codeText(file)}</code>): bad records left out under <code>data.max_errors</code>.`
    );
  }
  if (validation.anomalies.length) {
    const ordered = [...validation.anomalies].sort(
      (a, b) => Number(b.severity === "ERROR") - Number(a.severity === "ERROR")
    );
    const rows = ordered.slice(0, ANOMALY_ROWS).map((a) => [
      a.severity === "ERROR" ? "\u274C ERROR" : "\u26A0\uFE0F WARNING",
      a.type,
      a.column ?? "(dataset)",
      a.description
    ]);
    const more = ordered.length - ANOMALY_ROWS;
    if (more > 0) rows.push(["", `\u2026 ${more} more in validation.json`, "", ""]);
    lines.push(
      "",
      `<details${validation.passed ? "" : " open"}><summary>${validation.anomalies.length} anomalies</summary>

${markdownTable(["severity", "anomaly", "column", "details"], rows)}

</details>`
    );
  } else {
    lines.push("", "No anomalies.");
  }
  return lines.join("\n");
}
function renderRun(input) {
  const parts = [];
  if (input.training) {
    const { rows, backend, epochs, features = [], warnings = [] } = input.training;
    parts.push(...warnings.map((warning) => `> [!WARNING]
> ${inlineText(warning)}`));
    if (features.length > 0) {
      const list = features.map(
        (f) => `<code>${codeText(f.column)}</code> (${inlineText(f.kind)})`
      );
      parts.push(
        `<details><summary>${features.length} feature${features.length === 1 ? "" : "s"} used</summary>

${list.join(", ")}

</details>`
      );
    }
    parts.push(
      `<sub>Trained on ${count2(rows.train)} rows (validation ${count2(rows.validation)}, test ${count2(rows.test)}) for ${count2(epochs)} epochs on the ${inlineText(backend)} backend by mlops-actions.${renderLinks(input.links)}</sub>`
    );
  } else if (input.links) {
    const links = renderLinks(input.links);
    if (links) parts.push(`<sub>${links.trim()}</sub>`);
  }
  return parts.length > 0 ? parts.join("\n\n") : null;
}
function renderLinks(links) {
  if (!links) return "";
  const items = [];
  const commit = links.commit?.slice(0, 7);
  if (commit)
    items.push(links.commitUrl ? `commit [${commit}](${links.commitUrl})` : `commit ${commit}`);
  if (links.runUrl) items.push(`[workflow run](${links.runUrl})`);
  if (links.release) items.push(`[${linkText(links.release.label)}](${links.release.url})`);
  return items.length > 0 ? ` Evaluated ${items.join(" \xB7 ")}.` : "";
}
function fitToLimit(sections, limit) {
  const full = `${sections.map((s) => s.text).join("\n\n")}
`;
  if (full.length <= limit) return full;
  const kept = [...sections];
  const join = () => kept.map((s) => s.text).join("\n\n");
  const note = (what = `${sections.length - kept.length} section(s) left out`) => `

> \u26A0\uFE0F Report cut to fit GitHub's ${limit}-character comment limit: ${what}. The full report is in report.md of the run's outputs.
`;
  for (let i = kept.length - 1; i >= 0 && join().length + note().length > limit; i--) {
    if (!kept[i]?.keep) kept.splice(i, 1);
  }
  const text = join();
  if (text.length + note().length <= limit) return text + note();
  const cutNote = note(`${sections.length - kept.length} section(s) left out, the rest cut short`);
  return cutAtLine(text, limit - cutNote.length) + cutNote;
}
var CLOSE_DETAILS = "\n\n</details>";
function cutAtLine(text, room) {
  const head = text.slice(0, Math.max(room - CLOSE_DETAILS.length, 0));
  const cut = head.slice(0, Math.max(head.lastIndexOf("\n"), 0));
  const open = cut.split("<details").length - cut.split("</details>").length;
  return open > 0 ? cut + CLOSE_DETAILS : cut;
}
function fitSummary(markdown, limit = SUMMARY_LIMIT) {
  const utf8 = new TextEncoder();
  const bytes = utf8.encode(markdown);
  if (bytes.length <= limit) return markdown;
  const note = `

> \u26A0\uFE0F Job summary cut to fit GitHub's ${limit}-byte limit. The full report is in report.md of the run's outputs.
`;
  const room = limit - utf8.encode(note).length;
  const head = new TextDecoder().decode(bytes.subarray(0, Math.max(room, 0)), { stream: true });
  return cutAtLine(head, head.length) + note;
}

export {
  TEST_NAMES,
  renderDrift,
  COMMENT_LIMIT,
  reportMarker,
  renderReport,
  renderGates,
  cutAtLine,
  fitSummary
};
