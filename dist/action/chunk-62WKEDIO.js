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
  readTableBatches
} from "./chunk-4Y3A6PT4.js";
import {
  parseNumber
} from "./chunk-HLR62EQG.js";
import {
  resolveInput
} from "./chunk-C2BMDOFT.js";
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
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError,
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/steps/dataset.ts
import { createHash } from "node:crypto";
import path from "node:path";

// src/data/split.ts
function keyHash(key, index, seed) {
  return mix32(hashString(key ?? `\0row ${index}`, seed));
}
function contentHash(fingerprint, seed) {
  return mix32(hashString(fingerprint, seed));
}
function splitRows(count, options) {
  checkShares(options.test, options.validation);
  const { seed } = options;
  const keys = options.keyHashes ?? options.keys?.map((key, index) => keyHash(key, index, seed));
  const ranks = options.fingerprintHashes ?? options.fingerprints?.map((text) => contentHash(text, seed));
  for (const [field, values] of [
    ["keys", keys],
    ["stratify", options.stratify],
    ["fingerprints", ranks]
  ]) {
    if (values && values.length !== count) {
      throw new Error(`splitRows: ${values.length} ${field} for ${count} rows`);
    }
  }
  if (keys) return splitByKey(keys, options);
  const arrange = arranger(ranks, seed);
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
function arranger(rank, seed) {
  if (rank) {
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
function splitByKey(hashes, options) {
  const split = { train: [], validation: [], test: [] };
  for (let index = 0; index < hashes.length; index++) {
    const share = hashes[index] / 2 ** 32;
    if (share < options.test) split.test.push(index);
    else if (share < options.test + options.validation) split.validation.push(index);
    else split.train.push(index);
  }
  return split;
}
function mix32(hash) {
  let h = hash;
  h = Math.imul(h ^ h >>> 16, 2246822507);
  h = Math.imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
function sampleRows(count, size, seed) {
  if (count <= size) return null;
  const rng = createRng(seed);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const mask = new Uint8Array(count);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (count - i));
    const drawn = order[j];
    order[j] = order[i];
    order[i] = drawn;
    mask[drawn] = 1;
  }
  return mask;
}

// src/data/prepare.ts
var MAX_STRATA = 50;
var KIND_EXACT_NUMBERS = 0;
var UNLABELED_LINES = 10;
var PreparationScan = class {
  constructor(options) {
    this.options = options;
    const schemaKinds = Object.fromEntries(
      options.schema?.features.map((f) => [f.name, f.kind]) ?? []
    );
    this.kinds = new TableAccumulator(schemaKinds, { exactNumbers: KIND_EXACT_NUMBERS });
  }
  options;
  columns = [];
  /** Rows added, labelled or not. */
  rows = 0;
  labels = new LabelColumn();
  kinds;
  second;
  hashes = new Uint32Array(1024);
  unlabeledCount = 0;
  unlabeledLines = [];
  add(batch) {
    if (this.columns.length === 0) this.columns = [...batch.columns];
    this.rows += batch.rows.length;
    const { label, split } = this.options;
    const labelAt = batch.columns.indexOf(label);
    const keyAt = split.key === void 0 ? -1 : batch.columns.indexOf(split.key);
    const width = this.columns.length;
    const rows = [];
    const lines = [];
    batch.rows.forEach((row, i) => {
      const line = batch.lines[i] ?? 0;
      const value = labelAt < 0 ? null : row[labelAt] ?? null;
      if (isAbsent(value)) {
        this.unlabeledCount++;
        if (this.unlabeledLines.length < UNLABELED_LINES) this.unlabeledLines.push(line);
        return;
      }
      const index = this.labels.count;
      this.labels.add(value, label);
      if (index === this.hashes.length) this.hashes = grown(this.hashes);
      if (split.key === void 0) {
        this.hashes[index] = contentHash(paddedFingerprint(row, width), split.seed);
      } else {
        const key = keyAt < 0 ? null : row[keyAt] ?? null;
        this.hashes[index] = keyHash(isAbsent(key) ? null : String(key), index, split.seed);
      }
      rows.push(row);
      lines.push(line);
    });
    this.kinds.add({ columns: batch.columns, rows, lines });
  }
  /** Whether kinds need the labelled rows again, for a column whose strings were not all tallied. */
  needsSecondPass() {
    return this.kinds.needsSecondPass().length > 0;
  }
  /** Takes the batches of a second pass over the same rows (see needsSecondPass). */
  forSecondPass() {
    const second = this.kinds.forSecondPass();
    this.second = second;
    const { label } = this.options;
    return {
      add: (batch) => {
        const at = batch.columns.indexOf(label);
        const kept = batch.rows.flatMap((row, i) => isAbsent(row[at] ?? null) ? [] : [i]);
        second.add({
          columns: this.columns,
          rows: kept.map((i) => batch.rows[i]),
          lines: kept.map((i) => batch.lines[i] ?? 0)
        });
      }
    };
  }
  /** The preparation of the rows added; `source` names the file in errors. */
  finish(source) {
    const { options } = this;
    const table = { source, columns: this.columns, rows: [], lines: [] };
    requireColumn(table, options.label, "data.label");
    for (const column of options.slices ?? []) requireColumn(table, column, "data.slices");
    const count = this.labels.count;
    if (count === 0) {
      throw new DataError(`${source}: every row is missing the label "${options.label}".`);
    }
    const warnings = options.ignore.filter((column) => !table.columns.includes(column)).map((column) => `data.ignore: column "${column}" is not in ${source}`);
    const skip = /* @__PURE__ */ new Set([
      options.label,
      ...options.ignore,
      ...options.split.key ? [options.split.key] : []
    ]);
    const facts = (name) => this.kinds.finishedColumn(name, this.second);
    const features = options.features ? chosenFeatures(table, options.features, skip, facts) : inferredFeatures(table, skip, facts, warnings);
    if (options.split.key) requireColumn(table, options.split.key, "data.split.key");
    const hashes = this.hashes.subarray(0, count);
    const stratify = this.labels.strata(MAX_STRATA);
    const split = splitRows(count, {
      test: options.split.test,
      validation: options.split.validation,
      seed: options.split.seed,
      ...options.split.key ? { keyHashes: hashes } : { fingerprintHashes: hashes, ...stratify ? { stratify } : {} }
    });
    if (split.train.length === 0) {
      throw new DataError(
        `${source}: too few labelled rows (${count}) to train on after the split.`
      );
    }
    return {
      columns: this.columns,
      label: options.label,
      labels: this.labels,
      unlabeled: { count: this.unlabeledCount, lines: this.unlabeledLines },
      features,
      split,
      warnings
    };
  }
};
function grown(array) {
  const bigger = new array.constructor(array.length * 2);
  bigger.set(array);
  return bigger;
}
var LABEL_CODES = 1001;
var LabelColumn = class {
  count = 0;
  /** The distinct labels as text, in first-seen order: all of them while `coded`. */
  names = [];
  coded = true;
  codeOf = /* @__PURE__ */ new Map();
  codes = new Int32Array(1024);
  numbers = new Float64Array(1024);
  /** Adds the next row's label; `label` (the column) names it in errors. */
  add(value, label) {
    const index = this.count++;
    if (index === this.numbers.length) {
      this.numbers = grown(this.numbers);
      if (this.coded) this.codes = grown(this.codes);
    }
    const number = parseNumber(value);
    this.numbers[index] = number ?? NaN;
    if (!this.coded) {
      if (number === null) throw tooManyLabels(label, value);
      return;
    }
    const text = String(value);
    let code = this.codeOf.get(text);
    if (code === void 0) {
      code = this.names.length;
      this.names.push(text);
      this.codeOf.set(text, code);
      if (code === LABEL_CODES) {
        const word = this.names.find((name) => parseNumber(name) === null);
        if (word !== void 0) throw tooManyLabels(label, word);
        this.coded = false;
        this.codeOf.clear();
        return;
      }
    }
    this.codes[index] = code;
  }
  /**
   * The distinct labels as text: all of them, or (past LABEL_CODES) the first LABEL_CODES + 1,
   * every one a number; what inferTask needs to tell the task.
   */
  distinct() {
    return this.names;
  }
  /** The labels of rows `indices` (every row when absent), as fitLabelEncoding takes them. */
  values(indices) {
    const { names, codes, numbers, coded } = this;
    const at = (i) => coded ? names[codes[i]] : numbers[i];
    return indices ? indices.map(at) : Array.from({ length: this.count }, (_, i) => at(i));
  }
  /** Each row's label as text, to stratify by, when there are at most `limit` distinct ones. */
  strata(limit) {
    if (!this.coded || this.names.length > limit) return void 0;
    return this.values();
  }
};
function tooManyLabels(label, value) {
  return new DataError(
    `label "${label}" has more than ${(LABEL_CODES - 1).toLocaleString("en-US")} distinct values, and ${JSON.stringify(excerpt(String(value)))} is not a number: too many classes for a classifier, and not a quantity to regress. Choose another label.`
  );
}
function inferredFeatures(table, skip, facts, warnings) {
  return table.columns.filter((column) => !skip.has(column)).filter((column) => {
    if (!facts(column)?.looksLikeIdentifier()) return true;
    warnings.push(identifierWarning(column));
    return false;
  }).map((column) => ({ column, kind: facts(column)?.inferredKind() ?? "empty" }));
}
function chosenFeatures(table, chosen, skip, facts) {
  return chosen.map(({ column, kind, text }, i) => {
    requireColumn(table, column, `data.features[${i}]`);
    if (skip.has(column)) {
      throw new DataError(
        `data.features[${i}]: column "${column}" is the label, the split key or in data.ignore, so it cannot be a feature; remove it from one of them.`
      );
    }
    const given = kind ?? (text ? "text" : void 0);
    return { column, kind: given ?? facts(column)?.inferredKind() ?? "empty" };
  });
}
function identifierWarning(column) {
  return `column "${column}" looks like an identifier (every value differs and has the form of an id), so it is not used as a feature; list it in data.ignore to say so, or in data.features to use it`;
}
function paddedFingerprint(row, width) {
  let text = "";
  for (let i = 0; i < width; i++) {
    const cell = row[i] ?? null;
    text += (i === 0 ? "" : "") + (cell === null ? "\0" : String(cell));
  }
  return text;
}
function requireColumn(table, column, field) {
  const index = table.columns.indexOf(column);
  if (index >= 0) return index;
  const near = table.columns.find((c) => c.trim().toLowerCase() === column.trim().toLowerCase());
  throw new DataError(
    `${field}: column "${column}" is not in ${table.source}` + (near ? ` (did you mean "${near}"?)` : "") + `. Its columns are: ${table.columns.map((c) => JSON.stringify(c)).join(", ")}.`
  );
}

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
  const { schema, schemaPath } = await readCommittedSchema(ctx);
  const options = {
    label: config.data.label,
    ignore: config.data.ignore,
    split: config.data.split,
    slices: config.data.slices,
    schema,
    ...config.data.features ? { features: config.data.features } : {}
  };
  const hash = createHash("sha256");
  const rejects = [];
  const quiet = quietReadOptions(ctx);
  const scan = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const loud = readOptions(ctx, (rejected2) => rejects.push(rejected2));
    const scanned = await scanOnOneThread(
      ctx,
      hashing(deps.fs.stream(file), hash),
      { loud, quiet },
      () => new PreparationScan(options)
    );
    deps.log.info(`${scanned.rows} rows \xD7 ${scanned.columns.length} columns`);
    return scanned;
  });
  const rejected = await writeRejects(ctx, rejects);
  if (scan.needsSecondPass()) {
    const second = scan.forSecondPass();
    for await (const batch of readTableBatches(deps.fs.stream(file), quiet)) second.add(batch);
  }
  const prepared = scan.finish(config.data.train);
  prepared.warnings.forEach((w) => deps.log.warn(w));
  if (prepared.unlabeled.count > 0) {
    deps.log.warn(`${prepared.unlabeled.count} rows have no label and were dropped`);
  }
  return { prepared, schema, schemaPath, dataHash: hash.digest("hex"), rejected };
}
function quietReadOptions(ctx) {
  return { ...readOptions(ctx, () => void 0), onProgress: () => void 0 };
}
var SPLIT_CODES = { train: 0, validation: 1, test: 2 };
var UNLABELLED = -1;
async function forEachPlacedBatch(ctx, dataset, pass, visit) {
  const { config, deps } = ctx;
  const { prepared } = dataset;
  const membership = splitMembership(prepared);
  const counts = [0, 0, 0];
  let labelled = 0;
  const hash = createHash("sha256");
  const bytes = hashing(deps.fs.stream(resolveInput(ctx, config.data.train)), hash);
  const options = {
    ...quietReadOptions(ctx),
    onProgress: (rows) => deps.log.info(`${pass}: ${rows.toLocaleString("en-US")} rows read\u2026`)
  };
  const changed = () => new DataError(
    `${config.data.train} changed while it was being read (its rows no longer match the split); run the step again.`
  );
  for await (const batch of readTableBatches(bytes, options)) {
    const labelAt = batch.columns.indexOf(prepared.label);
    const split = new Int8Array(batch.rows.length);
    const position = new Int32Array(batch.rows.length);
    batch.rows.forEach((row, i) => {
      if (labelAt < 0 || isAbsent(row[labelAt] ?? null)) {
        split[i] = UNLABELLED;
        return;
      }
      if (labelled >= membership.length) throw changed();
      const code = membership[labelled++];
      const at = counts[code];
      split[i] = code;
      position[i] = at;
      counts[code] = at + 1;
    });
    visit({ columns: prepared.columns, rows: batch.rows, lines: batch.lines, split, position });
  }
  if (hash.digest("hex") !== dataset.dataHash || labelled !== prepared.labels.count) {
    throw changed();
  }
}
var memberships = /* @__PURE__ */ new WeakMap();
function splitMembership(prepared) {
  let membership = memberships.get(prepared);
  if (!membership) {
    membership = new Int8Array(prepared.labels.count);
    for (const name of ["validation", "test"]) {
      for (const row of prepared.split[name]) membership[row] = SPLIT_CODES[name];
    }
    memberships.set(prepared, membership);
  }
  return membership;
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
  const quiet = quietReadOptions(ctx);
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
  let sink = make();
  let columns = [];
  for await (const batch of readTableBatches(bytes, read.loud)) {
    sink.add(batch);
    columns = batch.columns;
  }
  if (columns.length > sink.columns.length) {
    sink = make();
    const file = resolveInput(ctx, ctx.config.data.train);
    for await (const batch of readTableBatches(ctx.deps.fs.stream(file), read.quiet)) {
      sink.add({ ...batch, columns });
    }
  }
  return sink;
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
  sampleRows,
  loadDataset,
  readOptions,
  SPLIT_CODES,
  forEachPlacedBatch,
  writeRejects,
  csvCell,
  readCommittedSchema,
  scanDataset,
  summarizeScan,
  hashing
};
