/**
 * What new data is checked for drift against: statistics from a file, a model bundle folder or a
 * registry ref, or by default the training statistics of the model in the last stage (else its
 * latest version), fetched like the evaluation baseline and verified by the sha256 its tag pins.
 */
import path from 'node:path';
import type { DatasetStats } from '../data/types.js';
import { ChecksumMismatch, MlopsError, UsageError } from '../errors.js';
import { BUNDLE_FILES } from '../model/bundle.js';
import { resolveModelRef } from '../registry/resolve.js';
import { bundlePin, findModel, replayTags } from '../registry/state.js';
import { parseJson } from '../util/json.js';
import { errorMessage } from '../util/text.js';
import { chooseBaseline, withFetchedBundle } from './baseline.js';
import type { StepContext } from './context.js';
import { modelName } from './identity.js';
import { checkStatistics, checkStepOutput, STEP_OUTPUTS } from './outputs.js';

export interface DriftBaseline {
  statistics: DatasetStats;
  /**
   * The columns to test: a model's features and label (identifiers, ignored and unused columns
   * say nothing about the model's inputs), or null to test every column the baseline has.
   */
  columns: string[] | null;
  /** For people: `the training statistics of wages v1.2.0 (production stage)`, or the file. */
  label: string;
  source: 'registry' | 'bundle' | 'file';
}

/** The values of validation.drift.baseline that name no file or version. */
const AUTO = 'auto';
const NONE = 'none';

/**
 * The baseline `ref` names (see validation.drift.baseline), or null: `none`, or `auto` for a model
 * with no registered version yet (its first version has nothing to drift from).
 */
export async function findDriftBaseline(
  ctx: StepContext,
  ref: string,
): Promise<DriftBaseline | null> {
  if (ref === NONE) return null;
  if (ref === AUTO) return automaticBaseline(ctx);
  const file = path.resolve(ctx.baseDir, ref);
  if (await ctx.deps.fs.exists(file)) return readBaselineFile(ctx, file);
  if (!/[#@]/.test(ref)) {
    throw new UsageError(
      `validation.drift.baseline "${ref}": no such file or folder, and not a registry ref; give a ` +
        'statistics.json or validation.json, a model bundle folder, NAME#STAGE, NAME@vX.Y.Z, ' +
        `NAME@latest, ${AUTO} or ${NONE}.`,
    );
  }
  const state = replayTags(await ctx.deps.tags.list());
  const resolved = resolveModelRef(state, ref);
  const entry = findModel(state, resolved.name)?.versions.find(
    (v) => v.version === resolved.version,
  );
  const read = await withFetchedBundle(ctx, { ...resolved, pin: bundlePin(entry) }, (dir) =>
    bundleStatistics(ctx, dir),
  );
  return {
    ...read,
    label: `the training statistics of ${resolved.name} v${resolved.version} (${resolved.via})`,
    source: 'registry',
  };
}

async function automaticBaseline(ctx: StepContext): Promise<DriftBaseline | null> {
  const name = modelName(ctx.config);
  const choice = await chooseBaseline(ctx, name);
  if (!choice) {
    ctx.deps.log.info(`no registered version of ${name} yet: no drift check`);
    return null;
  }
  const { version, reason, entry } = choice;
  try {
    const read = await withFetchedBundle(ctx, { name, version, pin: bundlePin(entry) }, (dir) =>
      bundleStatistics(ctx, dir),
    );
    return {
      ...read,
      label: `the training statistics of ${name} v${version} (${reason})`,
      source: 'registry',
    };
  } catch (error) {
    // A tampered bundle is an alarm; a missing one (a release not published) is only a gap.
    if (error instanceof ChecksumMismatch || !(error instanceof MlopsError)) throw error;
    ctx.deps.log.warn(
      `no drift check: could not read the training statistics of ${choice.tag} (${errorMessage(error)})`,
    );
    return null;
  }
}

async function readBaselineFile(ctx: StepContext, file: string): Promise<DriftBaseline> {
  if (await ctx.deps.fs.isFolder(file)) {
    return {
      ...(await bundleStatistics(ctx, file)),
      label: `the training statistics in ${file}`,
      source: 'bundle',
    };
  }
  const remedy = 'Give a statistics.json (as in a model bundle) or a validation.json.';
  const json = parseJson(await ctx.deps.fs.readText(file), file, remedy);
  const statistics =
    typeof json === 'object' && json !== null && 'format' in json
      ? checkStepOutput(json, file, STEP_OUTPUTS.validation, remedy).statistics
      : checkStatistics(json, file, remedy);
  return { statistics, columns: null, label: `the statistics in ${file}`, source: 'file' };
}

/** The training statistics of the bundle unpacked in `dir`, and its model's columns. */
async function bundleStatistics(
  ctx: StepContext,
  dir: string,
): Promise<Pick<DriftBaseline, 'statistics' | 'columns'>> {
  const remedy = 'Train the model again (`mlops train`), or fetch its bundle again.';
  const read = bundleFileReader(ctx, dir, remedy);
  const statistics = await read(BUNDLE_FILES.statistics);
  const training = await read(BUNDLE_FILES.training);
  const info = checkStepOutput(training.json, training.file, STEP_OUTPUTS.training, remedy);
  return {
    statistics: checkStatistics(statistics.json, statistics.file, remedy),
    columns: [...info.features.map((feature) => feature.column), info.label],
  };
}

/** Reads a JSON file of the bundle unpacked in `dir`; `remedy` ends the error when it is not JSON. */
export function bundleFileReader(
  ctx: StepContext,
  dir: string,
  remedy: string,
): (name: string) => Promise<{ file: string; json: unknown }> {
  return async (name) => {
    const file = path.join(dir, name);
    return { file, json: parseJson(await ctx.deps.fs.readText(file), file, remedy) };
  };
}

/** The baseline's drift histogram edges by column, so current data is counted on the same ones. */
export function driftEdges(statistics: DatasetStats): Record<string, readonly number[]> {
  const edges: Record<string, readonly number[]> = {};
  for (const column of statistics.columns) {
    const histogram = column.numeric?.driftHistogram;
    if (histogram) edges[column.name] = histogram.edges;
  }
  return edges;
}
