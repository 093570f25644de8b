/** The model bundle: the files a trained model is stored, released and served as. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DatasetStats, Schema } from '../data/types.js';
import type { DecisionThreshold, MetricSet, Task } from '../evaluate/types.js';
import type { OutputStatistics } from '../monitor/reference.js';
import type { ModelFiles } from './io.js';
import type { PreprocessingSpec } from './preprocess.js';
import type { EpochLog } from './train.js';

/** File names inside a bundle folder (and its .tgz). */
export const BUNDLE_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  preprocessing: 'preprocessing.json',
  schema: 'schema.json',
  statistics: 'statistics.json',
  history: 'history.json',
  metrics: 'metrics.json',
  training: 'training.json',
  card: 'README.md',
  /** Every other file's sha256 and size; written last, so a bundle without it is torn. */
  manifest: 'manifest.json',
} as const;

/**
 * Files a bundle may lack (bundles trained before they were written): their readers say so rather
 * than fail. The manifest lists each one a bundle has, so it is verified like the rest.
 */
export const OPTIONAL_BUNDLE_FILES = {
  /** The validation outputs' statistics, which `mlops monitor` tests served outputs against. */
  outputStatistics: 'output-statistics.json',
} as const;

export const BUNDLE_MANIFEST_SCHEMA_ID = 'mlops-actions/bundle-manifest/v1';

const manifestSchema = z.object({
  schema: z.literal(BUNDLE_MANIFEST_SCHEMA_ID),
  files: z.record(
    // Plain names in the bundle folder: a listed path must never lead a reader elsewhere.
    z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/),
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) }),
  ),
});

/** `manifest.json`: each file of the bundle (but itself) with its sha256 and size in bytes. */
export type BundleManifest = z.infer<typeof manifestSchema>;

/** `format` of training.json, its first field (absent in bundles trained before it was written). */
export const TRAINING_INFO_FORMAT = 'mlops-actions/training/v1';

/**
 * What was trained, on what, and how: `training.json` in the bundle. Steps read the one in the
 * output folder through STEP_OUTPUTS.training (src/steps/outputs.ts), checked field by field.
 */
export interface TrainingInfo {
  format: typeof TRAINING_INFO_FORMAT;
  name: string;
  /** sha256 of the weights and preprocessing: later steps check they still talk about this model. */
  modelId: string;
  task: Task;
  label: string;
  features: { column: string; kind: string }[];
  rows: { train: number; validation: number; test: number; unlabeled: number };
  backend: string;
  seed: number;
  /**
   * Epochs run, the one whose weights were kept, and the budget: the cap (`limit`) and the
   * early-stopping patience after `auto` was resolved (both absent in older bundles).
   */
  epochs: { run: number; best: number; stoppedEarly: boolean; limit?: number; patience?: number };
  /** What a reviewer should know about how training went, e.g. that the budget ran out. */
  warnings?: string[];
  dataHash: string;
  /** The split the model was trained with, so evaluation can check it tests on held-out rows. */
  split: { test: number; validation: number; seed: number; key?: string };
  configHash: string;
  /**
   * sha256 of the schema trained against, in formatSchema's canonical text. With the data and
   * config hashes and the tool's major.minor it says whether two runs made the same model.
   * Absent in bundles trained before it was recorded.
   */
  schemaHash?: string;
  /** The mlops-actions version that trained the model. Absent in older bundles. */
  toolVersion?: string;
  /**
   * Binary models: the threshold evaluation and serving decide with (a score above it predicts
   * the positive class), tuned on the validation split when mlops.yml's evaluation.threshold
   * says so. Absent for other tasks and in older bundles, which decide at 0.5.
   */
  threshold?: DecisionThreshold;
}

/** A bundle in memory, before it is written or after it is read. */
export interface ModelBundle {
  files: ModelFiles;
  preprocessing: PreprocessingSpec;
  schema: Schema;
  statistics: DatasetStats;
  history: EpochLog[];
  /** Metrics on the validation split. */
  metrics: MetricSet;
  training: TrainingInfo;
  card: string;
  /** Statistics of the outputs on the validation split (monitor/reference.ts); absent without one. */
  outputStatistics?: OutputStatistics;
}

/** The bundle as file name → contents, in write order: the manifest last. */
export function bundleToFiles(bundle: ModelBundle): Record<string, string | Uint8Array> {
  const files = modelFiles(bundle);
  // Written after every file it lists: a run killed mid-write leaves a bundle without it.
  return { ...files, [BUNDLE_FILES.manifest]: json(bundleManifest(files)) };
}

/** The manifest of `files`: what each holds, so a torn or edited bundle is told from a whole one. */
export function bundleManifest(files: Record<string, string | Uint8Array>): BundleManifest {
  const entries = Object.entries(files).map(([name, data]) => {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return [name, { sha256: sha256Hex(bytes), size: bytes.byteLength }] as const;
  });
  return { schema: BUNDLE_MANIFEST_SCHEMA_ID, files: Object.fromEntries(entries) };
}

/** The manifest in `text`, or null when it is not one (unreadable, cut short, another format). */
export function parseBundleManifest(text: string): BundleManifest | null {
  try {
    const result = manifestSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * How `files` (name → bytes read from the bundle, null when missing) differ from `manifest`; empty
 * when every file the bundle needs is listed and holds what the manifest says.
 */
export function manifestProblems(
  manifest: BundleManifest,
  files: ReadonlyMap<string, Uint8Array | null>,
): string[] {
  const unlisted = Object.values(BUNDLE_FILES)
    .filter((name) => name !== BUNDLE_FILES.manifest && !(name in manifest.files))
    .map((name) => `${name} is not in the manifest`);
  const differing = Object.entries(manifest.files).flatMap(([name, expected]) => {
    const data = files.get(name);
    if (!data) return [`${name} is missing`];
    if (data.byteLength !== expected.size) {
      return [`${name} has ${data.byteLength} bytes, the manifest says ${expected.size}`];
    }
    return sha256Hex(data) === expected.sha256 ? [] : [`${name} differs from the manifest`];
  });
  return [...unlisted, ...differing];
}

/** The model's identity (`training.json`'s modelId): sha256 of its weights and preprocessing. */
export function modelIdOf(weights: Uint8Array, preprocessing: PreprocessingSpec): string {
  return createHash('sha256').update(weights).update(JSON.stringify(preprocessing)).digest('hex');
}

function modelFiles(bundle: ModelBundle): Record<string, string | Uint8Array> {
  return {
    [BUNDLE_FILES.model]: bundle.files.modelJson,
    [BUNDLE_FILES.weights]: bundle.files.weights,
    [BUNDLE_FILES.preprocessing]: json(bundle.preprocessing),
    [BUNDLE_FILES.schema]: json(bundle.schema),
    [BUNDLE_FILES.statistics]: json(bundle.statistics),
    [BUNDLE_FILES.history]: json(bundle.history),
    [BUNDLE_FILES.metrics]: json(bundle.metrics),
    [BUNDLE_FILES.training]: json(bundle.training),
    [BUNDLE_FILES.card]: bundle.card,
    ...(bundle.outputStatistics
      ? { [OPTIONAL_BUNDLE_FILES.outputStatistics]: json(bundle.outputStatistics) }
      : {}),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
