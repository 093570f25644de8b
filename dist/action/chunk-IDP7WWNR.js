import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  allowedNonNumeric,
  kindParser,
  meanAndStd,
  parseBoolean,
  parseDate,
  parseNumber,
  readsAsDecimalComma,
  stringKind
} from "./chunk-HXJTHRAK.js";
import {
  isAbsent
} from "./chunk-RRK7RW54.js";
import {
  excerpt
} from "./chunk-TR5YPSUC.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";

// src/data/statistics.ts
var TOP_CATEGORIES = 100;
var TOP_TEXT = 10;
var HISTOGRAM_BUCKETS = 10;
var INVALID_EXAMPLES = 5;
function computeStatistics(table, kinds = {}) {
  const present = presentValues(table);
  const columns = table.columns.map((name, index) => {
    const values = present[index] ?? [];
    const missing = table.rows.length - values.length;
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : void 0;
    const stats = kind === void 0 ? inferredColumnStats(name, values, missing) : columnStats(name, kind, values, missing);
    if (stats.invalid) stats.invalid.lines = invalidLines(table, index, stats.kind);
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
function inferredColumnStats(name, present, missing) {
  const count = present.length;
  if (count === 0) return { name, kind: "empty", count, missing };
  const numbers = parseAll(present, parseNumber, allowedNonNumeric(count));
  if (numbers && !numbers.invalid) {
    return { name, kind: "numeric", count, missing, numeric: numericStats(numbers.parsed, name) };
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
    if (parsed.length > 0) stats.numeric = numericStats(parsed, name);
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
function columnStats(name, kind, present, missing) {
  const stats = { name, kind, count: present.length, missing };
  switch (kind) {
    case "numeric":
    case "date": {
      const { parsed, invalid } = parseAll(present, kind === "numeric" ? parseNumber : parseDate);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) stats.numeric = numericStats(parsed, name);
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
  for (const value of values) {
    const bucket = Math.min(Math.floor((value - min) / width), HISTOGRAM_BUCKETS - 1);
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

export {
  computeStatistics
};
