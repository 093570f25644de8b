/** The baseline a candidate is compared with: the model in the last stage, else its latest version. */
import type { EvaluationResult } from '../evaluate/types.js';
import {
  bundlePin,
  findModel,
  replayTags,
  stageVersion,
  type ModelVersion,
} from '../registry/state.js';
import { versionTag } from '../registry/tags.js';
import { ChecksumMismatch, MlopsError } from '../errors.js';
import { errorMessage, firstLine } from '../util/text.js';
import { loadBundle, type LoadedModel } from './bundle-io.js';
import type { StepContext } from './context.js';
import { fetchBundle } from './fetch.js';

export interface Baseline {
  version: string;
  tag: string;
  /** Why this version: "production stage" or "latest version". */
  reason: string;
  /** `reevaluated`: its bundle was run on this test split; `tag-metadata`: its recorded metrics. */
  source: 'reevaluated' | 'tag-metadata';
  /** The baseline model when its bundle could be fetched. */
  model?: LoadedModel;
  /** The recorded metrics, used when the bundle could not be fetched. */
  evaluation: EvaluationResult;
}

/** The version a new model or new data is compared with: the last stage's, else the latest. */
export interface BaselineChoice {
  name: string;
  version: string;
  tag: string;
  /** Why this version: "production stage" or "latest version". */
  reason: string;
  entry: ModelVersion | undefined;
}

/**
 * The baseline version of model `name`, or null for a model's first version or when there is no
 * registry to read (said in a warning: evaluating and validating need none).
 */
export async function chooseBaseline(
  ctx: StepContext,
  name: string,
): Promise<BaselineChoice | null> {
  const { deps, config } = ctx;
  let records;
  try {
    records = await deps.tags.list();
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    deps.log.warn(`no registry to find a baseline in (${firstLine(errorMessage(error))})`);
    return null;
  }
  const model = findModel(replayTags(records), name);
  if (!model) return null;
  const stage = config.registry.stages.at(-1);
  const staged = stage ? stageVersion(model, stage) : null;
  const version = staged ?? model.latest;
  if (!version) return null;
  const entry = model.versions.find((v) => v.version === version);
  const tag = versionTag(name, version);
  if (entry?.metadataMismatch) deps.log.warn(`baseline ${tag}: ${entry.metadataMismatch}`);
  return { name, version, tag, reason: staged ? `${stage} stage` : 'latest version', entry };
}

/** Fetches the bundle of a registered version into a scratch folder, runs `use` on it, removes it. */
export async function withFetchedBundle<T>(
  ctx: StepContext,
  version: { name: string; version: string; pin: string | null },
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await ctx.deps.tmpDir();
  try {
    await fetchBundle(ctx.deps, version, dir);
    return await use(dir);
  } finally {
    await ctx.deps.fs.remove(dir);
  }
}

/** Finds and fetches the baseline of model `name`, or null for a model's first version. */
export async function findBaseline(ctx: StepContext, name: string): Promise<Baseline | null> {
  const choice = await chooseBaseline(ctx, name);
  if (!choice) return null;
  const { version, tag, reason, entry } = choice;
  const recorded: EvaluationResult = {
    task: entry?.metadata?.task ?? 'binary',
    count: 0,
    overall: entry?.metadata?.metrics ?? {},
    slices: [],
  };
  const base = { version, tag, reason };
  try {
    // The model is in memory once loaded; the unpacked copy is not needed.
    const model = await withFetchedBundle(ctx, { name, version, pin: bundlePin(entry) }, (dir) =>
      loadBundle(ctx.deps.fs, dir),
    );
    return { ...base, source: 'reevaluated', model, evaluation: recorded };
  } catch (error) {
    if (error instanceof ChecksumMismatch) throw error;
    ctx.deps.log.warn(
      `could not fetch the bundle of ${tag} (${errorMessage(error)}); comparing with its recorded metrics`,
    );
    return entry?.metadata ? { ...base, source: 'tag-metadata', evaluation: recorded } : null;
  }
}
