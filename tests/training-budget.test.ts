import { beforeAll, describe, expect, test } from '@jest/globals';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { parseConfig } from '../src/config/load.js';
import { ConfigError } from '../src/errors.js';
import { selectBackend } from '../src/model/backend.js';
import {
  autoPatience,
  autoPlateauPatience,
  MAX_PATIENCE,
  MIN_PATIENCE,
  PlateauSchedule,
} from '../src/model/budget.js';
import { autoL2 } from '../src/model/auto-l2.js';
import { resolveClassWeights } from '../src/model/class-weights.js';
import { fitSettings } from '../src/model/fit-settings.js';
import { predictRows } from '../src/model/predict.js';
import { budgetWarning, fitNetwork, type Examples, type FitOptions } from '../src/model/train.js';
import { createRng } from '../src/util/random.js';
import { LABEL, mlops, readJson } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { makeRepo } from './support/repo.js';
import './support/cleanup.js';

beforeAll(async () => {
  expect((await selectBackend('cpu', {})).name).toBe('cpu');
});

/** Two noisy features; `positives` of the rows are the positive class, shifted by `shift`. */
function imbalanced(count: number, positives: number, shift: number, seed = 5): Examples {
  const rng = createRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const features = new Float32Array(count * 2);
  const labels = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    const label = rng() < positives ? 1 : 0;
    labels[row] = label;
    features[row * 2] = gaussian() + label * shift;
    features[row * 2 + 1] = gaussian() + label * shift;
  }
  return { features, labels, count };
}

function options(overrides: Partial<FitOptions> = {}): FitOptions {
  return {
    inputWidth: 2,
    task: 'binary',
    classes: 1,
    hidden: [8],
    dropout: 0,
    learningRate: 0.01,
    seed: 42,
    epochs: 10,
    batchSize: 64,
    patience: 10,
    minDelta: 0,
    ...overrides,
  };
}

/** Every weight of a model (batch-norm moving statistics included), concatenated as bytes. */
function weightBytes(model: tfl.LayersModel): Buffer {
  return Buffer.concat(
    model.getWeights().map((w) => Buffer.from((w.dataSync() as Float32Array).slice().buffer)),
  );
}

async function recallOfPositives(model: tfl.LayersModel, data: Examples): Promise<number> {
  const outputs = await predictRows(model, data.features, data.count, 2, {
    task: 'binary',
    classes: ['no', 'yes'],
  });
  if (outputs.task !== 'binary') throw new Error('expected binary outputs');
  let found = 0;
  let positives = 0;
  data.labels.forEach((label, row) => {
    if (label !== 1) return;
    positives++;
    if ((outputs.scores[row] ?? 0) > 0.5) found++;
  });
  return found / positives;
}

describe('class weights', () => {
  test('balanced weights raise the recall of a 5 % minority class', async () => {
    const data = imbalanced(800, 0.05, 1.5);
    const plain = await fitNetwork(data, null, options({ epochs: 10 }));
    const weights = resolveClassWeights(
      'balanced',
      { task: 'binary', classes: ['no', 'yes'] },
      data.labels,
    );
    const weighted = await fitNetwork(data, null, options({ epochs: 10, classWeights: weights }));
    const [before, after] = [
      await recallOfPositives(plain.model, data),
      await recallOfPositives(weighted.model, data),
    ];
    expect(before).toBeLessThan(0.5);
    expect(after).toBeGreaterThan(before + 0.4);
    plain.model.dispose();
    weighted.model.dispose();
  });

  test('balanced is n / (k · n_c) over the training labels, as in scikit-learn', () => {
    const labels = Float32Array.from([0, 0, 0, 1, 2, 2]);
    const weights = resolveClassWeights(
      'balanced',
      { task: 'multiclass', classes: ['a', 'b', 'c'] },
      labels,
    );
    expect(weights).toEqual([6 / 9, 6 / 3, 6 / 6]);
  });

  test('a map weighs the named classes and leaves the others at 1', () => {
    const encoding = { task: 'multiclass', classes: ['low', 'mid', 'high'] } as const;
    expect(
      resolveClassWeights(
        { high: 4 },
        { ...encoding, classes: [...encoding.classes] },
        new Float32Array(),
      ),
    ).toEqual([1, 1, 4]);
    expect(
      resolveClassWeights(
        'none',
        { ...encoding, classes: [...encoding.classes] },
        new Float32Array(),
      ),
    ).toBeNull();
  });

  test('a class the labels do not have, or a regression label, is a ConfigError naming the field', () => {
    const binary = { task: 'binary', classes: ['no', 'yes'] } as const;
    const call = () =>
      resolveClassWeights({ Yes: 3 }, { ...binary, classes: ['no', 'yes'] }, new Float32Array());
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(
      /^model\.class_weight: "Yes" is not a class of the training labels; the classes are "no", "yes"/,
    );
    expect(() =>
      resolveClassWeights('balanced', { task: 'regression', mean: 0, std: 1 }, new Float32Array()),
    ).toThrow(/^model\.class_weight: class weights apply to binary and multiclass labels/);
  });
});

describe('learning-rate schedule', () => {
  test('reduce-on-plateau multiplies the rate by factor after patience epochs without improvement, down to the floor', () => {
    const schedule = new PlateauSchedule(0.01, {
      factor: 0.5,
      patience: 2,
      minLearningRate: 0.003,
      minDelta: 0.01,
    });
    // 1.0 improves; 0.995 is within min_delta (no improvement); so are the rest.
    const rates = [1.0, 0.995, 0.999, 0.9, 0.95, 0.95, 0.95, 0.95].map((loss) =>
      schedule.next(loss),
    );
    expect(rates).toEqual([0.01, 0.01, 0.005, 0.005, 0.005, 0.003, 0.003, 0.003]);
  });

  test('a training run whose loss stalls lowers the rate it trains with', async () => {
    const data = imbalanced(200, 0.5, 1);
    // A min_delta no epoch can beat: every epoch after the first is a plateau.
    const result = await fitNetwork(
      data,
      null,
      options({
        epochs: 5,
        minDelta: 1e6,
        reduceLr: { factor: 0.5, patience: 1, minLearningRate: 0.002 },
      }),
    );
    expect(result.history.map((e) => e.learningRate)).toEqual([0.01, 0.01, 0.005, 0.0025, 0.002]);
    result.model.dispose();
  });
});

describe('the epoch budget', () => {
  test('patience is scaled to the batches an epoch makes', () => {
    expect(autoPatience(240, 64)).toBe(MAX_PATIENCE); // 4 batches an epoch
    expect(autoPatience(3_200, 64)).toBe(10); // 50 batches
    expect(autoPatience(100_000, 64)).toBe(MIN_PATIENCE);
    expect(autoPlateauPatience(MIN_PATIENCE)).toBe(2);
    expect(autoPlateauPatience(1)).toBe(1);
  });

  test('a run whose best epoch is its last gets a warning; one that stopped early does not', async () => {
    const data = imbalanced(300, 0.5, 2);
    const short = await fitNetwork(data, null, options({ epochs: 3 }));
    expect(short.bestEpoch).toBe(3);
    expect(budgetWarning(short)).toMatch(/best epoch was the last one \(3 of 3\).*model\.epochs/);
    short.model.dispose();
    const stopped = await fitNetwork(
      data,
      null,
      options({ epochs: 8, patience: 2, minDelta: 1e6 }),
    );
    expect(stopped.stoppedEarly).toBe(true);
    expect(budgetWarning(stopped)).toBeNull();
    stopped.model.dispose();
  });

  test('mlops train logs the warning and writes it to training.json with the budget', async () => {
    // Without a validation split training watches its own loss, which falls for the first epochs.
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 120),
      'mlops.yml': [
        'name: churn',
        'data:',
        '  train: data.csv',
        `  label: ${LABEL}`,
        '  split: { test: 0.2, validation: 0 }',
        'model: { epochs: 2, hidden: [8], learning_rate: 0.01 }',
      ].join('\n'),
    });
    const result = await mlops(dir, ['train']);
    expect(result.code).toBe(0);
    const training = readJson<{
      epochs: { run: number; best: number; limit: number; patience: number };
      warnings?: string[];
    }>(dir, '.mlops/model/training.json');
    expect(training.epochs).toMatchObject({ run: 2, best: 2, limit: 2, patience: MAX_PATIENCE });
    expect(training.warnings).toEqual([
      expect.stringMatching(/best epoch was the last one \(2 of 2\)/),
    ]);
    expect(result.stdout + result.stderr).toMatch(/warning: the best epoch was the last one/);
  });
});

/** Rows whose labels are coin flips: whatever a network learns of them is noise. */
function coinFlips(count: number, seed: number): Examples {
  const rng = createRng(seed);
  const features = Float32Array.from({ length: count * 2 }, () => rng() * 2 - 1);
  const labels = Float32Array.from({ length: count }, () => (rng() < 0.5 ? 1 : 0));
  return { features, labels, count };
}

describe('the weights training ends with', () => {
  test('true restores the epoch of the lowest loss, false keeps the last', async () => {
    const data = imbalanced(300, 0.5, 2);
    const validation = imbalanced(100, 0.5, 2, 9);
    // No epoch can beat the first by min_delta: it stays the best, and training stops at 3.
    const run = (restoreBestWeights: boolean) =>
      fitNetwork(
        data,
        validation,
        options({ epochs: 8, patience: 2, minDelta: 1e6, restoreBestWeights }),
      );
    const [restored, last] = [await run(true), await run(false)];
    expect([restored.lowestEpoch, restored.bestEpoch, restored.history.length]).toEqual([1, 1, 3]);
    expect([last.lowestEpoch, last.bestEpoch]).toEqual([1, 3]);
    expect(weightBytes(restored.model).equals(weightBytes(last.model))).toBe(false);
    restored.model.dispose();
    last.model.dispose();
  });

  test('auto restores the best epoch when a large validation split shows the last one overfit', async () => {
    // A wide network memorises 60 coin flips; 1,000 more show its validation loss rising.
    const overfit = (restoreBestWeights: 'auto' | true) =>
      fitNetwork(
        coinFlips(60, 1),
        coinFlips(1_000, 2),
        options({ hidden: [64], learningRate: 0.03, epochs: 25, patience: 25, restoreBestWeights }),
      );
    const auto = await overfit('auto');
    expect(auto.lowestEpoch).toBeLessThan(auto.history.length);
    expect(auto.bestEpoch).toBe(auto.lowestEpoch);
    const restored = await overfit(true);
    expect(weightBytes(auto.model).equals(weightBytes(restored.model))).toBe(true);
    auto.model.dispose();
    restored.model.dispose();
  });

  test('auto keeps the last weights when a small validation split cannot tell them from the best', async () => {
    const result = await fitNetwork(
      imbalanced(300, 0.5, 1),
      imbalanced(30, 0.5, 1, 9),
      options({ epochs: 40, patience: 10, minDelta: 0 }),
    );
    expect(result.lowestEpoch).toBeLessThan(result.history.length);
    expect(result.bestEpoch).toBe(result.history.length);
    // Its lowest loss was not at the end: no warning that the budget ran out.
    expect(budgetWarning(result)).toBeNull();
    result.model.dispose();
  });
});

describe('determinism and memory', () => {
  test('the same seed gives the same weights with every option on', async () => {
    const data = imbalanced(300, 0.2, 1);
    const validation = imbalanced(100, 0.2, 1, 9);
    const all = options({
      epochs: 4,
      dropout: 0.2,
      batchNorm: true,
      l2: 0.001,
      classWeights: [1, 4],
      reduceLr: { factor: 0.5, patience: 1, minLearningRate: 0.001 },
    });
    const a = await fitNetwork(data, validation, all);
    const b = await fitNetwork(data, validation, all);
    expect(a.history).toEqual(b.history);
    expect(weightBytes(a.model).equals(weightBytes(b.model))).toBe(true);
    // Batch normalisation learnt moving statistics: they are not their initial 0 and 1.
    const movingMean = a.model.weights.find((w) => w.originalName.endsWith('/moving_mean'));
    expect(Array.from(movingMean?.read().dataSync() ?? []).some((v) => v !== 0)).toBe(true);
    a.model.dispose();
    b.model.dispose();
  });

  test('L2 shrinks the weights', async () => {
    const data = imbalanced(300, 0.5, 1);
    const norm = (model: tfl.LayersModel) =>
      tf.tidy(() =>
        model.trainableWeights
          .filter((w) => w.originalName.endsWith('/kernel'))
          .reduce((sum, w) => sum + (tf.sum(tf.square(w.read())).dataSync()[0] ?? 0), 0),
      );
    const plain = await fitNetwork(data, null, options({ epochs: 5 }));
    const shrunk = await fitNetwork(data, null, options({ epochs: 5, l2: 0.05 }));
    expect(norm(shrunk.model)).toBeLessThan(norm(plain.model));
    plain.model.dispose();
    shrunk.model.dispose();
  });

  test('no tensor holds the table: memory between epochs is the model, not the rows', async () => {
    const count = 20_000;
    const width = 50;
    const train = {
      features: Float32Array.from({ length: count * width }, (_, i) => (i % 13) / 13),
      labels: Float32Array.from({ length: count }, (_, i) => i % 2),
      count,
    };
    const bytes: number[] = [];
    const before = tf.memory().numTensors;
    const result = await fitNetwork(train, train, {
      ...options({ inputWidth: width, epochs: 1, batchSize: 1000, hidden: [4] }),
      onEpoch: () => bytes.push(tf.memory().numBytes),
    });
    // The table is 4 MB; the old loop held it as a tensor and a shuffled copy each epoch.
    expect(bytes[0]).toBeLessThan((count * width * 4) / 10);
    const weights = result.model.getWeights().length;
    result.model.dispose();
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(weights);
  });
});

describe('model: settings', () => {
  const MINIMAL = 'data:\n  train: data.csv\n  label: y\n';
  const configError = (model: string): string => {
    try {
      parseConfig(`${MINIMAL}model:\n${model}`, 'mlops.yml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  test.each([
    ['  early_stopping: { patience: 0 }', /model\.early_stopping\.patience: /],
    [
      '  early_stopping: { patience: soon }',
      /model\.early_stopping\.patience: expected "auto" or a whole number/,
    ],
    ['  early_stopping: { min_delta: -1 }', /model\.early_stopping\.min_delta: /],
    ['  reduce_lr_on_plateau: { factor: 1.5 }', /model\.reduce_lr_on_plateau\.factor: /],
    [
      '  reduce_lr_on_plateau: yes',
      /model\.reduce_lr_on_plateau: expected false \(a constant rate\)/,
    ],
    [
      '  reduce_lr_on_plateau: { min_lr: 0.01 }',
      /model\.reduce_lr_on_plateau\.min_lr: must be below model\.learning_rate \(0\.001\)/,
    ],
    [
      '  class_weight: balance',
      /model\.class_weight: expected "none", "balanced", or a weight per class name/,
    ],
    ['  class_weight: { "yes": -2 }', /model\.class_weight\.yes: /],
    [
      '  task: regression\n  class_weight: balanced',
      /model\.class_weight: class weights apply to binary and multiclass/,
    ],
    ['  l2: -0.1', /model\.l2: /],
    ['  l2: strong', /model\.l2: expected auto or a number from 0 to 1/],
    [
      '  early_stopping: { restore_best_weights: sometimes }',
      /model\.early_stopping\.restore_best_weights: expected auto, true or false/,
    ],
    ['  batch_norm: "on"', /model\.batch_norm: expected boolean/],
    ['  epochs: 0', /model\.epochs: /],
  ])('%j is a ConfigError naming the field', (model, expected) => {
    expect(configError(`${model}\n`)).toMatch(expected);
  });

  test('every setting reaches fitNetwork, auto values resolved for the data', () => {
    const config = parseConfig(
      `${MINIMAL}model:\n  batch_norm: true\n  l2: 0.01\n  class_weight: { "yes": 3 }\n  reduce_lr_on_plateau: { factor: 0.2 }\n`,
      'mlops.yml',
    );
    const train = {
      features: new Float32Array(3_200),
      labels: new Float32Array(3_200),
      count: 3_200,
    };
    const settings = fitSettings(
      config.model,
      { task: 'binary', classes: ['no', 'yes'] },
      train,
      1,
    );
    expect(settings).toMatchObject({
      epochs: 1000,
      patience: 10,
      minDelta: 0.0001,
      reduceLr: { factor: 0.2, patience: 5, minLearningRate: 0.00001 },
      l2: 0.01,
      batchNorm: true,
      classWeights: [1, 3],
    });
    const constant = parseConfig(`${MINIMAL}model:\n  reduce_lr_on_plateau: false\n`, 'mlops.yml');
    const plain = fitSettings(constant.model, { task: 'binary', classes: ['no', 'yes'] }, train, 1);
    expect(plain.reduceLr).toBeUndefined();
    expect(plain.classWeights).toBeNull();
    // The defaults: scikit-learn's C = 1 prior over the mean loss, and the noise decides the weights.
    expect(plain).toMatchObject({ l2: 1 / (2 * 3_200), restoreBestWeights: 'auto' });
    expect(autoL2(320)).toBe(10 * autoL2(3_200));
  });
});
