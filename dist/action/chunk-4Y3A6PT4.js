import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  IDENTIFIER_SAMPLE,
  allowedNonNumeric,
  decimalCommaToPoint,
  hasIdentifierShape,
  kindParser,
  meanAndStd,
  parseBoolean,
  parseDate,
  parseNumber,
  readsAsDecimalComma,
  stringKind
} from "./chunk-HLR62EQG.js";
import {
  gunzipChunks,
  hasGzipMagic
} from "./chunk-7VMJNOUE.js";
import {
  DISTINCT_LIMIT,
  DRIFT_BINS,
  binValues,
  driftSummary,
  edgesAtOrBelow,
  quantileEdges,
  sortNumbers,
  sortedDriftSummary
} from "./chunk-DB6VBX4O.js";
import {
  DEFAULT_NA_VALUES,
  isAbsent,
  missingMatcher
} from "./chunk-AIUCNH7N.js";
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
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/data/heavy-hitters.ts
var SpaceSaving = class _SpaceSaving {
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
  /**
   * Adds `other`, the summary of other values (Agarwal et al. 2012, "Mergeable summaries"): a
   * value's count is its count in each summary, or, where a full summary lacks it, that summary's
   * smallest counter (the most it can have occurred there), and so is its error; the k largest are
   * kept, ties by `order` of their values. So each count is still at least the true one and at most
   * its error above it; the kept counters add up to at most the two summaries' (each summary's
   * values left out are at least as many as the smallest counter it lends), so the smallest
   * counter, and every error, stays within n/k for the n values of both; and a value not held
   * counted at most the smallest counter.
   */
  merge(other, order) {
    const floor = this.maxError();
    const otherFloor = other.maxError();
    const merged = /* @__PURE__ */ new Map();
    for (const { value, count, error } of this.heap) {
      merged.set(value, { value, count: count + otherFloor, error: error + otherFloor });
    }
    for (const { value, count, error } of other.heap) {
      const entry = merged.get(value);
      if (entry) {
        entry.count += count - otherFloor;
        entry.error += error - otherFloor;
      } else merged.set(value, { value, count: count + floor, error: error + floor });
    }
    const kept = [...merged.values()].sort((a, b) => b.count - a.count || order(a.value, b.value)).slice(0, this.k);
    this.rebuild(kept);
  }
  /** The counters, for a statistics part (most frequent first, so the file reads well). */
  toState(order) {
    return this.top(order).map(({ value, count, error }) => [value, count, error]);
  }
  /** A summary of `k` counters from a part's `counters`; an Error says which one is impossible. */
  static fromState(k, counters) {
    if (counters.length > k) throw new Error(`holds ${counters.length} counters, more than ${k}`);
    const summary = new _SpaceSaving(k);
    const seen = /* @__PURE__ */ new Set();
    counters.forEach(([value, count, error], i) => {
      if (!(count >= 1 && error >= 0 && error <= count) || seen.has(value)) {
        throw new Error(
          `[${i}] is not a counter (a count of at least 1, an error at most it, a value once)`
        );
      }
      seen.add(value);
    });
    summary.rebuild(counters.map(([value, count, error]) => ({ value, count, error })));
    return summary;
  }
  /** Replaces the counters with `counters` (at most k, values distinct), as a heap. */
  rebuild(counters) {
    this.heap.length = 0;
    this.index.clear();
    for (const counter of counters) {
      this.heap.push({ ...counter });
      this.index.set(counter.value, this.heap.length - 1);
      this.siftUp(this.heap.length - 1);
    }
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
var { imul, clz32 } = Math;
var HLL_BITS = 14;
var HLL_REGISTERS = 1 << HLL_BITS;
var HyperLogLog = class _HyperLogLog {
  /** The relative standard error of `estimate`. */
  static ERROR = 1.04 / Math.sqrt(HLL_REGISTERS);
  /** Characters of the registers in base64 (see toState). */
  static STATE_LENGTH = Math.ceil(HLL_REGISTERS / 3) * 4;
  registers = new Uint8Array(HLL_REGISTERS);
  /** Adds `other`, the sketch of other values: the sketch of both, exactly (registers' maximum). */
  merge(other) {
    const registers = this.registers;
    other.registers.forEach((register, i) => {
      if (register > registers[i]) registers[i] = register;
    });
  }
  /** The registers in base64, for a statistics part. */
  toState() {
    return Buffer.from(this.registers).toString("base64");
  }
  /** The sketch of a part's registers; an Error says why they cannot be. */
  static fromState(state) {
    const bytes = Buffer.from(state, "base64");
    if (bytes.length !== HLL_REGISTERS || bytes.toString("base64") !== state) {
      throw new Error(`is not ${HLL_REGISTERS} registers in base64`);
    }
    if (bytes.some((register) => register > 33)) throw new Error("holds a register above 33");
    const sketch = new _HyperLogLog();
    sketch.registers.set(bytes);
    return sketch;
  }
  add(value) {
    let h1 = 2166136261;
    let h2 = 2538058380;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      h1 = imul(h1 ^ code, 16777619);
      h2 = imul(h2 ^ code, 1540483477);
      h2 ^= h2 >>> 15;
    }
    const slot = mix(h1 ^ value.length) >>> 32 - HLL_BITS;
    const rest = mix(h2 + value.length);
    const rank = rest === 0 ? 33 : clz32(rest) + 1;
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
  h = imul(h, 2246822507);
  h ^= h >>> 13;
  h = imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
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

// src/data/column-accumulator.ts
var EXACT_NUMBERS = 1 << 20;
var TALLY_GRACE = 1e3;
var INITIAL_NUMBERS = 1024;
var MISSING_LINES = 10;
var DISTINCT_CAP = 1e5;
var DISTINCT_CHARS = 2e6;
var MIN_CAPPED = 1e3;
var HEAVY_HITTERS = 1e4;
function finishNumbers(job) {
  const store = new NumberStore(job.limit, job.edges);
  store.load(job.state, job.column);
  return store.finish(job.column, job.drift);
}
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
        this.accumulators.push(this.accumulatorFor(name, this.accumulators.length));
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
    if (this.options.sharedExact) for (const accumulator of this.accumulators) accumulator.share();
  }
  /**
   * The numeric statistics finish() will compute from exact numbers (its slowest part: a sort a
   * column), as tasks to run ahead, some of them on other threads.
   */
  numbersTasks() {
    return this.accumulators.flatMap((accumulator) => accumulator.numbersTask() ?? []);
  }
  /** The column accumulators, by column, for the callers that need more than statistics. */
  column(name) {
    const index = this.columns.indexOf(name);
    return index < 0 ? void 0 : this.accumulators[index];
  }
  /**
   * The accumulator that holds column `name`'s finished figures: the one of `secondPass` (see
   * finish) when that pass tallied it, else this one's.
   */
  finishedColumn(name, secondPass) {
    const again = secondPass?.onlyStrings?.has(name) ? secondPass.column(name) : void 0;
    return again ?? this.column(name);
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
    const columns = this.accumulators.map(
      (accumulator) => (this.finishedColumn(accumulator.name, secondPass) ?? accumulator).finish(this.rows)
    );
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
  /** The accumulator of column `name`, the `index`-th (for sharedExact) when it is being read. */
  accumulatorFor(name, index) {
    const own = (record) => record && Object.hasOwn(record, name) ? record[name] : void 0;
    const forced = this.onlyStrings?.has(name) ? "string" : own(this.kinds);
    return new ColumnAccumulator(name, forced, {
      edges: own(this.options.driftEdges),
      range: forced === "numeric" ? own(this.options.ranges) : void 0,
      domain: forced && forced !== "string" ? own(this.options.domains) : void 0,
      exactNumbers: this.options.exactNumbers ?? EXACT_NUMBERS,
      skip: this.onlyStrings !== void 0 && !this.onlyStrings.has(name),
      shared: this.options.sharedExact && index !== void 0 ? { counts: this.options.sharedExact, slot: 2 * index } : void 0
    });
  }
  // ---- Mergeable state (data/partial-statistics.ts): `mlops validate --shard`, `stats merge` ----
  /** The state of every column, for a statistics part file. */
  toState() {
    return { rows: this.rows, columns: this.accumulators.map((a) => a.toState()) };
  }
  /**
   * The state for a worker thread to post: exact numbers as Float64Arrays (see ExactValues) on
   * this accumulator's own buffers, so once they are handed over it is done with.
   */
  threadState() {
    return { rows: this.rows, columns: this.accumulators.map((a) => a.threadState()) };
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
    const { exactNumbers, shared } = options;
    this.numbers = numeric ? new NumberStore(exactNumbers, options.edges, shared) : void 0;
    this.datesAlive = forced === void 0 || forced === "date";
    if (forced === "date") this.dates = this.dateStore();
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
  /** The first distinct strings, kept when the tally becomes a summary (see looksLikeIdentifier). */
  firstDistinct = [];
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
      if (date !== null) (this.dates ??= this.dateStore()).add(date);
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
  dateStore() {
    const shared = this.options.shared;
    const slot = shared && { counts: shared.counts, slot: shared.slot + 1 };
    return new NumberStore(this.options.exactNumbers, void 0, slot);
  }
  /** Adds this batch's exact values to the other parts' (see TableAccumulator's sharedExact). */
  share() {
    this.numbers?.share();
    this.dates?.share();
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
  toSummary(present = this.present) {
    const tally = this.tally;
    this.summary = StringSummary.fromTally(tally.byValue, present);
    this.firstDistinct = [...tally.byValue.keys()].slice(0, IDENTIFIER_SAMPLE);
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
   * at least 20 values, all distinct, either text without whitespace whose first distinct values
   * have the form of ids (hasIdentifierShape), or rising integers.
   */
  looksLikeIdentifier() {
    if (this.present < 20) return false;
    const kind = this.inferredKind();
    if (kind === "numeric") return this.numberInvalid.count === 0 && this.rising;
    if (kind !== "text" || !this.tally) return false;
    if (this.whitespace) return false;
    if (this.summary) {
      return this.summary.allDistinct(this.present) && hasIdentifierShape(this.firstDistinct);
    }
    if (this.tally.byValue.size !== this.present) return false;
    return hasIdentifierShape([...this.tally.byValue.keys()].slice(0, IDENTIFIER_SAMPLE));
  }
  /** The column's kind, as inferKind (data/kinds.ts) gives it on the values added. */
  inferredKind() {
    const kind = this.kind();
    if (kind !== "string") return kind;
    const tally = this.tally;
    return stringKind(this.distinct(), this.present, tally.totalLength / this.present);
  }
  /** The task of finishing the numbers that finish() will need, if any (see NumbersTask). */
  numbersTask() {
    const kind = this.inferredKind();
    if (kind === "numeric") return this.numbers?.task(this.name, true);
    return kind === "date" ? this.dates?.task(this.name, false) : void 0;
  }
  finish(rows) {
    const kind = this.inferredKind();
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
    return this.stateOf((values) => Array.from(values));
  }
  /** The state for a worker thread to post (see TableAccumulator.threadState). */
  threadState() {
    return this.stateOf((values) => values);
  }
  /** The state, with the exact numbers held as `exact` makes them. */
  stateOf(exact) {
    const tally = this.tally;
    const domain = this.outOfDomain;
    return {
      name: this.name,
      forced: this.forced ?? null,
      present: this.present,
      missingLines: [...this.missingLines],
      numbers: this.numbers ? this.numbers.toState(exact) : null,
      numberInvalid: this.numberInvalid.toState(),
      dates: this.dates ? this.dates.toState(exact) : null,
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
      summary: this.summary ? { ...this.summary.toState(), firstDistinct: [...this.firstDistinct] } : null,
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
    if (state.summary && (!state.tally || state.tally.values.length > 0)) {
      throw new DataError(
        `${where}.summary: a column's strings are tallied or summarised, not both; the part is damaged or forged.`
      );
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
    if (state.summary) {
      this.summary = StringSummary.fromState(state.summary, `${where}.summary`);
      this.firstDistinct = state.summary.firstDistinct.slice(0, IDENTIFIER_SAMPLE);
    } else if (this.tally && this.overCap()) this.toSummary();
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
    if (this.tally && later.tally) {
      if (later.summary) {
        if (!this.summary) this.toSummary(this.present - later.present);
        this.summary.absorb(later.summary);
        const first = new Set(this.firstDistinct);
        for (const value of later.firstDistinct) {
          if (first.size >= IDENTIFIER_SAMPLE) break;
          first.add(value);
        }
        this.firstDistinct = [...first];
      } else if (this.summary) this.summary.merge(later.tally.byValue, later.present);
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
var StringSummary = class _StringSummary {
  constructor(capped, repeated, heavy, hll) {
    this.capped = capped;
    this.repeated = repeated;
    this.heavy = heavy;
    this.hll = hll;
  }
  capped;
  repeated;
  heavy;
  hll;
  /** The summary of an exact tally of `present` values. */
  static fromTally(byValue, present) {
    const summary = new _StringSummary(
      byValue.size,
      byValue.size < present,
      new SpaceSaving(HEAVY_HITTERS),
      new HyperLogLog()
    );
    const entries = [...byValue.values()];
    for (const { value } of entries) summary.hll.add(value);
    entries.sort((a, b) => b.count - a.count || compareText(a.value, b.value)).slice(0, HEAVY_HITTERS).forEach(({ value, count }) => summary.heavy.add(excerpt(value), count));
    return summary;
  }
  /** The summary a statistics part carries; a DataError names `where` when it cannot be one. */
  static fromState(state, where) {
    const part = (field, read) => {
      try {
        return read();
      } catch (error) {
        throw new DataError(
          `${where}.${field}: ${error.message}; the part is damaged or forged.`
        );
      }
    };
    return new _StringSummary(
      state.capped,
      state.repeated,
      part("heavy", () => SpaceSaving.fromState(HEAVY_HITTERS, state.heavy)),
      part("hll", () => HyperLogLog.fromState(state.hll))
    );
  }
  /** What a statistics part carries of the summary. */
  toState() {
    return {
      capped: this.capped,
      repeated: this.repeated,
      heavy: this.heavy.toState(compareText),
      hll: this.hll.toState()
    };
  }
  /**
   * Adds `other`, the summary of the values of other rows: top counts merge within SpaceSaving's
   * bound of (both counts)/HEAVY_HITTERS (see SpaceSaving.merge), the distinct count's sketch
   * exactly; the floor is the larger part's tallied values (each part's are distinct in the whole).
   */
  absorb(other) {
    this.capped = Math.max(this.capped, other.capped);
    this.repeated ||= other.repeated;
    this.heavy.merge(other.heavy, compareText);
    this.hll.merge(other.hll);
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
var MERGED = new Float64Array(0);
var finishScratch = { joined: new Float64Array(0), sorted: new Float64Array(0) };
function intoScratch(which, runs, n) {
  if (finishScratch[which].length < n) finishScratch[which] = new Float64Array(n);
  const scratch = finishScratch[which];
  let at = 0;
  for (const run of runs) {
    scratch.set(run, at);
    at += run.length;
  }
  return scratch.subarray(0, n);
}
var NumberStore = class {
  constructor(limit, edges, shared) {
    this.limit = limit;
    this.edges = edges;
    this.shared = shared;
  }
  limit;
  edges;
  shared;
  count = 0;
  nonFinite = 0;
  zeros = 0;
  integer = true;
  min = Infinity;
  max = -Infinity;
  values = new Float64Array(1024);
  /**
   * Exact values merged from parts (see merge), in row order, kept as they came rather than
   * copied into one array (`values` is then MERGED): joined only if more values are added.
   */
  runs;
  finite = 0;
  // Past the limit: Welford moments, a sketch, and the exact counts that need no order.
  sketched = 0;
  mean = 0;
  m2 = 0;
  sketch;
  drift;
  distinct;
  /** Of `finite`, how many the shared count has (see share). */
  published = 0;
  /** The statistics, computed ahead (see NumbersTask): finish returns them. */
  finished;
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
    let values = this.values;
    if (values) {
      if (index < values.length) {
        values[index] = value;
        return;
      }
      if (this.runs) values = this.join(index);
      const room = this.room();
      if (index < room) {
        const grown = new Float64Array(Math.min(room, values.length * 2));
        grown.set(values);
        grown[index] = value;
        this.values = grown;
        return;
      }
      this.toSketch([values.subarray(0, index)]);
    }
    this.addToSketch(value);
  }
  /** The exact values in row order: runs merged from parts, or the one array of `values`. */
  exactRuns() {
    return this.runs ?? [this.values.subarray(0, this.finite)];
  }
  /** The exact values in one array: a view of `values`, or the runs copied into a new one. */
  inOneArray() {
    if (!this.runs) return this.values.subarray(0, this.finite);
    const values = new Float64Array(this.finite);
    let at = 0;
    for (const run of this.runs) {
      values.set(run, at);
      at += run.length;
    }
    return values;
  }
  /**
   * The task of finishing these numbers (see NumbersTask), when they are exact: past the budget,
   * finishing the sketch is quick.
   */
  task(column, drift) {
    if (!this.values || this.count === 0) return void 0;
    return {
      job: () => ({
        column,
        drift,
        limit: this.limit,
        edges: this.edges,
        // A copy the other thread can take: never this store's own buffer.
        state: this.toState(
          (values) => values.buffer === this.values?.buffer ? values.slice() : values
        )
      }),
      run: () => {
        try {
          this.finished = this.finish(column, drift);
        } catch {
        }
      },
      done: (stats) => {
        this.finished = stats;
      }
    };
  }
  /** Joins the runs into `values` (room for at least INITIAL_NUMBERS), the first `kept` values. */
  join(kept) {
    const values = new Float64Array(Math.max(INITIAL_NUMBERS, kept));
    let at = 0;
    for (const run of this.runs ?? []) {
      values.set(run, at);
      at += run.length;
    }
    this.runs = void 0;
    this.values = values;
    return values;
  }
  /**
   * How many exact values this store may hold: the budget, less what other parts read at once
   * hold (as they last said), since past the budget together one pass would have a sketch.
   */
  room() {
    const shared = this.shared;
    if (!shared) return this.limit;
    return this.limit - (Atomics.load(shared.counts, shared.slot) - this.published);
  }
  /** Adds the values kept since the last call to the shared count; past the budget, sketches. */
  share() {
    const { shared, values } = this;
    if (!shared || !values) return;
    const added = this.finite - this.published;
    const total = Atomics.add(shared.counts, shared.slot, added) + added;
    this.published = this.finite;
    if (total > this.limit) this.toSketch(this.exactRuns());
  }
  /** Moves the exact values (`runs`, in row order) into the sketch and the order-free counts. */
  toSketch(runs) {
    this.values = void 0;
    this.runs = void 0;
    this.sketch = new Kll();
    this.drift = this.edges ? binValues([], this.edges) : void 0;
    this.distinct = /* @__PURE__ */ new Map();
    for (const run of runs) for (let i = 0; i < run.length; i++) this.addToSketch(run[i]);
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
    if (this.finished) return this.finished;
    if (this.values) {
      const runs = this.exactRuns();
      const finite = runs.length === 1 ? runs[0] : intoScratch("joined", runs, this.finite);
      const sorted = sortNumbers(intoScratch("sorted", [finite], this.finite));
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
  toState(exact) {
    const sketch = this.sketch;
    return {
      count: this.count,
      nonFinite: this.nonFinite,
      zeros: this.zeros,
      integer: this.integer,
      min: this.finite > 0 ? this.min : null,
      max: this.finite > 0 ? this.max : null,
      finite: this.finite,
      values: this.values ? exact(this.inOneArray()) : null,
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
      const given = state.values;
      const own = given instanceof Float64Array && given.length >= INITIAL_NUMBERS;
      const values = own ? given : new Float64Array(Math.max(INITIAL_NUMBERS, state.finite));
      if (!own) values.set(given);
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
      this.runs = [...this.exactRuns(), ...later.exactRuns()];
      this.values = MERGED;
      this.finite = finite;
      return;
    }
    if (this.values) this.toSketch(this.exactRuns());
    if (later.values) later.toSketch(later.exactRuns());
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
    if (value === 0 && 1 / value < 0) return level.sort((a, b) => a - b);
    typed[i] = value;
  }
  typed.sort();
  for (let i = 0; i < n; i++) level[i] = typed[i];
  return level;
}
function mergeSorted(a, b) {
  const merged = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  }
  while (i < a.length) merged[k++] = a[i++];
  while (j < b.length) merged[k++] = b[j++];
  return merged;
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
      const mine = this.levels[h];
      this.levels[h] = h === 0 ? mine.concat(level) : mergeSorted(mine, level);
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
  /**
   * Compacts each full level into the one above. Level 0 takes values as they come and is sorted
   * when full; the levels above are kept sorted, each half that comes up merged in (sorting them
   * at every compaction was a quarter of the time past the exact budget). Same items either way.
   */
  compress() {
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h];
      if (level.length < this.capacity(h)) continue;
      if (h + 1 === this.levels.length) this.levels.push([]);
      if (h === 0) sortLevel(level);
      const keepOdd = level.length % 2 === 1 ? level.pop() : void 0;
      this.flip = !this.flip;
      const half = [];
      for (let i = this.flip ? 1 : 0; i < level.length; i += 2) half.push(level[i]);
      this.levels[h + 1] = mergeSorted(this.levels[h + 1], half);
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
    const level = (values, h) => h > 0 ? sortLevel([...values]) : [...values];
    kll.levels = state.levels.length > 0 ? state.levels.map(level) : [[]];
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
  if (options.continuation && options.delimiter === void 0) {
    throw new UsageError("a CSV read that continues a file needs the delimiter of its header.");
  }
  let tokenizer;
  const heldBack = [];
  let heldLength = 0;
  const decoding = { continuation: options.continuation ?? false };
  for await (const text of decodeUtf8Chunks(chunks, options.source, decoding)) {
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
async function* decodeUtf8Chunks(chunks, source, { continuation } = { continuation: false }) {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: continuation });
  let first = !continuation;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    let text;
    if (typeof chunk === "string") {
      text = chunk;
    } else {
      if (bytesRead === 0 && !continuation) checkNotUtf16(chunk, source);
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
    options.onDelimiter?.(delimiter);
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
function inferFormat(path) {
  const match = EXTENSIONS.find(([pattern]) => pattern.test(path));
  if (match) return match[1];
  const hint = /\.parquet\.gz$/i.test(path) ? " (Parquet compresses its own pages: give the .parquet file as written)" : "";
  throw new DataError(
    `${path}: the file name does not say its format${hint}; name it ${SUPPORTED}, or set data.format in mlops.yml (csv, jsonl or parquet).`
  );
}
function isGzipPath(path) {
  return /\.gz$/i.test(path);
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
  const batches = format === "parquet" ? parquetBatches(input, reader, options.open) : format === "jsonl" ? jsonlBatches(input, reader) : csvBatches(input, reader);
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
  if (format === "parquet") yield* parquetBatches(input, reader, options.open);
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
  if (options.header && (gzip || format !== "csv")) {
    throw new UsageError(`${source}: only a plain CSV file is read in parts.`);
  }
  const input = gzip ? gunzipChunks(chunks, source) : options.header ? chunks : refuseMisnamed(chunks, source, format);
  const reader = {
    source: options.source,
    progress: progressReporter(options.onProgress),
    isMissing: missingMatcher(options.naValues ?? DEFAULT_NA_VALUES),
    textCell: textCellReader(options.decimal ?? "."),
    limits: sizeLimits(options),
    rejects: new Rejects(options),
    ...options.onLongRecord ? { onLongRecord: options.onLongRecord } : {},
    // A .tsv file may have a single column, where detection from the header would guess ','.
    ...options.delimiter || /\.tsv(\.gz)?$/i.test(source) ? { delimiter: options.delimiter ?? "	" } : {},
    ...options.header ? { header: options.header } : {}
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
async function readCsvHeader(chunks, options) {
  const { input, reader } = await openTable(chunks, { ...options, format: "csv" });
  let delimiter = reader.delimiter ?? ",";
  const csvOptions = { ...csvRecordOptions(reader), onDelimiter: (d) => delimiter = d };
  for await (const batch of readCsvRecordBatches(input, csvOptions)) {
    const header = batch.find((record) => !isBlankRecord(record));
    if (header === void 0) continue;
    csvColumns(header, reader.source);
    return { header, delimiter };
  }
  throw emptyFile(reader.source, "a header line and data rows");
}
function csvRecordOptions(reader) {
  const { source, limits, onLongRecord, delimiter } = reader;
  return {
    source,
    ...limits,
    ...onLongRecord ? { onLongRecord } : {},
    ...delimiter ? { delimiter } : {},
    ...reader.header ? { continuation: true } : {}
  };
}
async function* csvBatches(chunks, reader) {
  const { source, progress } = reader;
  let header = reader.header;
  let columns = header ? csvColumns(header, source) : [];
  let rowCount = 0;
  for await (const batch of readCsvRecordBatches(chunks, csvRecordOptions(reader))) {
    const table = { source, columns, rows: [], lines: [] };
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === void 0) {
        header = record;
        table.columns = columns = csvColumns(record, source);
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
  if (reader.header) return;
  if (header === void 0) throw emptyFile(source, "a header line and data rows");
  if (rowCount === 0 && reader.rejects.count > 0) throw reader.rejects.allRejected();
  if (rowCount === 0) {
    throw new DataError(
      `${source}:${header.line}: has a header but no data rows; add rows below the header.`
    );
  }
}
function csvColumns(header, source) {
  checkLineEndings(header, source);
  return columnNames(header.fields, `${source}:${header.line}`);
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
  const row = fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    row[i] = reader.isMissing(field) ? null : reader.textCell(field);
  }
  return row;
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
var PARQUET_BATCH_ROWS = 1e4;
async function* parquetBatches(chunks, reader, open) {
  const { source, progress } = reader;
  const { bytesSource, collectBytes, openParquet } = await import("./parquet-FZODOFL5.js");
  const handle = open ? await open() : void 0;
  try {
    const file = await openParquet(
      handle ?? bytesSource(await collectBytes(chunks, source)),
      source
    );
    const columns = columnNames(file.names, source);
    if (columns.length === 0) {
      throw new DataError(`${source}: has no columns; give a Parquet file with at least one.`);
    }
    if (file.rows === 0) {
      throw new DataError(`${source}: has columns but no rows; give a file with data rows.`);
    }
    for await (const batch of file.batches(PARQUET_BATCH_ROWS)) {
      const rows = batch.rows;
      const lines = rows.map((row, i) => {
        const line = batch.start + i + 1;
        checkRowSize(row, reader, line);
        row.forEach((value, c) => {
          row[c] = jsonCell(value, reader, line);
        });
        progress(line);
        return line;
      });
      yield { source, columns, rows, lines };
    }
  } finally {
    await handle?.close();
  }
  if (handle) for await (const _ of chunks) ;
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

// src/data/scan-parts.ts
var PIECE_BYTES = 64 * 1024;
var LF2 = 10;
async function readPart(job, chunks, onRows) {
  const accumulator = new TableAccumulator(job.kinds, job.statistics);
  const rejects = [];
  let lineFeeds = 0;
  async function* pieces() {
    for await (const chunk of chunks) {
      if (job.countLineFeeds) {
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        for (let at = bytes.indexOf(LF2); at >= 0; at = bytes.indexOf(LF2, at + 1)) lineFeeds++;
      }
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        yield chunk.subarray(at, at + PIECE_BYTES);
      }
    }
  }
  const batches = readTableBatches(pieces(), {
    ...job.read,
    delimiter: job.delimiter,
    ...job.header ? { header: job.header } : {},
    onReject: (rejected) => rejects.push(rejected),
    onProgress: onRows
  });
  for await (const batch of batches) accumulator.add(batch);
  return { state: accumulator.threadState(), lineFeeds, rejects };
}
function mergeScannedParts(parts, kinds, statistics) {
  const accumulator = new TableAccumulator(kinds, statistics);
  const rejects = [];
  let linesBefore = 0;
  parts.forEach((part, index) => {
    const where = `part ${index + 1} of ${parts.length}`;
    const loaded = new TableAccumulator(kinds, statistics);
    loaded.load(shiftLines(part.state, linesBefore), where);
    accumulator.merge(loaded, where);
    for (const reject of part.rejects) rejects.push({ ...reject, line: reject.line + linesBefore });
    linesBefore += part.lineFeeds;
  });
  return { accumulator, rejects };
}
function shiftLines(state, by) {
  if (by === 0) return state;
  const lines = (list) => list.map((line) => line + by);
  const invalid = (part) => ({ ...part, lines: lines(part.lines) });
  const column = (c) => ({
    ...c,
    missingLines: lines(c.missingLines),
    numberInvalid: invalid(c.numberInvalid),
    dateInvalid: invalid(c.dateInvalid),
    booleanInvalid: invalid(c.booleanInvalid),
    outOfRange: { ...c.outOfRange, lines: lines(c.outOfRange.lines) },
    outOfDomain: c.outOfDomain && { ...c.outOfDomain, lines: lines(c.outOfDomain.lines) }
  });
  return { ...state, columns: state.columns.map(column) };
}

export {
  HyperLogLog,
  INVALID_EXAMPLES,
  OUT_OF_DOMAIN_TALLY,
  computeStatistics,
  EXACT_NUMBERS,
  HEAVY_HITTERS,
  finishNumbers,
  TableAccumulator,
  Kll,
  readJsonlRecords,
  inferFormat,
  isGzipPath,
  REJECTED_RECORD_CHARS,
  readTable,
  readTableBatches,
  readCsvHeader,
  readPart,
  mergeScannedParts
};
