import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  SERVING_LOGS_DIR,
  feedbackRecordSchema,
  predictionRecordSchema,
  rawRowReader
} from "./chunk-UR326N5E.js";
import {
  bundleFileReader,
  driftEdges,
  driftOptions
} from "./chunk-PXEXV67Y.js";
import {
  OUTPUT_STATISTICS_FORMAT,
  outputStatisticsSchema,
  servedOutput
} from "./chunk-ZQ2UZRNV.js";
import {
  withFetchedBundle
} from "./chunk-VWJNTXGM.js";
import "./chunk-YEB6Y2FP.js";
import "./chunk-YQZQDQHW.js";
import "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import {
  TableAccumulator,
  readJsonlRecords
} from "./chunk-4Y3A6PT4.js";
import {
  parseNumber
} from "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import {
  bundlePin,
  findModel,
  replayTags
} from "./chunk-YR2GBVOP.js";
import {
  modelName
} from "./chunk-XYKEPJ3A.js";
import {
  STEP_OUTPUTS,
  checkStatistics,
  checkStepOutput,
  describeDuration,
  monitorSettings,
  monitorWindow,
  parseDuration,
  writeJson
} from "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import {
  TEST_NAMES,
  renderDrift,
  renderGates
} from "./chunk-DNKOUKO6.js";
import "./chunk-QAX5UHBS.js";
import {
  codeText,
  inlineText,
  markdownTable
} from "./chunk-WEDFPIX2.js";
import {
  evaluateGates
} from "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import {
  DEFAULT_THRESHOLD,
  computeMetrics
} from "./chunk-A4DXW22P.js";
import "./chunk-H7KIXIMF.js";
import {
  require_semver
} from "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import {
  BUNDLE_FILES,
  OPTIONAL_BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  DRIFT_TESTS,
  detectDrift
} from "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import {
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  compareText,
  errorMessage,
  firstLine,
  formatNumber
} from "./chunk-NM5J5SUB.js";
import {
  ChecksumMismatch,
  DataError,
  MlopsError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/steps/monitor.ts
var import_semver = __toESM(require_semver(), 1);
import path from "node:path";

// src/monitor/decide.ts
var TRIGGER_NAMES = {
  drift: "drift",
  prediction_drift: "prediction drift",
  label_drift: "label drift",
  decay: "decay",
  new_data: "new data",
  schedule: "schedule",
  no_logs: "no logs"
};
var NAMES_SHOWN = 3;
function decideRetrain(input) {
  const { settings } = input;
  const reasons = [];
  const add = (trigger, text) => reasons.push({ trigger, text });
  if (input.noLogs !== null && settings.no_logs === "retrain") {
    add("no_logs", `${input.noLogs} (monitor.no_logs: retrain)`);
  }
  for (const version of input.versions) {
    const drift = version.drift;
    if (settings.drift && drift && drift.errors > 0) {
      add("drift", `${version.tag}: ${driftText(drift)}`);
    }
    const outputs = version.predictionDrift;
    if (settings.prediction_drift.retrain && fired(outputs)) {
      add("prediction_drift", `${version.tag}: ${columnDriftText(outputs)}`);
    }
    const labels = version.labelDrift;
    if (settings.label_drift.retrain && fired(labels)) {
      add("label_drift", `${version.tag}: ${columnDriftText(labels)}`);
    }
    const failed = version.gates?.results.filter((result) => result.status === "fail") ?? [];
    if (settings.decay && failed.length > 0) {
      add(
        "decay",
        `${version.tag} on ${version.labelled} labelled predictions: ${failed.map(gateText).join(", ")}`
      );
    }
  }
  const labelled = input.versions.reduce((sum, version) => sum + version.labelled, 0);
  if (settings.new_data !== void 0 && labelled >= settings.new_data) {
    add(
      "new_data",
      `${labelled} labelled predictions in the window (monitor.new_data ${settings.new_data})`
    );
  }
  const stale = staleness(input);
  if (stale) add("schedule", stale);
  return {
    retrain: reasons.length > 0,
    reasons,
    reason: reasons.length > 0 ? reasons.map((r) => `${TRIGGER_NAMES[r.trigger]}: ${r.text}`).join("; ") : `no retrain: ${quiet(input)}`
  };
}
function driftText(drift) {
  const names = drift.features.filter((feature) => feature.drifted && feature.severity === "ERROR").map((feature) => `"${feature.feature.slice(0, 60)}"`);
  const shown = names.slice(0, NAMES_SHOWN).join(", ");
  const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : "";
  const which = names.length > 0 ? ` (${shown}${more})` : "";
  return `${drift.drifted} of ${drift.tested} features drifted${which}${drift.detected ? ", dataset drift" : ""}`;
}
function fired(drift) {
  return drift?.status === "tested" && drift.drifted && drift.severity === "ERROR";
}
function columnDriftText(drift) {
  return `"${drift.column.slice(0, 60)}" drifted from ${drift.reference} (${drift.test} ${formatNumber(drift.value)}, threshold ${formatNumber(drift.threshold)}, ${drift.count} values)`;
}
function gateText(result) {
  return `${result.description} failed (live ${formatNumber(result.actual)}${result.expected ? `, required ${result.expected}` : ""})`;
}
function staleness({ settings, latest, now }) {
  const maxAge = settings.max_age === void 0 ? null : parseDuration(settings.max_age);
  if (maxAge === null) return null;
  if (!latest) return `no version is registered yet (monitor.max_age ${settings.max_age})`;
  const age = now.getTime() - new Date(latest.registeredAt).getTime();
  if (!(age > maxAge)) return null;
  return `v${latest.version} was registered ${describeDuration(age)} ago, more than monitor.max_age ${settings.max_age}`;
}
function quiet(input) {
  if (input.noLogs !== null) return input.noLogs;
  const { versions, settings } = input;
  const drift = !settings.drift ? "drift not a trigger (monitor.drift: false)" : versions.some((v) => v.drift) ? "no input drift of severity ERROR" : "inputs not tested for drift";
  const gates = !settings.decay ? "decay not a trigger (monitor.decay: false)" : versions.some((v) => v.gates) ? "no gate failed on live metrics" : "live metrics not judged";
  const outputs = columnQuiet(
    "prediction",
    settings.prediction_drift.retrain,
    versions.map((v) => v.predictionDrift)
  );
  const labels = columnQuiet(
    "label",
    settings.label_drift.retrain,
    versions.map((v) => v.labelDrift)
  );
  return `${input.predictions} predictions, ${drift}, ${outputs}, ${labels}, ${gates}`;
}
function columnQuiet(what, retrain, drifts) {
  if (!retrain) return `${what} drift not a trigger (monitor.${what}_drift.retrain: false)`;
  if (drifts.some((d) => d?.status === "tested")) return `no ${what} drift of severity ERROR`;
  const noReference = drifts.some((d) => d?.status === "no_reference");
  return noReference ? `no ${what} reference to test against` : `${what}s not tested for drift`;
}

// src/monitor/format.ts
var MONITOR_FORMAT = "mlops-actions/monitor/v1";
var count = external_exports.number().int().min(0);
var severity = external_exports.enum(["WARNING", "ERROR"]);
var gateResult = external_exports.object({
  description: external_exports.string(),
  status: external_exports.enum(["pass", "fail", "skipped"]),
  actual: external_exports.number().optional(),
  expected: external_exports.string().optional(),
  reason: external_exports.string().optional()
});
var featureDrift = external_exports.object({
  feature: external_exports.string(),
  test: external_exports.enum(DRIFT_TESTS),
  value: external_exports.number(),
  threshold: external_exports.number(),
  drifted: external_exports.boolean(),
  severity
});
var columnDrift = external_exports.discriminatedUnion("status", [
  external_exports.object({
    status: external_exports.literal("tested"),
    /** The column tested: `score`, `predicted class`, `predicted value`, or the label's name. */
    column: external_exports.string(),
    /** What the values were tested against, for people. */
    reference: external_exports.string(),
    /** Values tested. */
    count,
    test: external_exports.enum(DRIFT_TESTS),
    value: external_exports.number(),
    threshold: external_exports.number(),
    drifted: external_exports.boolean(),
    severity
  }),
  /** The bundle holds nothing to compare with: trained before it was recorded, for one. */
  external_exports.object({ status: external_exports.literal("no_reference"), reason: external_exports.string() }),
  /** Too few values (monitor.min_inputs, monitor.min_labels), or none the test could use. */
  external_exports.object({ status: external_exports.literal("not_tested"), reason: external_exports.string() })
]);
var versionReport = external_exports.object({
  version: external_exports.string(),
  /** NAME@vX.Y.Z. */
  tag: external_exports.string(),
  /** False for a version the registry does not have: it is counted, not tested. */
  registered: external_exports.boolean(),
  predictions: count,
  /** Predictions whose label came back and could be scored. */
  labelled: count,
  /** Predictions no label came back for. */
  unlabelled: count,
  /**
   * Predictions whose label came back but could not be scored: no class of the model (or no
   * number), or the version's bundle was not available.
   */
  unscored: count,
  /** computeMetrics on the labelled predictions; null without any. */
  metrics: external_exports.record(external_exports.string(), external_exports.number()).nullable(),
  /** The gates on `metrics`; null when too few labels (monitor.min_labels) or none. */
  gates: external_exports.object({ verdict: external_exports.enum(["BLESSED", "NOT_BLESSED"]), results: external_exports.array(gateResult) }).nullable(),
  /** Drift of the inputs from the training statistics; null when not tested (see `notes`). */
  drift: external_exports.object({
    baseline: external_exports.string(),
    tested: count,
    drifted: count,
    /** Drift anomalies of severity ERROR: each fails validation, and calls for retraining. */
    errors: count,
    share: external_exports.number(),
    detected: external_exports.boolean(),
    skipped: count,
    features: external_exports.array(featureDrift)
  }).nullable(),
  /** Drift of the served outputs; null for a version without a readable bundle. */
  predictionDrift: columnDrift.nullable(),
  /** Drift of the labels sent back; null for a version without a readable bundle. */
  labelDrift: columnDrift.nullable(),
  /** Why something above is missing, for people. */
  notes: external_exports.array(external_exports.string())
});
var RETRAIN_TRIGGERS = [
  "drift",
  "prediction_drift",
  "label_drift",
  "decay",
  "new_data",
  "schedule",
  "no_logs"
];
var badLine = external_exports.object({ file: external_exports.string(), line: count, problem: external_exports.string() });
var monitorSchema = external_exports.object({
  format: external_exports.literal(MONITOR_FORMAT),
  model: external_exports.string(),
  logDir: external_exports.string(),
  window: external_exports.object({ since: external_exports.string(), start: external_exports.iso.datetime(), end: external_exports.iso.datetime() }),
  logs: external_exports.object({
    files: external_exports.array(
      external_exports.object({
        name: external_exports.string(),
        kind: external_exports.enum(["predictions", "feedback"]),
        records: count,
        bad: count
      })
    ),
    badLines: count,
    /** The first bad lines, with their file and line. */
    firstBad: external_exports.array(badLine)
  }),
  predictions: external_exports.object({
    /** Valid prediction records read. */
    read: count,
    inWindow: count,
    /** Before the window's start. */
    earlier: count,
    /** Of other models than this one. */
    otherModels: count,
    /** Of versions past the most a run tallies (a forged log could name millions). */
    otherVersions: count
  }),
  feedback: external_exports.object({
    /** Valid feedback records read. */
    read: count,
    /** Feedback records joined to a prediction in the window. */
    joined: count
  }),
  versions: external_exports.array(versionReport),
  /** The latest registered version, for the schedule; null when none (or no registry). */
  latest: external_exports.object({ version: external_exports.string(), registeredAt: external_exports.string() }).nullable(),
  decision: external_exports.object({
    retrain: external_exports.boolean(),
    reasons: external_exports.array(external_exports.object({ trigger: external_exports.enum(RETRAIN_TRIGGERS), text: external_exports.string() })),
    /** The reasons in one line (the `reason` output), or why nothing called for retraining. */
    reason: external_exports.string()
  })
});

// src/monitor/logs.ts
var LOG_NAME = /^(predictions|feedback)(?:\.([1-9]\d{0,5}))?\.jsonl$/;
function logFiles(names) {
  return names.flatMap((name) => {
    const match = LOG_NAME.exec(name);
    if (!match) return [];
    return [{ name, kind: match[1], rotation: Number(match[2] ?? 0) }];
  }).sort((a, b) => b.rotation - a.rotation);
}
async function* readLogRecords(chunks, file, schema, onBad) {
  let last = 0;
  const lines = readJsonlRecords(chunks, {
    source: file,
    // The JSON error would quote the line; the line number is what a reader needs.
    onBadLine: (line) => onBad({ file, line, problem: "not a JSON object on one line" })
  });
  try {
    for await (const { line, record } of lines) {
      last = line;
      const parsed = schema.safeParse(record);
      if (parsed.success) yield parsed.data;
      else onBad({ file, line, problem: issueText(parsed.error) });
    }
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    onBad({
      file,
      line: last + 1,
      problem: `the rest of the file was not read: ${withoutPlace(firstLine(errorMessage(error)))}`
    });
  }
}
function withoutPlace(message) {
  return message.replace(/^[\w.-]+:\d+: /, "");
}
function issueText(error) {
  const issue = error.issues[0];
  if (!issue) return "not a record of this log";
  const where = issue.path.map((key) => excerpt(String(key), 40)).join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}

// src/monitor/render.ts
var REASON_LIMIT = 1e3;
function renderMonitorReport(report, drifts) {
  const sections = [
    renderDecision(report),
    renderLogs(report),
    renderVersionTable(report.versions),
    ...report.versions.map((version) => renderVersion(version, drifts.get(version.version))),
    renderBadLines(report)
  ];
  return `${sections.filter((section) => section !== null).join("\n\n")}
`;
}
function renderDecision({ model, decision }) {
  const head = decision.retrain ? `## \u{1F534} ${inlineText(model)}: retrain` : `## \u{1F7E2} ${inlineText(model)}: no retrain`;
  if (decision.reasons.length === 0) {
    return `${head}

${inlineText(decision.reason, REASON_LIMIT)}.`;
  }
  const reasons = decision.reasons.map(
    (reason) => `- **${inlineText(reason.trigger.replace("_", " "))}**: ${inlineText(reason.text, REASON_LIMIT)}`
  );
  return `${head}

${reasons.join("\n")}`;
}
function renderLogs({ window, logDir, predictions, feedback, logs }) {
  const others = [
    predictions.earlier > 0 ? `${predictions.earlier} earlier` : "",
    predictions.otherModels > 0 ? `${predictions.otherModels} of other models` : "",
    predictions.otherVersions > 0 ? `${predictions.otherVersions} of versions not tallied` : ""
  ].filter(Boolean);
  return `Logs in <code>${codeText(logDir)}</code> (${plural(logs.files.length, "file")}), from ${inlineText(window.start)} to ${inlineText(window.end)} (since ${inlineText(window.since)}): ${predictions.inWindow} predictions${others.length > 0 ? ` (left out: ${others.join(", ")})` : ""}, ${feedback.joined} of ${feedback.read} feedback labels joined to them${logs.badLines > 0 ? `; ${plural(logs.badLines, "bad log line")} left out (below)` : ""}.`;
}
function renderVersionTable(versions) {
  if (versions.length === 0) return null;
  const rows = versions.map((v) => [
    v.tag,
    String(v.predictions),
    String(v.labelled),
    String(v.unlabelled),
    driftCell(v),
    columnDriftCell(v.predictionDrift),
    columnDriftCell(v.labelDrift),
    gatesCell(v)
  ]);
  return markdownTable(
    [
      "version",
      "predictions",
      "labelled",
      "unlabelled",
      "input drift",
      "prediction drift",
      "label drift",
      "live gates"
    ],
    rows
  );
}
function driftCell({ drift }) {
  if (!drift) return "not tested";
  const verdict = drift.errors > 0 ? "\u{1F534}" : drift.drifted > 0 ? "\u{1F7E1}" : "\u{1F7E2}";
  return `${verdict} ${drift.drifted} of ${drift.tested} features`;
}
function columnDriftCell(drift) {
  const verdict = drift?.status === "tested" ? columnVerdict(drift) : "";
  return `${verdict}${describeColumnDrift(drift)}`;
}
function columnVerdict(drift) {
  if (!drift.drifted) return "\u{1F7E2} ";
  return drift.severity === "ERROR" ? "\u{1F534} " : "\u{1F7E1} ";
}
function describeColumnDrift(drift) {
  if (!drift) return "not tested";
  switch (drift.status) {
    case "tested":
      return drift.drifted ? `drift (${drift.test} ${formatNumber(drift.value)}${drift.severity === "ERROR" ? "" : ", WARNING"})` : "no drift";
    case "no_reference":
      return "no reference";
    case "not_tested":
      return "not tested";
  }
}
function renderColumnDrifts(version) {
  const parts = [
    { what: "outputs", drift: version.predictionDrift },
    { what: "labels sent back", drift: version.labelDrift }
  ];
  const rows = parts.flatMap(
    ({ what, drift }) => drift?.status === "tested" ? [
      [
        `${what}: ${drift.column}`,
        `${columnVerdict(drift)}${describeColumnDrift(drift)}`,
        String(drift.count),
        TEST_NAMES[drift.test],
        formatNumber(drift.value),
        formatNumber(drift.threshold),
        drift.reference
      ]
    ] : []
  );
  const untested = parts.flatMap(
    ({ what, drift }) => drift && drift.status !== "tested" ? [`- ${what}: ${describeColumnDrift(drift)}: ${inlineText(drift.reason, REASON_LIMIT)}`] : []
  );
  if (rows.length === 0 && untested.length === 0) return null;
  const table = rows.length > 0 ? [
    markdownTable(
      ["what", "verdict", "values", "test", "value", "threshold", "against"],
      rows
    )
  ] : [];
  return ["#### Prediction and label drift", ...table, untested.join("\n")].filter(Boolean).join("\n\n");
}
function gatesCell({ gates }) {
  if (!gates) return "not judged";
  if (gates.results.length === 0) return "no gates";
  const failed = gates.results.filter((r) => r.status === "fail").length;
  return failed > 0 ? `\u274C ${failed} failed` : "\u2705 passed";
}
function renderVersion(version, drift) {
  const lines = [`### ${inlineText(version.tag)}`];
  if (version.metrics) {
    const metrics = Object.entries(version.metrics).map(
      ([name, value]) => `${inlineText(name)} ${formatNumber(value)}`
    );
    lines.push(
      "",
      `Live metrics on ${version.labelled} labelled predictions: ${metrics.join(", ")}.`
    );
  } else {
    lines.push("", "No live metrics: no label came back for a prediction of this version.");
  }
  const gates = version.gates && renderGates(version.gates);
  if (gates) lines.push("", below(gates));
  if (drift) lines.push("", below(renderDrift(drift)));
  const columns = renderColumnDrifts(version);
  if (columns) lines.push("", columns);
  if (version.notes.length > 0) {
    lines.push("", ...version.notes.map((note) => `- ${inlineText(note, REASON_LIMIT)}`));
  }
  return lines.join("\n");
}
function renderBadLines({ logs }) {
  if (logs.badLines === 0) return null;
  const rows = logs.firstBad.map((bad) => [bad.file, String(bad.line), bad.problem]);
  const more = logs.badLines - logs.firstBad.length;
  const table = markdownTable(["file", "line", "problem"], rows);
  return `### Log lines left out: ${logs.badLines}

<details><summary>The first ${logs.firstBad.length}${more > 0 ? ` (${more} more in monitor.json counts)` : ""}</summary>

${table}

</details>`;
}
function plural(count2, noun) {
  return `${count2} ${noun}${count2 === 1 ? "" : "s"}`;
}
function below(section) {
  return section.replace(/^### /, "#### ");
}

// src/monitor/scan.ts
var BAD_LINES_KEPT = 20;
var MAX_VERSIONS = 50;
async function scanLogs(request) {
  const { files, open, model, window } = request;
  const logs = { files: [], badLines: 0, firstBad: [] };
  const onBad = (bad) => {
    logs.badLines++;
    if (logs.firstBad.length < BAD_LINES_KEPT) logs.firstBad.push(bad);
  };
  const labels = /* @__PURE__ */ new Map();
  const feedback = { read: 0, joined: 0 };
  for (const file of files.filter((f) => f.kind === "feedback")) {
    const before = logs.badLines;
    let records = 0;
    for await (const record of readLogRecords(open(file), file.name, feedbackRecordSchema, onBad)) {
      labels.set(record.id, record.label);
      records++;
    }
    feedback.read += records;
    logs.files.push({ name: file.name, kind: "feedback", records, bad: logs.badLines - before });
  }
  const predictions = { read: 0, inWindow: 0, earlier: 0, otherModels: 0, otherVersions: 0 };
  const tallies = /* @__PURE__ */ new Map();
  const start = window.start.getTime();
  for (const file of files.filter((f) => f.kind === "predictions")) {
    const before = logs.badLines;
    let records = 0;
    const read = readLogRecords(open(file), file.name, predictionRecordSchema, onBad);
    for await (const record of read) {
      records++;
      if (record.model !== model) predictions.otherModels++;
      else if (Date.parse(record.time) < start) predictions.earlier++;
      else {
        let tally = tallies.get(record.version);
        if (!tally && tallies.size < MAX_VERSIONS) {
          tally = await request.tallyFor(record.version);
          tallies.set(record.version, tally);
        }
        if (!tally) {
          predictions.otherVersions++;
          continue;
        }
        predictions.inWindow++;
        const label = labelOf(labels, record);
        if (label !== void 0) feedback.joined++;
        tally.add(record, label);
      }
    }
    predictions.read += records;
    logs.files.push({ name: file.name, kind: "predictions", records, bad: logs.badLines - before });
  }
  return { logs, predictions, feedback, tallies };
}
function labelOf(labels, record) {
  const own = labels.get(record.id);
  if (own !== void 0 || record.id !== `${record.requestId}/0`) return own;
  return labels.get(record.requestId);
}

// src/monitor/drift-stream.ts
var BATCH_ROWS = 1e3;
var DriftStream = class {
  constructor(reference, columns) {
    this.reference = reference;
    this.columns = columns;
    this.accumulator = new TableAccumulator(referenceKinds(reference.statistics, columns), {
      driftEdges: reference.driftEdges
    });
  }
  reference;
  columns;
  /** Rows added. */
  count = 0;
  accumulator;
  batch = [];
  /** Adds one row, its values aligned to the columns. */
  add(row) {
    this.count++;
    this.batch.push(row);
    if (this.batch.length >= BATCH_ROWS) this.flush();
  }
  /** The drift of the rows added from the reference, with `options` for the tests. */
  test(options) {
    this.flush();
    const current = this.accumulator.finish();
    const { statistics, label } = this.reference;
    return {
      baseline: { source: "registry", label },
      report: detectDrift(statistics, current, { ...options, columns: this.columns }),
      reference: statistics,
      current
    };
  }
  flush() {
    if (this.batch.length === 0) return;
    const start = this.count - this.batch.length;
    this.accumulator.add({
      columns: [...this.columns],
      rows: this.batch,
      lines: this.batch.map((_, i) => start + i + 1)
    });
    this.batch = [];
  }
};
function referenceKinds(statistics, columns) {
  const wanted = new Set(columns);
  const kinds = /* @__PURE__ */ Object.create(null);
  for (const column of statistics.columns) {
    if (wanted.has(column.name) && column.kind !== "empty") kinds[column.name] = column.kind;
  }
  return kinds;
}

// src/monitor/live-metrics.ts
var LabelledPredictions = class {
  constructor(reading) {
    this.reading = reading;
    this.index = reading.task === "regression" ? null : new Map(reading.classes.map((c, i) => [c, i]));
  }
  reading;
  labels = [];
  scores = [];
  rows = [];
  index;
  get count() {
    return this.labels.length;
  }
  /**
   * Adds one prediction with its true label; false when they cannot be scored together: a label
   * that is no class of the model (or no number, for regression), or an output of another task
   * or out of range.
   */
  add(output, label) {
    const { reading } = this;
    if (reading.task === "regression") {
      const value = parseNumber(label);
      if (output.task !== "regression" || value === null || !Number.isFinite(value)) return false;
      this.labels.push(value);
      this.scores.push(output.value);
      return true;
    }
    const actual = this.index?.get(String(label));
    if (actual === void 0) return false;
    if (reading.task === "binary") {
      if (output.task !== "binary" || !isProbability(output.score)) return false;
      this.scores.push(output.score);
    } else {
      if (output.task !== "multiclass") return false;
      const row = reading.classes.map(
        (c) => Object.hasOwn(output.probabilities, c) ? output.probabilities[c] : 0
      );
      if (!row.every(isProbability)) return false;
      this.rows.push(row);
    }
    this.labels.push(actual);
    return true;
  }
  /** The predictions as computeMetrics takes them; null when there are none. */
  predictions() {
    if (this.count === 0) return null;
    const { reading, labels } = this;
    switch (reading.task) {
      case "binary":
        return { task: "binary", labels, scores: this.scores, classes: [...reading.classes] };
      case "multiclass":
        return {
          task: "multiclass",
          labels,
          probabilities: this.rows,
          classes: [...reading.classes]
        };
      case "regression":
        return { task: "regression", labels, values: this.scores };
    }
  }
  /** computeMetrics of the labelled predictions (at the version's decision threshold); null when none. */
  metrics() {
    const predictions = this.predictions();
    if (!predictions) return null;
    const threshold = this.reading.task === "binary" ? this.reading.threshold : void 0;
    return computeMetrics(predictions, threshold === void 0 ? {} : { threshold });
  }
};
function isProbability(value) {
  return value >= 0 && value <= 1;
}
function liveGates(gates) {
  return gates.flatMap((gate) => {
    const { metric, lower_bound, upper_bound, change, direction } = gate;
    if (lower_bound === void 0 && upper_bound === void 0 && change === void 0) return [];
    return [
      {
        metric,
        ...lower_bound === void 0 ? {} : { lower_bound },
        ...upper_bound === void 0 ? {} : { upper_bound },
        ...change === void 0 ? {} : { change },
        ...direction === void 0 ? {} : { direction }
      }
    ];
  });
}
function checkLiveGates(gates, live, recorded) {
  const current = {
    task: live.task,
    count: live.count,
    overall: live.metrics,
    slices: []
  };
  const baseline = recorded && {
    task: recorded.task,
    count: 0,
    overall: recorded.metrics,
    slices: []
  };
  return evaluateGates(liveGates(gates), current, baseline);
}

// src/monitor/version-tally.ts
var VersionTally = class {
  /** `served` is null for a version without a readable bundle; `notes` says why. */
  constructor(id, served, notes = []) {
    this.id = id;
    this.served = served;
    this.notes = notes;
    this.labelled = served && new LabelledPredictions(served.labels);
    this.readRow = served && rawRowReader(served.features, served.reading);
    this.inputs = served && new DriftStream(served.training, served.features);
    this.outputs = served && outputStream(served);
    this.labels = served && labelStream(served);
  }
  id;
  served;
  notes;
  predictions = 0;
  unlabelled = 0;
  unscored = 0;
  labelled;
  readRow;
  inputs;
  outputs;
  labels;
  /** Counts one prediction of the window, with its true label when feedback sent one. */
  add(record, label) {
    this.predictions++;
    if (this.readRow) this.inputs?.add(this.readRow(record.inputs));
    if (this.served && this.outputs && "stream" in this.outputs) {
      this.outputs.stream.add([servedOutput(this.served.labels.task, record.output)]);
    }
    if (label === void 0) {
      this.unlabelled++;
      return;
    }
    if (this.labels && "stream" in this.labels) this.labels.stream.add([label]);
    if (!this.labelled?.add(record.output, label)) this.unscored++;
  }
  /** The version's report, and its input drift as the report's drift section takes it. */
  finish(settings) {
    const { served } = this;
    const notes = [...this.notes];
    const labelled = this.labelled?.count ?? 0;
    const metrics = this.labelled?.metrics() ?? null;
    let gates = null;
    if (served && metrics) {
      if (labelled >= settings.minLabels) {
        const report2 = checkLiveGates(
          settings.gates,
          { task: served.labels.task, count: labelled, metrics },
          served.recorded
        );
        gates = {
          verdict: report2.verdict,
          results: report2.results.map(
            ({ gate: _gate, criterion: _criterion, ...result }) => result
          )
        };
      } else {
        notes.push(
          `${labelled} labelled predictions, fewer than monitor.min_labels (${settings.minLabels}): the live metrics are not held to the gates`
        );
      }
    }
    if (this.unscored > 0 && served) {
      notes.push(
        `${this.unscored} labels could not be scored: no class of the model, no number, or an output out of range`
      );
    }
    const drift = this.inputs && this.predictions >= settings.minInputs ? this.inputs.test(settings.drift) : null;
    if (served && !drift) {
      notes.push(
        `${this.predictions} predictions, fewer than monitor.min_inputs (${settings.minInputs}): the inputs are not tested for drift`
      );
    }
    const report = {
      version: this.id.version,
      tag: this.id.tag,
      registered: served !== null,
      predictions: this.predictions,
      labelled,
      unlabelled: this.unlabelled,
      unscored: this.unscored,
      metrics,
      gates,
      drift: drift && summarizeDrift(drift),
      predictionDrift: this.outputs && testColumn(this.outputs, settings.predictionDrift, {
        minimum: settings.minInputs,
        counted: "predictions",
        setting: "monitor.min_inputs"
      }),
      labelDrift: this.labels && testColumn(this.labels, settings.labelDrift, {
        minimum: settings.minLabels,
        counted: "labels sent back",
        setting: "monitor.min_labels"
      }),
      notes
    };
    return { report, drift };
  }
};
function outputStream(served) {
  const { outputs } = served;
  if ("reason" in outputs) return outputs;
  return { stream: new DriftStream(outputs.reference, [outputs.column]), column: outputs.column };
}
function labelStream(served) {
  const { training, label, tag } = served;
  if (!training.statistics.columns.some((column) => column.name === label)) {
    return { reason: `the training statistics of ${tag} have no label column` };
  }
  return { stream: new DriftStream(training, [label]), column: label };
}
function testColumn(column, options, least) {
  if ("reason" in column) return { status: "no_reference", reason: column.reason };
  const { stream } = column;
  if (stream.count < least.minimum) {
    return {
      status: "not_tested",
      reason: `${stream.count} ${least.counted}, fewer than ${least.setting} (${least.minimum})`
    };
  }
  const { report, baseline } = stream.test(options);
  const [result] = report.features;
  if (!result) {
    return { status: "not_tested", reason: report.skipped[0]?.reason ?? "no value to test" };
  }
  const { test, value, threshold, drifted, severity: severity2 } = result;
  return {
    status: "tested",
    column: column.column,
    reference: baseline.label,
    count: result.currentCount,
    test,
    value,
    threshold,
    drifted,
    severity: severity2
  };
}
function summarizeDrift({ baseline, report }) {
  const { dataset } = report;
  return {
    baseline: baseline.label,
    tested: dataset.features,
    drifted: dataset.driftedFeatures,
    errors: report.anomalies.filter((anomaly) => anomaly.severity === "ERROR").length,
    share: dataset.share,
    detected: dataset.detected,
    skipped: report.skipped.length,
    features: report.features.map(({ feature, test, value, threshold, drifted, severity: severity2 }) => ({
      feature,
      test,
      value,
      threshold,
      drifted,
      severity: severity2
    }))
  };
}

// src/steps/monitor.ts
function monitorPaths(out) {
  return { json: path.join(out, "monitor.json"), markdown: path.join(out, "monitor.md") };
}
async function runMonitor(ctx, request = {}) {
  const { config, deps } = ctx;
  const settings = monitorSettings(config);
  const name = modelName(config);
  const window = monitorWindow(request.since ?? settings.window, deps.now());
  const logDir = request.logDir ?? path.join(ctx.out, SERVING_LOGS_DIR);
  const files = await listLogs(ctx, logDir);
  const registry = await readRegistry(ctx, name);
  const scan = await deps.log.group(
    `Reading the serving logs in ${logDir}`,
    () => scanLogs({
      files,
      open: (file) => deps.fs.stream(path.join(logDir, file.name)),
      model: name,
      window,
      tallyFor: (version) => tallyFor(ctx, name, registry, version)
    })
  );
  const tallySettings = {
    gates: config.gates,
    drift: driftOptions(config),
    predictionDrift: columnDriftOptions(settings.prediction_drift),
    labelDrift: columnDriftOptions(settings.label_drift),
    minInputs: settings.min_inputs,
    minLabels: settings.min_labels
  };
  const finished = [...scan.tallies.values()].map((tally) => tally.finish(tallySettings));
  finished.sort((a, b) => newestFirst(a.report.version, b.report.version));
  const versions = finished.map((f) => f.report);
  const noLogs = noLogsText(files, scan.predictions.inWindow, { logDir, name, window });
  if (noLogs !== null && settings.no_logs === "fail") {
    throw new UsageError(`${noLogs} (monitor.no_logs: fail).`);
  }
  const latest = latestVersion(registry);
  const monitor = {
    format: MONITOR_FORMAT,
    model: name,
    logDir,
    window: {
      since: window.since,
      start: window.start.toISOString(),
      end: window.end.toISOString()
    },
    logs: scan.logs,
    predictions: scan.predictions,
    feedback: scan.feedback,
    versions,
    latest,
    decision: decideRetrain({
      settings,
      versions,
      predictions: scan.predictions.inWindow,
      latest,
      now: window.end,
      noLogs
    })
  };
  const drifts = new Map(finished.flatMap((f) => f.drift ? [[f.report.version, f.drift]] : []));
  const markdown = renderMonitorReport(monitor, drifts);
  const paths = monitorPaths(ctx.out);
  await writeJson(ctx, paths.json, monitor);
  await deps.fs.write(paths.markdown, markdown);
  logOutcome(ctx, monitor, noLogs);
  return { monitor, file: paths.json, report: { path: paths.markdown, markdown } };
}
function columnDriftOptions({
  test,
  threshold
}) {
  return threshold === void 0 ? { test } : { test, threshold };
}
async function listLogs(ctx, logDir) {
  const { fs } = ctx.deps;
  if (!await fs.exists(logDir)) return [];
  if (!await fs.isFolder(logDir)) {
    throw new UsageError(
      `--log-dir ${logDir}: this is a file; give the folder holding predictions.jsonl and feedback.jsonl.`
    );
  }
  return logFiles(await fs.list(logDir));
}
function noLogsText(files, inWindow, where) {
  if (inWindow > 0) return null;
  if (!files.some((file) => file.kind === "predictions")) {
    return `no prediction log (predictions.jsonl) in ${where.logDir}: point --log-dir at the folder \`mlops serve --log-dir\` writes, or download it from where the model is served`;
  }
  return `no prediction of ${where.name} in ${where.logDir} since ${where.window.start.toISOString()}`;
}
async function readRegistry(ctx, name) {
  try {
    return findModel(replayTags(await ctx.deps.tags.list()), name) ?? null;
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    ctx.deps.log.warn(
      `no registry to read the served versions from (${firstLine(errorMessage(error))}): predictions are counted, not tested`
    );
    return null;
  }
}
async function tallyFor(ctx, name, registry, version) {
  const entry = import_semver.default.valid(version) ? registry?.versions.find((v) => v.version === version) : void 0;
  const id = { version, tag: `${name}@v${version.slice(0, 60)}` };
  if (!entry) {
    return new VersionTally(id, null, [
      `not a registered version of ${name}: its predictions are counted, not tested`
    ]);
  }
  try {
    const served = await withFetchedBundle(
      ctx,
      { name, version, pin: bundlePin(entry) },
      (dir) => readServedVersion(ctx, dir, entry)
    );
    return new VersionTally({ version, tag: entry.tag }, served);
  } catch (error) {
    if (error instanceof ChecksumMismatch || !(error instanceof MlopsError)) throw error;
    const why = firstLine(errorMessage(error));
    ctx.deps.log.warn(
      `could not read the bundle of ${entry.tag} (${why}): its predictions are counted, not tested`
    );
    return new VersionTally({ version, tag: entry.tag }, null, [
      `its bundle could not be read: ${why}`
    ]);
  }
}
var servedPreprocessing = external_exports.object({
  input: external_exports.object({ naValues: external_exports.array(external_exports.string()), decimal: external_exports.enum([".", ","]) }).optional(),
  label: external_exports.discriminatedUnion("task", [
    external_exports.object({ task: external_exports.literal("binary"), classes: external_exports.tuple([external_exports.string(), external_exports.string()]) }),
    external_exports.object({ task: external_exports.literal("multiclass"), classes: external_exports.array(external_exports.string()).min(2) }),
    external_exports.object({ task: external_exports.literal("regression") })
  ])
});
async function readServedVersion(ctx, dir, entry) {
  const remedy = `Publish the bundle of ${entry.tag} again (\`mlops registry doctor --fix\`).`;
  const read = bundleFileReader(ctx, dir, remedy);
  const statistics = await read(BUNDLE_FILES.statistics);
  const training = await read(BUNDLE_FILES.training);
  const info = checkStepOutput(training.json, training.file, STEP_OUTPUTS.training, remedy);
  const spec = await read(BUNDLE_FILES.preprocessing);
  const parsed = servedPreprocessing.safeParse(spec.json);
  if (!parsed.success) {
    throw new DataError(
      `${spec.file}: not a preprocessing spec this mlops-actions reads. ${remedy}`
    );
  }
  const { label, input } = parsed.data;
  const labels = label.task === "binary" ? { ...label, threshold: info.threshold?.value ?? DEFAULT_THRESHOLD } : label;
  const trained = checkStatistics(statistics.json, statistics.file, remedy);
  return {
    tag: entry.tag,
    labels,
    features: [...new Set(info.features.map((feature) => feature.column))],
    label: info.label,
    reading: input ?? { naValues: ctx.config.data.na_values, decimal: "." },
    training: {
      statistics: trained,
      driftEdges: driftEdges(trained),
      label: `the training statistics of ${entry.tag}`
    },
    outputs: await readOutputReference(ctx, dir, { tag: entry.tag, task: label.task }, remedy),
    recorded: entry.metadata ? { task: entry.metadata.task, metrics: entry.metadata.metrics } : null
  };
}
async function readOutputReference(ctx, dir, version, remedy) {
  const name = OPTIONAL_BUNDLE_FILES.outputStatistics;
  if (!await ctx.deps.fs.exists(path.join(dir, name))) {
    return {
      reason: `the bundle of ${version.tag} has no ${name} (trained by an older mlops-actions or without a validation split): no reference for its outputs; train it again to test them`
    };
  }
  const file = await bundleFileReader(ctx, dir, remedy)(name);
  const read = checkStepOutput(
    file.json,
    file.file,
    { id: OUTPUT_STATISTICS_FORMAT, schema: outputStatisticsSchema },
    remedy
  );
  if (read.task !== version.task) {
    return {
      reason: `${name} holds the outputs of a ${read.task} model, not a ${version.task} one`
    };
  }
  const statistics = checkStatistics(read.statistics, file.file, remedy);
  return {
    column: read.column,
    reference: {
      statistics,
      driftEdges: driftEdges(statistics),
      label: `the validation outputs of ${version.tag}`
    }
  };
}
function latestVersion(registry) {
  const entry = registry?.versions.find((v) => v.version === registry.latest);
  if (!entry) return null;
  return { version: entry.version, registeredAt: entry.metadata?.createdAt ?? entry.createdAt };
}
function newestFirst(a, b) {
  const [va, vb] = [import_semver.default.valid(a), import_semver.default.valid(b)];
  if (va && vb) return import_semver.default.rcompare(va, vb);
  if (va || vb) return va ? -1 : 1;
  return compareText(a, b);
}
function logOutcome(ctx, monitor, noLogs) {
  const { log } = ctx.deps;
  const { predictions, feedback, logs, decision } = monitor;
  for (const file of logs.files) {
    log.info(
      `${file.name}: ${file.records} records${file.bad > 0 ? `, ${file.bad} bad lines` : ""}`
    );
  }
  if (noLogs !== null) log.warn(`nothing to monitor: ${noLogs}`);
  log.info(
    `${predictions.inWindow} predictions of ${monitor.model} since ${monitor.window.start}, ${feedback.joined} with a label`
  );
  if (logs.badLines > 0) {
    const first = logs.firstBad[0];
    const where = first ? `; the first: ${first.file}:${first.line}: ${first.problem}` : "";
    log.warn(`${logs.badLines} log lines left out as bad records${where}`);
  }
  for (const version of monitor.versions) {
    const drift = version.drift ? `${version.drift.drifted} of ${version.drift.tested} features drifted` : "no drift test";
    const gates = version.gates ? `live gates ${version.gates.verdict}` : "live gates not judged";
    const outputs = `prediction drift: ${describeColumnDrift(version.predictionDrift)}`;
    const labels = `label drift: ${describeColumnDrift(version.labelDrift)}`;
    log.info(
      `${version.tag}: ${version.predictions} predictions, ${version.labelled} labelled; ${drift}; ${outputs}; ${labels}; ${gates}`
    );
  }
  log.info(`retrain=${decision.retrain}: ${decision.reason}`);
}
export {
  monitorPaths,
  runMonitor
};
