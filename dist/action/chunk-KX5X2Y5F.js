import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  require_tf_core_node
} from "./chunk-MBINXEGZ.js";
import {
  meanAndStd,
  parseBoolean,
  parseDate,
  parseNumber,
  standardize
} from "./chunk-HLR62EQG.js";
import {
  fitTextEncoding,
  writeTextFeature
} from "./chunk-D54MHMCS.js";
import {
  isAbsent
} from "./chunk-AIUCNH7N.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/model/task.ts
var MAX_CLASSES = 50;
var MAX_INTEGER_CLASSES = 10;
var MAX_MULTICLASS_CLASSES = 1e3;
var MIN_ROWS_PER_CLASS = 10;
function inferTask(labels, labelName) {
  const present = labels.filter((v) => !isAbsent(v));
  const distinct = new Set(present.map(String));
  if (distinct.size < 2) {
    throw new DataError(
      `label "${labelName}" has ${distinct.size} distinct value(s); a model needs at least two.`
    );
  }
  if (distinct.size === 2) return "binary";
  const numbers = present.map(parseNumber);
  const allNumeric = numbers.every((n) => n !== null);
  if (allNumeric) {
    const integral = numbers.every((n) => Number.isInteger(n));
    return integral && distinct.size <= MAX_INTEGER_CLASSES ? "multiclass" : "regression";
  }
  if (distinct.size <= MAX_CLASSES) return "multiclass";
  throw new DataError(
    `label "${labelName}" has ${distinct.size} distinct text values: too many classes to infer a task. Set model.task in mlops.yml, or choose another label.`
  );
}
function fitLabelEncoding(task, labels, labelName) {
  const present = labels.filter((v) => !isAbsent(v));
  if (task === "regression") {
    const values = present.map((v) => {
      const n = parseNumber(v);
      if (n === null || !Number.isFinite(n)) {
        throw new DataError(
          `label "${labelName}": regression needs finite numbers, found ${JSON.stringify(v)}.`
        );
      }
      return n;
    });
    const { mean, std } = meanAndStd(values, labelName);
    return { task, mean, std: std || 1 };
  }
  const classes = sortClasses([...new Set(present.map(String))]);
  if (task === "binary") {
    if (classes.length !== 2) {
      throw new DataError(
        `label "${labelName}": binary needs exactly two classes in the training data, found ${classes.length} (${classes.slice(0, 5).join(", ")}).`
      );
    }
    return { task, classes: [classes[0], classes[1]] };
  }
  checkClassCount(classes.length, present.length, labelName);
  return { task, classes };
}
function checkClassCount(classes, rows, labelName) {
  const tooMany = classes > MAX_MULTICLASS_CLASSES || classes > MAX_CLASSES && classes * MIN_ROWS_PER_CLASS > rows;
  if (!tooMany) return;
  throw new DataError(
    `label "${labelName}" has ${classes.toLocaleString("en-US")} classes in ${rows.toLocaleString("en-US")} training rows: too many for a classifier (at most ${MAX_MULTICLASS_CLASSES.toLocaleString("en-US")}, and beyond ${MAX_CLASSES} at least ${MIN_ROWS_PER_CLASS} rows per class). If the label is a quantity, set model.task: regression; otherwise group the classes into fewer (for example rare ones into "other") before training.`
  );
}
function sortClasses(classes) {
  const negatives = ["false", "no", "n", "f", "negative", "neg"];
  const rank = (c) => negatives.includes(c.toLowerCase()) ? 0 : 1;
  return [...classes].sort((a, b) => {
    const na = parseNumber(a);
    const nb = parseNumber(b);
    if (na !== null && nb !== null) return na - nb;
    return rank(a) - rank(b) || compareText(a, b);
  });
}
function encodeLabel(encoding, value) {
  if (isAbsent(value)) return null;
  if (encoding.task === "regression") {
    const n = parseNumber(value);
    return n === null ? null : standardize(n, encoding);
  }
  return classIndex(encoding.classes).get(String(value)) ?? null;
}
var classIndices = /* @__PURE__ */ new WeakMap();
function classIndex(classes) {
  let index = classIndices.get(classes);
  if (!index) {
    index = /* @__PURE__ */ new Map();
    for (const [i, name] of classes.entries()) if (!index.has(name)) index.set(name, i);
    classIndices.set(classes, index);
  }
  return index;
}
function decodeRegression(encoding, values) {
  return Float64Array.from(values, (v) => v * encoding.std + encoding.mean);
}

// src/model/predict.ts
var tf = __toESM(require_tf_core_node(), 1);
async function predictRows(model, features, count, width, label, batchSize = 4096) {
  const outWidth = label.task === "multiclass" ? label.classes.length : 1;
  const out = new Float32Array(count * outWidth);
  for (let start = 0; start < count; start += batchSize) {
    const rows = Math.min(batchSize, count - start);
    const batch = tf.tensor2d(features.subarray(start * width, (start + rows) * width), [
      rows,
      width
    ]);
    const result = model.predict(batch, { batchSize: rows });
    out.set(await result.data(), start * outWidth);
    tf.dispose([batch, result]);
  }
  switch (label.task) {
    case "binary":
      return { task: "binary", scores: out };
    case "multiclass":
      return { task: "multiclass", probabilities: out, classCount: outWidth };
    case "regression":
      return { task: "regression", values: decodeRegression(label, out) };
  }
}

// src/model/calendar.ts
var DAY_MS = 864e5;
function calendarWidth(timeOfDay) {
  return timeOfDay ? 6 : 4;
}
function hasTimeOfDay(times) {
  for (const time of times) if (timeOfDayShare(time) !== 0) return true;
  return false;
}
function writeCalendar(time, timeOfDay, out, at) {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const monthDays = (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / DAY_MS;
  writeTurn((month + (date.getUTCDate() - 1) / monthDays) / 12, out, at);
  writeTurn(date.getUTCDay() / 7, out, at + 2);
  if (timeOfDay) writeTurn(timeOfDayShare(time), out, at + 4);
}
function timeOfDayShare(time) {
  return (time % DAY_MS + DAY_MS) % DAY_MS / DAY_MS;
}
function writeTurn(turn, out, at) {
  const angle = 2 * Math.PI * turn;
  out[at] = Math.sin(angle);
  out[at + 1] = Math.cos(angle);
}

// src/model/numeric-shape.ts
var EDGE_SHARE = 0.1;
var LOG_SKEWNESS = 1;
function fitNumericShape(values) {
  const counts = /* @__PURE__ */ new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  if (counts.size <= 2) return { log: false };
  let min = Infinity;
  let max = -Infinity;
  for (const value of counts.keys()) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const edge = [min, max].find((v) => isPointMass(v, counts, values.length));
  const log = min >= 0 && skewness(values) > LOG_SKEWNESS;
  return edge === void 0 ? { log } : { edge, log };
}
function isPointMass(value, counts, total) {
  const count = counts.get(value);
  if (count < EDGE_SHARE * total) return false;
  for (const [other, n] of counts) if (other !== value && n >= count) return false;
  return true;
}
function shapeValue(value, shape) {
  return shape.log ? Math.log1p(value) : value;
}
function skewness(values) {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const value of values) {
    const d = value - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

// src/model/preprocess.ts
var MAX_VOCABULARY = 50;
var PREPROCESSING_VERSION = 2;
function preprocessingOptions(data) {
  return {
    input: { naValues: [...data.na_values], decimal: data.decimal ?? "." },
    text: new Map(data.features?.flatMap(({ column, text }) => text ? [[column, text]] : []))
  };
}
var PreprocessingFitter = class {
  constructor(features, label, options) {
    this.label = label;
    this.options = options;
    this.values = features.map(({ column, kind }) => {
      switch (kind) {
        case "numeric":
        case "date":
          return { kind, column, numbers: [], indicator: false };
        case "boolean":
          return { kind, column, indicator: false };
        case "categorical":
          return { kind, column, counts: /* @__PURE__ */ new Map() };
        case "text":
          return { kind, column, documents: [] };
        case "empty":
          return { kind, column };
      }
    });
  }
  label;
  options;
  values;
  /** A function adding a row whose cells follow `columns` (a missing column reads as missing). */
  rowAdder(columns) {
    const indices = this.values.map((v) => columns.indexOf(v.column));
    return (cells) => {
      for (let f = 0; f < this.values.length; f++) {
        const index = indices[f];
        addValue(this.values[f], index < 0 ? null : cells[index] ?? null);
      }
    };
  }
  finish() {
    const encodings = this.values.flatMap((values) => {
      const encoding = fitFeature(values, this.options.text.get(values.column));
      return encoding ? [encoding] : [];
    });
    return {
      version: PREPROCESSING_VERSION,
      input: this.options.input,
      label: this.label,
      features: encodings,
      width: encodings.reduce((w, e) => w + featureWidth(e), 0)
    };
  }
};
function addValue(values, value) {
  switch (values.kind) {
    case "numeric":
    case "date": {
      if (isAbsent(value)) {
        values.indicator = true;
        return;
      }
      const n = (values.kind === "date" ? parseDate : parseNumber)(value);
      if (n !== null && Number.isFinite(n)) values.numbers.push(n);
      return;
    }
    case "boolean":
      if (isAbsent(value)) values.indicator = true;
      return;
    case "categorical": {
      if (isAbsent(value)) return;
      const key = String(value);
      values.counts.set(key, (values.counts.get(key) ?? 0) + 1);
      return;
    }
    case "text":
      values.documents.push(value);
      return;
    case "empty":
      return;
  }
}
function fitFeature(values, text) {
  switch (values.kind) {
    case "numeric": {
      const { column, numbers, indicator } = values;
      const shape = fitNumericShape(numbers);
      const shaped = numbers.map((n) => shapeValue(n, shape));
      return { kind: "numeric", ...moments(column, shaped, indicator), ...shape };
    }
    case "date": {
      const { column, numbers, indicator } = values;
      return {
        kind: "date",
        ...moments(column, numbers, indicator),
        timeOfDay: hasTimeOfDay(numbers)
      };
    }
    case "boolean":
      return { kind: "boolean", column: values.column, indicator: values.indicator };
    case "categorical":
      return {
        kind: "categorical",
        column: values.column,
        vocabulary: topValues(values.counts, MAX_VOCABULARY)
      };
    case "text":
      return fitTextEncoding(values.column, values.documents, text);
    case "empty":
      return null;
  }
}
function moments(column, numbers, indicator) {
  const { mean, std } = meanAndStd(numbers, column);
  return { column, mean, std: std || 1, indicator };
}
function topValues(counts, limit) {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, limit).map(([value]) => value);
}
function featureWidth(encoding) {
  switch (encoding.kind) {
    case "numeric":
      return (encoding.indicator ? 2 : 1) + (encoding.edge === void 0 ? 0 : 1);
    case "boolean":
      return encoding.indicator ? 2 : 1;
    case "date":
      return (encoding.indicator ? 2 : 1) + calendarWidth(encoding.timeOfDay);
    case "categorical":
      return encoding.vocabulary.length + 2;
    case "text":
      return encoding.idf.length;
  }
}
function checkPreprocessingVersion(spec) {
  if (spec.version === PREPROCESSING_VERSION) return;
  throw new DataError(
    `the model's preprocessing.json is version ${JSON.stringify(spec.version)}, and this mlops-actions applies version ${PREPROCESSING_VERSION} (text as a learned TF-IDF vocabulary, dates with calendar features); train the model again with \`mlops train\`.`
  );
}
function transformFeatures(spec, table, rows) {
  const out = new Float32Array(rows.length * spec.width);
  const write = rowEncoder(spec, table.columns);
  for (let r = 0; r < rows.length; r++)
    write(table.rows[rows[r]] ?? [], out, r * spec.width);
  return out;
}
function rowEncoder(spec, columns) {
  checkPreprocessingVersion(spec);
  const columnIndex = spec.features.map((f) => columns.indexOf(f.column));
  const widths = spec.features.map(featureWidth);
  return (cells, out, at) => {
    let offset = at;
    for (let f = 0; f < spec.features.length; f++) {
      const index = columnIndex[f];
      const value = index < 0 ? null : cells[index] ?? null;
      writeFeature(spec.features[f], value, out, offset);
      offset += widths[f];
    }
  };
}
function writeFeature(encoding, value, out, at) {
  const missing = isAbsent(value);
  switch (encoding.kind) {
    case "numeric":
    case "date": {
      const parsed = missing ? null : (encoding.kind === "date" ? parseDate : parseNumber)(value);
      const usable = parsed !== null && Number.isFinite(parsed);
      const shaped = usable && encoding.kind === "numeric" ? shapeValue(parsed, encoding) : parsed;
      out[at] = usable ? standardize(shaped, encoding) : 0;
      if (encoding.indicator) out[at + 1] = usable ? 0 : 1;
      const next = at + (encoding.indicator ? 2 : 1);
      if (encoding.kind === "date") {
        if (usable) writeCalendar(parsed, encoding.timeOfDay, out, next);
      } else if (encoding.edge !== void 0) {
        out[next] = usable && parsed === encoding.edge ? 1 : 0;
      }
      return;
    }
    case "boolean":
      out[at] = parseBoolean(value) ? 1 : 0;
      if (encoding.indicator) out[at + 1] = missing ? 1 : 0;
      return;
    case "categorical": {
      const slot = missing ? encoding.vocabulary.length + 1 : encoding.vocabulary.indexOf(String(value));
      out[at + (slot < 0 ? encoding.vocabulary.length : slot)] = 1;
      return;
    }
    case "text":
      writeTextFeature(encoding, value, out, at);
      return;
  }
}

export {
  preprocessingOptions,
  PreprocessingFitter,
  transformFeatures,
  rowEncoder,
  inferTask,
  fitLabelEncoding,
  encodeLabel,
  decodeRegression,
  predictRows
};
