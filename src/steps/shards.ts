/**
 * Validation past one runner: `mlops validate --shard i/n` computes the statistics of one part of
 * the rows (a contiguous range) and writes their mergeable state; `mlops stats merge` adds the
 * parts up and runs validate's own checks on the result (see data/partial-statistics.ts).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { EXACT_NUMBERS, TableAccumulator } from '../data/column-accumulator.js';
import {
  MAX_PART_REJECTS,
  MAX_SHARDS,
  mergeParts,
  RejectPlacement,
  settingsHash,
  shardRange,
  STATISTICS_PART_FORMAT,
  statisticsPartSchema,
  type ReadPart,
  type StatisticsPart,
} from '../data/partial-statistics.js';
import { readTableBatches } from '../data/read-table.js';
import { DataError, UsageError } from '../errors.js';
import { parseJson } from '../util/json.js';
import { resolveInput, type StepContext } from './context.js';
import { hashing, readOptions, summarizeScan, writeRejects } from './dataset.js';
import { checkStepOutput } from './outputs.js';
import {
  checkDataset,
  planValidation,
  type ValidationOutcome,
  type ValidationPlan,
} from './validate.js';

/** What `mlops validate --shard i/n` did: the part file it wrote and the rows it covers. */
export interface ShardOutcome {
  part: string;
  shard: { index: number; count: number };
  /** Rows [start, end) of `total`, counted from 0 after the header. */
  range: { start: number; end: number; total: number };
}

/** For tests: a smaller exact budget, so that parts reach the sketch on small data. */
export interface ShardOptions {
  exactNumbers?: number;
}

/** `2/4` → part 2 of 4; anything else is a UsageError. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || index > count || count > MAX_SHARDS) {
    throw new UsageError(
      `--shard: expected i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (like 2/4), got "${text}".`,
    );
  }
  return { index, count };
}

/** The part file of shard `index` of `count` under `out`. */
export function partPath(out: string, index: number, count: number): string {
  return path.join(out, `statistics.part-${index}-of-${count}.json`);
}

/**
 * Computes part `shard` of the configured data's statistics and writes it under `out`. The file
 * is read twice: once to count its rows (and hash it all, so every part names the same file), then
 * up to the end of this part's rows. Schema and drift checks wait for `mlops stats merge`, but the
 * schema's kinds, ranges and domains and the baseline's drift edges shape the counts already.
 */
export async function runValidateShard(
  ctx: StepContext,
  shardText: string,
  options: ShardOptions = {},
): Promise<ShardOutcome> {
  const { config, deps } = ctx;
  const shard = parseShard(shardText);
  const plan = await planValidation(ctx);
  const exactNumbers = options.exactNumbers ?? EXACT_NUMBERS;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash('sha256');
  // Every part reads the whole file once, so each sees every bad record (data.max_errors) and
  // keeps those among its rows, which `stats merge` writes to the rejects file.
  const placement = new RejectPlacement();
  const counting = {
    ...readOptions(ctx, (rejected) => placement.reject(rejected)),
    onProgress: () => undefined,
  };
  let total = 0;
  await deps.log.group(`Counting the rows of ${config.data.train}`, async () => {
    for await (const batch of readTableBatches(hashing(deps.fs.stream(file), hash), counting)) {
      placement.batch(batch.lines);
      total += batch.rows.length;
    }
  });
  const range = shardRange(shard.index, shard.count, total);
  const read = { ...readOptions(ctx, () => undefined), onProgress: () => undefined };
  const accumulator = new TableAccumulator(plan.kinds, {
    ...plan.statisticsOptions,
    exactNumbers,
  });
  const label = `Reading rows ${range.start + 1}–${range.end} of ${total} (part ${shard.index} of ${shard.count})`;
  await deps.log.group(label, async () => {
    let seen = 0;
    for await (const batch of readTableBatches(deps.fs.stream(file), read)) {
      const from = Math.min(Math.max(range.start - seen, 0), batch.rows.length);
      const to = Math.max(from, Math.min(range.end - seen, batch.rows.length));
      seen += batch.rows.length;
      // An empty slice still gives the accumulator the columns.
      accumulator.add({
        columns: batch.columns,
        rows: batch.rows.slice(from, to),
        lines: batch.lines.slice(from, to),
      });
      if (seen >= range.end) break;
    }
  });
  const part: StatisticsPart = {
    format: STATISTICS_PART_FORMAT,
    source: config.data.train,
    dataHash: hash.digest('hex'),
    settings: partSettings(ctx, plan, exactNumbers),
    shard,
    range,
    exactNumbers,
    state: accumulator.toState(),
    rejected: placement.owned(range, shard.index === shard.count),
  };
  if (part.rejected.length > MAX_PART_REJECTS) {
    throw new DataError(
      `${config.data.train}: part ${shard.index} of ${shard.count} holds ${part.rejected.length.toLocaleString('en-US')} bad records, more than the ${MAX_PART_REJECTS.toLocaleString('en-US')} a part may carry; fix the rows, or split the file into more parts.`,
    );
  }
  const target = partPath(ctx.out, shard.index, shard.count);
  // One line: a part may hold a million numbers per column.
  await deps.fs.write(target, `${JSON.stringify(part)}\n`);
  deps.log.info(`statistics part ${shard.index} of ${shard.count} written to ${target}`);
  return { part: target, shard, range };
}

/**
 * `mlops stats merge`: reads the parts (untrusted: checked field by field), merges them, and runs
 * validate's checks on the merged statistics, writing validation.json and schema.json, and the
 * parts' bad records (data.max_errors) to the rejects file, as `validate` does. The parts are the
 * files given (a folder: its part files), or those in the output folder.
 */
export async function runStatsMerge(
  ctx: StepContext,
  given: readonly string[],
): Promise<ValidationOutcome> {
  const files = await partFiles(ctx, given);
  const plan = await planValidation(ctx);
  const parts: ReadPart[] = [];
  for (const file of files) parts.push({ file, part: await readPart(ctx, file) });
  const exactNumbers = (parts[0] as ReadPart).part.exactNumbers;
  const { accumulator, dataHash, rejected } = mergeParts(parts, {
    hash: partSettings(ctx, plan, exactNumbers),
    kinds: plan.kinds,
    options: plan.statisticsOptions,
  });
  const again = accumulator.needsSecondPass();
  if (again.length > 0) {
    throw new DataError(
      `column "${again[0]}" read as numbers in one part but not in the whole file, and its values need a second pass over the file: ` +
        'declare its kind (categorical or text) in the schema, or validate the file without --shard.',
    );
  }
  ctx.deps.log.info(
    `merged ${parts.length} statistics parts: ${accumulator.rows} rows × ${accumulator.columns.length} columns`,
  );
  const dataset = summarizeScan(ctx, accumulator, accumulator.finish(), {
    dataHash,
    rejected: await writeRejects(ctx, rejected),
  });
  return checkDataset(ctx, plan, dataset);
}

/** A part file's name, as partPath writes it. */
const PART_NAME = /^statistics\.part-\d+-of-\d+\.json$/;

/**
 * The part files to merge: those given, a folder standing for the part files in it; with none
 * given, those in the output folder (where the action's merge job downloads them).
 */
async function partFiles(ctx: StepContext, given: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const file of given.length > 0 ? given : [ctx.out]) {
    if (!(await ctx.deps.fs.isFolder(file))) files.push(file);
    else {
      const names = (await ctx.deps.fs.list(file)).filter((name) => PART_NAME.test(name));
      files.push(...names.map((name) => path.join(file, name)));
    }
  }
  if (files.length === 0) {
    throw new UsageError(
      `no statistics parts in ${given.length > 0 ? given.join(', ') : ctx.out}: give the part files (or their folder), ` +
        'like: mlops stats merge parts/statistics.part-*.json',
    );
  }
  return files;
}

async function readPart(ctx: StepContext, file: string): Promise<StatisticsPart> {
  if (!(await ctx.deps.fs.exists(file))) {
    throw new UsageError(
      `${file} not found: run \`mlops validate --shard i/n\` to write the parts.`,
    );
  }
  const remedy = 'Compute it again with `mlops validate --shard i/n`.';
  const value = parseJson(await ctx.deps.fs.readText(file), file, remedy);
  return checkStepOutput(
    value,
    file,
    { id: STATISTICS_PART_FORMAT, schema: statisticsPartSchema },
    remedy,
  );
}

/** sha256 of what shapes a part besides the data: kinds, checks, drift edges, budget, reading. */
function partSettings(ctx: StepContext, plan: ValidationPlan, exactNumbers: number): string {
  return settingsHash({
    kinds: plan.kinds,
    options: plan.statisticsOptions,
    exactNumbers,
    read: readOptions(ctx, () => undefined),
  });
}
