import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  codeText,
  commentText,
  formatDelta,
  inlineText,
  linkText,
  markdownTable
} from "./chunk-WEDFPIX2.js";
import {
  GATE_DIGITS
} from "./chunk-TR5YPSUC.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/report/render.ts
var COMMENT_LIMIT = 65536;
var SUMMARY_LIMIT = 1024 * 1024;
var ANOMALY_ROWS = 100;
var SLICE_ROWS = 20;
function reportMarker(name) {
  return `<!-- mlops-actions report ${commentText(name)} -->`;
}
function count(value) {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "?";
}
function renderReport(input, limit = COMMENT_LIMIT) {
  const { model } = input;
  const sections = [
    {
      text: `${reportMarker(input.name)}
${model ? renderVerdict(input, model) : renderDataVerdict(input)}`,
      keep: true
    },
    { text: model && renderMetrics(model) },
    { text: model && renderGates(model.gates) },
    { text: model && renderSlices(model.evaluation.slices) },
    { text: model && renderConfusion(model.evaluation) },
    { text: model && renderRoc(model.evaluation.roc) },
    { text: model && renderCalibration(model.evaluation.calibration) },
    { text: renderDataChecks(input.validation), keep: true },
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
    `${inlineText(model.task)} model${positive} on ${count(model.evaluation.count)} test rows, ${baseline}.` + unscoredNote(model.unknownLabels ?? 0)
  );
  if (dataFailed) lines.push("", "**Data validation failed**: see the data checks below.");
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
  return unknown === 1 ? " 1 test row has a class unseen in training and was not scored." : ` ${count(unknown)} test rows have a class unseen in training and were not scored.`;
}
function renderMetrics(model) {
  const rows = model.comparison.map((c) => [
    c.metric,
    formatNumber(c.current),
    formatNumber(c.baseline),
    c.delta === null ? "\u2014" : `${formatDelta(c.delta)} ${c.better === null ? "" : c.better ? "\u{1F7E2}" : "\u{1F534}"}`.trim()
  ]);
  return `### Metrics

${markdownTable(["metric", "candidate", "baseline", "\u0394"], rows)}`;
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
    const rows = slice.values.slice(0, SLICE_ROWS).map((v) => [v.value, String(v.count), ...metrics.map((m) => formatNumber(v.metrics[m]))]);
    const total = slice.values.length + (slice.omitted?.values ?? 0);
    const more = total - Math.min(slice.values.length, SLICE_ROWS);
    if (more > 0)
      rows.push([`\u2026 ${more} more value${more === 1 ? "" : "s"}`, "", ...metrics.map(() => "")]);
    return `<details><summary>Slices by <code>${codeText(slice.column)}</code> (${total} values)</summary>

${markdownTable([slice.column, "rows", ...metrics], rows)}

</details>`;
  });
  return `### Slices

${parts.join("\n\n")}`;
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
var ROC_STEPS = Array.from({ length: 11 }, (_, i) => i / 10);
function renderRoc(roc) {
  if (!roc || roc.length < 2) return null;
  const tpr = ROC_STEPS.map((fpr) => tprAt(roc, fpr).toFixed(3)).join(", ");
  return [
    "<details><summary>ROC curve</summary>",
    "",
    "```mermaid",
    "xychart-beta",
    '  title "ROC (true positive rate by false positive rate)"',
    `  x-axis "false positive rate" [${ROC_STEPS.map((x) => x.toFixed(1)).join(", ")}]`,
    '  y-axis "true positive rate" 0 --> 1',
    `  line [${tpr}]`,
    "```",
    "",
    "</details>"
  ].join("\n");
}
function tprAt(roc, fpr) {
  const after = roc.findIndex((p) => p.fpr > fpr);
  if (after < 0) return roc.at(-1)?.tpr ?? 1;
  const right = roc[after];
  const left = roc[after - 1];
  if (!left) return right.tpr;
  return left.tpr + (right.tpr - left.tpr) * (fpr - left.fpr) / (right.fpr - left.fpr);
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
    `${count(validation.rows)} rows read; ${count(validation.unlabeled)} without a label dropped; schema ${inlineText(validation.schemaSource)}.`
  ];
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
    const { rows, backend, epochs, features = [] } = input.training;
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
      `<sub>Trained on ${count(rows.train)} rows (validation ${count(rows.validation)}, test ${count(rows.test)}) for ${count(epochs)} epochs on the ${inlineText(backend)} backend by mlops-actions.${renderLinks(input.links)}</sub>`
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
  COMMENT_LIMIT,
  reportMarker,
  renderReport,
  cutAtLine,
  fitSummary
};
