import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  outputStatistics
} from "./chunk-ZQ2UZRNV.js";
import {
  package_default
} from "./chunk-TQNOPFKR.js";
import {
  readTrainingData,
  toPredictions
} from "./chunk-Z7P7JFT3.js";
import {
  selectBackend
} from "./chunk-YQDBKPXL.js";
import {
  fitLabelEncoding,
  inferTask,
  predictRows
} from "./chunk-KX5X2Y5F.js";
import {
  loadDataset
} from "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import {
  formatSchema
} from "./chunk-XQRPJJDI.js";
import {
  require_tf_layers_node,
  serializeModel
} from "./chunk-6XMZXKO2.js";
import {
  require_tf_core_node
} from "./chunk-MBINXEGZ.js";
import "./chunk-4Y3A6PT4.js";
import "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import {
  configHash,
  modelName
} from "./chunk-XYKEPJ3A.js";
import {
  chooseThreshold,
  compareByBootstrap,
  outputPaths,
  removeStaleOutputs
} from "./chunk-C2BMDOFT.js";
import {
  createRng,
  shuffleInPlace
} from "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import {
  codeText,
  inlineText,
  markdownTable
} from "./chunk-WEDFPIX2.js";
import "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import {
  computeMetrics
} from "./chunk-A4DXW22P.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import {
  TRAINING_INFO_FORMAT,
  bundleToFiles,
  modelIdOf
} from "./chunk-TE2M4OOS.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import {
  formatNumber,
  summarizeMetrics
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError,
  DataError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/steps/train.ts
import { createHash } from "node:crypto";

// src/model/auto-hidden.ts
var LARGE_HIDDEN = [64, 32];
var ROWS_PER_UNIT = 12;
var MIN_WIDTH = 16;
function autoHidden(trainRows) {
  const width = 2 ** Math.floor(Math.log2(Math.max(1, trainRows / ROWS_PER_UNIT)));
  return width >= LARGE_HIDDEN[0] ? [...LARGE_HIDDEN] : [Math.max(MIN_WIDTH, width)];
}

// src/model/auto-l2.ts
function autoL2(trainRows) {
  return 1 / (2 * Math.max(1, trainRows));
}

// src/model/budget.ts
var PATIENCE_STEPS = 500;
var MIN_PATIENCE = 5;
var MAX_PATIENCE = 30;
function autoPatience(trainRows, batchSize) {
  const stepsPerEpoch = Math.max(1, Math.ceil(trainRows / batchSize));
  return Math.min(MAX_PATIENCE, Math.max(MIN_PATIENCE, Math.ceil(PATIENCE_STEPS / stepsPerEpoch)));
}
function autoPlateauPatience(earlyStoppingPatience) {
  return Math.max(1, Math.floor(earlyStoppingPatience / 2));
}
var PlateauSchedule = class {
  constructor(rate, options) {
    this.rate = rate;
    this.options = options;
  }
  rate;
  options;
  best = Infinity;
  wait = 0;
  /** The learning rate for the next epoch, after an epoch whose monitored loss was `loss`. */
  next(loss) {
    if (loss < this.best - this.options.minDelta) {
      this.best = loss;
      this.wait = 0;
    } else if (++this.wait >= this.options.patience) {
      this.rate = Math.max(this.options.minLearningRate, this.rate * this.options.factor);
      this.wait = 0;
    }
    return this.rate;
  }
};

// src/model/class-weights.ts
var MAX_CLASSES_SHOWN = 20;
function resolveClassWeights(setting, encoding, trainLabels) {
  if (setting === "none") return null;
  if (encoding.task === "regression") {
    throw new ConfigError(
      "model.class_weight: class weights apply to binary and multiclass labels, and this label is a regression target; remove model.class_weight."
    );
  }
  const { classes } = encoding;
  if (setting === "balanced") {
    const counts = new Array(classes.length).fill(0);
    for (const label of trainLabels) counts[label] = (counts[label] ?? 0) + 1;
    const present = counts.filter((n) => n > 0).length;
    return counts.map((n) => n > 0 ? trainLabels.length / (present * n) : 1);
  }
  const unknown = Object.keys(setting).filter((name) => !classes.includes(name));
  if (unknown.length > 0) {
    const shown = classes.slice(0, MAX_CLASSES_SHOWN).map((c) => JSON.stringify(c));
    const more = classes.length > shown.length ? `, \u2026 (${classes.length} in all)` : "";
    throw new ConfigError(
      `model.class_weight: ${JSON.stringify(unknown[0])} is not a class of the training labels; the classes are ${shown.join(", ")}${more}.`
    );
  }
  return classes.map((name) => setting[name] ?? 1);
}

// src/model/fit-settings.ts
function fitSettings(model, encoding, train2, inputWidth) {
  const { early_stopping: stopping, reduce_lr_on_plateau: plateau } = model;
  const batchSize = model.batch_size === "auto" ? autoBatchSize(train2.count) : model.batch_size;
  const patience = stopping.patience === "auto" ? autoPatience(train2.count, batchSize) : stopping.patience;
  return {
    inputWidth,
    task: encoding.task,
    classes: encoding.task === "multiclass" ? encoding.classes.length : 1,
    hidden: model.hidden === "auto" ? autoHidden(train2.count) : model.hidden,
    dropout: model.dropout,
    batchNorm: model.batch_norm,
    learningRate: model.learning_rate,
    seed: model.seed,
    epochs: model.epochs,
    batchSize,
    patience,
    minDelta: stopping.min_delta,
    restoreBestWeights: stopping.restore_best_weights,
    ...plateau ? {
      reduceLr: {
        factor: plateau.factor,
        patience: plateau.patience === "auto" ? autoPlateauPatience(patience) : plateau.patience,
        minLearningRate: plateau.min_lr
      }
    } : {},
    l2: model.l2 === "auto" ? autoL2(train2.count) : model.l2,
    classWeights: resolveClassWeights(model.class_weight, encoding, train2.labels)
  };
}
var AUTO_BATCH_SIZE = 64;
var MAX_AUTO_BATCH_SIZE = 1024;
var AUTO_EPOCH_STEPS = 1e3;
function autoBatchSize(trainRows) {
  let size = AUTO_BATCH_SIZE;
  while (size < MAX_AUTO_BATCH_SIZE && trainRows > size * AUTO_EPOCH_STEPS) size *= 2;
  return size;
}
function describeFitSettings(settings) {
  const parts = [
    `up to ${settings.epochs} epochs of ${settings.batchSize}-row batches`,
    `early stopping after ${settings.patience} epochs without improvement`,
    settings.reduceLr ? `learning rate ${settings.learningRate} \xD7 ${settings.reduceLr.factor} after ${settings.reduceLr.patience} (down to ${settings.reduceLr.minLearningRate})` : `learning rate ${settings.learningRate}`
  ];
  const weights = settings.classWeights?.map((w) => Number(w.toPrecision(3)));
  if (weights) {
    parts.push(
      weights.length <= 5 ? `class weights ${weights.join(", ")}` : `class weights from ${Math.min(...weights)} to ${Math.max(...weights)}`
    );
  }
  if (settings.l2) parts.push(`L2 ${Number(settings.l2.toPrecision(3))}`);
  if (settings.batchNorm) parts.push("batch normalisation");
  return parts.join("; ");
}

// src/model/train.ts
var tf2 = __toESM(require_tf_core_node(), 1);

// src/model/network.ts
var tf = __toESM(require_tf_core_node(), 1);
var tfl = __toESM(require_tf_layers_node(), 1);
function buildNetwork(shape) {
  const model = tfl.sequential({ name: "mlops" });
  shape.hidden.forEach((units, i) => {
    model.add(
      tfl.layers.dense({
        name: `hidden_${i + 1}`,
        units,
        activation: "relu",
        kernelInitializer: tfl.initializers.heNormal({ seed: shape.seed + i }),
        ...i === 0 ? { inputShape: [shape.inputWidth] } : {}
      })
    );
    if (shape.batchNorm) {
      model.add(tfl.layers.batchNormalization({ name: `batch_norm_${i + 1}` }));
    }
    if (shape.dropout > 0) {
      model.add(tfl.layers.dropout({ name: `dropout_${i + 1}`, rate: shape.dropout }));
    }
  });
  model.add(
    tfl.layers.dense({
      name: "output",
      ...outputLayer(shape.task, shape.classes),
      kernelInitializer: tfl.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
      ...shape.hidden.length === 0 ? { inputShape: [shape.inputWidth] } : {}
    })
  );
  return model;
}
function forward(model, x, training) {
  return model.layers.reduce(
    (input, layer) => layer.apply(input, { training }),
    x
  );
}
function rowLoss(task) {
  switch (task) {
    case "binary":
      return (labels, outputs) => tfl.metrics.binaryCrossentropy(labels, outputs);
    case "multiclass":
      return (labels, outputs) => tf.tidy(() => {
        const classes = outputs.shape[1] ?? 1;
        const oneHot2 = tf.oneHot(tf.cast(tf.reshape(labels, [-1]), "int32"), classes);
        return tfl.metrics.categoricalCrossentropy(oneHot2, outputs);
      });
    case "regression":
      return (labels, outputs) => tfl.metrics.meanSquaredError(labels, outputs);
  }
}
function outputLayer(task, classes) {
  switch (task) {
    case "binary":
      return { units: 1, activation: "sigmoid" };
    case "multiclass":
      return { units: classes, activation: "softmax" };
    case "regression":
      return { units: 1, activation: "linear" };
  }
}

// src/model/train.ts
var EVALUATION_BATCH = 4096;
async function fitNetwork(train2, validation, options) {
  return withSeededRandom(options.seed, async () => {
    const model = buildNetwork(options);
    const optimizer = tf2.train.adam(options.learningRate);
    const step = trainingStep(model, optimizer, options);
    const loss = rowLoss(options.task);
    const weights = options.classWeights ?? null;
    const schedule = options.reduceLr ? new PlateauSchedule(options.learningRate, {
      ...options.reduceLr,
      minDelta: options.minDelta
    }) : null;
    const rng = createRng(options.seed);
    const order = Array.from({ length: train2.count }, (_, i) => i);
    const history = [];
    let learningRate = options.learningRate;
    let best = { loss: Infinity, epoch: 0, weights: [], validationLosses: null };
    let lastValidationLosses = null;
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        shuffleInPlace(order, rng);
        const trainLoss = await runEpoch(train2, order, options, weights, step);
        lastValidationLosses = validation && validation.count > 0 ? await rowLosses(model, loss, validation, options.inputWidth, weights) : null;
        const valLoss = lastValidationLosses ? mean2(lastValidationLosses) : void 0;
        const log = {
          epoch,
          loss: trainLoss,
          ...valLoss === void 0 ? {} : { valLoss },
          learningRate
        };
        history.push(log);
        options.onEpoch?.(log);
        const monitored = valLoss ?? trainLoss;
        if (monitored < best.loss - options.minDelta) {
          tf2.dispose(best.weights);
          best = {
            loss: monitored,
            epoch,
            weights: model.getWeights().map((w) => w.clone()),
            validationLosses: lastValidationLosses
          };
        } else if (epoch - best.epoch >= options.patience) {
          break;
        }
        if (schedule) {
          learningRate = schedule.next(monitored);
          setLearningRate(optimizer, learningRate);
        }
      }
      if (best.epoch === 0) {
        model.dispose();
        throw new DataError(
          `training diverged: the loss was ${history[0]?.loss} from the first epoch. Check the data for extreme values, or lower model.learning_rate.`
        );
      }
      const keepLast = keepsLastWeights(
        options.restoreBestWeights ?? "auto",
        best.validationLosses,
        lastValidationLosses
      );
      if (!keepLast) model.setWeights(best.weights);
      return {
        model,
        history,
        bestEpoch: keepLast ? history.length : best.epoch,
        lowestEpoch: best.epoch,
        stoppedEarly: history.length < options.epochs
      };
    } finally {
      optimizer.dispose();
      tf2.dispose(best.weights);
    }
  });
}
function keepsLastWeights(setting, best, last) {
  if (setting !== "auto") return !setting;
  if (!best || !last) return false;
  if (best === last) return true;
  const { differences } = compareByBootstrap([meanKernel(last), meanKernel(best)], last.length);
  const worse = differences[0]?.loss;
  return worse !== void 0 && worse.lower <= 0;
}
function meanKernel(losses) {
  return (counts) => {
    let sum2 = 0;
    let rows = 0;
    for (let i = 0; i < losses.length; i++) {
      const count = counts[i] ?? 0;
      sum2 += count * (losses[i] ?? 0);
      rows += count;
    }
    return { loss: sum2 / rows };
  };
}
function budgetWarning(result) {
  const run = result.history.length;
  if (result.lowestEpoch !== run) return null;
  return `the best epoch was the last one (${run} of ${run}): the loss was still falling when the budget ran out. Raise model.epochs, or model.learning_rate to converge sooner.`;
}
function trainingStep(model, optimizer, options) {
  const loss = rowLoss(options.task);
  const l2 = options.l2 ?? 0;
  const variables = model.trainableWeights.map((w) => w.read());
  const kernels = model.trainableWeights.filter((w) => w.originalName.endsWith("/kernel")).map((w) => w.read());
  return (x, y, rowWeights2) => tf2.tidy(() => {
    const cost = optimizer.minimize(
      () => {
        const perRow = loss(y, forward(model, x, true));
        const data = tf2.mean(rowWeights2 ? tf2.mul(perRow, rowWeights2) : perRow);
        if (l2 === 0) return data;
        return tf2.add(
          data,
          tf2.mul(l2, tf2.addN(kernels.map((k) => tf2.sum(tf2.square(k)))))
        );
      },
      true,
      variables
    );
    if (!cost) throw new Error("optimizer.minimize returned no cost");
    return cost;
  });
}
async function runEpoch(train2, order, options, classWeights, step) {
  const width = options.inputWidth;
  let total = tf2.scalar(0);
  for (let start = 0; start < train2.count; start += options.batchSize) {
    const size = Math.min(options.batchSize, train2.count - start);
    const features = new Float32Array(size * width);
    const labels = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const row = order[start + i] ?? 0;
      features.set(train2.features.subarray(row * width, (row + 1) * width), i * width);
      labels[i] = train2.labels[row] ?? 0;
    }
    const x = tf2.tensor2d(features, [size, width]);
    const y = tf2.tensor2d(labels, [size, 1]);
    const w = classWeights ? tf2.tensor1d(rowWeights(labels, classWeights)) : null;
    const cost = step(x, y, w);
    const sum3 = tf2.tidy(() => tf2.add(total, tf2.mul(cost, size)));
    tf2.dispose([x, y, cost, total, ...w ? [w] : []]);
    total = sum3;
  }
  const [sum2] = await total.data();
  total.dispose();
  return (sum2 ?? NaN) / train2.count;
}
async function rowLosses(model, loss, examples, width, classWeights) {
  const losses = new Float32Array(examples.count);
  for (let start = 0; start < examples.count; start += EVALUATION_BATCH) {
    const size = Math.min(EVALUATION_BATCH, examples.count - start);
    const labels = examples.labels.subarray(start, start + size);
    const batch = tf2.tidy(() => {
      const x = tf2.tensor2d(examples.features.subarray(start * width, (start + size) * width), [
        size,
        width
      ]);
      const perRow = loss(tf2.tensor2d(labels, [size, 1]), forward(model, x, false));
      return classWeights ? tf2.mul(perRow, rowWeights(labels, classWeights)) : perRow;
    });
    losses.set(await batch.data(), start);
    batch.dispose();
  }
  return losses;
}
function mean2(values) {
  let sum2 = 0;
  for (const value of values) sum2 += value;
  return sum2 / values.length;
}
function rowWeights(labels, classWeights) {
  return labels.map((label) => classWeights[label] ?? 1);
}
function setLearningRate(optimizer, rate) {
  optimizer.learningRate = rate;
}
async function withSeededRandom(seed, fn) {
  const original = Math.random;
  Math.random = createRng(seed ^ 24301);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}

// src/report/model-card.ts
function renderModelCard(training, metrics2) {
  const { rows, epochs } = training;
  return [
    `# Model card: ${inlineText(training.name)}`,
    "",
    `A ${training.task} model predicting <code>${codeText(training.label)}</code> from ${training.features.length} features, trained by mlops-actions.`,
    "",
    "## Validation metrics",
    "",
    Object.keys(metrics2).length ? markdownTable(
      ["metric", "value"],
      Object.entries(metrics2).map(([m, v]) => [m, formatNumber(v)])
    ) : "_No validation split was configured._",
    "",
    "## Data",
    "",
    markdownTable(
      ["split", "rows"],
      [
        ["train", String(rows.train)],
        ["validation", String(rows.validation)],
        ["test", String(rows.test)],
        ["dropped (no label)", String(rows.unlabeled)]
      ]
    ),
    "",
    `Data sha256 \`${training.dataHash}\`, config sha256 \`${training.configHash}\`.`,
    "",
    "## Features",
    "",
    markdownTable(
      ["column", "kind"],
      training.features.map((f) => [f.column, f.kind])
    ),
    "",
    "## Training",
    "",
    `- backend: ${training.backend}, seed: ${training.seed}`,
    `- epochs run: ${epochs.run}, weights kept from epoch ${epochs.best}${epochs.stoppedEarly ? " (stopped early)" : ""}`,
    ...(training.warnings ?? []).map((warning) => `- warning: ${inlineText(warning)}`),
    "",
    "## Intended use and limits",
    "",
    "Evaluated on a held-out test split of the same data; check the slice metrics in the evaluation",
    "report before using it on populations that differ from the training data.",
    ""
  ].join("\n");
}

// src/steps/train.ts
async function runTrain(ctx) {
  const { config, deps } = ctx;
  const paths = outputPaths(ctx.out);
  await removeStaleOutputs(ctx);
  const dataset = await loadDataset(ctx);
  const { split, features, label, unlabeled, labels } = dataset.prepared;
  if (split.test.length === 0) {
    throw new DataError(
      `data.split.test: no row is left for testing (${labels.count} labelled rows); raise the test fraction or add data.`
    );
  }
  const task = config.model.task ?? inferTask(labels.distinct(), label);
  const labelEncoding = fitLabelEncoding(task, labels.values(split.train), label);
  const data = await deps.log.group(
    `Preparing ${split.train.length} training and ${split.validation.length} validation rows`,
    () => readTrainingData(ctx, dataset, { column: label, ...labelEncoding })
  );
  const { spec, train: train2, validation, schema } = data;
  const backend = await selectBackend(config.model.backend, deps.backend);
  backend.skipped.forEach((s) => deps.log.info(`backend ${s.name} not used: ${s.reason}`));
  deps.log.info(`TensorFlow.js ${backend.version}, backend: ${backend.name}`);
  const settings = fitSettings(config.model, labelEncoding, train2.examples, spec.width);
  const fit = await deps.log.group(
    `Training a ${task} model on ${train2.examples.count} rows (${spec.width} inputs)`,
    () => {
      deps.log.info(describeFitSettings(settings));
      return fitNetwork(train2.examples, validation.examples, {
        ...settings,
        onEpoch: (e) => deps.log.info(
          `epoch ${e.epoch}/${settings.epochs}: loss ${e.loss.toFixed(4)}` + (e.valLoss === void 0 ? "" : `, val_loss ${e.valLoss.toFixed(4)}`) + `, lr ${e.learningRate}`
        )
      });
    }
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
      labelEncoding
    );
    validationPredictions = toPredictions(spec, outputs, validation.examples.labels);
  }
  const threshold = chooseThreshold(config.evaluation.threshold, task, validationPredictions);
  const metrics2 = validationPredictions ? computeMetrics(validationPredictions, { threshold: threshold?.value }) : {};
  const files = await serializeModel(model);
  model.dispose();
  const training = {
    format: TRAINING_INFO_FORMAT,
    name: modelName(config),
    modelId: modelIdOf(files.weights, spec),
    task,
    label,
    features,
    rows: {
      train: train2.examples.count,
      validation: validation.examples.count,
      test: split.test.length,
      unlabeled: unlabeled.count
    },
    backend: backend.name,
    seed: config.model.seed,
    epochs: {
      run: history.length,
      best: bestEpoch,
      stoppedEarly,
      limit: settings.epochs,
      patience: settings.patience
    },
    ...warning ? { warnings: [warning] } : {},
    dataHash: dataset.dataHash,
    split: config.data.split,
    configHash: configHash(config),
    schemaHash: createHash("sha256").update(formatSchema(schema)).digest("hex"),
    toolVersion: package_default.version,
    ...threshold ? { threshold } : {}
  };
  const bundle = {
    files,
    preprocessing: spec,
    schema,
    statistics: data.statistics,
    history,
    metrics: metrics2,
    training,
    card: renderModelCard(training, metrics2),
    // What mlops monitor compares served outputs with (prediction drift).
    ...validationPredictions ? { outputStatistics: outputStatistics(validationPredictions) } : {}
  };
  const bundleDir = paths.model;
  await deps.fs.writeFolder(bundleDir, bundleToFiles(bundle));
  deps.log.info(
    `trained ${history.length} epochs, kept epoch ${bestEpoch}${stoppedEarly ? " (stopped early)" : ""}; validation: ${summarizeMetrics(metrics2) || "no validation split"}`
  );
  deps.log.info(`model bundle written to ${bundleDir}`);
  return { bundleDir, training, metrics: metrics2 };
}
export {
  runTrain
};
