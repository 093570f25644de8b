/**
 * Training and prediction throughput on one TensorFlow.js backend, named by the first argument
 * (`wasm` or `cpu`). It runs as its own process because selectBackend activates one backend per
 * process; it prints one JSON line, a WorkerResult, for bench/run.ts to read.
 */
import * as tf from '@tensorflow/tfjs-core';
import { findWasmDir } from '../src/adapters/wasm.js';
import { selectBackend } from '../src/model/backend.js';
import { predictRows } from '../src/model/predict.js';
import { fitNetwork } from '../src/model/train.js';
import type { Examples, FitOptions } from '../src/model/train.js';
import { createRng } from '../src/util/random.js';

const ROWS = 20_000;
const WIDTH = 30;
const EPOCHS = 2;
const PREDICT_RUNS = 3;

/** What the worker reports; rates are samples per second. */
export interface WorkerResult {
  backend: string;
  /** Backend details worth printing, e.g. whether wasm found SIMD support. */
  detail: string;
  trainSamplesPerSecond: number;
  predictSamplesPerSecond: number;
  finalLoss: number;
}

const OPTIONS: FitOptions = {
  inputWidth: WIDTH,
  task: 'binary',
  classes: 2,
  hidden: [64, 32],
  dropout: 0.1,
  learningRate: 0.001,
  seed: 42,
  epochs: EPOCHS,
  batchSize: 256,
  // Early stopping would make the two backends train for different numbers of epochs.
  patience: EPOCHS,
  minDelta: -Infinity,
};

async function main(): Promise<void> {
  const requested = process.argv[2];
  if (requested !== 'wasm' && requested !== 'cpu') {
    throw new Error(`usage: train-worker.ts wasm|cpu (got ${String(requested)})`);
  }
  const wasmDir = findWasmDir();
  const choice = await selectBackend(requested, wasmDir === undefined ? {} : { wasmDir });
  const examples = generateExamples(ROWS, WIDTH);

  const trainStart = process.hrtime.bigint();
  const { model, history } = await fitNetwork(examples, null, OPTIONS);
  const trainSeconds = secondsSince(trainStart);

  const predict = () =>
    predictRows(model, examples.features, examples.count, WIDTH, {
      task: 'binary',
      classes: ['0', '1'],
    });
  await predict(); // warm-up: kernels compile on first use
  let predictSeconds = Infinity;
  for (let run = 0; run < PREDICT_RUNS; run++) {
    const start = process.hrtime.bigint();
    await predict();
    predictSeconds = Math.min(predictSeconds, secondsSince(start));
  }
  model.dispose();

  const result: WorkerResult = {
    backend: choice.name,
    detail: await backendDetail(choice.name),
    trainSamplesPerSecond: (ROWS * history.length) / trainSeconds,
    predictSamplesPerSecond: ROWS / predictSeconds,
    finalLoss: history.at(-1)?.loss ?? NaN,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A learnable binary task: the label is the sign of a fixed linear score plus noise. */
function generateExamples(count: number, width: number): Examples {
  const rng = createRng(7);
  const weights = Array.from({ length: width }, () => rng() * 2 - 1);
  const features = new Float32Array(count * width);
  const labels = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let score = rng() - 0.5;
    for (let column = 0; column < width; column++) {
      const value = rng() * 2 - 1;
      features[row * width + column] = value;
      score += value * (weights[column] ?? 0);
    }
    labels[row] = score > 0 ? 1 : 0;
  }
  return { features, labels, count };
}

async function backendDetail(backend: string): Promise<string> {
  if (backend !== 'wasm') return 'tfjs-backend-cpu, pure JS';
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `tfjs-backend-wasm, simd ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

await main();
