/** The model bundle: the files a trained model is stored, released and served as. */
import type { DatasetStats, Schema } from '../data/types.js';
import type { MetricSet, Task } from '../evaluate/types.js';
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
} as const;

/** What was trained, on what, and how: `training.json` in the bundle. */
export interface TrainingInfo {
  name: string;
  /** sha256 of the weights and preprocessing: later steps check they still talk about this model. */
  modelId: string;
  task: Task;
  label: string;
  features: { column: string; kind: string }[];
  rows: { train: number; validation: number; test: number; unlabeled: number };
  backend: string;
  seed: number;
  epochs: { run: number; best: number; stoppedEarly: boolean };
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
}

/** The bundle as file name → contents, ready to be written to a folder. */
export function bundleToFiles(bundle: ModelBundle): Record<string, string | Uint8Array> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
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
  };
}
