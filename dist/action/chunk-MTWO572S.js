import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  isKnownMetric,
  metricDirection,
  metricNames
} from "./chunk-A4DXW22P.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/evaluate/collapse.ts
var HEADLINE_METRICS = {
  binary: ["auc", "accuracy"],
  multiclass: ["accuracy", "macro_f1"],
  regression: ["r2", "rmse"]
};
var COLLAPSE_DROP = 0.1;
var COLLAPSE_RISE = 0.5;
var COLLAPSE_MIN_ROWS = 30;
var COLLAPSE_ERRORS = 3;
var UNIT_SCORES = /* @__PURE__ */ new Set(["auc", "accuracy", "macro_f1"]);
function baselineCollapse(outcome) {
  const baseline = outcome.baseline;
  if (!baseline || baseline.source !== "reevaluated") return null;
  const now = baseline.evaluation?.overall;
  const recorded = baseline.recorded;
  if (!now || !recorded) return null;
  const rows = baseline.evaluation?.count || outcome.evaluation.count;
  if (!(rows >= COLLAPSE_MIN_ROWS)) return null;
  const candidates = HEADLINE_METRICS[outcome.evaluation.task] ?? [];
  const metric = candidates.find(
    (name) => Number.isFinite(now[name]) && Number.isFinite(recorded[name])
  );
  if (metric === void 0) return null;
  const direction = metricDirection(metric);
  if (direction === null) return null;
  const [current, before] = [now[metric], recorded[metric]];
  const collapsed = direction === "higher" ? before - current >= requiredDrop(metric, before, rows) : before > 0 && current - before >= COLLAPSE_RISE * before;
  if (!collapsed) return null;
  return {
    version: baseline.version,
    reason: baseline.reason,
    metric,
    direction,
    current,
    recorded: before,
    rows
  };
}
function requiredDrop(metric, recorded, rows) {
  if (!UNIT_SCORES.has(metric)) return COLLAPSE_DROP;
  const p = Math.min(1, Math.max(0, recorded));
  return Math.max(COLLAPSE_DROP, COLLAPSE_ERRORS * Math.sqrt(p * (1 - p) / rows));
}

// src/evaluate/gates.ts
var DEFAULT_MIN_SLICE_SIZE = 30;
var TOLERANCE = 1e-9;
var GATE_DIGITS = 6;
var changeSchema = external_exports.strictObject({
  absolute: external_exports.number().optional(),
  relative: external_exports.number().optional()
}).refine((change) => change.absolute !== void 0 || change.relative !== void 0, {
  message: "change needs absolute and/or relative (e.g. { absolute: -0.005 })"
});
var sliceGapSchema = external_exports.strictObject({
  by: external_exports.string().min(1, "slice_gap.by names the slice column, e.g. sex"),
  max: external_exports.number().nonnegative("slice_gap.max is the largest allowed gap, 0 or more"),
  min_count: external_exports.number().int().positive().optional()
});
var gateSchema = external_exports.strictObject({
  metric: external_exports.string().min(1, "metric names the metric to check, e.g. auc"),
  lower_bound: external_exports.number().optional(),
  upper_bound: external_exports.number().optional(),
  change: changeSchema.optional(),
  /** Overrides the metric's own direction for `change`; needed for positive_rate. */
  direction: external_exports.enum(["higher", "lower"]).optional(),
  slice_gap: sliceGapSchema.optional(),
  /** The model must beat the trivial baseline beyond noise on this metric. */
  beat_trivial: external_exports.literal(true, "beat_trivial is true, or left out").optional()
}).superRefine((gate, ctx) => {
  const criteria = [
    gate.lower_bound,
    gate.upper_bound,
    gate.change,
    gate.slice_gap,
    gate.beat_trivial
  ];
  if (criteria.every((criterion) => criterion === void 0)) {
    ctx.addIssue({
      code: "custom",
      path: ["metric"],
      message: `the gate on ${gate.metric} checks nothing: add lower_bound, upper_bound, change or slice_gap (or beat_trivial)`
    });
  }
  if (gate.lower_bound !== void 0 && gate.upper_bound !== void 0 && gate.lower_bound > gate.upper_bound) {
    ctx.addIssue({
      code: "custom",
      path: ["lower_bound"],
      message: `lower_bound ${gate.lower_bound} is above upper_bound ${gate.upper_bound}`
    });
  }
  if (gate.direction !== void 0 && gate.change === void 0) {
    ctx.addIssue({
      code: "custom",
      path: ["direction"],
      message: "direction only applies to a change criterion; remove it or add change"
    });
  }
});
var GATE_CRITERIA = ["bounds", "change", "slice_gap", "beat_trivial"];
function defaultGates(setting, gates, current) {
  if (setting === false) return [];
  const headline = HEADLINE_METRICS[current.task];
  const metric = typeof setting === "object" ? setting.metric : headline.find((name) => current.overall[name] !== void 0) ?? headline[0];
  const given = gates.some((gate) => gate.beat_trivial && gate.metric === metric);
  return given ? [] : [{ metric, beat_trivial: true }];
}
function evaluateGates(gates, current, baseline, options = {}) {
  const results = gates.flatMap((gate) => checkGate(gate, current, baseline ?? null, options));
  const blessed = results.every((result) => result.status !== "fail");
  return { blessed, verdict: blessed ? "BLESSED" : "NOT_BLESSED", results };
}
function compareToBaseline(current, baseline, paired) {
  const comparable = baseline?.task === current.task ? baseline : null;
  return Object.entries(current.overall).map(([metric, value]) => {
    const base = comparable?.overall[metric];
    if (!comparable || base === void 0) {
      return {
        metric,
        current: value,
        baseline: null,
        delta: null,
        relativeDelta: null,
        better: null
      };
    }
    const delta = value - base;
    const direction = metricDirection(metric);
    const noise = judgeNoise(metric, current, comparable, paired);
    return {
      metric,
      current: value,
      baseline: base,
      delta,
      relativeDelta: base === 0 ? null : delta / Math.abs(base),
      better: direction === null || Math.abs(delta) <= TOLERANCE ? null : direction === "higher" === delta > 0,
      ...noise ? { noise } : {}
    };
  });
}
function judgeNoise(metric, current, baseline, paired) {
  const difference = paired?.[metric];
  if (difference) {
    return { test: "paired", withinNoise: contains(difference, 0), difference };
  }
  const mine = current.intervals?.[metric];
  if (!mine) return void 0;
  const value = baseline.overall[metric];
  const theirs = baseline.intervals?.[metric] ?? { lower: value, upper: value };
  return {
    test: "overlap",
    withinNoise: mine.lower <= theirs.upper + TOLERANCE && theirs.lower <= mine.upper + TOLERANCE
  };
}
function contains(interval, value) {
  return interval.lower <= value + TOLERANCE && value <= interval.upper + TOLERANCE;
}
function checkGate(gate, current, baseline, options) {
  const results = [];
  if (gate.lower_bound !== void 0 || gate.upper_bound !== void 0) {
    results.push(checkBounds(gate, current));
  }
  if (gate.change) results.push(checkChange(gate, gate.change, current, baseline));
  if (gate.slice_gap) {
    results.push(checkSliceGap(gate, gate.slice_gap, current, options.minSliceSize));
  }
  if (gate.beat_trivial) results.push(checkBeatTrivial(gate, current));
  return results;
}
function checkBounds(gate, current) {
  const { metric, lower_bound: lower, upper_bound: upper } = gate;
  const expected = lower !== void 0 && upper !== void 0 ? `between ${lower} and ${upper}` : lower !== void 0 ? `\u2265 ${lower}` : `\u2264 ${upper}`;
  const description = lower !== void 0 && upper !== void 0 ? `${lower} \u2264 ${metric} \u2264 ${upper}` : `${metric} ${expected}`;
  const base = { gate, criterion: "bounds", description, expected };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: "fail", reason: missing };
  const actual = current.overall[metric];
  const pass = (lower === void 0 || actual >= lower - TOLERANCE) && (upper === void 0 || actual <= upper + TOLERANCE);
  return { ...base, status: pass ? "pass" : "fail", actual };
}
function checkChange(gate, change, current, baseline) {
  const { metric } = gate;
  const direction = gate.direction ?? metricDirection(metric);
  const base = {
    gate,
    criterion: "change",
    description: describeChange(metric, change, direction ?? "higher")
  };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: "fail", reason: missing };
  if (direction === null) {
    return {
      ...base,
      status: "fail",
      reason: `${metric} has no better direction; set direction: higher or lower on the gate`
    };
  }
  if (!baseline) return { ...base, status: "skipped", reason: "no baseline model yet" };
  if (baseline.task !== current.task) {
    return { ...base, status: "skipped", reason: `the baseline is a ${baseline.task} model` };
  }
  const baselineValue = baseline.overall[metric];
  if (baselineValue === void 0) {
    return { ...base, status: "skipped", reason: `the baseline has no ${metric} value` };
  }
  const actual = current.overall[metric];
  const relativeShift = change.relative === void 0 ? void 0 : change.relative * Math.abs(baselineValue);
  const allowed = [change.absolute, relativeShift].filter((shift) => shift !== void 0).map((shift) => baselineValue + shift);
  const bound = direction === "higher" ? Math.max(...allowed) : Math.min(...allowed);
  const pass = direction === "higher" ? actual >= bound - TOLERANCE : actual <= bound + TOLERANCE;
  return {
    ...base,
    status: pass ? "pass" : "fail",
    actual,
    baseline: baselineValue,
    expected: `${direction === "higher" ? "\u2265" : "\u2264"} ${formatValue(bound)}`,
    reason: `${formatSigned(actual - baselineValue)} from baseline ${formatValue(baselineValue)}`
  };
}
function checkSliceGap(gate, gap, current, minSliceSize = DEFAULT_MIN_SLICE_SIZE) {
  const { metric } = gate;
  const minCount = gap.min_count ?? minSliceSize;
  const base = {
    gate,
    criterion: "slice_gap",
    description: `${metric} gap across ${gap.by} \u2264 ${gap.max}`,
    expected: `\u2264 ${gap.max}`
  };
  if (!isKnownMetric(metric, current.task)) {
    return { ...base, status: "fail", reason: unknownMetricReason(metric, current) };
  }
  const column = current.slices.find((slice) => slice.column === gap.by);
  if (!column) {
    return {
      ...base,
      status: "fail",
      reason: `no slices by ${gap.by} were evaluated; add ${gap.by} to data.slices`
    };
  }
  const measured = column.values.flatMap(({ value, count, metrics }) => {
    const score = metrics[metric];
    return count >= minCount && score !== void 0 ? [{ value, score }] : [];
  });
  const leftOut = column.values.length - measured.length;
  const omitted = column.omitted?.values ?? 0;
  const leftOutNote = [
    leftOut ? `; ${leftOut} value(s) left out (under ${minCount} examples or no ${metric})` : "",
    omitted ? `; ${omitted} value(s) with the fewest examples not evaluated` : ""
  ].join("");
  if (measured.length < 2) {
    return {
      ...base,
      status: "skipped",
      reason: `fewer than 2 values of ${gap.by} to compare${leftOutNote}`
    };
  }
  const sorted = measured.sort((a, b) => a.score - b.score);
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const actual = highest.score - lowest.score;
  return {
    ...base,
    status: actual <= gap.max + TOLERANCE ? "pass" : "fail",
    actual,
    reason: `${metric} ranges from ${formatValue(lowest.score)} (${lowest.value}) to ${formatValue(highest.score)} (${highest.value})${leftOutNote}`
  };
}
function checkBeatTrivial(gate, current) {
  const { metric } = gate;
  const base = {
    gate,
    criterion: "beat_trivial",
    description: `${metric} beats the trivial baseline beyond noise`,
    expected: "> 0"
  };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: "fail", reason: missing };
  const direction = metricDirection(metric);
  if (direction === null) {
    return { ...base, status: "fail", reason: `${metric} has no better direction to beat` };
  }
  const trivial = current.trivial;
  if (!trivial) {
    return { ...base, status: "skipped", reason: "this evaluation has no trivial baseline" };
  }
  const trivialValue = trivial.overall[metric];
  if (trivialValue === void 0) {
    return {
      ...base,
      status: "fail",
      reason: `the trivial baseline has no ${metric} on this data (as precision when it predicts no positive); pick another metric`
    };
  }
  const difference = trivial.difference[metric];
  if (!difference) {
    return {
      ...base,
      status: "fail",
      baseline: trivialValue,
      reason: `${metric} is undefined in too many bootstrap resamples to tell the model from the trivial baseline; add test rows or pick another metric`
    };
  }
  const gain = direction === "higher" ? difference : { lower: -difference.upper, upper: -difference.lower };
  const level = current.bootstrap ? `${formatValue(current.bootstrap.confidence * 100)}% ` : "";
  return {
    ...base,
    status: gain.lower > TOLERANCE ? "pass" : "fail",
    actual: gain.lower,
    baseline: trivialValue,
    reason: `${metric} ${formatValue(current.overall[metric])} vs ${formatValue(trivialValue)} for the trivial baseline; ${level}interval of the gain ${formatSigned(gain.lower)} to ${formatSigned(gain.upper)} (paired bootstrap)`
  };
}
function missingMetric(metric, current) {
  if (!isKnownMetric(metric, current.task)) return unknownMetricReason(metric, current);
  if (current.overall[metric] === void 0) {
    return `${metric} is undefined on this evaluation data (for example, only one class occurs)`;
  }
  return void 0;
}
function unknownMetricReason(metric, current) {
  return `${metric} is not a ${current.task} metric; use one of ${metricNames(current.task).join(", ")}`;
}
function describeChange(metric, change, direction) {
  const parts = [];
  if (change.absolute !== void 0) parts.push(`baseline ${formatShift(change.absolute)}`);
  if (change.relative !== void 0) {
    parts.push(`baseline ${formatShift(change.relative * 100)}%`);
  }
  const op = direction === "higher" ? "\u2265" : "\u2264";
  return `${metric} ${op} ${parts.join(` and ${op} `)}`;
}
function formatShift(shift) {
  return `${shift < 0 ? "\u2212" : "+"} ${formatValue(Math.abs(shift))}`;
}
function formatSigned(value) {
  return `${value < 0 ? "\u2212" : "+"}${formatValue(Math.abs(value))}`;
}
function formatValue(value) {
  return formatNumber(value, GATE_DIGITS);
}

export {
  baselineCollapse,
  DEFAULT_MIN_SLICE_SIZE,
  GATE_DIGITS,
  gateSchema,
  GATE_CRITERIA,
  defaultGates,
  evaluateGates,
  compareToBaseline
};
