import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  parseSchema
} from "./chunk-36W742SU.js";
import {
  gunzipChunks,
  hasGzipMagic
} from "./chunk-7VMJNOUE.js";
import {
  DEFAULT_NA_VALUES,
  DISTINCT_LIMIT,
  DRIFT_BINS,
  binValues,
  driftSummary,
  edgesAtOrBelow,
  isAbsent,
  missingMatcher,
  quantileEdges,
  resolveInput,
  sortNumbers,
  sortedDriftSummary
} from "./chunk-IRARDZYB.js";
import {
  parseJson
} from "./chunk-7BDSWT4Z.js";
import {
  LONG_RECORD_PROGRESS_BYTES,
  MAX_COLUMNS,
  excerpt,
  fieldTooLong,
  hasLoneCarriageReturn,
  mayExceed,
  recordTooLong,
  sizeLimits,
  utf8Length
} from "./chunk-XU32KRXS.js";
import {
  ConfigError,
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";

// src/util/moments.ts
function meanAndStd(values, column) {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    largest = Math.max(largest, Math.abs(values[i]));
  }
  if (values.length === 0 || largest === 0) return { mean: 0, std: 0 };
  const scale = 2 ** Math.min(Math.floor(Math.log2(largest)), 1023);
  let count = 0;
  let mean = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const scaled = values[i] / scale;
    count++;
    const delta = scaled - mean;
    mean += delta / count;
    sumSquares += delta * (scaled - mean);
  }
  const moments = { mean: mean * scale, std: Math.sqrt(sumSquares / count) * scale };
  if (!Number.isFinite(moments.mean) || !Number.isFinite(moments.std)) {
    throw new DataError(
      `column "${column}": values are too large to standardise (up to ${largest}); rescale the column (e.g. to other units) before training.`
    );
  }
  return moments;
}
function standardize(value, { mean, std }) {
  const z = (value - mean) / std;
  return Number.isFinite(z) ? z : value / std - mean / std;
}

// src/data/kinds.ts
var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
var DECIMAL_COMMA = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
var INFINITY_TOKENS = /* @__PURE__ */ new Map([
  ["inf", Infinity],
  ["+inf", Infinity],
  ["-inf", -Infinity],
  ["infinity", Infinity],
  ["+infinity", Infinity],
  ["-infinity", -Infinity]
]);
var TRUE_TOKENS = /* @__PURE__ */ new Set(["true", "t", "yes", "y", "1"]);
var FALSE_TOKENS = /* @__PURE__ */ new Set(["false", "f", "no", "n", "0"]);
var DATE = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
var MIN_CATEGORIES = 20;
var MAX_UNIQUE_SHARE = 0.05;
var MAX_CATEGORY_LENGTH = 30;
var MAX_NON_NUMERIC_SHARE = 0.01;
function parseNumber(value) {
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value !== "string") return null;
  const simple = parseShortDecimal(value);
  if (simple !== void 0) return simple;
  if (!mayStartNumber(value.charCodeAt(0))) return null;
  const text = value.trim();
  if (DECIMAL.test(text)) return Number(text);
  return INFINITY_TOKENS.get(text.toLowerCase()) ?? null;
}
function mayStartNumber(code) {
  if (code <= 32 || code >= 128) return true;
  if (code >= 48 && code <= 57) return true;
  return code === 43 || code === 45 || code === 46 || code === 73 || code === 105;
}
var POWERS_OF_TEN = [
  1,
  10,
  100,
  1e3,
  1e4,
  1e5,
  1e6,
  1e7,
  1e8,
  1e9,
  1e10,
  1e11,
  1e12,
  1e13,
  1e14,
  1e15
];
function parseShortDecimal(text) {
  const length = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 43 || sign === 45) i++;
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0) {
      point = i;
    } else {
      return void 0;
    }
  }
  if (digits === 0 || digits > 15) return void 0;
  const scale = point < 0 ? 1 : POWERS_OF_TEN[length - point - 1];
  const magnitude = mantissa / scale;
  return sign === 45 ? -magnitude : magnitude;
}
function decimalCommaToPoint(text) {
  const match = DECIMAL_COMMA.exec(text.trim());
  if (!match) return null;
  const [, sign = "", whole = "", fraction] = match;
  return `${sign}${whole.replaceAll(".", "")}${fraction === void 0 ? "" : `.${fraction}`}`;
}
function readsAsDecimalComma(present) {
  let commas = 0;
  for (const value of present) {
    if (parseNumber(value) !== null) continue;
    if (typeof value !== "string" || !value.includes(",") || decimalCommaToPoint(value) === null) {
      return false;
    }
    commas++;
  }
  return commas > 0;
}
function allowedNonNumeric(count) {
  return Math.floor(MAX_NON_NUMERIC_SHARE * count);
}
function kindParser(kind) {
  switch (kind) {
    case "numeric":
      return parseNumber;
    case "boolean":
      return parseBoolean;
    case "date":
      return parseDate;
    default:
      return void 0;
  }
}
function parseBoolean(value) {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  if (TRUE_TOKENS.has(text)) return true;
  if (FALSE_TOKENS.has(text)) return false;
  return null;
}
function parseDate(value) {
  if (typeof value !== "string") return null;
  const plain = parsePlainDate(value);
  if (plain !== void 0) return plain;
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [, year, , month, day, hour, minute, second, fraction, offset] = match;
  const y = Number(year);
  const m = Number(month) - 1;
  const d = Number(day);
  if (!isCalendarDate(y, m, d)) return null;
  if (hour === void 0) return Date.UTC(y, m, d);
  const h = Number(hour);
  const min = Number(minute);
  const s = second === void 0 ? 0 : Number(second);
  if (h > 23 || min > 59 || s > 59) return null;
  const ms = fraction === void 0 ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3));
  return Date.UTC(y, m, d, h, min, s, ms) - offsetMinutes(offset) * 6e4;
}
function parsePlainDate(text) {
  if (text.length !== 10) return void 0;
  const separator = text.charCodeAt(4);
  if (separator !== 45 && separator !== 47 || text.charCodeAt(7) !== separator) {
    return void 0;
  }
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2) - 1;
  const d = digitsAt(text, 8, 2);
  if (Number.isNaN(y + m + d)) return void 0;
  return isCalendarDate(y, m, d) ? Date.UTC(y, m, d) : null;
}
function digitsAt(text, start, count) {
  let number = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    number = number * 10 + digit;
  }
  return number;
}
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isCalendarDate(y, m, d) {
  if (y < 100 || m < 0 || m > 11 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 1 && leap ? 29 : DAYS_IN_MONTH[m]);
}
function offsetMinutes(offset) {
  if (!offset || offset.toUpperCase() === "Z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith("-") ? -minutes : minutes;
}
function inferKind(values) {
  const present = values.filter((value) => !isAbsent(value));
  if (present.length === 0) return "empty";
  const allowed = allowedNonNumeric(present.length);
  const nonNumeric = countUnparsed(present, parseNumber, allowed);
  if (nonNumeric === 0) return "numeric";
  if (present.every((value) => parseBoolean(value) !== null)) return "boolean";
  if (present.every((value) => parseDate(value) !== null)) return "date";
  if (nonNumeric <= allowed) return "numeric";
  const strings = present.map(String);
  const avgLength = strings.reduce((sum, text) => sum + text.length, 0) / strings.length;
  return stringKind(new Set(strings).size, strings.length, avgLength);
}
function countUnparsed(values, parse, stopAfter) {
  let count = 0;
  for (const value of values) {
    if (parse(value) === null && ++count > stopAfter) break;
  }
  return count;
}
function stringKind(unique, count, avgLength) {
  if (unique <= MIN_CATEGORIES) return "categorical";
  const fewUnique = unique <= MAX_UNIQUE_SHARE * count;
  return fewUnique && avgLength <= MAX_CATEGORY_LENGTH ? "categorical" : "text";
}

// src/data/statistics.ts
var TOP_CATEGORIES = 100;
var TOP_TEXT = 10;
var HISTOGRAM_BUCKETS = 10;
var INVALID_EXAMPLES = 5;
var OUT_OF_DOMAIN_TALLY = 1e3;
function computeStatistics(table, kinds = {}, options = {}) {
  const present = presentValues(table);
  const columns = table.columns.map((name, index) => {
    const values = present[index] ?? [];
    const missing = table.rows.length - values.length;
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : void 0;
    const edges = options.driftEdges && Object.hasOwn(options.driftEdges, name) ? options.driftEdges[name] : void 0;
    const stats = kind === void 0 ? inferredColumnStats(name, values, missing, edges) : columnStats(name, kind, values, missing, edges);
    if (stats.invalid) stats.invalid.lines = invalidLines(table, index, stats.kind);
    const range = ownEntry(options.ranges, name);
    if (range && leavesRange(stats, range)) {
      stats.outOfRange = outOfRange(table, index, range);
    }
    const domain = ownEntry(options.domains, name);
    if (domain && mayLeaveDomain(stats, domain)) {
      const found = outOfDomain(table, index, stats.kind, domain);
      if (found.count > 0) stats.outOfDomain = found;
    }
    return stats;
  });
  return { rows: table.rows.length, columns };
}
function invalidLines(table, index, kind) {
  const parse = table.lines.length === table.rows.length ? kindParser(kind) : void 0;
  const lines = [];
  for (let row = 0; parse && row < table.rows.length && lines.length < INVALID_EXAMPLES; row++) {
    const value = table.rows[row]?.[index] ?? null;
    if (!isAbsent(value) && parse(value) === null) lines.push(table.lines[row]);
  }
  return lines;
}
function ownEntry(record, key) {
  return record && Object.hasOwn(record, key) ? record[key] : void 0;
}
function leavesRange(stats, range) {
  const numeric = stats.kind === "numeric" ? stats.numeric : void 0;
  if (!numeric || numeric.nonFinite === stats.count - (stats.invalid?.count ?? 0)) return false;
  return range.max !== void 0 && numeric.max > range.max || range.min !== void 0 && numeric.min < range.min;
}
function outOfRange(table, index, range) {
  const withLines = table.lines.length === table.rows.length;
  const lines = [];
  let below = 0;
  let above = 0;
  for (let row = 0; row < table.rows.length; row++) {
    const value = table.rows[row]?.[index] ?? null;
    if (isAbsent(value)) continue;
    const number = parseNumber(value);
    if (number === null || !Number.isFinite(number)) continue;
    const isBelow = range.min !== void 0 && number < range.min;
    const isAbove = range.max !== void 0 && number > range.max;
    if (!isBelow && !isAbove) continue;
    if (isBelow) below++;
    else above++;
    if (withLines && lines.length < INVALID_EXAMPLES) lines.push(table.lines[row]);
  }
  return { ...range, below, above, ...withLines ? { lines } : {} };
}
function domainKey(kind) {
  switch (kind) {
    case "numeric":
      return (value) => {
        const number = parseNumber(value);
        return number === null ? null : String(number);
      };
    case "boolean":
      return (value) => {
        const flag = parseBoolean(value);
        return flag === null ? null : String(flag);
      };
    case "date":
    case "empty":
      return () => null;
    case "categorical":
    case "text":
      return (value) => excerpt(String(value));
  }
}
function domainKeys(kind, domain) {
  if (kind !== "numeric") return new Set(domain);
  return new Set(
    domain.flatMap((value) => {
      const number = parseNumber(value);
      return number === null ? [] : [String(number)];
    })
  );
}
function mayLeaveDomain(stats, domain) {
  const keys = domainKeys(stats.kind, domain);
  if (stats.kind === "numeric") {
    const distinct = stats.numeric?.distinct;
    return !distinct || distinct.some((entry) => !keys.has(String(entry.value)));
  }
  const categories = stats.categorical;
  if (!categories) return false;
  return categories.top.length < categories.unique || categories.top.some((entry) => !keys.has(entry.value));
}
function outOfDomain(table, index, kind, domain) {
  const key = domainKey(kind);
  const keys = domainKeys(kind, domain);
  const withLines = table.lines.length === table.rows.length;
  const tally = /* @__PURE__ */ new Map();
  const lines = [];
  let count = 0;
  for (let row = 0; row < table.rows.length; row++) {
    const value = table.rows[row]?.[index] ?? null;
    if (isAbsent(value)) continue;
    const known = key(value);
    if (known === null || keys.has(known)) continue;
    count++;
    if (withLines && lines.length < INVALID_EXAMPLES) lines.push(table.lines[row]);
    const text = excerpt(String(value));
    const entry = tally.get(text);
    if (entry) entry.count++;
    else if (tally.size < OUT_OF_DOMAIN_TALLY) tally.set(text, { value: text, count: 1 });
  }
  const top = [...tally.values()].sort((a, b) => b.count - a.count || compareText(a.value, b.value)).slice(0, INVALID_EXAMPLES);
  return { count, top, ...withLines ? { lines } : {} };
}
function presentValues(table) {
  const width = table.columns.length;
  const present = Array.from({ length: width }, () => new Array(table.rows.length));
  const counts = new Array(width).fill(0);
  for (const row of table.rows) {
    for (let index = 0; index < width; index++) {
      const value = row[index] ?? null;
      if (isAbsent(value)) continue;
      const column = present[index];
      column[counts[index]++] = value;
    }
  }
  present.forEach((column, index) => column.length = counts[index]);
  return present;
}
function inferredColumnStats(name, present, missing, edges) {
  const count = present.length;
  if (count === 0) return { name, kind: "empty", count, missing };
  const numbers = parseAll(present, parseNumber, allowedNonNumeric(count));
  if (numbers && !numbers.invalid) {
    const numeric = withDrift(numericStats(numbers.parsed, name), numbers.parsed, edges);
    return { name, kind: "numeric", count, missing, numeric };
  }
  const booleans = parseEvery(present, parseBoolean);
  if (booleans) {
    return { name, kind: "boolean", count, missing, categorical: booleanStats(booleans) };
  }
  const dates = parseEvery(present, parseDate);
  if (dates) return { name, kind: "date", count, missing, numeric: numericStats(dates, name) };
  if (numbers) {
    const { parsed, invalid } = numbers;
    const stats = {
      name,
      kind: "numeric",
      count,
      missing,
      ...invalid && { invalid }
    };
    if (parsed.length > 0) stats.numeric = withDrift(numericStats(parsed, name), parsed, edges);
    return stats;
  }
  const counts = countValues(present);
  const kind = stringKind(counts.byValue.size, count, counts.totalLength / count);
  return stringColumnStats({ name, kind, count, missing }, present, counts);
}
function stringColumnStats(stats, present, counts) {
  const topSize = stats.kind === "text" ? TOP_TEXT : TOP_CATEGORIES;
  stats.categorical = categoricalStats(counts, present.length, topSize);
  if (readsAsDecimalComma(present)) stats.decimalComma = true;
  return stats;
}
function columnStats(name, kind, present, missing, edges) {
  const stats = { name, kind, count: present.length, missing };
  switch (kind) {
    case "numeric":
    case "date": {
      const { parsed, invalid } = parseAll(present, kind === "numeric" ? parseNumber : parseDate);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) {
        const numeric = numericStats(parsed, name);
        stats.numeric = kind === "numeric" ? withDrift(numeric, parsed, edges) : numeric;
      }
      break;
    }
    case "boolean": {
      const { parsed, invalid } = parseAll(present, parseBoolean);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) stats.categorical = booleanStats(parsed);
      break;
    }
    case "categorical":
    case "text":
      stringColumnStats(stats, present, countValues(present));
      break;
    case "empty":
      break;
  }
  return stats;
}
function booleanStats(values) {
  return categoricalStats(countValues(values), values.length, TOP_CATEGORIES);
}
function parseEvery(values, parse) {
  return parseAll(values, parse, 0)?.parsed ?? null;
}
function parseAll(values, parse, maxInvalid = Infinity) {
  const parsed = [];
  let count = 0;
  const examples = /* @__PURE__ */ new Set();
  for (const value of values) {
    const result = parse(value);
    if (result !== null) {
      parsed.push(result);
      continue;
    }
    if (++count > maxInvalid) return null;
    if (examples.size < INVALID_EXAMPLES) examples.add(excerpt(String(value)));
  }
  return count > 0 ? { parsed, invalid: { count, examples: [...examples] } } : { parsed };
}
function withDrift(stats, values, edges) {
  return { ...stats, ...driftSummary(values, edges) };
}
function numericStats(values, column) {
  let nonFinite = 0;
  let zeros = 0;
  let integer = true;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      nonFinite++;
      continue;
    }
    if (value === 0) zeros++;
    if (integer && !Number.isInteger(value)) integer = false;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (nonFinite === values.length) min = max = 0;
  const finite = nonFinite > 0 ? values.filter(Number.isFinite) : values;
  const ranked = Float64Array.from(finite);
  placeRanks(
    ranked,
    QUANTILE_LEVELS.flatMap((q) => quantileRanks(ranked.length, q))
  );
  return finiteNumericStats({ min, max, zeros, nonFinite, integer }, finite, ranked, column);
}
function finiteNumericStats(figures, finite, ranked, column) {
  const { min, max, zeros, nonFinite, integer } = figures;
  return {
    min,
    max,
    ...meanAndStd(finite, column),
    zeros,
    nonFinite,
    integer,
    quantiles: {
      p01: quantile(ranked, 0.01),
      p25: quantile(ranked, 0.25),
      p50: quantile(ranked, 0.5),
      p75: quantile(ranked, 0.75),
      p99: quantile(ranked, 0.99)
    },
    histogram: histogram(finite, min, max)
  };
}
var QUANTILE_LEVELS = [0.01, 0.25, 0.5, 0.75, 0.99];
function quantileRanks(length, q) {
  const position = (length - 1) * q;
  return [Math.floor(position), Math.ceil(position)];
}
function quantile(ranked, q) {
  if (ranked.length === 0) return 0;
  const position = (ranked.length - 1) * q;
  const lower = Math.floor(position);
  const below = ranked[lower] ?? 0;
  const above = ranked[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - lower);
}
function placeRanks(values, ranks) {
  const limit = 2 * Math.ceil(Math.log2(values.length + 1)) + 4;
  const select = (from, to, partitionsLeft) => {
    while (from < to && ranks.some((rank) => rank >= from && rank <= to)) {
      if (partitionsLeft-- === 0) {
        values.subarray(from, to + 1).sort();
        return;
      }
      const [left, right] = partition(values, from, to);
      select(from, left, partitionsLeft);
      from = right;
    }
  };
  select(0, values.length - 1, limit);
}
function partition(values, from, to) {
  const pivot = medianOfThree(
    values[from],
    values[from + to >>> 1],
    values[to]
  );
  let i = from;
  let j = to;
  while (i <= j) {
    while (values[i] < pivot) i++;
    while (values[j] > pivot) j--;
    if (i <= j) {
      const swap = values[i];
      values[i++] = values[j];
      values[j--] = swap;
    }
  }
  return [j, i];
}
function medianOfThree(a, b, c) {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
function histogram(values, min, max) {
  if (values.length === 0) return { edges: [0], counts: [] };
  if (min === max) return { edges: [min, max], counts: [values.length] };
  const width = (max - min) / HISTOGRAM_BUCKETS;
  const edges = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => min + i * width);
  edges[HISTOGRAM_BUCKETS] = max;
  const counts = new Array(HISTOGRAM_BUCKETS).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bucket = Math.min(
      Math.floor((values[i] - min) / width),
      HISTOGRAM_BUCKETS - 1
    );
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { edges, counts };
}
function countValues(values) {
  const byValue = /* @__PURE__ */ new Map();
  let totalLength = 0;
  for (const raw of values) {
    const value = String(raw);
    totalLength += value.length;
    const entry = byValue.get(value);
    if (entry) entry.count++;
    else byValue.set(value, { value, count: 1 });
  }
  return { byValue, totalLength };
}
function categoricalStats(counts, total, topSize) {
  const top = [...counts.byValue.values()].sort((a, b) => b.count - a.count || compareText(a.value, b.value)).slice(0, topSize).map(({ value, count }) => ({ value: excerpt(value), count }));
  return {
    unique: counts.byValue.size,
    top,
    avgLength: total > 0 ? counts.totalLength / total : 0
  };
}

// src/data/heavy-hitters.ts
var SpaceSaving = class {
  constructor(k) {
    this.k = k;
  }
  k;
  /** The counters as a binary min-heap on count. */
  heap = [];
  index = /* @__PURE__ */ new Map();
  get size() {
    return this.heap.length;
  }
  /** Counts `value` `weight` times (`error` when the weight is itself an upper bound). */
  add(value, weight = 1, error = 0) {
    const at = this.index.get(value);
    if (at !== void 0) {
      const counter = this.heap[at];
      counter.count += weight;
      counter.error += error;
      this.siftDown(at);
      return;
    }
    if (this.heap.length < this.k) {
      this.heap.push({ value, count: weight, error });
      this.index.set(value, this.heap.length - 1);
      this.siftUp(this.heap.length - 1);
      return;
    }
    const smallest = this.heap[0];
    this.index.delete(smallest.value);
    this.heap[0] = { value, count: smallest.count + weight, error: smallest.count + error };
    this.index.set(value, 0);
    this.siftDown(0);
  }
  /** The counters, most frequent first, ties by `order` of their values. */
  top(order) {
    return [...this.heap].sort((a, b) => b.count - a.count || order(a.value, b.value));
  }
  /** Whether some value certainly occurred twice (its count less its error is 2 or more). */
  someRepeated() {
    return this.heap.some((counter) => counter.count - counter.error >= 2);
  }
  /** The bound on any count's overestimate: the smallest counter once all k are in use. */
  maxError() {
    return this.heap.length < this.k ? 0 : this.heap[0]?.count ?? 0;
  }
  siftUp(at) {
    const heap = this.heap;
    while (at > 0) {
      const parent = at - 1 >> 1;
      if (heap[parent].count <= heap[at].count) {
        return;
      }
      this.swap(at, parent);
      at = parent;
    }
  }
  siftDown(at) {
    const heap = this.heap;
    for (; ; ) {
      const left = 2 * at + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const count = (i) => heap[i].count;
      const child = right < heap.length && count(right) < count(left) ? right : left;
      if (count(at) <= count(child)) return;
      this.swap(at, child);
      at = child;
    }
  }
  swap(a, b) {
    const heap = this.heap;
    const first = heap[a];
    const second = heap[b];
    heap[a] = second;
    heap[b] = first;
    this.index.set(second.value, a);
    this.index.set(first.value, b);
  }
};
var HLL_BITS = 14;
var HLL_REGISTERS = 1 << HLL_BITS;
var HyperLogLog = class {
  /** The relative standard error of `estimate`. */
  static ERROR = 1.04 / Math.sqrt(HLL_REGISTERS);
  registers = new Uint8Array(HLL_REGISTERS);
  add(value) {
    let h1 = 2166136261;
    let h2 = 2538058380;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 16777619);
      h2 = Math.imul(h2 ^ code, 1540483477);
      h2 ^= h2 >>> 15;
    }
    const slot = mix(h1 ^ value.length) >>> 32 - HLL_BITS;
    const rest = mix(h2 + value.length);
    const rank = rest === 0 ? 33 : Math.clz32(rest) + 1;
    if (rank > this.registers[slot]) this.registers[slot] = rank;
  }
  estimate() {
    const m = HLL_REGISTERS;
    let sum = 0;
    let zeros = 0;
    for (const register of this.registers) {
      sum += 2 ** -register;
      if (register === 0) zeros++;
    }
    const raw = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    return raw;
  }
};
function mix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}

// src/data/column-accumulator.ts
var EXACT_NUMBERS = 1 << 20;
var TALLY_GRACE = 1e3;
var INITIAL_NUMBERS = 1024;
var MISSING_LINES = 10;
var DISTINCT_CAP = 1e5;
var DISTINCT_CHARS = 2e6;
var MIN_CAPPED = 1e3;
var HEAVY_HITTERS = 1e4;
var TableAccumulator = class _TableAccumulator {
  constructor(kinds = {}, options = {}) {
    this.kinds = kinds;
    this.options = options;
  }
  kinds;
  options;
  columns = [];
  rows = 0;
  accumulators = [];
  add(batch) {
    if (this.columns.length === 0) {
      for (const name of batch.columns) {
        this.columns.push(name);
        this.accumulators.push(this.accumulatorFor(name));
      }
    }
    const width = this.accumulators.length;
    const { rows, lines } = batch;
    for (let index = 0; index < width; index++) {
      const accumulator = this.accumulators[index];
      for (let row = 0; row < rows.length; row++) {
        accumulator.add(rows[row][index] ?? null, lines[row] ?? row + 1);
      }
    }
    this.rows += rows.length;
  }
  /** The column accumulators, by column, for the callers that need more than statistics. */
  column(name) {
    const index = this.columns.indexOf(name);
    return index < 0 ? void 0 : this.accumulators[index];
  }
  /** Columns whose strings were not all tallied and turned out categorical or text. */
  needsSecondPass() {
    return this.accumulators.filter((a) => a.needsSecondPass()).map((a) => a.name);
  }
  /**
   * The statistics; `secondPass` holds the accumulators of a second pass over the same rows for
   * the columns `needsSecondPass` named (fed with `forSecondPass`).
   */
  finish(secondPass) {
    const columns = this.accumulators.map((accumulator) => {
      const again = secondPass?.onlyStrings?.has(accumulator.name) ? secondPass.column(accumulator.name) : void 0;
      return (again ?? accumulator).finish(this.rows);
    });
    return { rows: this.rows, columns };
  }
  /** An accumulator for a second pass over the rows of the columns `needsSecondPass` named. */
  forSecondPass() {
    const names = new Set(this.needsSecondPass());
    const second = new _TableAccumulator(this.kinds, this.options);
    second.onlyStrings = names;
    return second;
  }
  onlyStrings;
  accumulatorFor(name) {
    const own = (record) => record && Object.hasOwn(record, name) ? record[name] : void 0;
    const forced = this.onlyStrings?.has(name) ? "string" : own(this.kinds);
    return new ColumnAccumulator(name, forced, {
      edges: own(this.options.driftEdges),
      range: forced === "numeric" ? own(this.options.ranges) : void 0,
      domain: forced && forced !== "string" ? own(this.options.domains) : void 0,
      exactNumbers: this.options.exactNumbers ?? EXACT_NUMBERS,
      skip: this.onlyStrings !== void 0 && !this.onlyStrings.has(name)
    });
  }
  // ---- Mergeable state (data/partial-statistics.ts): `mlops validate --shard`, `stats merge` ----
  /** The state of every column, for a statistics part file. */
  toState() {
    return { rows: this.rows, columns: this.accumulators.map((a) => a.toState()) };
  }
  /**
   * Loads a part's state into this new accumulator, made with the kinds and options the part was
   * computed with; `where` names the part in errors.
   */
  load(state, where) {
    this.columns.length = 0;
    this.accumulators.length = 0;
    state.columns.forEach((column, index) => {
      const accumulator = this.accumulatorFor(column.name);
      accumulator.load(column, `${where}: columns[${index}]`);
      this.columns.push(column.name);
      this.accumulators.push(accumulator);
    });
    this.rows = state.rows;
  }
  /**
   * Adds `later`, the accumulator of the rows that follow these ones in the file: counts, missing
   * lines, tallies, first examples and exact numbers come out as one pass over both would give.
   */
  merge(later, where) {
    if (later.columns.length > 0 && this.columns.length === 0) {
      this.columns.push(...later.columns);
      this.accumulators.push(...later.accumulators);
    } else if (later.columns.length > 0) {
      if (later.columns.join("\0") !== this.columns.join("\0")) {
        throw new DataError(
          `${where}: its columns differ from the other parts' (${later.columns.length} against ${this.columns.length}); every part must come from the same file.`
        );
      }
      this.accumulators.forEach(
        (accumulator, index) => accumulator.merge(later.accumulators[index])
      );
    }
    this.rows += later.rows;
  }
};
var Invalid = class {
  count = 0;
  examples = /* @__PURE__ */ new Set();
  lines = [];
  add(value, line) {
    this.count++;
    if (this.examples.size < INVALID_EXAMPLES) this.examples.add(excerpt(String(value)));
    if (this.lines.length < INVALID_EXAMPLES) this.lines.push(line);
  }
  result() {
    if (this.count === 0) return void 0;
    return { count: this.count, examples: [...this.examples], lines: this.lines };
  }
  toState() {
    return { count: this.count, examples: [...this.examples], lines: [...this.lines] };
  }
  load(state) {
    this.count = state.count;
    state.examples.slice(0, INVALID_EXAMPLES).forEach((example) => this.examples.add(example));
    this.lines.push(...state.lines.slice(0, INVALID_EXAMPLES));
  }
  /** Adds the invalid values of the rows after these: the first examples and lines stay first. */
  merge(later) {
    this.count += later.count;
    for (const example of later.examples) {
      if (this.examples.size >= INVALID_EXAMPLES) break;
      this.examples.add(example);
    }
    this.lines.push(...later.lines.slice(0, INVALID_EXAMPLES - this.lines.length));
  }
};
var ColumnAccumulator = class {
  constructor(name, forced, options) {
    this.name = name;
    this.forced = forced;
    this.options = options;
    const numeric = forced === void 0 || forced === "numeric";
    this.numbers = numeric ? new NumberStore(options.exactNumbers, options.edges) : void 0;
    this.datesAlive = forced === void 0 || forced === "date";
    if (forced === "date") this.dates = new NumberStore(options.exactNumbers, void 0);
    this.booleansAlive = forced === void 0 || forced === "boolean";
    const tallies = forced === void 0 || forced === "categorical" || forced === "text";
    if (!tallies && forced !== "string") this.tally = void 0;
    if (options.domain && forced && forced !== "string") {
      this.outOfDomain = {
        key: domainKey(forced),
        keys: domainKeys(forced, options.domain),
        count: 0,
        tally: /* @__PURE__ */ new Map(),
        lines: []
      };
    }
  }
  name;
  forced;
  options;
  present = 0;
  /** The first lines where the column has no value (the label's are the unlabelled rows). */
  missingLines = [];
  numbers;
  numberInvalid = new Invalid();
  dates;
  dateInvalid = new Invalid();
  datesAlive;
  booleansAlive;
  trues = 0;
  falses = 0;
  booleanInvalid = new Invalid();
  tally = { byValue: /* @__PURE__ */ new Map(), totalLength: 0 };
  tallyComplete = true;
  /** Characters of the tally's distinct values (for DISTINCT_CHARS). */
  tallyChars = 0;
  /** Past the cap, the tally's map is empty and this summarises its strings. */
  summary;
  /** Every value a number, or a number written with a decimal comma; `commas` of the latter. */
  decimalCommaAlive = true;
  commas = 0;
  /** Identifier-like: every value distinct and without whitespace (text), or rising integers. */
  whitespace = false;
  rising = true;
  last = -Infinity;
  outOfRange = { below: 0, above: 0, lines: [] };
  outOfDomain;
  add(value, line) {
    if (this.options.skip) return;
    if (isAbsent(value)) {
      if (this.missingLines.length < MISSING_LINES) this.missingLines.push(line);
      return;
    }
    this.present++;
    const forced = this.forced;
    let number = null;
    if (this.numbers) {
      number = parseNumber(value);
      if (number === null) this.numberInvalid.add(value, line);
      else {
        this.numbers.add(number);
        if (this.options.range) this.checkRange(number, line);
        if (this.rising) {
          if (Number.isInteger(number) && number > this.last) this.last = number;
          else this.rising = false;
        }
      }
    }
    if (this.datesAlive) {
      const date = parseDate(value);
      if (date !== null) (this.dates ??= new NumberStore(this.options.exactNumbers)).add(date);
      else if (forced === "date") this.dateInvalid.add(value, line);
      else this.dropDates();
    }
    if (this.booleansAlive) {
      const flag = parseBoolean(value);
      if (flag === true) this.trues++;
      else if (flag === false) this.falses++;
      else if (forced === "boolean") this.booleanInvalid.add(value, line);
      else this.booleansAlive = false;
    }
    if (this.tally) {
      this.count(value);
      if (forced === void 0 && this.present >= TALLY_GRACE && this.looksNumeric()) {
        this.tally = void 0;
        this.tallyComplete = false;
      }
    }
    if (this.decimalCommaAlive && number === null && (forced === void 0 || forced === "categorical" || forced === "text" || forced === "string")) {
      this.checkDecimalComma(value, number);
    }
    if (this.outOfDomain) this.checkDomain(value, line);
  }
  looksNumeric() {
    return this.numberInvalid.count <= allowedNonNumeric(this.present);
  }
  dropDates() {
    this.datesAlive = false;
    this.dates = void 0;
  }
  count(raw) {
    const tally = this.tally;
    const value = String(raw);
    tally.totalLength += value.length;
    if (this.summary) {
      this.summary.add(value, 1);
      if (!this.whitespace && /\s/.test(value)) this.whitespace = true;
      return;
    }
    const entry = tally.byValue.get(value);
    if (entry) entry.count++;
    else {
      tally.byValue.set(value, { value, count: 1 });
      if (!this.whitespace && /\s/.test(value)) this.whitespace = true;
      this.tallyChars += value.length;
      if (this.overCap()) this.toSummary();
    }
  }
  overCap() {
    const size = this.tally.byValue.size;
    return size > DISTINCT_CAP || size >= MIN_CAPPED && this.tallyChars > DISTINCT_CHARS;
  }
  /** Moves the exact tally (of `present` values) into a StringSummary and empties it. */
  toSummary() {
    const tally = this.tally;
    this.summary = new StringSummary(tally.byValue, this.present);
    tally.byValue = /* @__PURE__ */ new Map();
    this.tallyChars = 0;
  }
  /** Entries the column holds for its strings: the tally's, or the summary's counters. */
  tallySize() {
    return this.summary ? this.summary.size() : this.tally?.byValue.size ?? 0;
  }
  /** Distinct values: exact in the tally, else the summary's estimate. */
  distinct() {
    const tally = this.tally;
    return this.summary ? this.summary.unique(this.present) : tally.byValue.size;
  }
  /** For a value not read as a number yet (`number` null: not a number, or not parsed). */
  checkDecimalComma(value, number) {
    if ((number ?? parseNumber(value)) !== null) return;
    if (typeof value !== "string" || !value.includes(",") || decimalCommaToPoint(value) === null) {
      this.decimalCommaAlive = false;
      return;
    }
    this.commas++;
  }
  checkRange(number, line) {
    const range = this.options.range;
    if (!Number.isFinite(number)) return;
    const isBelow = range.min !== void 0 && number < range.min;
    const isAbove = range.max !== void 0 && number > range.max;
    if (!isBelow && !isAbove) return;
    if (isBelow) this.outOfRange.below++;
    else this.outOfRange.above++;
    if (this.outOfRange.lines.length < INVALID_EXAMPLES) this.outOfRange.lines.push(line);
  }
  checkDomain(value, line) {
    const domain = this.outOfDomain;
    const known = domain.key(value);
    if (known === null || domain.keys.has(known)) return;
    domain.count++;
    if (domain.lines.length < INVALID_EXAMPLES) domain.lines.push(line);
    const text = excerpt(String(value));
    const entry = domain.tally.get(text);
    if (entry) entry.count++;
    else if (domain.tally.size < OUT_OF_DOMAIN_TALLY)
      domain.tally.set(text, { value: text, count: 1 });
  }
  /** The kind the statistics give this column (see inferredColumnStats). */
  kind() {
    if (this.forced !== void 0) return this.forced;
    if (this.present === 0) return "empty";
    if (this.numberInvalid.count === 0) return "numeric";
    if (this.booleansAlive) return "boolean";
    if (this.datesAlive) return "date";
    if (this.looksNumeric()) return "numeric";
    return "string";
  }
  needsSecondPass() {
    return !this.tallyComplete && this.kind() === "string";
  }
  /**
   * Whether the column looks like an identifier, as data preparation judges one (prepare.ts):
   * at least 20 values, all distinct, either text without whitespace or rising integers.
   */
  looksLikeIdentifier() {
    if (this.present < 20) return false;
    const kind = this.finishedKind();
    if (kind === "numeric") return this.numberInvalid.count === 0 && this.rising;
    if (kind !== "text" || !this.tally) return false;
    if (this.summary) return !this.whitespace && this.summary.allDistinct(this.present);
    return this.tally.byValue.size === this.present && !this.whitespace;
  }
  finishedKind() {
    const kind = this.kind();
    if (kind !== "string") return kind;
    const tally = this.tally;
    return stringKind(this.distinct(), this.present, tally.totalLength / this.present);
  }
  finish(rows) {
    const kind = this.finishedKind();
    const stats = {
      name: this.name,
      kind,
      count: this.present,
      missing: rows - this.present
    };
    switch (kind) {
      case "numeric": {
        const invalid = this.numberInvalid.result();
        if (invalid) stats.invalid = invalid;
        const numbers = this.numbers;
        if (numbers.count > 0) stats.numeric = numbers.finish(this.name, true);
        if (this.options.range && (this.outOfRange.below > 0 || this.outOfRange.above > 0)) {
          stats.outOfRange = { ...this.options.range, ...this.outOfRange };
        }
        break;
      }
      case "date": {
        const invalid = this.dateInvalid.result();
        if (invalid) stats.invalid = invalid;
        if (this.dates && this.dates.count > 0) stats.numeric = this.dates.finish(this.name, false);
        break;
      }
      case "boolean": {
        const invalid = this.booleanInvalid.result();
        if (invalid) stats.invalid = invalid;
        const count = this.trues + this.falses;
        if (count > 0) {
          const byValue = /* @__PURE__ */ new Map();
          if (this.trues > 0) byValue.set("true", { value: "true", count: this.trues });
          if (this.falses > 0) byValue.set("false", { value: "false", count: this.falses });
          const totalLength = 4 * this.trues + 5 * this.falses;
          stats.categorical = categoricalStats({ byValue, totalLength }, count, TOP_CATEGORIES);
        }
        break;
      }
      case "categorical":
      case "text": {
        const tally = this.tally;
        const topSize = kind === "text" ? TOP_TEXT : TOP_CATEGORIES;
        stats.categorical = this.summary ? this.summary.stats(tally.totalLength, this.present, topSize) : categoricalStats(tally, this.present, topSize);
        if (this.decimalCommaAlive && this.commas > 0) stats.decimalComma = true;
        break;
      }
      case "empty":
        break;
    }
    const domain = this.outOfDomain;
    if (domain && domain.count > 0) {
      const top = [...domain.tally.values()].sort((a, b) => b.count - a.count || compareText(a.value, b.value)).slice(0, INVALID_EXAMPLES);
      stats.outOfDomain = { count: domain.count, top, lines: domain.lines };
    }
    return stats;
  }
  // ---- Mergeable state (data/partial-statistics.ts) ----
  toState() {
    if (this.summary) {
      throw new DataError(
        `column "${this.name}" has more than ${DISTINCT_CAP.toLocaleString("en-US")} distinct values (or ${DISTINCT_CHARS.toLocaleString("en-US")} characters of them) in this part, so its strings are summarised, and a statistics part cannot carry the summary; validate the file without --shard, or list the column in data.ignore.`
      );
    }
    const tally = this.tally;
    const domain = this.outOfDomain;
    return {
      name: this.name,
      forced: this.forced ?? null,
      present: this.present,
      missingLines: [...this.missingLines],
      numbers: this.numbers ? this.numbers.toState() : null,
      numberInvalid: this.numberInvalid.toState(),
      dates: this.dates ? this.dates.toState() : null,
      dateInvalid: this.dateInvalid.toState(),
      datesAlive: this.datesAlive,
      booleansAlive: this.booleansAlive,
      trues: this.trues,
      falses: this.falses,
      booleanInvalid: this.booleanInvalid.toState(),
      tally: tally ? {
        values: [...tally.byValue.values()].map(({ value, count }) => [value, count]),
        totalLength: tally.totalLength
      } : null,
      tallyComplete: this.tallyComplete,
      decimalCommaAlive: this.decimalCommaAlive,
      commas: this.commas,
      whitespace: this.whitespace,
      rising: this.rising,
      last: Number.isFinite(this.last) ? this.last : null,
      outOfRange: { ...this.outOfRange, lines: [...this.outOfRange.lines] },
      outOfDomain: domain ? {
        count: domain.count,
        tally: [...domain.tally.values()].map(({ value, count }) => [value, count]),
        lines: [...domain.lines]
      } : null
    };
  }
  /** Loads a part's state into this new accumulator; `where` names the column in errors. */
  load(state, where) {
    const mismatch = (field, found, expected) => new DataError(
      `${where}.${field}: the part was computed with ${found}, this run with ${expected}; compute every part with the same schema, baseline and config.`
    );
    if (state.forced !== (this.forced ?? null)) {
      throw mismatch(
        "forced",
        `kind ${state.forced ?? "inferred"}`,
        `${this.forced ?? "inferred"}`
      );
    }
    if (state.numbers === null !== (this.numbers === void 0)) {
      throw mismatch(
        "numbers",
        state.numbers ? "numbers" : "none",
        this.numbers ? "numbers" : "none"
      );
    }
    if (state.outOfDomain === null !== (this.outOfDomain === void 0)) {
      throw mismatch("outOfDomain", "another domain", "this one");
    }
    if (state.tally === null === (this.tally !== void 0) && state.tallyComplete) {
      throw mismatch("tally", state.tally ? "a tally" : "none", this.tally ? "a tally" : "none");
    }
    this.present = state.present;
    this.missingLines.push(...state.missingLines.slice(0, MISSING_LINES));
    this.numbers?.load(state.numbers, `${where}.numbers`);
    this.numberInvalid.load(state.numberInvalid);
    if (state.dates) {
      this.dates = new NumberStore(this.options.exactNumbers);
      this.dates.load(state.dates, `${where}.dates`);
    }
    this.dateInvalid.load(state.dateInvalid);
    this.datesAlive = state.datesAlive;
    this.booleansAlive = state.booleansAlive;
    this.trues = state.trues;
    this.falses = state.falses;
    this.booleanInvalid.load(state.booleanInvalid);
    this.tally = state.tally ? {
      byValue: new Map(state.tally.values.map(([value, count]) => [value, { value, count }])),
      totalLength: state.tally.totalLength
    } : void 0;
    this.tallyComplete = state.tallyComplete;
    this.tallyChars = 0;
    for (const value of this.tally?.byValue.keys() ?? []) this.tallyChars += value.length;
    if (this.tally && this.overCap()) this.toSummary();
    this.decimalCommaAlive = state.decimalCommaAlive;
    this.commas = state.commas;
    this.whitespace = state.whitespace;
    this.rising = state.rising;
    this.last = state.last ?? -Infinity;
    this.outOfRange.below = state.outOfRange.below;
    this.outOfRange.above = state.outOfRange.above;
    this.outOfRange.lines.push(...state.outOfRange.lines.slice(0, INVALID_EXAMPLES));
    const domain = this.outOfDomain;
    if (domain && state.outOfDomain) {
      domain.count = state.outOfDomain.count;
      for (const [value, count] of state.outOfDomain.tally.slice(0, OUT_OF_DOMAIN_TALLY)) {
        domain.tally.set(value, { value, count });
      }
      domain.lines.push(...state.outOfDomain.lines.slice(0, INVALID_EXAMPLES));
    }
  }
  /** Adds `later`, this column in the rows that follow these (see TableAccumulator.merge). */
  merge(later) {
    if (this.rising && later.rising && this.numbers?.hasFinite() && later.numbers?.hasFinite()) {
      this.rising = later.numbers.lowest() > this.last;
    } else this.rising &&= later.rising;
    this.last = Math.max(this.last, later.last);
    this.present += later.present;
    const missing = [...this.missingLines, ...later.missingLines].slice(0, MISSING_LINES);
    this.missingLines.splice(0, this.missingLines.length, ...missing);
    if (this.numbers && later.numbers) this.numbers.merge(later.numbers);
    this.numberInvalid.merge(later.numberInvalid);
    if (this.datesAlive && later.datesAlive) {
      if (this.dates && later.dates) this.dates.merge(later.dates);
      else this.dates ??= later.dates;
    } else this.dropDates();
    this.dateInvalid.merge(later.dateInvalid);
    this.booleansAlive &&= later.booleansAlive;
    this.trues += later.trues;
    this.falses += later.falses;
    this.booleanInvalid.merge(later.booleanInvalid);
    if (later.summary) {
      throw new DataError(
        `column "${later.name}": a part past the distinct-value cap cannot be merged (see toState).`
      );
    }
    if (this.tally && later.tally) {
      if (this.summary) this.summary.merge(later.tally.byValue, later.present);
      else {
        for (const { value, count } of later.tally.byValue.values()) {
          const entry = this.tally.byValue.get(value);
          if (entry) entry.count += count;
          else {
            this.tally.byValue.set(value, { value, count });
            this.tallyChars += value.length;
          }
        }
      }
      this.tally.totalLength += later.tally.totalLength;
      if (!this.summary && this.overCap()) this.toSummary();
    } else this.tally = void 0;
    this.tallyComplete &&= later.tallyComplete;
    this.whitespace ||= later.whitespace;
    this.decimalCommaAlive &&= later.decimalCommaAlive;
    this.commas += later.commas;
    this.outOfRange.below += later.outOfRange.below;
    this.outOfRange.above += later.outOfRange.above;
    const lines = later.outOfRange.lines.slice(0, INVALID_EXAMPLES - this.outOfRange.lines.length);
    this.outOfRange.lines.push(...lines);
    const domain = this.outOfDomain;
    const other = later.outOfDomain;
    if (domain && other) {
      domain.count += other.count;
      domain.lines.push(...other.lines.slice(0, INVALID_EXAMPLES - domain.lines.length));
      for (const { value, count } of other.tally.values()) {
        const entry = domain.tally.get(value);
        if (entry) entry.count += count;
        else if (domain.tally.size < OUT_OF_DOMAIN_TALLY) domain.tally.set(value, { value, count });
      }
    }
  }
};
var StringSummary = class {
  capped;
  repeated;
  heavy = new SpaceSaving(HEAVY_HITTERS);
  hll = new HyperLogLog();
  constructor(byValue, present) {
    this.capped = byValue.size;
    this.repeated = byValue.size < present;
    const entries = [...byValue.values()];
    for (const { value } of entries) this.hll.add(value);
    entries.sort((a, b) => b.count - a.count || compareText(a.value, b.value)).slice(0, HEAVY_HITTERS).forEach(({ value, count }) => this.heavy.add(excerpt(value), count));
  }
  add(value, weight) {
    this.heavy.add(excerpt(value), weight);
    this.hll.add(value);
  }
  /** Adds the exact tally of `present` values of the rows after these. */
  merge(byValue, present) {
    if (byValue.size < present) this.repeated = true;
    for (const { value, count } of byValue.values()) this.add(value, count);
  }
  size() {
    return this.heavy.size;
  }
  unique(present) {
    return Math.min(present, Math.max(this.capped, Math.round(this.hll.estimate())));
  }
  allDistinct(present) {
    if (this.repeated || this.heavy.someRepeated()) return false;
    return this.hll.estimate() >= present * (1 - 3 * HyperLogLog.ERROR);
  }
  stats(totalLength, present, topSize) {
    const top = this.heavy.top(compareText).slice(0, topSize);
    return {
      unique: this.unique(present),
      top: top.map(({ value, count }) => ({ value, count })),
      avgLength: present > 0 ? totalLength / present : 0,
      approximate: { countError: top.reduce((most, { error }) => Math.max(most, error), 0) }
    };
  }
};
var NumberStore = class {
  constructor(limit, edges) {
    this.limit = limit;
    this.edges = edges;
  }
  limit;
  edges;
  count = 0;
  nonFinite = 0;
  zeros = 0;
  integer = true;
  min = Infinity;
  max = -Infinity;
  values = new Float64Array(1024);
  finite = 0;
  // Past the limit: Welford moments, a sketch, and the exact counts that need no order.
  sketched = 0;
  mean = 0;
  m2 = 0;
  sketch;
  drift;
  distinct;
  add(value) {
    this.count++;
    if (!Number.isFinite(value)) {
      this.nonFinite++;
      return;
    }
    if (value === 0) this.zeros++;
    if (this.integer && !Number.isInteger(value)) this.integer = false;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    const index = this.finite++;
    const values = this.values;
    if (values) {
      if (index < values.length) {
        values[index] = value;
        return;
      }
      if (index < this.limit) {
        const grown = new Float64Array(Math.min(this.limit, values.length * 2));
        grown.set(values);
        grown[index] = value;
        this.values = grown;
        return;
      }
      this.toSketch(values, index);
    }
    this.addToSketch(value);
  }
  /** Moves the `kept` values into the sketch and the order-free counts. */
  toSketch(values, kept) {
    this.values = void 0;
    this.sketch = new Kll();
    this.drift = this.edges ? binValues([], this.edges) : void 0;
    this.distinct = /* @__PURE__ */ new Map();
    for (let i = 0; i < kept; i++) this.addToSketch(values[i]);
  }
  addToSketch(value) {
    const n = ++this.sketched;
    const delta = value - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (value - this.mean);
    this.sketch.add(value);
    if (this.drift) addWeighted(this.drift, value, 1);
    const distinct = this.distinct;
    if (distinct) {
      const key = value === 0 ? 0 : value;
      const seen = distinct.get(key);
      if (seen !== void 0) distinct.set(key, seen + 1);
      else if (distinct.size === DISTINCT_LIMIT) this.distinct = void 0;
      else distinct.set(key, 1);
    }
  }
  finish(column, drift) {
    if (this.values) {
      const finite = this.values.subarray(0, this.finite);
      const sorted = sortNumbers(finite.slice());
      const some = this.finite > 0;
      const figures = {
        min: some ? this.min : 0,
        max: some ? this.max : 0,
        zeros: this.zeros,
        nonFinite: this.nonFinite,
        integer: this.integer
      };
      const stats2 = finiteNumericStats(figures, finite, sorted, column);
      return drift ? { ...stats2, ...sortedDriftSummary(finite, sorted, this.edges) } : stats2;
    }
    const sketch = this.sketch;
    const n = this.finite;
    const moments = { mean: this.mean, std: Math.sqrt(this.m2 / n) };
    if (!Number.isFinite(moments.mean) || !Number.isFinite(moments.std)) {
      throw new DataError(
        `column "${column}": values are too large to standardise (up to ${Math.max(-this.min, this.max)}); rescale the column (e.g. to other units) before training.`
      );
    }
    const stats = {
      min: this.min,
      max: this.max,
      ...moments,
      zeros: this.zeros,
      nonFinite: this.nonFinite,
      integer: this.integer,
      quantiles: {
        p01: sketch.quantile(0.01),
        p25: sketch.quantile(0.25),
        p50: sketch.quantile(0.5),
        p75: sketch.quantile(0.75),
        p99: sketch.quantile(0.99)
      },
      histogram: sketchHistogram(sketch, this.min, this.max, n)
    };
    if (!drift) return stats;
    const driftHistogram = this.drift ?? sketch.driftHistogram();
    const distinct = this.distinct ? [...this.distinct].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value) : void 0;
    return { ...stats, driftHistogram, ...distinct ? { distinct } : {} };
  }
  // ---- Mergeable state (data/partial-statistics.ts) ----
  hasFinite() {
    return this.finite > 0;
  }
  /** The smallest finite value (the first, in a column of rising integers). */
  lowest() {
    return this.min;
  }
  toState() {
    const sketch = this.sketch;
    return {
      count: this.count,
      nonFinite: this.nonFinite,
      zeros: this.zeros,
      integer: this.integer,
      min: this.finite > 0 ? this.min : null,
      max: this.finite > 0 ? this.max : null,
      finite: this.finite,
      values: this.values ? Array.from(this.values.subarray(0, this.finite)) : null,
      sketch: sketch ? {
        mean: this.mean,
        m2: this.m2,
        kll: sketch.toState(),
        drift: this.drift ?? null,
        distinct: this.distinct ? [...this.distinct] : null
      } : null
    };
  }
  load(state, where) {
    const wrong = (field, what) => new DataError(`${where}.${field}: ${what}; the part is damaged or forged.`);
    if (state.count !== state.finite + state.nonFinite) {
      throw wrong("count", "it is not finite + nonFinite");
    }
    if (state.finite > 0 && (state.min === null || state.max === null || state.min > state.max)) {
      throw wrong("min", "missing or above max");
    }
    this.count = state.count;
    this.nonFinite = state.nonFinite;
    this.zeros = state.zeros;
    this.integer = state.integer;
    this.min = state.min ?? Infinity;
    this.max = state.max ?? -Infinity;
    this.finite = state.finite;
    if (state.values) {
      if (state.values.length !== state.finite) {
        throw wrong("values", `${state.values.length} values, but finite says ${state.finite}`);
      }
      if (state.finite > this.exactBudget()) {
        throw wrong("values", `more values than the exact budget of ${this.exactBudget()}`);
      }
      const values = new Float64Array(Math.max(INITIAL_NUMBERS, state.finite));
      values.set(state.values);
      this.values = values;
      return;
    }
    const sketch = state.sketch;
    if (!sketch) throw wrong("sketch", "neither values nor a sketch");
    const kll = Kll.fromState(sketch.kll);
    if (kll.weight() !== state.finite) {
      throw wrong("sketch.kll", `its weights add up to ${kll.weight()}, not ${state.finite}`);
    }
    if (this.edges) {
      const counts = sketch.drift?.counts;
      if (counts?.length !== this.edges.length + 1) {
        throw wrong(
          "sketch.drift",
          `expected ${this.edges.length + 1} counts on the baseline's edges`
        );
      }
    } else if (sketch.drift) throw wrong("sketch.drift", "there are no drift edges");
    this.values = void 0;
    this.sketch = kll;
    this.sketched = state.finite;
    this.mean = sketch.mean;
    this.m2 = sketch.m2;
    this.drift = this.edges && sketch.drift ? { ...sketch.drift, edges: [...this.edges] } : void 0;
    this.distinct = sketch.distinct ? new Map(sketch.distinct) : void 0;
  }
  /** How many finite values are kept exactly: the array starts at INITIAL_NUMBERS, see add. */
  exactBudget() {
    return Math.max(this.limit, INITIAL_NUMBERS);
  }
  /**
   * Adds `later`, the numbers of the rows after these: exact when both are exact and together
   * within the budget (the values concatenated in row order), else both go to the sketch, whose
   * moments merge as Chan et al.'s parallel Welford and whose quantiles merge within KLL's error.
   */
  merge(later) {
    this.count += later.count;
    this.nonFinite += later.nonFinite;
    this.zeros += later.zeros;
    this.integer &&= later.integer;
    this.min = Math.min(this.min, later.min);
    this.max = Math.max(this.max, later.max);
    const finite = this.finite + later.finite;
    if (this.values && later.values && finite <= this.exactBudget()) {
      const values = new Float64Array(Math.max(INITIAL_NUMBERS, finite));
      values.set(this.values.subarray(0, this.finite));
      values.set(later.values.subarray(0, later.finite), this.finite);
      this.values = values;
      this.finite = finite;
      return;
    }
    if (this.values) this.toSketch(this.values, this.finite);
    if (later.values) later.toSketch(later.values, later.finite);
    const n = this.sketched + later.sketched;
    if (later.sketched > 0) {
      const delta = later.mean - this.mean;
      this.m2 += later.m2 + delta * delta * this.sketched / n * later.sketched;
      this.mean += delta * later.sketched / n;
    }
    this.sketched = n;
    this.finite = finite;
    this.sketch.merge(later.sketch);
    const drift = this.drift;
    if (drift && later.drift) {
      later.drift.counts.forEach((count, i) => {
        drift.counts[i] = drift.counts[i] + count;
      });
      drift.belowDistance += later.drift.belowDistance;
      drift.aboveDistance += later.drift.aboveDistance;
    }
    const distinct = this.distinct;
    if (distinct && later.distinct) {
      for (const [value, count] of later.distinct)
        distinct.set(value, (distinct.get(value) ?? 0) + count);
      if (distinct.size > DISTINCT_LIMIT) this.distinct = void 0;
    } else this.distinct = void 0;
  }
};
function addWeighted(histogram2, value, weight) {
  const { edges, counts } = histogram2;
  const bucket = edgesAtOrBelow(edges, value);
  counts[bucket] = counts[bucket] + weight;
  if (edges.length === 0) return;
  if (bucket === 0) histogram2.belowDistance += weight * (edges[0] - value);
  else if (bucket === edges.length) {
    histogram2.aboveDistance += weight * (value - edges[edges.length - 1]);
  }
}
function sketchHistogram(sketch, min, max, n) {
  if (n === 0) return { edges: [0], counts: [] };
  if (min === max) return { edges: [min, max], counts: [n] };
  const width = (max - min) / HISTOGRAM_BUCKETS;
  const edges = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => min + i * width);
  edges[HISTOGRAM_BUCKETS] = max;
  const counts = new Array(HISTOGRAM_BUCKETS).fill(0);
  for (const [value, weight] of sketch.items()) {
    const bucket = Math.min(Math.floor((value - min) / width), HISTOGRAM_BUCKETS - 1);
    counts[bucket] = counts[bucket] + weight;
  }
  return { edges, counts };
}
var KLL_CAPACITIES = [];
function sortLevel(level) {
  const n = level.length;
  if (levelScratch.length < n)
    levelScratch = new Float64Array(Math.max(n, 2 * levelScratch.length));
  const typed = levelScratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const value = level[i];
    if (value === 0 && 1 / value < 0) {
      level.sort((a, b) => a - b);
      return;
    }
    typed[i] = value;
  }
  typed.sort();
  for (let i = 0; i < n; i++) level[i] = typed[i];
}
var levelScratch = new Float64Array(4096);
var Kll = class _Kll {
  static K = 4096;
  levels = [[]];
  flip = false;
  add(value) {
    const base = this.levels[0];
    base.push(value);
    if (base.length >= this.capacity(0)) this.compress();
  }
  merge(other) {
    other.levels.forEach((level, h) => {
      while (this.levels.length <= h) this.levels.push([]);
      this.levels[h].push(...level);
    });
    this.compress();
  }
  capacity(level) {
    const depth = this.levels.length - 1 - level;
    for (let d = KLL_CAPACITIES.length; d <= depth; d++) {
      KLL_CAPACITIES.push(Math.max(8, Math.ceil(_Kll.K * (2 / 3) ** d)));
    }
    return KLL_CAPACITIES[depth];
  }
  compress() {
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h];
      if (level.length < this.capacity(h)) continue;
      if (h + 1 === this.levels.length) this.levels.push([]);
      sortLevel(level);
      const keepOdd = level.length % 2 === 1 ? level.pop() : void 0;
      this.flip = !this.flip;
      const up = this.levels[h + 1];
      for (let i = this.flip ? 1 : 0; i < level.length; i += 2) up.push(level[i]);
      this.levels[h] = keepOdd === void 0 ? [] : [keepOdd];
    }
  }
  /** Each kept value with its weight (2^level), ascending. */
  items() {
    const items = [];
    this.levels.forEach((level, h) => level.forEach((value) => items.push([value, 2 ** h])));
    return items.sort((a, b) => a[0] - b[0]);
  }
  /** The value at rank q·(n − 1), read from the weighted items. */
  quantile(q) {
    const items = this.items();
    if (items.length === 0) return 0;
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    const target = q * (total - 1);
    let seen = 0;
    for (const [value, weight] of items) {
      seen += weight;
      if (seen > target) return value;
    }
    return items[items.length - 1][0];
  }
  /**
   * A baseline's drift histogram (see quantileEdges): edges at the sketch's quantiles i/DRIFT_BINS,
   * counts of its weighted items.
   */
  driftHistogram() {
    const ranked = Array.from({ length: DRIFT_BINS + 1 }, (_, i) => this.quantile(i / DRIFT_BINS));
    const histogram2 = binValues([], quantileEdges(ranked, DRIFT_BINS));
    for (const [value, weight] of this.items()) addWeighted(histogram2, value, weight);
    return histogram2;
  }
  // ---- Mergeable state (data/partial-statistics.ts) ----
  toState() {
    return { levels: this.levels.map((level) => [...level]), flip: this.flip };
  }
  static fromState(state) {
    const kll = new _Kll();
    kll.levels = state.levels.length > 0 ? state.levels.map((level) => [...level]) : [[]];
    kll.flip = state.flip;
    return kll;
  }
  /** The count the sketch stands for: its items' weights added up. */
  weight() {
    return this.levels.reduce((sum, level, h) => sum + level.length * 2 ** h, 0);
  }
};

// src/data/csv.ts
var QUOTE = 34;
var LF = 10;
var CR = 13;
var DETECTABLE_DELIMITERS = [",", ";", "	"];
var DETECTION_SAMPLE = 1024 * 1024;
var FIELD_START = 0;
var UNQUOTED = 1;
var QUOTED = 2;
var AFTER_QUOTE = 3;
async function* readCsvRecordBatches(chunks, options) {
  if (options.delimiter !== void 0) checkDelimiter(options.delimiter);
  let tokenizer;
  const heldBack = [];
  let heldLength = 0;
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    let records2;
    if (tokenizer === void 0) {
      heldBack.push(text);
      heldLength += text.length;
      const headerKnown = text.includes("\n") || heldLength >= DETECTION_SAMPLE;
      if (options.delimiter === void 0 && !headerKnown) continue;
      const held2 = heldBack.splice(0).join("");
      tokenizer = new CsvTokenizer(options.delimiter ?? detectDelimiter(held2), options);
      records2 = tokenizer.push(held2);
    } else {
      records2 = tokenizer.push(text);
    }
    if (records2.length > 0) yield records2;
  }
  const held = heldBack.join("");
  tokenizer ??= new CsvTokenizer(options.delimiter ?? detectDelimiter(held), options);
  const records = [...held === "" ? [] : tokenizer.push(held), ...tokenizer.finish()];
  if (records.length > 0) yield records;
}
async function* decodeUtf8Chunks(chunks, source) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let first = true;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    let text;
    if (typeof chunk === "string") {
      text = chunk;
    } else {
      if (bytesRead === 0) checkNotUtf16(chunk, source);
      text = decodeBytes(decoder, chunk, true, source, bytesRead);
      bytesRead += chunk.byteLength;
    }
    if (first && text.charCodeAt(0) === 65279) text = text.slice(1);
    if (text === "") continue;
    first = false;
    yield text;
  }
  const rest = decodeBytes(decoder, void 0, false, source, bytesRead);
  if (rest !== "") yield rest;
}
function looksLikeUtf16(head) {
  let even = 0;
  let odd = 0;
  head.forEach((byte, i) => {
    if (byte === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  });
  return Math.max(even, odd) * 4 >= head.length && head.length >= 4;
}
function checkNotUtf16(first, source) {
  const bom = first[0] === 255 && first[1] === 254 || first[0] === 254 && first[1] === 255;
  if (bom || looksLikeUtf16(first.subarray(0, 64))) {
    throw new DataError(
      `${source}: looks like UTF-16 (or binary), not UTF-8 text; re-save it as UTF-8 (for example \`iconv -f utf-16 -t utf-8\`).`
    );
  }
}
function decodeBytes(decoder, bytes, stream, source, bytesRead) {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new DataError(
      `${source}: not valid UTF-8 (in the bytes after offset ${bytesRead}); re-save the file as UTF-8 (for example \`iconv -f latin1 -t utf-8\`).`
    );
  }
}
function checkDelimiter(delimiter) {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new UsageError(
      `CSV delimiter ${JSON.stringify(delimiter)} is not usable; give one character other than a quote or a line break (for example "," ";" or "\\t").`
    );
  }
}
function detectDelimiter(text) {
  const counts = new Map(DETECTABLE_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === "\n" && !inQuotes) break;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}
var CsvTokenizer = class {
  delimiter;
  delimiterCode;
  source;
  limits;
  onLongRecord;
  buffer = "";
  pos = 0;
  state = FIELD_START;
  line = 1;
  recordLine = 1;
  quoteLine = 1;
  fields = [];
  // Text of the current field read before `pos` (quoted content with escapes resolved): `parts`
  // from earlier chunks, joined once when the field ends, and `value` from this one.
  parts = [];
  value = "";
  // Where the current record and field start in `buffer` (0 when they started in earlier
  // chunks), and the UTF-8 bytes they took in those chunks.
  recordStart = 0;
  fieldStart = 0;
  carriedRecordBytes = 0;
  carriedFieldBytes = 0;
  /** False when nothing in this buffer can reach a limit, so fields and records go unmeasured. */
  mayReachLimit = false;
  // Next delimiter / LF at or after `pos`, or buffer.length when there is none; cached because
  // one indexOf per line for LF is much cheaper than one per field.
  nextDelimiter = -1;
  nextLf = -1;
  constructor(delimiter, options) {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.source = options.source;
    this.limits = sizeLimits(options);
    this.onLongRecord = options.onLongRecord;
  }
  /** Appends text and returns the records it completes. */
  push(text) {
    this.buffer = this.pos < this.buffer.length ? this.buffer.slice(this.pos) + text : text;
    this.pos = 0;
    this.recordStart = 0;
    this.fieldStart = 0;
    this.nextDelimiter = -1;
    this.nextLf = -1;
    const smallerLimit = Math.min(this.limits.maxFieldBytes, this.limits.maxRecordBytes);
    this.mayReachLimit = mayExceed(this.carriedRecordBytes, this.buffer.length, smallerLimit);
    const out = [];
    this.scan(out, false);
    this.carryOpenRecord();
    return out;
  }
  /** Ends the input and returns the last record, if any. */
  finish() {
    const out = [];
    this.recordStart = this.pos;
    this.fieldStart = this.pos;
    this.scan(out, true);
    return out;
  }
  scan(out, atEnd) {
    const buffer = this.buffer;
    const length = buffer.length;
    for (; ; ) {
      switch (this.state) {
        case FIELD_START:
          if (this.pos >= length) {
            if (atEnd && this.fields.length > 0) this.endRecord("", this.pos, this.pos, out);
            return;
          }
          this.fieldStart = this.pos;
          if (buffer.charCodeAt(this.pos) === QUOTE) {
            this.state = QUOTED;
            this.quoteLine = this.line;
            this.pos++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (!this.readUnquoted(out, atEnd)) return;
          break;
        case QUOTED:
          if (!this.readQuoted(atEnd)) return;
          break;
        case AFTER_QUOTE:
          if (!this.readAfterQuote(out, atEnd)) return;
          break;
      }
    }
  }
  /**
   * Reads unquoted fields up to the next quoted one or the end of the buffer; false when the
   * buffer ran out mid-field. It loops over fields itself, with the scan position in locals,
   * because this is where nearly all the time goes on typical data.
   */
  readUnquoted(out, atEnd) {
    const buffer = this.buffer;
    const length = buffer.length;
    let pos = this.pos;
    let fieldStart = this.fieldStart;
    let nextDelimiter = this.nextDelimiter;
    let nextLf = this.nextLf;
    for (; ; ) {
      if (nextDelimiter < pos) nextDelimiter = indexOrEnd(buffer, this.delimiter, pos);
      if (nextLf < pos) nextLf = indexOrEnd(buffer, "\n", pos);
      if (nextDelimiter < nextLf) {
        this.endField(buffer.slice(pos, nextDelimiter), fieldStart, nextDelimiter);
        pos = nextDelimiter + 1;
      } else if (nextLf < length || atEnd) {
        const textEnd = nextLf > pos && buffer.charCodeAt(nextLf - 1) === CR ? nextLf - 1 : nextLf;
        this.endRecord(buffer.slice(pos, textEnd), fieldStart, textEnd, out);
        pos = nextLf + 1;
        this.line++;
        this.recordLine = this.line;
        this.recordStart = pos;
      } else {
        pos = this.keepPartOfField(pos);
        this.state = UNQUOTED;
        break;
      }
      fieldStart = pos;
      if (pos >= length || buffer.charCodeAt(pos) === QUOTE) break;
    }
    this.pos = Math.min(pos, length);
    this.fieldStart = fieldStart;
    this.nextDelimiter = nextDelimiter;
    this.nextLf = nextLf;
    return this.state === FIELD_START;
  }
  /**
   * Sets aside the unquoted text from `pos` to the end of the buffer as part of the current
   * field, but a final CR, which may be the start of a CRLF; returns where reading stopped.
   */
  keepPartOfField(pos) {
    const buffer = this.buffer;
    const end = buffer.charCodeAt(buffer.length - 1) === CR ? buffer.length - 1 : buffer.length;
    this.value += buffer.slice(pos, end);
    return end;
  }
  /** Reads quoted text up to the next quote; false when the buffer ran out first. */
  readQuoted(atEnd) {
    const buffer = this.buffer;
    const quote = buffer.indexOf('"', this.pos);
    const end = quote < 0 ? buffer.length : quote;
    this.value += buffer.slice(this.pos, end);
    if (this.nextLf < this.pos) this.nextLf = indexOrEnd(buffer, "\n", this.pos);
    if (this.nextLf < end) this.line += countLineFeeds(buffer, this.nextLf, end);
    if (quote < 0) {
      this.pos = buffer.length;
      if (atEnd) throw this.unterminatedQuote();
      return false;
    }
    this.pos = quote + 1;
    this.state = AFTER_QUOTE;
    return true;
  }
  /** Decides what a closing quote meant from the character after it. */
  readAfterQuote(out, atEnd) {
    const buffer = this.buffer;
    const pos = this.pos;
    if (pos >= buffer.length) {
      if (atEnd) this.endRecord("", this.fieldStart, pos, out);
      return false;
    }
    const code = buffer.charCodeAt(pos);
    if (code === QUOTE) {
      this.value += '"';
      this.pos = pos + 1;
      this.state = QUOTED;
    } else if (code === this.delimiterCode) {
      this.endField("", this.fieldStart, pos);
      this.pos = pos + 1;
    } else if (code === LF || code === CR && buffer.charCodeAt(pos + 1) === LF) {
      this.endRecord("", this.fieldStart, pos, out);
      this.pos = pos + (code === CR ? 2 : 1);
      this.line++;
      this.recordLine = this.line;
      this.recordStart = this.pos;
    } else if (code === CR && pos + 1 >= buffer.length && !atEnd) {
      return false;
    } else if (code === CR && pos + 1 >= buffer.length) {
      this.endRecord("", this.fieldStart, pos, out);
      this.pos = pos + 1;
    } else {
      this.state = UNQUOTED;
    }
    return true;
  }
  /** Ends the current field, whose last text is `text` and which spans buffer[start, end). */
  endField(text, start, end) {
    if (this.mayReachLimit && mayExceed(this.carriedFieldBytes, end - start, this.limits.maxFieldBytes)) {
      this.checkFieldSize(this.carriedFieldBytes + utf8Length(this.buffer, start, end));
    }
    const value = this.value === "" ? text : this.value + text;
    if (this.parts.length === 0) {
      this.fields.push(value);
    } else {
      this.parts.push(value);
      this.fields.push(this.parts.join(""));
      this.parts = [];
    }
    this.value = "";
    this.carriedFieldBytes = 0;
    this.state = FIELD_START;
  }
  /** Ends the current field and record; the record's text ends at buffer[end]. */
  endRecord(text, fieldStart, end, out) {
    this.endField(text, fieldStart, end);
    const recordChars = end - this.recordStart;
    if (this.mayReachLimit && mayExceed(this.carriedRecordBytes, recordChars, this.limits.maxRecordBytes)) {
      this.checkRecordSize(
        this.carriedRecordBytes + utf8Length(this.buffer, this.recordStart, end)
      );
    }
    out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.carriedRecordBytes = 0;
  }
  /**
   * Counts the open record's text in this buffer (read up to `pos`) as carried over, checks the
   * limits on it, so a file without line breaks fails at the limit rather than at the end, and
   * reports progress on a long record.
   */
  carryOpenRecord() {
    if (this.value !== "") this.parts.push(this.value);
    this.value = "";
    const before = this.carriedRecordBytes;
    if (this.state === FIELD_START) {
      this.carriedRecordBytes += utf8Length(this.buffer, this.recordStart, this.pos);
    } else {
      const field = utf8Length(this.buffer, this.fieldStart, this.pos);
      this.carriedFieldBytes += field;
      this.carriedRecordBytes += utf8Length(this.buffer, this.recordStart, this.fieldStart) + field;
      this.checkFieldSize(this.carriedFieldBytes);
    }
    this.checkRecordSize(this.carriedRecordBytes);
    const step = LONG_RECORD_PROGRESS_BYTES;
    if (Math.floor(this.carriedRecordBytes / step) > Math.floor(before / step)) {
      this.onLongRecord?.(this.recordLine, this.carriedRecordBytes);
    }
  }
  checkFieldSize(bytes) {
    const limit = this.limits.maxFieldBytes;
    if (bytes > limit) throw fieldTooLong(this.source, this.recordLine, bytes, limit);
  }
  checkRecordSize(bytes) {
    const limit = this.limits.maxRecordBytes;
    if (bytes > limit) {
      throw recordTooLong(this.source, this.recordLine, bytes, limit, this.buffer);
    }
  }
  unterminatedQuote() {
    return new DataError(
      `${this.source}:${this.quoteLine}: a quoted field opened here is never closed; add the closing " or, if the quote is part of the value, double it ("") inside a quoted field.`
    );
  }
};
function indexOrEnd(text, search, from) {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}
function countLineFeeds(text, from, to) {
  let count = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

// src/data/jsonl.ts
var MAX_NESTING = 100;
async function* readJsonlRecords(chunks, options) {
  const lines = new LineSplitter(options);
  const parse = lineParser(options);
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    for (const { line, text: lineText } of lines.push(text)) {
      const record2 = parse(lineText, line);
      if (record2 !== void 0) yield { line, record: record2 };
    }
  }
  const last = lines.finish();
  const record = parse(last.text, last.line);
  if (record !== void 0) yield { line: last.line, record };
}
function lineParser(options) {
  const { source, onBadLine } = options;
  if (!onBadLine) return (text, line) => parseLine(text, source, line);
  return (text, line) => {
    try {
      return parseLine(text, source, line);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      onBadLine(line, text, error);
      return void 0;
    }
  };
}
var LineSplitter = class {
  source;
  maxRecordBytes;
  onLongRecord;
  line = 1;
  parts = [];
  carriedBytes = 0;
  constructor(options) {
    this.source = options.source;
    this.maxRecordBytes = sizeLimits(options).maxRecordBytes;
    this.onLongRecord = options.onLongRecord;
  }
  /** The lines `text` completes, with their numbers. */
  push(text) {
    const out = [];
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      out.push({ line: this.line, text: this.take(text, start, end) });
      this.line++;
      start = end + 1;
    }
    if (start < text.length) this.carry(text, start);
    return out;
  }
  /** The last line (empty when the text ended with a line break). */
  finish() {
    return { line: this.line, text: this.parts.splice(0).join("") };
  }
  /** The line made of the parts carried over and text[start, end). */
  take(text, start, end) {
    if (mayExceed(this.carriedBytes, end - start, this.maxRecordBytes)) {
      this.check(this.carriedBytes + utf8Length(text, start, end), text);
    }
    this.carriedBytes = 0;
    if (this.parts.length === 0) return text.slice(start, end);
    this.parts.push(text.slice(start, end));
    return this.parts.splice(0).join("");
  }
  /** Sets aside text[start..] as the beginning of the next line. */
  carry(text, start) {
    const before = this.carriedBytes;
    this.parts.push(text.slice(start));
    this.carriedBytes += utf8Length(text, start);
    this.check(this.carriedBytes, text);
    const step = LONG_RECORD_PROGRESS_BYTES;
    if (Math.floor(this.carriedBytes / step) > Math.floor(before / step)) {
      this.onLongRecord?.(this.line, this.carriedBytes);
    }
  }
  check(bytes, sample) {
    if (bytes > this.maxRecordBytes) {
      throw recordTooLong(this.source, this.line, bytes, this.maxRecordBytes, sample);
    }
  }
};
function parseLine(text, source, line) {
  if (text.trim() === "") return void 0;
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(
      `${source}:${line}: not valid JSON (${errorMessage(error)}); ` + (hasLoneCarriageReturn(text.trimEnd()) ? "the line holds a CR that ends no line: the file's lines seem to end with CR only (classic Mac OS), which is not supported; convert them to LF (for example `tr '\\r' '\\n'`)." : "each line of a JSON Lines file must hold one complete JSON object.")
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DataError(
      `${source}:${line}: expected a JSON object, found ${describeJson(value)}; write each row as an object of column names to values, like {"age": 42}.`
    );
  }
  checkNesting(value, source, line);
  return value;
}
function checkNesting(record, source, line) {
  const pending = [[record, 1]];
  for (let next = pending.pop(); next !== void 0; next = pending.pop()) {
    const [value, depth] = next;
    if (depth > MAX_NESTING) {
      throw new DataError(
        `${source}:${line}: a value nests arrays or objects more than ${MAX_NESTING} deep; flatten it into columns, or store it as a JSON string.`
      );
    }
    for (const child of Object.values(value)) {
      if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
    }
  }
}
function describeJson(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

// src/data/read-table.ts
var EXTENSIONS = [
  [/\.(csv|tsv)(\.gz)?$/i, "csv"],
  [/\.(jsonl|ndjson)(\.gz)?$/i, "jsonl"],
  [/\.parquet$/i, "parquet"]
];
var SUPPORTED = ".csv, .tsv, .jsonl, .ndjson, .parquet, or .csv.gz, .tsv.gz, .jsonl.gz, .ndjson.gz for gzip";
function inferFormat(path2) {
  const match = EXTENSIONS.find(([pattern]) => pattern.test(path2));
  if (match) return match[1];
  const hint = /\.parquet\.gz$/i.test(path2) ? " (Parquet compresses its own pages: give the .parquet file as written)" : "";
  throw new DataError(
    `${path2}: the file name does not say its format${hint}; name it ${SUPPORTED}, or set data.format in mlops.yml (csv, jsonl or parquet).`
  );
}
function isGzipPath(path2) {
  return /\.gz$/i.test(path2);
}
var REJECTED_RECORD_CHARS = 1e3;
var PROGRESS_ROWS = 1e5;
var MAX_COLUMN_NAME_LENGTH = 1e3;
function tooManyColumns(where, count) {
  return new DataError(
    `${where}: ${count.toLocaleString("en-US")} columns, more than the ${MAX_COLUMNS.toLocaleString("en-US")} a table may have; check the header (or, in JSON Lines, that rows share their keys).`
  );
}
async function readTable(chunks, options) {
  const { format, input, reader } = await openTable(chunks, options);
  if (format === "parquet") return readParquetTable(input, reader);
  const batches = format === "jsonl" ? jsonlBatches(input, reader) : csvBatches(input, reader);
  const table = { source: options.source, columns: [], rows: [], lines: [] };
  for await (const batch of batches) {
    table.columns = batch.columns;
    for (const row of batch.rows) table.rows.push(row);
    for (const line of batch.lines) table.lines.push(line);
  }
  const width = table.columns.length;
  for (const row of table.rows) while (row.length < width) row.push(null);
  return table;
}
async function* readTableBatches(chunks, options) {
  const { format, input, reader } = await openTable(chunks, options);
  if (format === "parquet") yield await readParquetTable(input, reader);
  else if (format === "jsonl") yield* jsonlBatches(input, reader);
  else yield* csvBatches(input, reader);
}
async function openTable(chunks, options) {
  const { source } = options;
  const format = options.format ?? await formatOf(chunks, source);
  const gzip = isGzipPath(source);
  if (gzip && format === "parquet") {
    throw new DataError(
      `${source}: a Parquet file compresses its own pages; give the .parquet file as written, not gzip-compressed.`
    );
  }
  const input = gzip ? gunzipChunks(chunks, source) : refuseMisnamed(chunks, source, format);
  const reader = {
    source: options.source,
    progress: progressReporter(options.onProgress),
    isMissing: missingMatcher(options.naValues ?? DEFAULT_NA_VALUES),
    textCell: textCellReader(options.decimal ?? "."),
    limits: sizeLimits(options),
    rejects: new Rejects(options),
    ...options.onLongRecord ? { onLongRecord: options.onLongRecord } : {}
  };
  return { format, input, reader };
}
async function formatOf(chunks, source) {
  try {
    return inferFormat(source);
  } catch (error) {
    const iterator = chunks[Symbol.asyncIterator]();
    try {
      await iterator.next();
    } finally {
      await iterator.return?.();
    }
    throw error;
  }
}
async function* refuseMisnamed(chunks, source, format) {
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      if (typeof chunk !== "string" && format !== "parquet") refuseBinary(chunk, source);
    }
    yield chunk;
  }
}
function refuseBinary(start, source) {
  if (hasGzipMagic(start)) {
    throw new DataError(
      `${source}: holds gzip-compressed data; name it ${source}.gz, or decompress it.`
    );
  }
  const parquet = [80, 65, 82, 49, 21].every((byte, i) => start[i] === byte);
  if (parquet) {
    throw new DataError(
      `${source}: holds Parquet data; name it with the .parquet extension (or set data.format: parquet).`
    );
  }
}
var Rejects = class {
  count = 0;
  source;
  maxErrors;
  onReject;
  constructor(options) {
    this.source = options.source;
    this.maxErrors = options.maxErrors ?? 0;
    this.onReject = options.onReject;
  }
  /** Leaves out the record on `line`, whose text `record` gives, or throws `error`. */
  reject(error, line, record) {
    this.count++;
    if (this.count > this.maxErrors) {
      if (this.maxErrors === 0) throw error;
      throw new DataError(
        `${error.message} That is bad record ${this.count.toLocaleString("en-US")}, more than the ${this.maxErrors.toLocaleString("en-US")} data.max_errors (--max-errors) allows; fix the rows, or raise the limit.`
      );
    }
    const place = `${this.source}:${line}: `;
    const message = error.message.startsWith(place) ? error.message.slice(place.length) : error.message;
    this.onReject?.({
      line,
      error: excerpt(message, REJECTED_RECORD_CHARS),
      record: excerpt(record(), REJECTED_RECORD_CHARS)
    });
  }
  /** The error for a file whose data rows were all rejected. */
  allRejected() {
    return new DataError(
      `${this.source}: every data row (${this.count.toLocaleString("en-US")}) was rejected as a bad record; check the file is the one meant, and its format.`
    );
  }
};
function textCellReader(decimal) {
  if (decimal === ".") return (text) => text;
  return (text) => decimalCommaToPoint(text) ?? text;
}
function progressReporter(onProgress) {
  return (rows) => {
    if (onProgress && rows % PROGRESS_ROWS === 0) onProgress(rows);
  };
}
async function* csvBatches(chunks, reader) {
  const { source, progress, limits, onLongRecord } = reader;
  const delimiter = /\.tsv(\.gz)?$/i.test(source) ? "	" : void 0;
  let columns = [];
  let rowCount = 0;
  let header;
  const options = { source, delimiter, ...limits, ...onLongRecord ? { onLongRecord } : {} };
  for await (const batch of readCsvRecordBatches(chunks, options)) {
    const table = { source, columns, rows: [], lines: [] };
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === void 0) {
        header = record;
        checkLineEndings(record, source);
        table.columns = columns = columnNames(record.fields, `${source}:${record.line}`);
        continue;
      }
      const row = csvRow(record, header, reader);
      if (row === void 0) continue;
      table.rows.push(row);
      table.lines.push(record.line);
      progress(++rowCount);
    }
    if (table.rows.length > 0) yield table;
  }
  if (header === void 0) throw emptyFile(source, "a header line and data rows");
  if (rowCount === 0 && reader.rejects.count > 0) throw reader.rejects.allRejected();
  if (rowCount === 0) {
    throw new DataError(
      `${source}:${header.line}: has a header but no data rows; add rows below the header.`
    );
  }
}
function isBlankRecord(record) {
  return record.fields.length === 1 && record.fields[0].trim() === "";
}
function columnNames(fields, where) {
  if (fields.length > MAX_COLUMNS) throw tooManyColumns(where, fields.length);
  const names = fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const long = names.findIndex(isTooLongName);
  if (long >= 0) throw nameTooLong(names[long], where, `column ${long + 1}`);
  const firstPosition = /* @__PURE__ */ new Map();
  names.forEach((name, i) => {
    const earlier = firstPosition.get(name);
    if (earlier !== void 0) {
      throw new DataError(
        `${where}: column name "${name}" appears twice (columns ${earlier + 1} and ${i + 1}); rename one of them so each column can be referred to by name.`
      );
    }
    firstPosition.set(name, i);
  });
  return names;
}
function checkLineEndings(header, source) {
  if (!header.fields.some((field) => field.includes("\r"))) return;
  throw new DataError(
    `${source}:${header.line}: the header holds a carriage return (CR) that ends no line: the file's lines seem to end with CR only (classic Mac OS), which is not supported; convert the line endings to LF (for example \`tr '\\r' '\\n' < old.csv > new.csv\`).`
  );
}
function isTooLongName(name) {
  return name.length > MAX_COLUMN_NAME_LENGTH;
}
function nameTooLong(name, where, what) {
  return new DataError(
    `${where}: the name of ${what} is ${name.length.toLocaleString("en-US")} characters long, more than the ${MAX_COLUMN_NAME_LENGTH} allowed; check the header line, or shorten the name.`
  );
}
function csvRow(record, header, reader) {
  const { fields } = record;
  if (fields.length !== header.fields.length) {
    const error = new DataError(
      `${reader.source}:${record.line}: expected ${header.fields.length} fields, found ${fields.length}; quote values that contain the delimiter, and check the row for a missing or extra one.`
    );
    reader.rejects.reject(error, record.line, () => csvLine(fields));
    return void 0;
  }
  return fields.map((field) => reader.isMissing(field) ? null : reader.textCell(field));
}
function csvLine(fields) {
  let line = "";
  for (const [i, field] of fields.entries()) {
    if (line.length > REJECTED_RECORD_CHARS) return `${line}\u2026 [${fields.length} fields]`;
    const cell = /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
    line += i === 0 ? cell : `,${cell}`;
  }
  return line;
}
var JSONL_BATCH_ROWS = 1e4;
async function* jsonlBatches(chunks, reader) {
  const { source, progress, limits, onLongRecord } = reader;
  let records = [];
  let lines = [];
  let rowCount = 0;
  const columns = /* @__PURE__ */ new Map();
  const options = {
    source,
    ...limits,
    ...onLongRecord ? { onLongRecord } : {},
    onBadLine: (line, text, error) => reader.rejects.reject(error, line, () => text)
  };
  function* flush() {
    const names = [...columns.keys()];
    for (let start = 0; start < records.length; start += JSONL_BATCH_ROWS) {
      const end = start + JSONL_BATCH_ROWS;
      const rows = records.slice(start, end).map(
        (record) => names.map((name) => Object.hasOwn(record, name) ? record[name] : null)
      );
      yield { source, columns: [...names], rows, lines: lines.slice(start, end) };
    }
    records = [];
    lines = [];
  }
  for await (const { line, record } of readJsonlRecords(chunks, options)) {
    if (!readJsonCells(record, reader, line)) continue;
    for (const key of Object.keys(record)) {
      if (columns.has(key)) continue;
      if (isTooLongName(key))
        throw nameTooLong(key, `${source}:${line}`, `key ${columns.size + 1}`);
      if (columns.size >= MAX_COLUMNS) throw tooManyColumns(`${source}:${line}`, columns.size + 1);
      columns.set(key, columns.size);
    }
    records.push(record);
    lines.push(line);
    progress(++rowCount);
    if (records.length >= JSONL_BATCH_ROWS && columns.size > 0) yield* flush();
  }
  if (rowCount === 0 && reader.rejects.count > 0) throw reader.rejects.allRejected();
  if (rowCount === 0) throw emptyFile(source, "one JSON object per line");
  if (columns.size === 0) {
    throw new DataError(
      `${source}: no record has any key; write each row as an object of column names to values.`
    );
  }
  yield* flush();
}
function readJsonCells(record, reader, line) {
  try {
    for (const key of Object.keys(record)) record[key] = jsonCell(record[key], reader, line);
    return true;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    reader.rejects.reject(error, line, () => JSON.stringify(record));
    return false;
  }
}
async function readParquetTable(chunks, reader) {
  const { source, progress } = reader;
  const { collectBytes, openParquet } = await import("./parquet-3K64KSBL.js");
  const file = openParquet(await collectBytes(chunks, source), source);
  const columns = columnNames(file.names, source);
  if (columns.length === 0) {
    throw new DataError(`${source}: has no columns; give a Parquet file with at least one.`);
  }
  if (file.rows === 0) {
    throw new DataError(`${source}: has columns but no rows; give a file with data rows.`);
  }
  const rows = await file.read();
  const lines = rows.map((row, i) => {
    const line = i + 1;
    checkRowSize(row, reader, line);
    row.forEach((value, c) => {
      row[c] = jsonCell(value, reader, line);
    });
    progress(line);
    return line;
  });
  return { source, columns, rows, lines };
}
function checkRowSize(row, reader, line) {
  const limit = reader.limits.maxRecordBytes;
  let chars = 0;
  for (const value of row) if (typeof value === "string") chars += value.length;
  if (!mayExceed(0, chars, limit)) return;
  let bytes = 0;
  for (const value of row) if (typeof value === "string") bytes += utf8Length(value);
  if (bytes <= limit) return;
  throw new DataError(
    `${reader.source}:${line}: row ${line} holds ${bytes.toLocaleString("en-US")} bytes of text, more than the ${limit.toLocaleString("en-US")} a record may; raise data.max_record_bytes in mlops.yml if rows this long are expected.`
  );
}
function jsonCell(value, reader, line) {
  if (typeof value === "number" || typeof value === "boolean") {
    return reader.isMissing(String(value)) ? null : value;
  }
  if (typeof value === "string") {
    checkFieldSize(value, reader, line);
    return reader.isMissing(value) ? null : reader.textCell(value);
  }
  if (value === null || value === void 0) return null;
  const json = JSON.stringify(value);
  checkFieldSize(json, reader, line);
  return json;
}
function checkFieldSize(text, reader, line) {
  const limit = reader.limits.maxFieldBytes;
  if (!mayExceed(0, text.length, limit)) return;
  const bytes = utf8Length(text);
  if (bytes > limit) throw fieldTooLong(reader.source, line, bytes, limit);
}
function emptyFile(source, expected) {
  return new DataError(`${source}: is empty; give a file with ${expected}.`);
}

// src/util/random.ts
function createRng(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function shuffleInPlace(items, rng) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
function hashString(text, seed = 0) {
  let hash = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash >>> 0;
}

// src/data/split.ts
function splitRows(count, options) {
  checkShares(options.test, options.validation);
  for (const [field, values] of [
    ["keys", options.keys],
    ["stratify", options.stratify],
    ["fingerprints", options.fingerprints]
  ]) {
    if (values && values.length !== count) {
      throw new Error(`splitRows: ${values.length} ${field} for ${count} rows`);
    }
  }
  if (options.keys) return splitByKey(options.keys, options);
  const arrange = arranger(options);
  const order = options.stratify ? stratifiedOrder(options.stratify, arrange) : arrange(Array.from({ length: count }, (_, i) => i));
  const { test, validation } = splitSizes(count, options.test, options.validation);
  const ascending = (indices) => indices.sort((a, b) => a - b);
  return {
    train: ascending(order.slice(test + validation)),
    validation: ascending(order.slice(test, test + validation)),
    test: ascending(order.slice(0, test))
  };
}
function checkShares(test, validation) {
  for (const [field, share] of [
    ["data.split.test", test],
    ["data.split.validation", validation]
  ]) {
    if (!Number.isFinite(share) || share < 0 || share >= 1) {
      throw new ConfigError(
        `${field} must be a share of rows from 0 up to (not including) 1, e.g. 0.2; got ${share}.`
      );
    }
  }
  if (test + validation >= 1) {
    throw new ConfigError(
      `data.split.test + data.split.validation must be below 1 so rows remain for training; got ${test} + ${validation}. Lower one of them.`
    );
  }
}
function splitSizes(count, test, validation) {
  let testRows = Math.round(count * test);
  let validationRows = Math.round(count * validation);
  if (test > 0 && count >= 2) testRows = Math.max(testRows, 1);
  if (validation > 0 && count >= 3) validationRows = Math.max(validationRows, 1);
  testRows = Math.min(testRows, Math.max(count - 1, 0));
  validationRows = Math.min(validationRows, Math.max(count - 1 - testRows, 0));
  return { test: testRows, validation: validationRows };
}
function arranger(options) {
  const { fingerprints, seed } = options;
  if (fingerprints) {
    const rank = fingerprints.map((text) => mix32(hashString(text, seed)));
    return (indices) => indices.sort((a, b) => rank[a] - rank[b] || a - b);
  }
  const rng = createRng(seed);
  return (indices) => shuffleInPlace(indices, rng);
}
function stratifiedOrder(strata, arrange) {
  const groups = /* @__PURE__ */ new Map();
  strata.forEach((stratum, index) => {
    const members = groups.get(stratum);
    if (members) members.push(index);
    else groups.set(stratum, [index]);
  });
  const ordered = [...groups.entries()].sort(([a], [b]) => compareStrata(a, b));
  const placed = ordered.flatMap(
    ([, members], group) => arrange(members).map((index, rank) => ({
      index,
      group,
      position: (rank + 0.5) / members.length
    }))
  );
  placed.sort((a, b) => a.position - b.position || a.group - b.group);
  return placed.map((row) => row.index);
}
function compareStrata(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}
function splitByKey(keys, options) {
  const split = { train: [], validation: [], test: [] };
  keys.forEach((key, index) => {
    const share = mix32(hashString(key ?? `\0row ${index}`, options.seed)) / 2 ** 32;
    if (share < options.test) split.test.push(index);
    else if (share < options.test + options.validation) split.validation.push(index);
    else split.train.push(index);
  });
  return split;
}
function mix32(hash) {
  let h = hash;
  h = Math.imul(h ^ h >>> 16, 2246822507);
  h = Math.imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}

// src/data/prepare.ts
var MAX_STRATA = 50;
function prepareData(table, options) {
  const labelIndex = requireColumn(table, options.label, "data.label");
  for (const column of options.slices ?? []) requireColumn(table, column, "data.slices");
  const kept = [];
  const unlabeledLines = [];
  table.rows.forEach((row, i) => {
    if (isAbsent(row[labelIndex])) unlabeledLines.push(table.lines[i] ?? 0);
    else kept.push(i);
  });
  if (kept.length === 0) {
    throw new DataError(`${table.source}: every row is missing the label "${options.label}".`);
  }
  const labelled = {
    ...table,
    rows: kept.map((i) => table.rows[i]),
    lines: kept.map((i) => table.lines[i] ?? 0)
  };
  const warnings = options.ignore.filter((column) => !table.columns.includes(column)).map((column) => `data.ignore: column "${column}" is not in ${table.source}`);
  const skip = /* @__PURE__ */ new Set([
    options.label,
    ...options.ignore,
    ...options.split.key ? [options.split.key] : []
  ]);
  const schemaKinds = new Map(options.schema?.features.map((f) => [f.name, f.kind]));
  const features = labelled.columns.map((column, index) => ({ column, values: labelled.rows.map((row) => row[index] ?? null) })).filter(({ column }) => !skip.has(column)).map(({ column, values }) => ({
    column,
    values,
    kind: schemaKinds.get(column) ?? inferKind(values)
  })).filter(({ column, values, kind }) => {
    if (!looksLikeIdentifier(values, kind)) return true;
    warnings.push(
      `column "${column}" looks like an identifier (every value differs), so it is not used as a feature; list it in data.ignore to say so`
    );
    return false;
  }).map(({ column, kind }) => ({ column, kind }));
  const keyIndex = options.split.key ? requireColumn(labelled, options.split.key, "data.split.key") : -1;
  const split = splitRows(labelled.rows.length, {
    test: options.split.test,
    validation: options.split.validation,
    seed: options.split.seed,
    ...splitGroups(labelled, keyIndex, labelIndex),
    // By content, so adding rows leaves earlier test rows in test (see SplitOptions.fingerprints).
    ...keyIndex < 0 ? { fingerprints: labelled.rows.map(rowFingerprint) } : {}
  });
  if (split.train.length === 0) {
    throw new DataError(
      `${table.source}: too few labelled rows (${kept.length}) to train on after the split.`
    );
  }
  return {
    table: labelled,
    label: options.label,
    unlabeled: { count: unlabeledLines.length, lines: unlabeledLines.slice(0, 10) },
    features,
    split,
    warnings
  };
}
var MIN_ROWS_FOR_IDENTIFIER = 20;
function looksLikeIdentifier(values, kind) {
  const present = values.filter((value) => !isAbsent(value));
  if (present.length < MIN_ROWS_FOR_IDENTIFIER || new Set(present.map(String)).size < present.length) {
    return false;
  }
  if (kind === "text") return present.every((value) => !/\s/.test(String(value)));
  if (kind !== "numeric") return false;
  const numbers = present.map(parseNumber);
  return numbers.every(
    (n, i) => n !== null && Number.isInteger(n) && (i === 0 || n > numbers[i - 1])
  );
}
function rowFingerprint(row) {
  return row.map((cell) => cell === null ? "\0" : String(cell)).join("");
}
function splitGroups(table, keyIndex, labelIndex) {
  const column = (index) => table.rows.map((row) => isAbsent(row[index]) ? null : String(row[index]));
  if (keyIndex >= 0) return { keys: column(keyIndex) };
  const labels = column(labelIndex);
  return new Set(labels).size <= MAX_STRATA ? { stratify: labels } : {};
}
function requireColumn(table, column, field) {
  const index = table.columns.indexOf(column);
  if (index >= 0) return index;
  const near = table.columns.find((c) => c.trim().toLowerCase() === column.trim().toLowerCase());
  throw new DataError(
    `${field}: column "${column}" is not in ${table.source}` + (near ? ` (did you mean "${near}"?)` : "") + `. Its columns are: ${table.columns.map((c) => JSON.stringify(c)).join(", ")}.`
  );
}

// src/steps/dataset.ts
import { createHash } from "node:crypto";
import path from "node:path";
var REJECTED_LINES_KEPT = 10;
var REJECTED_LINES_LOGGED = 5;
var REJECTS_FILES = { csv: "rejects.csv", jsonl: "rejects.jsonl" };
var loaded = /* @__PURE__ */ new WeakMap();
function loadDataset(ctx) {
  let dataset = loaded.get(ctx);
  if (!dataset) {
    dataset = readDataset(ctx);
    loaded.set(ctx, dataset);
  }
  return dataset;
}
function readOptions(ctx, onReject) {
  const { config, deps } = ctx;
  return {
    source: config.data.train,
    naValues: config.data.na_values,
    maxErrors: config.data.max_errors,
    onReject,
    onProgress: (rows) => deps.log.info(`${rows.toLocaleString("en-US")} rows read\u2026`),
    onLongRecord: (line, bytes) => deps.log.info(
      `line ${line}: ${bytes.toLocaleString("en-US")} bytes read and the record is still open\u2026`
    ),
    ...config.data.format ? { format: config.data.format } : {},
    ...config.data.decimal ? { decimal: config.data.decimal } : {},
    ...config.data.max_field_bytes ? { maxFieldBytes: config.data.max_field_bytes } : {},
    ...config.data.max_record_bytes ? { maxRecordBytes: config.data.max_record_bytes } : {}
  };
}
async function readDataset(ctx) {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash("sha256");
  const rejects = [];
  const raw = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const options = readOptions(ctx, (rejected2) => rejects.push(rejected2));
    const table = await readTable(hashing(deps.fs.stream(file), hash), options);
    deps.log.info(`${table.rows.length} rows \xD7 ${table.columns.length} columns`);
    return table;
  });
  const rejected = await writeRejects(ctx, rejects);
  const { schema, schemaPath } = await readCommittedSchema(ctx);
  const prepared = prepareData(raw, {
    label: config.data.label,
    ignore: config.data.ignore,
    split: config.data.split,
    slices: config.data.slices,
    schema
  });
  prepared.warnings.forEach((w) => deps.log.warn(w));
  if (prepared.unlabeled.count > 0) {
    deps.log.warn(`${prepared.unlabeled.count} rows have no label and were dropped`);
  }
  return { raw, prepared, schema, schemaPath, dataHash: hash.digest("hex"), rejected };
}
async function writeRejects(ctx, rejects) {
  const { config, deps } = ctx;
  const format = (config.data.format ?? inferFormat(config.data.train)) === "jsonl" ? "jsonl" : "csv";
  if (rejects.length === 0) {
    for (const name2 of Object.values(REJECTS_FILES)) await deps.fs.remove(path.join(ctx.out, name2));
    return null;
  }
  const name = REJECTS_FILES[format];
  const file = path.join(ctx.out, name);
  await deps.fs.write(file, format === "jsonl" ? rejectsJsonl(rejects) : rejectsCsv(rejects));
  const lines = rejects.map((r) => r.line);
  const shown = lines.slice(0, REJECTED_LINES_LOGGED).join(", ");
  deps.log.warn(
    `${rejects.length} rows rejected as bad records (data.max_errors ${config.data.max_errors}), on lines ${shown}${lines.length > REJECTED_LINES_LOGGED ? ", \u2026" : ""}: left out of the data and written to ${file}`
  );
  return { count: rejects.length, file: name, lines: lines.slice(0, REJECTED_LINES_KEPT) };
}
function rejectsJsonl(rejects) {
  return rejects.map((r) => `${JSON.stringify(r)}
`).join("");
}
function rejectsCsv(rejects) {
  const rows = rejects.map((r) => `${r.line},${csvCell(r.error)},${csvCell(r.record)}
`);
  return `line,error,record
${rows.join("")}`;
}
function csvCell(text) {
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replaceAll('"', '""')}"`;
}
async function readCommittedSchema(ctx) {
  const { config, deps } = ctx;
  const schemaPath = resolveInput(ctx, config.schema);
  const schema = await deps.fs.exists(schemaPath) ? parseSchema(
    parseJson(
      await deps.fs.readText(schemaPath),
      config.schema,
      "Regenerate it with `mlops validate --update-schema`."
    ),
    config.schema
  ) : null;
  return { schema, schemaPath };
}
async function scanDataset(ctx, kinds, options) {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash("sha256");
  let accumulator = new TableAccumulator(kinds, options);
  const rejects = [];
  const quiet = { ...readOptions(ctx, () => void 0), onProgress: () => void 0 };
  await deps.log.group(`Reading ${config.data.train}`, async () => {
    let columns = [];
    for await (const batch of readTableBatches(
      hashing(deps.fs.stream(file), hash),
      readOptions(ctx, (rejected2) => rejects.push(rejected2))
    )) {
      accumulator.add(batch);
      columns = batch.columns;
    }
    if (columns.length > accumulator.columns.length) {
      accumulator = new TableAccumulator(kinds, options);
      for await (const batch of readTableBatches(deps.fs.stream(file), quiet)) {
        accumulator.add({ ...batch, columns });
      }
    }
    deps.log.info(`${accumulator.rows} rows \xD7 ${accumulator.columns.length} columns`);
  });
  const rejected = await writeRejects(ctx, rejects);
  let second;
  if (accumulator.needsSecondPass().length > 0) {
    const all = accumulator.columns;
    second = accumulator.forSecondPass();
    for await (const batch of readTableBatches(deps.fs.stream(file), quiet)) {
      second.add({ ...batch, columns: all });
    }
  }
  return summarizeScan(ctx, accumulator, accumulator.finish(second), {
    dataHash: hash.digest("hex"),
    rejected
  });
}
function summarizeScan(ctx, accumulator, statistics, { dataHash, rejected }) {
  const { config, deps } = ctx;
  const columns = accumulator.columns;
  const table = { source: config.data.train, columns, rows: [], lines: [] };
  const label = config.data.label;
  requireColumn(table, label, "data.label");
  for (const column of config.data.slices ?? []) requireColumn(table, column, "data.slices");
  const labelColumn = accumulator.column(label);
  const unlabeledCount = accumulator.rows - (labelColumn?.present ?? 0);
  if (unlabeledCount === accumulator.rows) {
    throw new DataError(`${config.data.train}: every row is missing the label "${label}".`);
  }
  for (const column of config.data.ignore) {
    if (!columns.includes(column)) {
      deps.log.warn(`data.ignore: column "${column}" is not in ${config.data.train}`);
    }
  }
  const skip = /* @__PURE__ */ new Set([
    label,
    ...config.data.ignore,
    ...config.data.split.key ? [config.data.split.key] : []
  ]);
  const unused = columns.filter((column) => {
    if (skip.has(column)) return true;
    if (!accumulator.column(column)?.looksLikeIdentifier()) return false;
    deps.log.warn(
      `column "${column}" looks like an identifier (every value differs), so it is not used as a feature; list it in data.ignore to say so`
    );
    return true;
  });
  if (unlabeledCount > 0) deps.log.warn(`${unlabeledCount} rows have no label and were dropped`);
  return {
    statistics,
    columns,
    unlabeled: { count: unlabeledCount, lines: labelColumn?.missingLines.slice(0, 10) ?? [] },
    unused,
    dataHash,
    rejected
  };
}
async function* hashing(chunks, hash) {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

export {
  parseNumber,
  decimalCommaToPoint,
  kindParser,
  parseBoolean,
  parseDate,
  meanAndStd,
  standardize,
  INVALID_EXAMPLES,
  OUT_OF_DOMAIN_TALLY,
  computeStatistics,
  EXACT_NUMBERS,
  TableAccumulator,
  Kll,
  readTableBatches,
  createRng,
  shuffleInPlace,
  hashString,
  requireColumn,
  loadDataset,
  readOptions,
  readCommittedSchema,
  scanDataset,
  summarizeScan,
  hashing
};
