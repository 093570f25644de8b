import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  DEFAULT_NA_VALUES,
  isAbsent,
  missingMatcher,
  resolveInput
} from "./chunk-RRK7RW54.js";
import {
  LONG_RECORD_PROGRESS_BYTES,
  MAX_COLUMNS,
  fieldTooLong,
  hasLoneCarriageReturn,
  mayExceed,
  parseJson,
  recordTooLong,
  sizeLimits,
  utf8Length
} from "./chunk-TR5YPSUC.js";
import {
  ConfigError,
  DataError,
  UsageError
} from "./chunk-U75PPFJS.js";
import {
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  external_exports
} from "./chunk-ZA3UR7Y6.js";

// src/data/schema.ts
var MAX_DOMAIN_SIZE = 100;
var KINDS = ["numeric", "categorical", "boolean", "date", "text", "empty"];
var featureSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  kind: external_exports.enum(KINDS),
  minPresence: external_exports.number().min(0).max(1),
  integer: external_exports.boolean().optional(),
  min: external_exports.number().optional(),
  max: external_exports.number().optional(),
  values: external_exports.array(external_exports.string()).optional()
}).refine(
  (feature) => !(feature.min !== void 0 && feature.max !== void 0 && feature.min > feature.max),
  {
    message: "min must not be greater than max",
    path: ["min"]
  }
);
var schemaSchema = external_exports.strictObject({
  version: external_exports.literal(1),
  label: external_exports.string().min(1).optional(),
  // A schema names the data's columns, of which a table has at most MAX_COLUMNS.
  features: external_exports.array(featureSchema).max(MAX_COLUMNS)
}).superRefine((schema, context) => {
  const seen = /* @__PURE__ */ new Set();
  schema.features.forEach((feature, index) => {
    if (seen.has(feature.name)) {
      context.addIssue({
        code: "custom",
        message: `duplicate feature "${feature.name}"`,
        path: ["features", index, "name"]
      });
    }
    seen.add(feature.name);
  });
  if (schema.label !== void 0 && !seen.has(schema.label)) {
    context.addIssue({
      code: "custom",
      message: `label "${schema.label}" is not one of the features`,
      path: ["label"]
    });
  }
});
function inferSchema(stats, options = {}) {
  const { label } = options;
  if (label !== void 0 && !stats.columns.some((column) => column.name === label)) {
    const columns = stats.columns.map((column) => column.name).join(", ");
    throw new ConfigError(
      `data.label: column "${label}" is not in the data (columns: ${columns}); set data.label to one of them`
    );
  }
  const features = stats.columns.map((column) => {
    const feature = {
      name: column.name,
      kind: column.kind,
      minPresence: column.missing === 0 && column.count > 0 ? 1 : 0
    };
    if (column.kind === "numeric" && column.numeric) feature.integer = column.numeric.integer;
    const categories = column.categorical;
    if (column.kind === "categorical" && categories && categories.unique <= MAX_DOMAIN_SIZE && categories.top.length === categories.unique) {
      feature.values = [...new Set(categories.top.map((entry) => entry.value))].sort(compareText);
    }
    return feature;
  });
  return label === void 0 ? { version: 1, features } : { version: 1, label, features };
}
function parseSchema(json, source = "schema") {
  const result = schemaSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ");
  throw new ConfigError(
    `${source}: invalid schema: ${problems}. Fix the file, or delete it and run \`mlops validate --update-schema\` to infer it again`
  );
}
function formatSchema(schema) {
  const ordered = {
    version: schema.version,
    ...schema.label === void 0 ? {} : { label: schema.label },
    features: schema.features.map((feature) => ({
      name: feature.name,
      kind: feature.kind,
      minPresence: feature.minPresence,
      ...feature.integer === void 0 ? {} : { integer: feature.integer },
      ...feature.min === void 0 ? {} : { min: feature.min },
      ...feature.max === void 0 ? {} : { max: feature.max },
      ...feature.values === void 0 ? {} : { values: feature.values }
    }))
  };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
function schemaKinds(schema) {
  const typed = schema.features.filter((feature) => feature.kind !== "empty");
  return Object.fromEntries(typed.map((feature) => [feature.name, feature.kind]));
}
function formatPath(path) {
  if (path.length === 0) return "(root)";
  return path.map(
    (part, index) => typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`
  ).join("");
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
  const text = value.trim();
  if (DECIMAL.test(text)) return Number(text);
  return INFINITY_TOKENS.get(text.toLowerCase()) ?? null;
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
  const schemaKinds2 = new Map(options.schema?.features.map((f) => [f.name, f.kind]));
  const features = labelled.columns.map((column, index) => ({ column, values: labelled.rows.map((row) => row[index] ?? null) })).filter(({ column }) => !skip.has(column)).map(({ column, values }) => ({
    column,
    values,
    kind: schemaKinds2.get(column) ?? inferKind(values)
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
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    for (const { line, text: lineText } of lines.push(text)) {
      const record2 = parseLine(lineText, options.source, line);
      if (record2 !== void 0) yield { line, record: record2 };
    }
  }
  const last = lines.finish();
  const record = parseLine(last.text, options.source, last.line);
  if (record !== void 0) yield { line: last.line, record };
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
function inferFormat(path) {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "csv";
}
var PROGRESS_ROWS = 1e5;
var MAX_COLUMN_NAME_LENGTH = 1e3;
function tooManyColumns(where, count) {
  return new DataError(
    `${where}: ${count.toLocaleString("en-US")} columns, more than the ${MAX_COLUMNS.toLocaleString("en-US")} a table may have; check the header (or, in JSON Lines, that rows share their keys).`
  );
}
async function readTable(chunks, options) {
  const format = options.format ?? inferFormat(options.source);
  const reader = {
    source: options.source,
    progress: progressReporter(options.onProgress),
    isMissing: missingMatcher(options.naValues ?? DEFAULT_NA_VALUES),
    textCell: textCellReader(options.decimal ?? "."),
    limits: sizeLimits(options),
    ...options.onLongRecord ? { onLongRecord: options.onLongRecord } : {}
  };
  return format === "jsonl" ? readJsonlTable(chunks, reader) : readCsvTable(chunks, reader);
}
function textCellReader(decimal) {
  if (decimal === ".") return (text) => text;
  return (text) => decimalCommaToPoint(text) ?? text;
}
function progressReporter(onProgress) {
  return (rows) => {
    if (onProgress && rows % PROGRESS_ROWS === 0) onProgress(rows);
  };
}
async function readCsvTable(chunks, reader) {
  const { source, progress, limits, onLongRecord } = reader;
  const delimiter = /\.tsv$/i.test(source) ? "	" : void 0;
  const table = { source, columns: [], rows: [], lines: [] };
  let header;
  const options = { source, delimiter, ...limits, ...onLongRecord ? { onLongRecord } : {} };
  for await (const batch of readCsvRecordBatches(chunks, options)) {
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === void 0) {
        header = record;
        table.columns = columnNames(record, source);
        continue;
      }
      table.rows.push(csvRow(record, header, reader));
      table.lines.push(record.line);
      progress(table.rows.length);
    }
  }
  if (header === void 0) throw emptyFile(source, "a header line and data rows");
  if (table.rows.length === 0) {
    throw new DataError(
      `${source}:${header.line}: has a header but no data rows; add rows below the header.`
    );
  }
  return table;
}
function isBlankRecord(record) {
  return record.fields.length === 1 && record.fields[0].trim() === "";
}
function columnNames(header, source) {
  checkLineEndings(header, source);
  if (header.fields.length > MAX_COLUMNS) {
    throw tooManyColumns(`${source}:${header.line}`, header.fields.length);
  }
  const names = header.fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const long = names.findIndex(isTooLongName);
  if (long >= 0)
    throw nameTooLong(names[long], `${source}:${header.line}`, `column ${long + 1}`);
  const firstPosition = /* @__PURE__ */ new Map();
  names.forEach((name, i) => {
    const earlier = firstPosition.get(name);
    if (earlier !== void 0) {
      throw new DataError(
        `${source}:${header.line}: column name "${name}" appears twice (columns ${earlier + 1} and ${i + 1}); rename one of them so each column can be referred to by name.`
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
    throw new DataError(
      `${reader.source}:${record.line}: expected ${header.fields.length} fields, found ${fields.length}; quote values that contain the delimiter, and check the row for a missing or extra one.`
    );
  }
  return fields.map((field) => reader.isMissing(field) ? null : reader.textCell(field));
}
async function readJsonlTable(chunks, reader) {
  const { source, progress, limits, onLongRecord } = reader;
  const records = [];
  const lines = [];
  const columns = /* @__PURE__ */ new Map();
  const options = { source, ...limits, ...onLongRecord ? { onLongRecord } : {} };
  for await (const { line, record } of readJsonlRecords(chunks, options)) {
    for (const key of Object.keys(record)) {
      if (columns.has(key)) continue;
      if (isTooLongName(key))
        throw nameTooLong(key, `${source}:${line}`, `key ${columns.size + 1}`);
      if (columns.size >= MAX_COLUMNS) throw tooManyColumns(`${source}:${line}`, columns.size + 1);
      columns.set(key, columns.size);
    }
    records.push(record);
    lines.push(line);
    progress(records.length);
  }
  if (records.length === 0) throw emptyFile(source, "one JSON object per line");
  if (columns.size === 0) {
    throw new DataError(
      `${source}: no record has any key; write each row as an object of column names to values.`
    );
  }
  const names = [...columns.keys()];
  const rows = records.map(
    (record, i) => names.map((name) => jsonCell(record[name], reader, lines[i]))
  );
  return { source, columns: names, rows, lines };
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

// src/steps/dataset.ts
var loaded = /* @__PURE__ */ new WeakMap();
function loadDataset(ctx) {
  let dataset = loaded.get(ctx);
  if (!dataset) {
    dataset = readDataset(ctx);
    loaded.set(ctx, dataset);
  }
  return dataset;
}
async function readDataset(ctx) {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash("sha256");
  const raw = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const table = await readTable(hashing(deps.fs.stream(file), hash), {
      source: config.data.train,
      naValues: config.data.na_values,
      onProgress: (rows) => deps.log.info(`${rows.toLocaleString("en-US")} rows read\u2026`),
      onLongRecord: (line, bytes) => deps.log.info(
        `line ${line}: ${bytes.toLocaleString("en-US")} bytes read and the record is still open\u2026`
      ),
      ...config.data.format ? { format: config.data.format } : {},
      ...config.data.decimal ? { decimal: config.data.decimal } : {},
      ...config.data.max_field_bytes ? { maxFieldBytes: config.data.max_field_bytes } : {},
      ...config.data.max_record_bytes ? { maxRecordBytes: config.data.max_record_bytes } : {}
    });
    deps.log.info(`${table.rows.length} rows \xD7 ${table.columns.length} columns`);
    return table;
  });
  const schemaPath = resolveInput(ctx, config.schema);
  const schema = await deps.fs.exists(schemaPath) ? parseSchema(
    parseJson(
      await deps.fs.readText(schemaPath),
      config.schema,
      "Regenerate it with `mlops validate --update-schema`."
    ),
    config.schema
  ) : null;
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
  return { raw, prepared, schema, schemaPath, dataHash: hash.digest("hex") };
}
async function* hashing(chunks, hash) {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

// src/util/moments.ts
function meanAndStd(values, column) {
  const largest = values.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  if (values.length === 0 || largest === 0) return { mean: 0, std: 0 };
  const scale = 2 ** Math.min(Math.floor(Math.log2(largest)), 1023);
  let count = 0;
  let mean = 0;
  let sumSquares = 0;
  for (const value of values) {
    const scaled = value / scale;
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

export {
  parseNumber,
  decimalCommaToPoint,
  readsAsDecimalComma,
  allowedNonNumeric,
  kindParser,
  parseBoolean,
  parseDate,
  stringKind,
  inferSchema,
  formatSchema,
  schemaKinds,
  meanAndStd,
  standardize,
  createRng,
  shuffleInPlace,
  hashString,
  requireColumn,
  loadDataset
};
