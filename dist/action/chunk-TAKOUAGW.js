import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  startWorker,
  workerScript
} from "./chunk-CJRXHEIG.js";
import {
  parseSchema
} from "./chunk-XQRPJJDI.js";
import {
  TableAccumulator,
  inferFormat,
  isGzipPath,
  mergeScannedParts,
  readCsvHeader,
  readPart,
  readTable,
  readTableBatches
} from "./chunk-QGAB4GCY.js";
import {
  IDENTIFIER_SAMPLE,
  hasIdentifierShape,
  inferKind,
  parseNumber
} from "./chunk-VCSP3TFO.js";
import {
  resolveInput
} from "./chunk-QFYNNAM4.js";
import {
  createRng,
  hashString,
  shuffleInPlace
} from "./chunk-D54MHMCS.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  isAbsent
} from "./chunk-AIUCNH7N.js";
import {
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError,
  DataError
} from "./chunk-N5O7Y2C6.js";

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
  const features = options.features ? chosenFeatures(labelled, options.features, skip, schemaKinds) : inferredFeatures(labelled, skip, schemaKinds, warnings);
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
function inferredFeatures(table, skip, schemaKinds, warnings) {
  return table.columns.map((column, index) => ({ column, values: table.rows.map((row) => row[index] ?? null) })).filter(({ column }) => !skip.has(column)).map(({ column, values }) => ({
    column,
    values,
    kind: schemaKinds.get(column) ?? inferKind(values)
  })).filter(({ column, values, kind }) => {
    if (!looksLikeIdentifier(values, kind)) return true;
    warnings.push(identifierWarning(column));
    return false;
  }).map(({ column, kind }) => ({ column, kind }));
}
function chosenFeatures(table, chosen, skip, schemaKinds) {
  return chosen.map(({ column, kind, text }, i) => {
    const index = requireColumn(table, column, `data.features[${i}]`);
    if (skip.has(column)) {
      throw new DataError(
        `data.features[${i}]: column "${column}" is the label, the split key or in data.ignore, so it cannot be a feature; remove it from one of them.`
      );
    }
    const given = kind ?? (text ? "text" : void 0);
    return {
      column,
      kind: given ?? schemaKinds.get(column) ?? inferKind(table.rows.map((row) => row[index] ?? null))
    };
  });
}
function identifierWarning(column) {
  return `column "${column}" looks like an identifier (every value differs and has the form of an id), so it is not used as a feature; list it in data.ignore to say so, or in data.features to use it`;
}
var MIN_ROWS_FOR_IDENTIFIER = 20;
function looksLikeIdentifier(values, kind) {
  const present = values.filter((value) => !isAbsent(value));
  const strings = present.map(String);
  if (present.length < MIN_ROWS_FOR_IDENTIFIER || new Set(strings).size < present.length) {
    return false;
  }
  if (kind === "text") {
    if (strings.some((value) => /\s/.test(value))) return false;
    return hasIdentifierShape(strings.slice(0, IDENTIFIER_SAMPLE));
  }
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

// src/steps/parallel-scan.ts
import { availableParallelism } from "node:os";

// src/data/csv-split.ts
var QUOTE = 34;
var LF = 10;
var SPLIT_LOOKBACK = 64 * 1024;
function recordStartNear(window, windowStart, target, delimiter) {
  const separator = delimiter.charCodeAt(0);
  let lineFeed = window.indexOf(LF, Math.max(0, target - windowStart - 1));
  while (lineFeed >= 0 && lineFeed + 1 < window.length) {
    const candidate = lineFeed + 1;
    const from2 = window.indexOf(LF, Math.max(0, candidate - SPLIT_LOOKBACK - 1)) + 1;
    if (settledQuoteState(window, from2, candidate, separator) !== true) {
      return windowStart + candidate;
    }
    lineFeed = window.indexOf(LF, candidate);
  }
  return void 0;
}
function settledQuoteState(bytes, from2, to, separator) {
  const outside = quotedAt(bytes, from2, to, separator, false);
  const inside = quotedAt(bytes, from2, to, separator, true);
  return outside === inside ? outside : void 0;
}
function quotedAt(bytes, from2, to, separator, quoted) {
  let inside = quoted;
  for (let quote = bytes.indexOf(QUOTE, from2); quote >= 0 && quote < to; ) {
    if (inside) {
      if (bytes[quote + 1] === QUOTE) {
        quote = bytes.indexOf(QUOTE, quote + 2);
        continue;
      }
      inside = false;
    } else {
      const before = bytes[quote - 1];
      inside = before === separator || before === LF;
    }
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return inside;
}

// src/steps/parallel-scan.ts
var PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
var MAX_THREADS = 4;
var CHUNK_BYTES = 1024 * 1024;
var SPLIT_LOOKAHEAD = 1024 * 1024;
var OWN_SHARE = 0.8;
var PartFailed = class extends Error {
  constructor(data, message) {
    super(message);
    this.data = data;
  }
  data;
};
async function scanInParallel(ctx, request, tuning = {}) {
  const { deps } = ctx;
  const threads = Math.min(tuning.threads ?? availableParallelism(), MAX_THREADS);
  if (threads < 2 || !isPlainCsv(request.read)) return void 0;
  const file = await deps.fs.open(request.file);
  const workers = [];
  try {
    if (file.size < (tuning.minBytes ?? PARALLEL_MIN_BYTES)) return void 0;
    const script = tuning.workerScript ?? workerScript(import.meta.url, "../data/scan-worker.ts", "scan-worker");
    if (!script) {
      deps.log.info("scan-worker.js is missing from the build: reading on one thread");
      return void 0;
    }
    const start = () => {
      const worker = startPartWorker(script);
      workers.push(worker);
      return worker;
    };
    const readers = Array.from({ length: threads - 1 }, start);
    const scan = await readParts(request, file, readers, start);
    if (scan) deps.log.info(`read in ${scan.parts} parts, on as many threads`);
    return scan;
  } catch (error) {
    if (!(error instanceof PartFailed)) throw error;
    deps.log.info(
      error.data ? `the parts of ${request.read.source} could not each be read on their own (a quoted line break at a cut, or a bad record): reading it on one thread` : `a worker thread failed (${error.message}): reading on one thread`
    );
    return void 0;
  } finally {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    await file.close();
  }
}
function isPlainCsv(read) {
  try {
    return (read.format ?? inferFormat(read.source)) === "csv" && !isGzipPath(read.source);
  } catch {
    return false;
  }
}
async function readParts(request, file, workers, startHelper) {
  const stream = request.bytes[Symbol.asyncIterator]();
  try {
    let read = 0;
    const counted = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const next = await stream.next();
          if (!next.done) read += next.value.length;
          return next;
        }
      })
    };
    const head = await readCsvHeader(counted, request.read).catch(() => void 0);
    if (!head || head.delimiter.charCodeAt(0) >= 128) return void 0;
    const { header, delimiter } = head;
    const starts = await cutPoints(file, workers.length + 1, delimiter);
    const last = starts.length - 1;
    if (last === 0 || starts[last] < read) return void 0;
    const rows = starts.map(() => 0);
    const onRows = (part, count) => {
      rows[part] = count;
      request.read.onProgress?.(rows.reduce((sum, n) => sum + n, 0));
    };
    const sharedExact = new Int32Array(new SharedArrayBuffer(8 * header.fields.length));
    const job = (part) => ({
      read: partReadOptions(request.read),
      delimiter,
      ...part > 0 ? { header } : {},
      kinds: request.kinds,
      statistics: { ...request.statistics, sharedExact },
      countLineFeeds: part < last
    });
    const reads = starts.slice(0, last).map((start, part) => {
      const range = { start, end: starts[part + 1] };
      const onPartRows = (count) => onRows(part, count);
      return readPartInWorker(workers[part], job(part), file, range, onPartRows);
    });
    const rest = from(stream, starts[last], read);
    const own = readPart(job(last), rest, (count) => onRows(last, count)).catch(
      (error) => {
        throw error instanceof DataError ? new PartFailed(true, error.message) : error;
      }
    );
    const helpers = reads.map(
      (read2, part) => read2.then(() => workers[part].stopped.catch(() => void 0)).then(startHelper, () => void 0)
    );
    const [parts, lastPart] = await Promise.all([Promise.all(reads), own]);
    const { accumulator, rejects } = merged([...parts, lastPart], request);
    if (rejects.length > (request.read.maxErrors ?? 0)) {
      throw new PartFailed(true, "more bad records than data.max_errors");
    }
    const started = (await Promise.all(helpers)).filter((helper) => helper !== void 0);
    await finishAhead(accumulator.numbersTasks(), started);
    return { accumulator, rejects, parts: starts.length };
  } finally {
    await stream.return?.();
  }
}
async function* from(stream, start, position) {
  let at = position;
  for (let next = await stream.next(); !next.done; next = await stream.next()) {
    const chunk = next.value;
    at += chunk.length;
    if (at <= start) continue;
    yield at - chunk.length >= start ? chunk : chunk.subarray(start - (at - chunk.length));
  }
}
async function finishAhead(tasks, helpers) {
  let front = 0;
  let back = tasks.length;
  const lanes = helpers.flatMap((helper) => {
    const ask = asker(helper);
    return [ask, ask];
  });
  const helped = lanes.map(async (ask) => {
    while (front < back) {
      const task = tasks[--back];
      await ask(task.job()).then(
        (stats) => task.done(stats),
        () => task.run()
      );
    }
  });
  while (front < back) {
    tasks[front++].run();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(helped);
}
function asker({ worker, stopped }) {
  const waiting = [];
  worker.on("message", (message) => {
    const next = waiting.shift();
    if (message.type === "numbers") next?.resolve(message.stats);
    else
      next?.reject(
        new PartFailed(false, message.type === "failed" ? message.message : message.type)
      );
  });
  let gone;
  stopped.catch((error) => {
    gone = error;
    waiting.splice(0).forEach(({ reject }) => reject(error));
  });
  return (job) => new Promise((resolve, reject) => {
    if (gone) return reject(gone);
    waiting.push({ resolve, reject });
    const buffers = job.state.values ? [job.state.values.buffer] : [];
    worker.postMessage({ type: "numbers", job }, buffers);
  });
}
function merged(parts, request) {
  try {
    return mergeScannedParts(parts, request.kinds, request.statistics);
  } catch (error) {
    throw new PartFailed(true, errorMessage(error));
  }
}
async function cutPoints(file, parts, delimiter) {
  const starts = [0];
  const shares = parts - 1 + OWN_SHARE;
  for (let part = 1; part < parts; part++) {
    const target = Math.floor(part * file.size / shares);
    const windowStart = Math.max(0, target - SPLIT_LOOKBACK);
    const window = await file.read(windowStart, Math.min(file.size, target + SPLIT_LOOKAHEAD));
    const start = recordStartNear(window, windowStart, target, delimiter);
    if (start !== void 0 && start > starts[starts.length - 1]) starts.push(start);
  }
  return starts;
}
function partReadOptions(read) {
  const { source, format, naValues, decimal, maxErrors, maxFieldBytes, maxRecordBytes } = read;
  return { source, format, naValues, decimal, maxErrors, maxFieldBytes, maxRecordBytes };
}
function readPartInWorker({ worker, stopped }, job, file, range, onRows) {
  const read = new Promise((resolve, reject) => {
    const post = (message, transfer = []) => worker.postMessage(message, transfer);
    let position = range.start;
    let ended = false;
    let sending = Promise.resolve();
    const sendNext = async () => {
      if (position >= range.end) {
        if (!ended) post({ type: "end" });
        ended = true;
        return;
      }
      const end = Math.min(range.end, position + CHUNK_BYTES);
      const chunk = await file.read(position, end);
      position = end;
      const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
      const bytes = whole ? chunk : chunk.slice();
      post({ type: "chunk", bytes }, [bytes.buffer]);
    };
    worker.on("message", (message) => {
      if (message.type === "more") sending = sending.then(sendNext).catch(reject);
      else if (message.type === "rows") onRows(message.rows);
      else if (message.type === "done") {
        resolve(message.part);
        void worker.terminate();
      } else if (message.type === "failed") reject(new PartFailed(message.data, message.message));
    });
    post({ type: "job", job });
  });
  return Promise.race([read, stopped]);
}
function startPartWorker(script) {
  let worker;
  try {
    worker = startWorker(script);
  } catch (error) {
    throw new PartFailed(false, errorMessage(error));
  }
  const stopped = new Promise((_, reject) => {
    worker.on("error", (error) => reject(new PartFailed(false, error.message)));
    worker.once("exit", (code) => reject(new PartFailed(false, `it exited with code ${code}`)));
  });
  stopped.catch(() => void 0);
  return { worker, stopped };
}

// src/steps/dataset.ts
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
    // Parquet is read from its footer, a row group at a time.
    open: () => deps.fs.open(resolveInput(ctx, config.data.train)),
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
    schema,
    ...config.data.features ? { features: config.data.features } : {}
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
async function scanDataset(ctx, kinds, options, parallel = {}) {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  let hash = createHash("sha256");
  let rejects = [];
  const quiet = { ...readOptions(ctx, () => void 0), onProgress: () => void 0 };
  const accumulator = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const read = readOptions(ctx, (rejected2) => rejects.push(rejected2));
    const bytes = hashing(deps.fs.stream(file), hash);
    const request = { file, bytes, kinds, statistics: options, read };
    const threaded = await scanInParallel(ctx, request, parallel);
    if (threaded) rejects = threaded.rejects;
    else hash = createHash("sha256");
    const scanned = threaded?.accumulator ?? await scanOnOneThread(
      ctx,
      hashing(deps.fs.stream(file), hash),
      { loud: read, quiet },
      () => new TableAccumulator(kinds, options)
    );
    deps.log.info(`${scanned.rows} rows \xD7 ${scanned.columns.length} columns`);
    return scanned;
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
async function scanOnOneThread(ctx, bytes, read, make) {
  let accumulator = make();
  let columns = [];
  for await (const batch of readTableBatches(bytes, read.loud)) {
    accumulator.add(batch);
    columns = batch.columns;
  }
  if (columns.length > accumulator.columns.length) {
    accumulator = make();
    const file = resolveInput(ctx, ctx.config.data.train);
    for await (const batch of readTableBatches(ctx.deps.fs.stream(file), read.quiet)) {
      accumulator.add({ ...batch, columns });
    }
  }
  return accumulator;
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
  const chosen = config.data.features && new Set(config.data.features.map((f) => f.column));
  const unused = columns.filter((column) => {
    if (skip.has(column)) return true;
    if (chosen) return !chosen.has(column);
    if (!accumulator.column(column)?.looksLikeIdentifier()) return false;
    deps.log.warn(identifierWarning(column));
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
  requireColumn,
  loadDataset,
  readOptions,
  writeRejects,
  csvCell,
  readCommittedSchema,
  scanDataset,
  summarizeScan,
  hashing
};
