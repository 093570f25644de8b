import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  PreprocessingFitter,
  decodeRegression,
  encodeLabel,
  preprocessingOptions,
  rowEncoder
} from "./chunk-KX5X2Y5F.js";
import {
  SPLIT_CODES,
  forEachPlacedBatch,
  sampleRows
} from "./chunk-62WKEDIO.js";
import {
  inferSchema
} from "./chunk-XQRPJJDI.js";
import {
  TableAccumulator
} from "./chunk-4Y3A6PT4.js";
import {
  isAbsent
} from "./chunk-AIUCNH7N.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/model/examples.ts
var ExampleWriter = class {
  constructor(spec, columns, capacity) {
    this.spec = spec;
    this.encode = rowEncoder(spec, columns);
    this.labelIndex = columns.indexOf(spec.label.column);
    this.features = new Float32Array(capacity * spec.width);
    this.labels = new Float32Array(capacity);
  }
  spec;
  features;
  labels;
  rows = [];
  labelIndex;
  encode;
  count = 0;
  unknownLabels = 0;
  /** Encodes a row (`row` names it in EncodedRows.rows); false when its label is unknown. */
  add(cells, row) {
    const encoded = encodeLabel(this.spec.label, cells[this.labelIndex] ?? null);
    if (encoded === null) {
      this.unknownLabels++;
      return false;
    }
    this.encode(cells, this.features, this.count * this.spec.width);
    this.labels[this.count++] = encoded;
    this.rows.push(row);
    return true;
  }
  finish() {
    const { count } = this;
    return {
      examples: {
        features: this.features.subarray(0, count * this.spec.width),
        labels: this.labels.subarray(0, count),
        count
      },
      rows: this.rows,
      unknownLabels: this.unknownLabels
    };
  }
};
function toPredictions(spec, outputs, labels) {
  const label = spec.label;
  if (outputs.task === "binary" && label.task === "binary") {
    return { task: "binary", labels, scores: outputs.scores, classes: label.classes };
  }
  if (outputs.task === "multiclass" && label.task === "multiclass") {
    const k = outputs.classCount;
    const probabilities = Array.from(
      { length: labels.length },
      (_, i) => outputs.probabilities.subarray(i * k, (i + 1) * k)
    );
    return { task: "multiclass", labels, probabilities, classes: label.classes };
  }
  if (outputs.task === "regression" && label.task === "regression") {
    return { task: "regression", labels: decodeRegression(label, labels), values: outputs.values };
  }
  throw new Error(
    `model outputs (${outputs.task}) do not match the label encoding (${label.task})`
  );
}

// src/steps/encoded-data.ts
var PREPROCESSING_ROWS = 2e5;
var TRAINING_EXACT_NUMBERS = 1 << 18;
async function readTrainingData(ctx, dataset, label) {
  const { config } = ctx;
  const { split, features, columns } = dataset.prepared;
  const fitter = new PreprocessingFitter(features, label, preprocessingOptions(config.data));
  const addToFit = fitter.rowAdder(columns);
  const sample = sampleRows(split.train.length, PREPROCESSING_ROWS, config.data.split.seed);
  const kinds = Object.fromEntries(
    features.map((f) => [f.column, f.kind])
  );
  const statistics = new Statistics(kinds, dataset.schema === null);
  await forEachPlacedBatch(ctx, dataset, "fitting the preprocessing", (batch) => {
    statistics.add(batch);
    batch.rows.forEach((row, i) => {
      if (batch.split[i] !== SPLIT_CODES.train) return;
      if (!sample || sample[batch.position[i]]) addToFit(row);
    });
  });
  if (statistics.needsSecondPass()) {
    const second = statistics.forSecondPass();
    await forEachPlacedBatch(
      ctx,
      dataset,
      "completing the statistics",
      (batch) => second.add(batch)
    );
  }
  const spec = fitter.finish();
  if (spec.width === 0) {
    throw new DataError(
      `${config.data.train}: no usable feature column (every column besides the label is empty or in data.ignore).`
    );
  }
  const writers = {
    [SPLIT_CODES.train]: new ExampleWriter(spec, columns, split.train.length),
    [SPLIT_CODES.validation]: new ExampleWriter(spec, columns, split.validation.length)
  };
  await forEachPlacedBatch(ctx, dataset, "encoding the rows", (batch) => {
    batch.rows.forEach((row, i) => {
      const code = batch.split[i];
      const position = batch.position[i];
      if (code === SPLIT_CODES.train) writers[code].add(row, split.train[position]);
      if (code === SPLIT_CODES.validation) {
        writers[code].add(row, split.validation[position]);
      }
    });
  });
  const finished = statistics.finish();
  return {
    spec,
    train: writers[SPLIT_CODES.train].finish(),
    validation: writers[SPLIT_CODES.validation].finish(),
    statistics: finished.train,
    schema: dataset.schema ?? inferSchema(finished.all, { label: label.column })
  };
}
var Statistics = class {
  train;
  all;
  second;
  constructor(kinds, withAll) {
    const options = { exactNumbers: TRAINING_EXACT_NUMBERS };
    this.train = new TableAccumulator(kinds, options);
    this.all = withAll ? new TableAccumulator(kinds, options) : null;
  }
  add(batch) {
    this.all?.add(batch);
    this.train.add(trainingRows(batch));
  }
  needsSecondPass() {
    return [this.train, this.all].some((a) => a !== null && a.needsSecondPass().length > 0);
  }
  /** Takes a second pass's batches (see needsSecondPass). */
  forSecondPass() {
    const second = { train: this.train.forSecondPass(), all: this.all?.forSecondPass() ?? null };
    this.second = second;
    return {
      add: (batch) => {
        second.all?.add(batch);
        second.train.add(trainingRows(batch));
      }
    };
  }
  finish() {
    return {
      train: this.train.finish(this.second?.train),
      all: this.all?.finish(this.second?.all ?? void 0) ?? null
    };
  }
};
function trainingRows(batch) {
  const kept = batch.rows.flatMap((_, i) => batch.split[i] === SPLIT_CODES.train ? [i] : []);
  return {
    ...batch,
    rows: kept.map((i) => batch.rows[i]),
    lines: kept.map((i) => batch.lines[i] ?? 0)
  };
}
async function readTestRows(ctx, dataset, spec, config) {
  const { split, columns } = dataset.prepared;
  const writer = new ExampleWriter(spec, columns, split.test.length);
  const slices = config.data.slices.map((name) => ({
    name,
    index: columns.indexOf(name),
    values: []
  }));
  await forEachPlacedBatch(ctx, dataset, "encoding the test rows", (batch) => {
    batch.rows.forEach((row, i) => {
      if (batch.split[i] !== SPLIT_CODES.test) return;
      if (!writer.add(row, split.test[batch.position[i]])) return;
      for (const slice of slices) {
        const value = row[slice.index] ?? null;
        slice.values.push(isAbsent(value) ? null : String(value));
      }
    });
  });
  return { ...writer.finish(), slices: slices.map(({ name, values }) => ({ name, values })) };
}

export {
  toPredictions,
  readTrainingData,
  readTestRows
};
