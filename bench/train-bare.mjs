/**
 * The reference for bench/train-overhead.ts: the same MLP trained on the same CSV with a bare
 * TensorFlow.js `model.fit` loop, as a user would write it, with no mlops code in the process.
 * Plain JavaScript so its start-up is node's alone, like the bundled CLI's (tsx would add its
 * own). Usage: node bench/train-bare.mjs DATA.csv EPOCHS TRAIN_ROWS VALIDATION_ROWS BATCH;
 * prints one JSON line: { readSeconds, fitSeconds, finalLoss }, times from the process start.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const [file, epochs, trainRows, validationRows, batchSize] = process.argv.slice(2);
const wasmDir = path.dirname(
  createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'),
);
setWasmPaths(`${wasmDir}/`);
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');

// The file as numbers: every column a feature but the last, the 0/1 label.
const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
const width = lines[0].split(',').length - 1;
const rows = Number(trainRows) + Number(validationRows);
const features = new Float32Array(rows * width);
const labels = new Float32Array(rows);
for (let row = 0; row < rows; row++) {
  const cells = lines[row].split(',');
  for (let column = 0; column < width; column++) {
    features[row * width + column] = Number(cells[column]);
  }
  labels[row] = Number(cells[width]);
}
const readSeconds = process.uptime();

const model = tfl.sequential();
model.add(tfl.layers.dense({ units: 64, activation: 'relu', inputShape: [width] }));
model.add(tfl.layers.dropout({ rate: 0.1 }));
model.add(tfl.layers.dense({ units: 32, activation: 'relu' }));
model.add(tfl.layers.dropout({ rate: 0.1 }));
model.add(tfl.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
const split = Number(trainRows) * width;
const x = tf.tensor2d(features.subarray(0, split), [Number(trainRows), width]);
const y = tf.tensor2d(labels.subarray(0, Number(trainRows)), [Number(trainRows), 1]);
const xv = tf.tensor2d(features.subarray(split), [Number(validationRows), width]);
const yv = tf.tensor2d(labels.subarray(Number(trainRows)), [Number(validationRows), 1]);
const start = process.uptime();
const history = await model.fit(x, y, {
  epochs: Number(epochs),
  batchSize: Number(batchSize),
  shuffle: true,
  validationData: [xv, yv],
  verbose: 0,
});
const fitSeconds = process.uptime() - start;
process.stdout.write(
  `${JSON.stringify({ readSeconds, fitSeconds, finalLoss: history.history.loss.at(-1) })}\n`,
);
