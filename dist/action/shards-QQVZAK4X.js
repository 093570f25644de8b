import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  checkDataset,
  planValidation
} from "./chunk-PXEXV67Y.js";
import "./chunk-VWJNTXGM.js";
import "./chunk-YEB6Y2FP.js";
import "./chunk-YQZQDQHW.js";
import {
  hashing,
  readOptions,
  summarizeScan,
  writeRejects
} from "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import {
  EXACT_NUMBERS,
  HEAVY_HITTERS,
  HyperLogLog,
  INVALID_EXAMPLES,
  Kll,
  OUT_OF_DOMAIN_TALLY,
  REJECTED_RECORD_CHARS,
  TableAccumulator,
  readTableBatches
} from "./chunk-4Y3A6PT4.js";
import {
  IDENTIFIER_SAMPLE
} from "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-XYKEPJ3A.js";
import {
  checkStepOutput,
  resolveInput
} from "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-MTWO572S.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import "./chunk-TE2M4OOS.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  DISTINCT_LIMIT
} from "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import {
  MAX_COLUMNS
} from "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/steps/shards.ts
import { createHash as createHash2 } from "node:crypto";
import path from "node:path";

// src/data/partial-statistics.ts
import { createHash } from "node:crypto";
var STATISTICS_PART_FORMAT = "mlops-actions/statistics-part/v2";
var MAX_SHARDS = 1e3;
var MAX_TALLY = 5e6;
var MAX_PART_REJECTS = 1e5;
var REJECTED_TEXT = REJECTED_RECORD_CHARS + 100;
var count = external_exports.number().int().min(0);
var line = count;
var lines = external_exports.array(line).max(Math.max(INVALID_EXAMPLES, 10));
var text = external_exports.string().max(1 << 20);
var invalid = external_exports.object({
  count,
  examples: external_exports.array(text).max(INVALID_EXAMPLES),
  lines
});
var kind = external_exports.enum(["numeric", "categorical", "boolean", "date", "text", "empty", "string"]);
var numbers = external_exports.object({
  count,
  nonFinite: count,
  zeros: count,
  integer: external_exports.boolean(),
  min: external_exports.number().nullable(),
  max: external_exports.number().nullable(),
  finite: count,
  values: external_exports.array(external_exports.number()).max(EXACT_NUMBERS).nullable(),
  sketch: external_exports.object({
    mean: external_exports.number(),
    m2: external_exports.number().min(0),
    kll: external_exports.object({
      levels: external_exports.array(external_exports.array(external_exports.number()).max(Kll.K)).max(64),
      flip: external_exports.boolean()
    }),
    drift: external_exports.object({
      edges: external_exports.array(external_exports.number()).max(1e3),
      counts: external_exports.array(count).max(1001),
      belowDistance: external_exports.number().min(0),
      aboveDistance: external_exports.number().min(0)
    }).nullable(),
    distinct: external_exports.array(external_exports.tuple([external_exports.number(), count])).max(DISTINCT_LIMIT).nullable()
  }).nullable()
});
var column = external_exports.object({
  name: text,
  forced: kind.nullable(),
  present: count,
  missingLines: lines,
  numbers: numbers.nullable(),
  numberInvalid: invalid,
  dates: numbers.nullable(),
  dateInvalid: invalid,
  datesAlive: external_exports.boolean(),
  booleansAlive: external_exports.boolean(),
  trues: count,
  falses: count,
  booleanInvalid: invalid,
  tally: external_exports.object({ values: external_exports.array(external_exports.tuple([text, count])).max(MAX_TALLY), totalLength: count }).nullable(),
  summary: external_exports.object({
    capped: count,
    repeated: external_exports.boolean(),
    heavy: external_exports.array(external_exports.tuple([text, count, count])).max(HEAVY_HITTERS),
    hll: external_exports.string().length(HyperLogLog.STATE_LENGTH),
    firstDistinct: external_exports.array(text).max(IDENTIFIER_SAMPLE)
  }).nullable(),
  tallyComplete: external_exports.boolean(),
  decimalCommaAlive: external_exports.boolean(),
  commas: count,
  whitespace: external_exports.boolean(),
  rising: external_exports.boolean(),
  last: external_exports.number().nullable(),
  outOfRange: external_exports.object({ below: count, above: count, lines }),
  outOfDomain: external_exports.object({
    count,
    tally: external_exports.array(external_exports.tuple([text, count])).max(OUT_OF_DOMAIN_TALLY),
    lines
  }).nullable()
});
var statisticsPartSchema = external_exports.object({
  format: external_exports.literal(STATISTICS_PART_FORMAT),
  source: external_exports.string(),
  dataHash: external_exports.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 in hex"),
  settings: external_exports.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 in hex"),
  shard: external_exports.object({
    index: external_exports.number().int().min(1).max(MAX_SHARDS),
    count: external_exports.number().int().min(1).max(MAX_SHARDS)
  }),
  range: external_exports.object({ start: count, end: count, total: count }),
  exactNumbers: external_exports.number().int().min(1).max(EXACT_NUMBERS),
  state: external_exports.object({ rows: count, columns: external_exports.array(column).max(MAX_COLUMNS) }),
  rejected: external_exports.array(
    external_exports.object({
      line: external_exports.number().int().min(1),
      error: external_exports.string().max(REJECTED_TEXT),
      record: external_exports.string().max(REJECTED_TEXT)
    })
  ).max(MAX_PART_REJECTS)
});
function settingsHash(settings) {
  return createHash("sha256").update(canonical(settings)).digest("hex");
}
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0 && typeof v !== "function").sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
function shardRange(index, count2, total) {
  return {
    start: Math.floor((index - 1) * total / count2),
    end: Math.floor(index * total / count2),
    total
  };
}
var RejectPlacement = class {
  pending = [];
  placed = [];
  rows = 0;
  /** A bad record, as the reader reports it. */
  reject(record) {
    this.pending.push(record);
  }
  /** A batch of rows, by their lines, as it comes out of the reader. */
  batch(lines2) {
    const last = lines2[lines2.length - 1] ?? 0;
    const waiting = [];
    for (const record of this.pending) {
      if (record.line > last) waiting.push(record);
      else {
        const before = lines2.findIndex((line2) => line2 > record.line);
        this.placed.push({ rowsBefore: this.rows + (before < 0 ? lines2.length : before), record });
      }
    }
    this.pending = waiting;
    this.rows += lines2.length;
  }
  /** The records part `range` owns, once the read is done; `last` when it is the last part. */
  owned(range, last) {
    const all = [
      ...this.placed,
      ...this.pending.map((record) => ({ rowsBefore: this.rows, record }))
    ];
    return all.filter(({ rowsBefore }) => rowsBefore >= range.start && (rowsBefore < range.end || last)).map(({ record }) => record);
  }
};
function mergeParts(parts, settings) {
  const [first] = parts;
  if (!first) throw new DataError("no statistics parts were given.");
  const count2 = first.part.shard.count;
  for (const { file, part } of parts) {
    if (part.dataHash !== first.part.dataHash) {
      throw new DataError(
        `${file}: dataHash differs from ${first.file}'s: the parts are of different files (or versions of one); compute every part from the same commit.`
      );
    }
    if (part.settings !== settings.hash) {
      throw new DataError(
        `${file}: settings differ from this run's (schema, baseline, config or exact budget): compute the parts and merge them with the same config, schema and baseline.`
      );
    }
    if (part.shard.count !== count2) {
      throw new DataError(
        `${file}: shard.count is ${part.shard.count}, but ${first.file} is a part of ${count2}; merge the parts of one run.`
      );
    }
  }
  const byIndex = /* @__PURE__ */ new Map();
  for (const read of parts) {
    const same = byIndex.get(read.part.shard.index);
    if (same) {
      throw new DataError(
        `${read.file}: shard.index ${read.part.shard.index} is also ${same.file}'s; give each part once.`
      );
    }
    byIndex.set(read.part.shard.index, read);
  }
  const missing = Array.from({ length: count2 }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new DataError(
      `parts ${missing.slice(0, 10).join(", ")} of ${count2} are missing: merge every part of the run.`
    );
  }
  const total = first.part.range.total;
  const accumulator = new TableAccumulator(settings.kinds, {
    ...settings.options,
    exactNumbers: first.part.exactNumbers
  });
  let next = 0;
  const rejected = [];
  for (let index = 1; index <= count2; index++) {
    const { file, part } = byIndex.get(index);
    const expected = shardRange(index, count2, total);
    if (part.range.start !== expected.start || part.range.end !== expected.end || part.range.total !== total || part.range.start !== next) {
      throw new DataError(
        `${file}: range is rows ${part.range.start}\u2013${part.range.end} of ${part.range.total}, but part ${index} of ${count2} covers rows ${expected.start}\u2013${expected.end} of ${total}; the part is damaged or forged.`
      );
    }
    if (part.state.rows !== part.range.end - part.range.start) {
      throw new DataError(
        `${file}: state.rows is ${part.state.rows}, but its range holds ${part.range.end - part.range.start} rows; the part is damaged or forged.`
      );
    }
    for (const [i, column2] of part.state.columns.entries()) {
      if (column2.present > part.state.rows) {
        throw new DataError(
          `${file}: state.columns[${i}].present is more than the part's rows; the part is damaged or forged.`
        );
      }
    }
    for (const record of part.rejected) {
      if (record.line <= (rejected[rejected.length - 1]?.line ?? 0)) {
        throw new DataError(
          `${file}: rejected holds line ${record.line} out of order (after the bad records before it in the file); the part is damaged or forged.`
        );
      }
      rejected.push(record);
    }
    next = part.range.end;
    const loaded = new TableAccumulator(settings.kinds, {
      ...settings.options,
      exactNumbers: part.exactNumbers
    });
    loaded.load(part.state, `${file}: state`);
    accumulator.merge(loaded, file);
  }
  return { accumulator, dataHash: first.part.dataHash, source: first.part.source, rejected };
}

// src/steps/shards.ts
function parseShard(text2) {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text2.trim());
  const index = Number(match?.[1]);
  const count2 = Number(match?.[2]);
  if (!match || index < 1 || index > count2 || count2 > MAX_SHARDS) {
    throw new UsageError(
      `--shard: expected i/n with 1 \u2264 i \u2264 n \u2264 ${MAX_SHARDS} (like 2/4), got "${text2}".`
    );
  }
  return { index, count: count2 };
}
function partPath(out, index, count2) {
  return path.join(out, `statistics.part-${index}-of-${count2}.json`);
}
async function runValidateShard(ctx, shardText, options = {}) {
  const { config, deps } = ctx;
  const shard = parseShard(shardText);
  const plan = await planValidation(ctx);
  const exactNumbers = options.exactNumbers ?? EXACT_NUMBERS;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash2("sha256");
  const placement = new RejectPlacement();
  const counting = {
    ...readOptions(ctx, (rejected) => placement.reject(rejected)),
    onProgress: () => void 0
  };
  let total = 0;
  await deps.log.group(`Counting the rows of ${config.data.train}`, async () => {
    for await (const batch of readTableBatches(hashing(deps.fs.stream(file), hash), counting)) {
      placement.batch(batch.lines);
      total += batch.rows.length;
    }
  });
  const range = shardRange(shard.index, shard.count, total);
  const read = { ...readOptions(ctx, () => void 0), onProgress: () => void 0 };
  const accumulator = new TableAccumulator(plan.kinds, {
    ...plan.statisticsOptions,
    exactNumbers
  });
  const label = `Reading rows ${range.start + 1}\u2013${range.end} of ${total} (part ${shard.index} of ${shard.count})`;
  await deps.log.group(label, async () => {
    let seen = 0;
    for await (const batch of readTableBatches(deps.fs.stream(file), read)) {
      const from = Math.min(Math.max(range.start - seen, 0), batch.rows.length);
      const to = Math.max(from, Math.min(range.end - seen, batch.rows.length));
      seen += batch.rows.length;
      accumulator.add({
        columns: batch.columns,
        rows: batch.rows.slice(from, to),
        lines: batch.lines.slice(from, to)
      });
      if (seen >= range.end) break;
    }
  });
  const part = {
    format: STATISTICS_PART_FORMAT,
    source: config.data.train,
    dataHash: hash.digest("hex"),
    settings: partSettings(ctx, plan, exactNumbers),
    shard,
    range,
    exactNumbers,
    state: accumulator.toState(),
    rejected: placement.owned(range, shard.index === shard.count)
  };
  if (part.rejected.length > MAX_PART_REJECTS) {
    throw new DataError(
      `${config.data.train}: part ${shard.index} of ${shard.count} holds ${part.rejected.length.toLocaleString("en-US")} bad records, more than the ${MAX_PART_REJECTS.toLocaleString("en-US")} a part may carry; fix the rows, or split the file into more parts.`
    );
  }
  const target = partPath(ctx.out, shard.index, shard.count);
  await deps.fs.write(target, `${JSON.stringify(part)}
`);
  deps.log.info(`statistics part ${shard.index} of ${shard.count} written to ${target}`);
  return { part: target, shard, range };
}
async function runStatsMerge(ctx, given) {
  const files = await partFiles(ctx, given);
  const plan = await planValidation(ctx);
  const parts = [];
  for (const file of files) parts.push({ file, part: await readPart(ctx, file) });
  const exactNumbers = parts[0].part.exactNumbers;
  const { accumulator, dataHash, rejected } = mergeParts(parts, {
    hash: partSettings(ctx, plan, exactNumbers),
    kinds: plan.kinds,
    options: plan.statisticsOptions
  });
  const again = accumulator.needsSecondPass();
  if (again.length > 0) {
    throw new DataError(
      `column "${again[0]}" read as numbers in one part but not in the whole file, and its values need a second pass over the file: declare its kind (categorical or text) in the schema, or validate the file without --shard.`
    );
  }
  ctx.deps.log.info(
    `merged ${parts.length} statistics parts: ${accumulator.rows} rows \xD7 ${accumulator.columns.length} columns`
  );
  const dataset = summarizeScan(ctx, accumulator, accumulator.finish(), {
    dataHash,
    rejected: await writeRejects(ctx, rejected)
  });
  return checkDataset(ctx, plan, dataset);
}
var PART_NAME = /^statistics\.part-\d+-of-\d+\.json$/;
async function partFiles(ctx, given) {
  const files = [];
  for (const file of given.length > 0 ? given : [ctx.out]) {
    if (!await ctx.deps.fs.isFolder(file)) files.push(file);
    else {
      const names = (await ctx.deps.fs.list(file)).filter((name) => PART_NAME.test(name));
      files.push(...names.map((name) => path.join(file, name)));
    }
  }
  if (files.length === 0) {
    throw new UsageError(
      `no statistics parts in ${given.length > 0 ? given.join(", ") : ctx.out}: give the part files (or their folder), like: mlops stats merge parts/statistics.part-*.json`
    );
  }
  return files;
}
async function readPart(ctx, file) {
  if (!await ctx.deps.fs.exists(file)) {
    throw new UsageError(
      `${file} not found: run \`mlops validate --shard i/n\` to write the parts.`
    );
  }
  const remedy = "Compute it again with `mlops validate --shard i/n`.";
  const value = parseJson(await ctx.deps.fs.readText(file), file, remedy);
  return checkStepOutput(
    value,
    file,
    { id: STATISTICS_PART_FORMAT, schema: statisticsPartSchema },
    remedy
  );
}
function partSettings(ctx, plan, exactNumbers) {
  return settingsHash({
    kinds: plan.kinds,
    options: plan.statisticsOptions,
    exactNumbers,
    read: readOptions(ctx, () => void 0)
  });
}
export {
  parseShard,
  partPath,
  runStatsMerge,
  runValidateShard
};
