import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  chooseBaseline,
  withFetchedBundle
} from "./chunk-VWJNTXGM.js";
import {
  resolveModelRef
} from "./chunk-YEB6Y2FP.js";
import {
  readCommittedSchema,
  scanDataset
} from "./chunk-62WKEDIO.js";
import {
  formatSchema,
  inferSchema,
  schemaChecks,
  schemaKinds
} from "./chunk-XQRPJJDI.js";
import {
  decimalCommaToPoint,
  kindParser
} from "./chunk-HLR62EQG.js";
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
  VALIDATION_FORMAT,
  checkStatistics,
  checkStepOutput,
  outputPaths,
  resolveInput,
  writeJson
} from "./chunk-C2BMDOFT.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";
import {
  DISTINCT_LIMIT,
  detectDrift
} from "./chunk-DB6VBX4O.js";
import {
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  ChecksumMismatch,
  MlopsError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/data/anomalies.ts
var DEFAULT_MIN_EXAMPLES = 10;
var ERROR_SHARE = 0.01;
var PRESENCE_SIGMAS = 3;
var EXAMPLES_SHOWN = 5;
var UPDATE_SCHEMA = "update the schema with `mlops validate --update-schema`";
var SET_DECIMAL_COMMA = 'set data.decimal: "," in mlops.yml';
function detectAnomalies(stats, schema, options = {}) {
  const minExamples = options.minExamples ?? DEFAULT_MIN_EXAMPLES;
  const anomalies = [];
  if (stats.rows < minExamples) {
    anomalies.push({
      column: null,
      type: "DATASET_LOW_NUM_EXAMPLES",
      severity: "ERROR",
      description: `The data has ${stats.rows} rows, fewer than the ${minExamples} required. Check that the whole file was read and that upstream filtering did not drop rows.`
    });
  }
  const columns = new Map(stats.columns.map((column) => [column.name, column]));
  const ignored = new Set(options.ignore ?? []);
  for (const feature of schema.features) {
    const column = columns.get(feature.name);
    const isLabel = feature.name === schema.label;
    if (column) anomalies.push(...featureAnomalies(feature, column, stats.rows, isLabel));
    else anomalies.push(missingColumn(feature, isLabel, ignored.has(feature.name)));
  }
  const known = new Set(schema.features.map((feature) => feature.name));
  for (const column of stats.columns) {
    if (known.has(column.name)) continue;
    anomalies.push({
      column: column.name,
      type: "SCHEMA_NEW_COLUMN",
      severity: "WARNING",
      description: `Column ${quoted(column.name)} (${column.kind}) is in the data but not in the schema, so it is not validated. If it is expected, ${UPDATE_SCHEMA}.`
    });
  }
  return anomalies;
}
function missingColumn(feature, isLabel, ignored) {
  const name = quoted(feature.name);
  if (ignored && !isLabel) {
    return {
      column: feature.name,
      type: "SCHEMA_MISSING_COLUMN",
      severity: "WARNING",
      description: `Column ${name} is missing from the data; it is in data.ignore, so the model does not use it. Remove it from the schema if it was dropped on purpose.`
    };
  }
  const why = isLabel ? "it is the label" : "the model uses it as a feature";
  return {
    column: feature.name,
    type: "SCHEMA_MISSING_COLUMN",
    severity: "ERROR",
    description: `Column ${name} is missing from the data and ${why}. Restore the column; if it was dropped on purpose, remove it from the schema (${UPDATE_SCHEMA}) so the model is trained without it, or list it in data.ignore.`
  };
}
function featureAnomalies(feature, column, rows, isLabel) {
  const anomalies = [];
  const anomaly = (type, severity, description) => anomalies.push({ column: feature.name, type, severity, description });
  const name = quoted(feature.name);
  if (rows > 0 && column.count / rows < feature.minPresence) {
    anomalies.push(lowPresence(feature, column.count, rows));
  }
  if (column.count === 0) return anomalies;
  if (!kindsCompatible(feature.kind, column.kind)) {
    const examples = (column.categorical?.top ?? []).map((entry) => entry.value).filter((value) => kindParser(feature.kind)?.(value) === null).slice(0, EXAMPLES_SHOWN);
    anomaly(
      "UNEXPECTED_DATA_TYPE",
      feature.kind === "empty" ? "WARNING" : "ERROR",
      `${name} is ${feature.kind} in the schema but its values read as ${column.kind}${examples.length > 0 ? ` (e.g. ${quoteAll(examples)})` : ""}. Fix the values, or ${UPDATE_SCHEMA} if the column changed on purpose.`
    );
    return anomalies;
  }
  const invalid = column.invalid;
  const invalidText = invalid ? describeInvalid(invalid, column.count, feature.kind) : "";
  const fixValues = `Fix the values at the source, or ${UPDATE_SCHEMA} if the column changed on purpose.`;
  const fixCells = `Fix those cells at the source, list their text in data.na_values if it means "missing", or set the column's kind to "categorical" in the schema if it holds text.`;
  const numeric = column.numeric;
  switch (feature.kind) {
    case "numeric": {
      if (feature.integer) {
        const fractional = numeric && !numeric.integer ? "some values have a fractional part" : "";
        const found = [invalidText, fractional].filter(Boolean).join("; ");
        if (found) {
          anomaly(
            "INT_TYPE_NOT_INT_STRING",
            "ERROR",
            `${name} must hold integers: ${found}. ${invalidText ? fixCells : fixValues}`
          );
        }
      } else if (invalid) {
        anomaly(
          "FLOAT_TYPE_STRING_NOT_FLOAT",
          "ERROR",
          `${name} must hold numbers: ${invalidText}. ${fixCells}`
        );
      }
      if (numeric && numeric.nonFinite > 0) {
        anomaly(
          "FLOAT_TYPE_HAS_INF",
          "ERROR",
          `${name} has ${numeric.nonFinite} infinite values, which break scaling and training. Replace them at the source with a finite value or leave the cell empty (missing).`
        );
      }
      if (numeric) anomalies.push(...rangeAnomalies(feature, column, numeric));
      break;
    }
    case "boolean":
      if (invalid) {
        anomaly(
          "BOOL_TYPE_UNEXPECTED_STRING",
          "ERROR",
          `${name} must hold true/false, yes/no, t/f, y/n or 1/0: ${invalidText}. ${fixValues}`
        );
      }
      break;
    case "date":
      if (invalid) {
        anomaly(
          "DATE_TYPE_STRING_NOT_DATE",
          "ERROR",
          `${name} must hold ISO 8601 dates (2024-01-31, 2024-01-31T10:00:00Z) or YYYY/MM/DD: ${invalidText}. ${fixValues}`
        );
      }
      break;
    case "categorical":
    case "text":
    case "empty":
      break;
  }
  const unexpected = feature.values ? unexpectedValues(feature, column, isLabel) : null;
  if (unexpected) anomalies.push(unexpected);
  if (column.decimalComma) anomalies.push(decimalCommaNumbers(feature));
  return anomalies;
}
function describeInvalid(invalid, count, kind) {
  const noun = kind === "numeric" ? "numbers" : `${kind}s`;
  const lines = invalid.lines?.length ? ` (first on lines ${invalid.lines.join(", ")})` : "";
  const decimalComma = kind === "numeric" && invalid.examples.every((value) => decimalCommaToPoint(value) !== null) ? `; they look like numbers written with a decimal comma: ${SET_DECIMAL_COMMA}` : "";
  return `${invalid.count} of ${count} values (${percent(invalid.count / count)}) are not ${noun}${lines}, e.g. ${quoteAll(invalid.examples)}${decimalComma}`;
}
function decimalCommaNumbers(feature) {
  const name = quoted(feature.name);
  return {
    column: feature.name,
    type: "FLOAT_TYPE_DECIMAL_COMMA",
    severity: "WARNING",
    description: `${name} is ${feature.kind}, but its values are numbers written with a decimal comma (like "1,5"). If the comma is the decimal separator, ${SET_DECIMAL_COMMA} so they are read as numbers, and ${UPDATE_SCHEMA}; if it separates thousands, remove it at the source.`
  };
}
function kindsCompatible(expected, actual) {
  return expected === actual || expected === "text" || expected === "categorical" && actual === "text";
}
function lowPresence(feature, count, rows) {
  const name = quoted(feature.name);
  const share = count / rows;
  const { minPresence } = feature;
  const chance = PRESENCE_SIGMAS * Math.sqrt(minPresence * (1 - minPresence) / rows);
  const severity = share < minPresence - chance ? "ERROR" : "WARNING";
  const grade = severity === "ERROR" ? `below the schema's minPresence of ${percent(minPresence)} by more than chance explains in ${rows} rows` : `below the schema's minPresence of ${percent(minPresence)}, but within what chance explains in ${rows} rows (a warning; further below is an error)`;
  return {
    column: feature.name,
    type: "FEATURE_TYPE_LOW_FRACTION_PRESENT",
    severity,
    description: `${name} has a value in ${percent(share)} of rows (${count} of ${rows}), ${grade}. Fix the missing values at the source, or lower minPresence for ${name} in the schema if they are now expected.`
  };
}
function rangeAnomalies(feature, column, numeric) {
  const prefix = feature.integer ? "INT_TYPE" : "FLOAT_TYPE";
  const noun = feature.integer ? "INT" : "FLOAT";
  const name = quoted(feature.name);
  const finite = column.count - (column.invalid?.count ?? 0) - numeric.nonFinite;
  if (finite <= 0) return [];
  const counted = column.outOfRange && column.outOfRange.min === feature.min && column.outOfRange.max === feature.max ? column.outOfRange : void 0;
  const lines = counted?.lines?.length ? `, first on lines ${counted.lines.join(", ")}` : "";
  const fix = `Fix the values at the source (a changed unit or scale?), or widen ${name}'s min/max in the schema if they are valid. An identifier grows past any range: list it in data.ignore and update the schema.`;
  const sides = [
    {
      outside: feature.max !== void 0 && numeric.max > feature.max,
      type: `${prefix}_BIG_${noun}`,
      count: counted?.above,
      quantileOutside: feature.max !== void 0 && numeric.quantiles.p99 > feature.max,
      what: `up to ${numeric.max}, above the schema's max of ${feature.max}`
    },
    {
      outside: feature.min !== void 0 && numeric.min < feature.min,
      type: `${prefix}_SMALL_${noun}`,
      count: counted?.below,
      quantileOutside: feature.min !== void 0 && numeric.quantiles.p01 < feature.min,
      what: `down to ${numeric.min}, below the schema's min of ${feature.min}`
    }
  ];
  const anomalies = [];
  for (const side of sides) {
    if (!side.outside) continue;
    let severity;
    let howMany;
    if (side.count !== void 0) {
      const share = side.count / finite;
      severity = share < ERROR_SHARE ? "WARNING" : "ERROR";
      howMany = `${side.count} of ${finite} values (${percent(share)})${lines}`;
    } else {
      severity = side.quantileOutside ? "ERROR" : "WARNING";
      howMany = side.quantileOutside ? `at least ${percent(ERROR_SHARE)} of values, going by the percentiles` : `under about ${percent(ERROR_SHARE)} of values, going by the percentiles`;
    }
    anomalies.push({
      column: feature.name,
      type: side.type,
      severity,
      description: `${name} has values ${side.what}: ${howMany}; under ${percent(ERROR_SHARE)} of values this is a warning, from ${percent(ERROR_SHARE)} an error. ${fix}`
    });
  }
  return anomalies;
}
function unexpectedValues(feature, column, isLabel) {
  const found = outsideDomain(feature, column);
  if (!found) return null;
  const { count, shown, atLeast, lines } = found;
  const domainSize = new Set(feature.values).size;
  const share = count / column.count;
  const severity = isLabel || share >= ERROR_SHARE ? "ERROR" : "WARNING";
  const examples = shown.slice(0, EXAMPLES_SHOWN).map((entry) => `${JSON.stringify(entry.value)} (${entry.count})`).join(", ");
  const more = count > lines.length ? ", \u2026" : "";
  const where = lines.length > 0 ? ` (on line${count > 1 ? "s" : ""} ${lines.join(", ")}${more})` : "";
  const name = quoted(feature.name);
  const prefix = atLeast ? "at least " : "";
  if (isLabel) {
    return {
      column: feature.name,
      type: "ENUM_TYPE_UNEXPECTED_STRING_VALUES",
      severity,
      description: `The label ${name} has ${prefix}${count} value${count === 1 ? "" : "s"} outside its ${domainSize} known classes${examples ? `: ${examples}` : ""}${where}. Training on them would silently change the task, adding classes to the ${domainSize} the model is meant to have. Fix or blank those labels at the source; if the new classes are intended, add them to the label's values in the schema (or ${UPDATE_SCHEMA}).`
    };
  }
  return {
    column: feature.name,
    type: "ENUM_TYPE_UNEXPECTED_STRING_VALUES",
    severity,
    description: `${name} has ${prefix}${count} values (${prefix}${percent(share)} of values) outside the schema's ${domainSize} known values${examples ? `, e.g. ${examples}` : ""}${where}; under ${percent(ERROR_SHARE)} this is a warning, from ${percent(ERROR_SHARE)} an error. If the new values are expected, ${UPDATE_SCHEMA}; otherwise fix them at the source.`
  };
}
function outsideDomain(feature, column) {
  const values = feature.values ?? [];
  if (column.outOfDomain) {
    const { count: count2, top, lines } = column.outOfDomain;
    return count2 > 0 ? { count: count2, shown: top, atLeast: false, lines: lines ?? [] } : null;
  }
  if (column.kind === "numeric") {
    const numeric = column.numeric;
    if (!numeric) return null;
    const domain2 = new Set(values.map(Number));
    if (!numeric.distinct) {
      const count3 = Math.max(1, DISTINCT_LIMIT + 1 - domain2.size);
      return { count: count3, shown: [], atLeast: true, lines: [] };
    }
    const shown = numeric.distinct.filter((entry) => !domain2.has(entry.value)).map((entry) => ({ value: String(entry.value), count: entry.count })).sort((a, b) => b.count - a.count);
    const count2 = shown.reduce((sum, entry) => sum + entry.count, 0);
    return count2 > 0 ? { count: count2, shown, atLeast: false, lines: [] } : null;
  }
  const stats = column.categorical;
  if (!stats) return null;
  const domain = new Set(values);
  const unexpected = stats.top.filter((entry) => !domain.has(entry.value));
  const truncated = stats.top.length < stats.unique;
  const unseen = truncated ? Math.max(0, stats.unique - domain.size - unexpected.length) : 0;
  if (unexpected.length === 0 && unseen === 0) return null;
  const count = unexpected.reduce((sum, entry) => sum + entry.count, unseen);
  return { count, shown: unexpected, atLeast: truncated, lines: [] };
}
function percent(share) {
  return `${Number((share * 100).toFixed(1))}%`;
}
function quoted(name) {
  return `"${excerpt(name)}"`;
}
function quoteAll(values) {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

// src/steps/drift-baseline.ts
import path from "node:path";
var AUTO = "auto";
var NONE = "none";
async function findDriftBaseline(ctx, ref) {
  if (ref === NONE) return null;
  if (ref === AUTO) return automaticBaseline(ctx);
  const file = path.resolve(ctx.baseDir, ref);
  if (await ctx.deps.fs.exists(file)) return readBaselineFile(ctx, file);
  if (!/[#@]/.test(ref)) {
    throw new UsageError(
      `validation.drift.baseline "${ref}": no such file or folder, and not a registry ref; give a statistics.json or validation.json, a model bundle folder, NAME#STAGE, NAME@vX.Y.Z, NAME@latest, ${AUTO} or ${NONE}.`
    );
  }
  const state = replayTags(await ctx.deps.tags.list());
  const resolved = resolveModelRef(state, ref);
  const entry = findModel(state, resolved.name)?.versions.find(
    (v) => v.version === resolved.version
  );
  const read = await withFetchedBundle(
    ctx,
    { ...resolved, pin: bundlePin(entry) },
    (dir) => bundleStatistics(ctx, dir)
  );
  return {
    ...read,
    label: `the training statistics of ${resolved.name} v${resolved.version} (${resolved.via})`,
    source: "registry"
  };
}
async function automaticBaseline(ctx) {
  const name = modelName(ctx.config);
  const choice = await chooseBaseline(ctx, name);
  if (!choice) {
    ctx.deps.log.info(`no registered version of ${name} yet: no drift check`);
    return null;
  }
  const { version, reason, entry } = choice;
  try {
    const read = await withFetchedBundle(
      ctx,
      { name, version, pin: bundlePin(entry) },
      (dir) => bundleStatistics(ctx, dir)
    );
    return {
      ...read,
      label: `the training statistics of ${name} v${version} (${reason})`,
      source: "registry"
    };
  } catch (error) {
    if (error instanceof ChecksumMismatch || !(error instanceof MlopsError)) throw error;
    ctx.deps.log.warn(
      `no drift check: could not read the training statistics of ${choice.tag} (${errorMessage(error)})`
    );
    return null;
  }
}
async function readBaselineFile(ctx, file) {
  if (await ctx.deps.fs.isFolder(file)) {
    return {
      ...await bundleStatistics(ctx, file),
      label: `the training statistics in ${file}`,
      source: "bundle"
    };
  }
  const remedy = "Give a statistics.json (as in a model bundle) or a validation.json.";
  const json = parseJson(await ctx.deps.fs.readText(file), file, remedy);
  const statistics = typeof json === "object" && json !== null && "format" in json ? checkStepOutput(json, file, STEP_OUTPUTS.validation, remedy).statistics : checkStatistics(json, file, remedy);
  return { statistics, columns: null, label: `the statistics in ${file}`, source: "file" };
}
async function bundleStatistics(ctx, dir) {
  const remedy = "Train the model again (`mlops train`), or fetch its bundle again.";
  const read = bundleFileReader(ctx, dir, remedy);
  const statistics = await read(BUNDLE_FILES.statistics);
  const training = await read(BUNDLE_FILES.training);
  const info = checkStepOutput(training.json, training.file, STEP_OUTPUTS.training, remedy);
  return {
    statistics: checkStatistics(statistics.json, statistics.file, remedy),
    columns: [...info.features.map((feature) => feature.column), info.label]
  };
}
function bundleFileReader(ctx, dir, remedy) {
  return async (name) => {
    const file = path.join(dir, name);
    return { file, json: parseJson(await ctx.deps.fs.readText(file), file, remedy) };
  };
}
function driftEdges(statistics) {
  const edges = {};
  for (const column of statistics.columns) {
    const histogram = column.numeric?.driftHistogram;
    if (histogram) edges[column.name] = histogram.edges;
  }
  return edges;
}

// src/steps/validate.ts
async function runValidate(ctx, options = {}) {
  const plan = await planValidation(ctx, options);
  const dataset = await scanDataset(ctx, plan.kinds, plan.statisticsOptions);
  return checkDataset(ctx, plan, dataset, options);
}
async function planValidation(ctx, options = {}) {
  const stored = await readCommittedSchema(ctx);
  const committed = options.updateSchema ? null : stored.schema;
  const kinds = committed ? schemaKinds(committed) : {};
  const baseline = await findDriftBaseline(ctx, ctx.config.validation.drift.baseline);
  const statisticsOptions = {
    ...baseline ? { driftEdges: driftEdges(baseline.statistics) } : {},
    // Values outside the committed schema's ranges and domains are counted, with their lines.
    ...committed ? schemaChecks(committed) : {}
  };
  return { stored, committed, baseline, kinds, statisticsOptions };
}
async function checkDataset(ctx, plan, dataset, options = {}) {
  const { config, deps } = ctx;
  const { stored, committed, baseline } = plan;
  const { statistics } = dataset;
  const schema = committed ?? inferSchema(statistics, {
    label: config.data.label,
    // No ranges for columns the model does not use: data.ignore, the split key, identifiers.
    ignore: dataset.unused,
    ...config.model.task ? { task: config.model.task } : {}
  });
  const report = baseline ? detectDrift(baseline.statistics, statistics, {
    ...driftOptions(config),
    ...baseline.columns ? { columns: baseline.columns } : {}
  }) : null;
  if (baseline && report) {
    const { driftedFeatures, features } = report.dataset;
    deps.log.info(
      `drift against ${baseline.label}: ${driftedFeatures} of ${features} features drifted`
    );
  }
  const anomalies = [
    ...detectAnomalies(statistics, schema, {
      minExamples: config.validation.min_examples,
      ignore: config.data.ignore
    }),
    ...report?.anomalies ?? []
  ];
  const failOn = config.validation.fail_on;
  const passed = anomalies.every(
    (a) => failOn === "never" || failOn === "error" && a.severity !== "ERROR"
  );
  const outcome = {
    format: VALIDATION_FORMAT,
    source: config.data.train,
    dataHash: dataset.dataHash,
    rows: statistics.rows,
    unlabeled: dataset.unlabeled,
    rejected: dataset.rejected,
    statistics,
    schema,
    schemaSource: committed ? "committed" : "inferred",
    drift: baseline && report ? {
      baseline: { label: baseline.label, source: baseline.source },
      reference: baseline.statistics,
      report
    } : null,
    anomalies,
    passed
  };
  const paths = outputPaths(ctx.out);
  await writeJson(ctx, paths.validation, outcome);
  await deps.fs.write(paths.schema, formatSchema(schema));
  if (options.updateSchema) {
    await deps.fs.write(stored.schemaPath, formatSchema(schema));
    deps.log.info(`schema written to ${stored.schemaPath}: review and commit it`);
  }
  for (const anomaly of anomalies) {
    deps.log.annotate({
      severity: anomaly.severity === "ERROR" ? "error" : "warning",
      title: `${anomaly.type}${anomaly.column ? ` (${anomaly.column})` : ""}`,
      message: anomaly.description,
      file: resolveInput(ctx, config.data.train)
    });
  }
  deps.log.info(`validation ${passed ? "passed" : "failed"}: ${anomalies.length} anomalies`);
  return outcome;
}
function driftOptions(config) {
  const { test, threshold, share, severity, features } = config.validation.drift;
  return {
    test,
    ...threshold === void 0 ? {} : { threshold },
    severity,
    datasetSeverity: severity,
    driftShare: share,
    features
  };
}

export {
  bundleFileReader,
  driftEdges,
  runValidate,
  planValidation,
  checkDataset,
  driftOptions
};
