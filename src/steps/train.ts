/** `mlops train`: fit preprocessing and the network on the training split, write the model bundle. */
import { createHash } from 'node:crypto';
import packageJson from '../../package.json' with { type: 'json' };
import { DataError } from '../errors.js';
import { formatSchema } from '../data/schema.js';
import { computeMetrics } from '../evaluate/metrics.js';
import { chooseThreshold } from '../evaluate/threshold.js';
import type { MetricSet } from '../evaluate/types.js';
import { selectBackend } from '../model/backend.js';
import {
  bundleToFiles,
  modelIdOf,
  TRAINING_INFO_FORMAT,
  type ModelBundle,
  type TrainingInfo,
} from '../model/bundle.js';
import { toPredictions } from '../model/examples.js';
import { describeFitSettings, fitSettings } from '../model/fit-settings.js';
import { serializeModel } from '../model/io.js';
import { predictRows } from '../model/predict.js';
import { fitLabelEncoding, inferTask } from '../model/task.js';
import { budgetWarning, fitNetwork } from '../model/train.js';
import { outputStatistics } from '../monitor/reference.js';
import { renderModelCard } from '../report/model-card.js';
import { summarizeMetrics } from '../util/text.js';
import { configHash, modelName } from './identity.js';
import { outputPaths, removeStaleOutputs, type StepContext } from './context.js';
import { loadDataset } from './dataset.js';
import { readTrainingData } from './encoded-data.js';

export interface TrainOutcome {
  bundleDir: string;
  training: TrainingInfo;
  metrics: MetricSet;
}

/** Trains the configured model and writes its bundle to `<out>/model`. */
export async function runTrain(ctx: StepContext): Promise<TrainOutcome> {
  const { config, deps } = ctx;
  const paths = outputPaths(ctx.out);
  // Outputs of later steps describe the previous model; they must not be taken for this one's.
  await removeStaleOutputs(ctx);
  const dataset = await loadDataset(ctx);
  const { split, features, label, unlabeled, labels } = dataset.prepared;
  if (split.test.length === 0) {
    throw new DataError(
      `data.split.test: no row is left for testing (${labels.count} labelled rows); raise the test fraction or add data.`,
    );
  }
  const task = config.model.task ?? inferTask(labels.distinct(), label);
  const labelEncoding = fitLabelEncoding(task, labels.values(split.train), label);
  const data = await deps.log.group(
    `Preparing ${split.train.length} training and ${split.validation.length} validation rows`,
    () => readTrainingData(ctx, dataset, { column: label, ...labelEncoding }),
  );
  const { spec, train, validation, schema } = data;

  const backend = await selectBackend(config.model.backend, deps.backend);
  backend.skipped.forEach((s) => deps.log.info(`backend ${s.name} not used: ${s.reason}`));
  deps.log.info(`TensorFlow.js ${backend.version}, backend: ${backend.name}`);

  const settings = fitSettings(config.model, labelEncoding, train.examples, spec.width);
  const fit = await deps.log.group(
    `Training a ${task} model on ${train.examples.count} rows (${spec.width} inputs)`,
    () => {
      deps.log.info(describeFitSettings(settings));
      return fitNetwork(train.examples, validation.examples, {
        ...settings,
        onEpoch: (e) =>
          deps.log.info(
            `epoch ${e.epoch}/${settings.epochs}: loss ${e.loss.toFixed(4)}` +
              (e.valLoss === undefined ? '' : `, val_loss ${e.valLoss.toFixed(4)}`) +
              `, lr ${e.learningRate}`,
          ),
      });
    },
  );
  const { model, history, bestEpoch, stoppedEarly } = fit;
  const warning = budgetWarning(fit);
  if (warning) deps.log.warn(warning);

  let validationPredictions = null;
  if (validation.examples.count > 0) {
    const outputs = await predictRows(
      model,
      validation.examples.features,
      validation.examples.count,
      spec.width,
      labelEncoding,
    );
    validationPredictions = toPredictions(spec, outputs, validation.examples.labels);
  }
  const threshold = chooseThreshold(config.evaluation.threshold, task, validationPredictions);
  const metrics: MetricSet = validationPredictions
    ? computeMetrics(validationPredictions, { threshold: threshold?.value })
    : {};
  const files = await serializeModel(model);
  model.dispose();

  const training: TrainingInfo = {
    format: TRAINING_INFO_FORMAT,
    name: modelName(config),
    modelId: modelIdOf(files.weights, spec),
    task,
    label,
    features,
    rows: {
      train: train.examples.count,
      validation: validation.examples.count,
      test: split.test.length,
      unlabeled: unlabeled.count,
    },
    backend: backend.name,
    seed: config.model.seed,
    epochs: {
      run: history.length,
      best: bestEpoch,
      stoppedEarly,
      limit: settings.epochs,
      patience: settings.patience,
    },
    ...(warning ? { warnings: [warning] } : {}),
    dataHash: dataset.dataHash,
    split: config.data.split,
    configHash: configHash(config),
    schemaHash: createHash('sha256').update(formatSchema(schema)).digest('hex'),
    toolVersion: packageJson.version,
    ...(threshold ? { threshold } : {}),
  };
  const bundle: ModelBundle = {
    files,
    preprocessing: spec,
    schema,
    statistics: data.statistics,
    history,
    metrics,
    training,
    card: renderModelCard(training, metrics),
    // What mlops monitor compares served outputs with (prediction drift).
    ...(validationPredictions ? { outputStatistics: outputStatistics(validationPredictions) } : {}),
  };
  const bundleDir = paths.model;
  // Written whole or not at all: a kill or a full disk must not leave a bundle the next step loads.
  await deps.fs.writeFolder(bundleDir, bundleToFiles(bundle));
  deps.log.info(
    `trained ${history.length} epochs, kept epoch ${bestEpoch}${stoppedEarly ? ' (stopped early)' : ''}; ` +
      `validation: ${summarizeMetrics(metrics) || 'no validation split'}`,
  );
  deps.log.info(`model bundle written to ${bundleDir}`);
  return { bundleDir, training, metrics };
}
