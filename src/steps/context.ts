/** What every step runs with: the config, where to write, and the adapters for side effects. */
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { parseJson } from '../util/json.js';
import type { TrainingCache } from '../adapters/cache.js';
import type { FileSystem } from '../adapters/fs.js';
import type { Logger } from '../adapters/log.js';
import type { BackendOptions } from '../model/backend.js';
import type { ReleaseStore, TagStore } from '../registry/store.js';
import type { CommentStore } from '../report/comment.js';
import { checkStepOutput, type StepOutputFormat } from './outputs.js';

export interface StepDeps {
  fs: FileSystem;
  log: Logger;
  tags: TagStore;
  releases: ReleaseStore;
  /** Where reports are posted: GitHub with a token, else a store that says what is missing. */
  comments: CommentStore;
  backend: BackendOptions;
  /** Bundles of earlier trainings, by a key of what they depend on (src/steps/train-cache.ts). */
  trainingCache: TrainingCache;
  /** A scratch folder for unpacking baseline bundles. */
  tmpDir: () => Promise<string>;
  now: () => Date;
  /** The CI run's URL, recorded in tag metadata when known. */
  runUrl?: string;
  /** The commit the CI run is for, linked from the report. */
  commit?: { sha: string; url: string };
  /** Who asked for the run (GITHUB_ACTOR), recorded in registry event tags when known. */
  actor?: string;
}

export interface StepContext {
  config: Config;
  /** Folder that relative paths in the config are read from (the config file's folder). */
  baseDir: string;
  /** The config file, or null for a run configured by flags alone. */
  configFile: string | null;
  /** Folder the steps write their outputs into. */
  out: string;
  deps: StepDeps;
}

/** Files the steps write under `out`. */
export function outputPaths(out: string) {
  return {
    validation: path.join(out, 'validation.json'),
    schema: path.join(out, 'schema.json'),
    model: path.join(out, 'model'),
    evaluation: path.join(out, 'evaluation.json'),
    report: path.join(out, 'report.md'),
    registration: path.join(out, 'registration.json'),
    /** A comment this run could not post, for a trusted workflow_run job to post. */
    pendingComment: path.join(out, 'comment.json'),
  };
}

/** Removes the outputs of evaluate, register and report, which describe a previous model. */
export async function removeStaleOutputs(ctx: StepContext): Promise<void> {
  const paths = outputPaths(ctx.out);
  for (const file of [paths.evaluation, paths.registration, paths.report, paths.pendingComment]) {
    await ctx.deps.fs.remove(file);
  }
}

/** Resolves a path from the config against the config file's folder. */
export function resolveInput(ctx: StepContext, file: string): string {
  return path.resolve(ctx.baseDir, file);
}

/** Reads a text file written by an earlier step, with a hint to run that step when it is missing. */
export async function readStepText(ctx: StepContext, file: string, step: string): Promise<string> {
  if (!(await ctx.deps.fs.exists(file))) {
    throw new UsageError(
      `${file} not found: run \`mlops ${step}\` first (or \`mlops run\` for the whole pipeline).`,
    );
  }
  return ctx.deps.fs.readText(file);
}

/**
 * Reads a JSON file written by an earlier step (maybe in another job, maybe a fork's) and checks it
 * against `output`, its format: a missing file, one of another format version or one with a field
 * of the wrong type is a DataError saying to run `step` (again).
 */
export async function readStepOutput<T>(
  ctx: StepContext,
  file: string,
  step: string,
  output: StepOutputFormat<T>,
): Promise<T> {
  const text = await readStepText(ctx, file, step);
  const remedy = `Run \`mlops ${step}\` again to rewrite it.`;
  return checkStepOutput(parseJson(text, file, remedy), file, output, remedy);
}

/** Writes pretty JSON with a final newline, the format of every step output. */
export function writeJson(ctx: StepContext, file: string, value: unknown): Promise<void> {
  return ctx.deps.fs.write(file, `${JSON.stringify(value, null, 2)}\n`);
}
