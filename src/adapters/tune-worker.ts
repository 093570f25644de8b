/**
 * A worker thread of `mlops tune run` (started by tune-workers.ts): rebuilds the run's context from
 * its workerData, then trains each trial it is sent with `tune trial`'s code. Its log lines and
 * training-cache calls go to the main thread.
 */
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { MlopsError } from '../errors.js';
import type { StepContext } from '../steps/context.js';
import { runTuneTrial } from '../steps/tune.js';
import type { CacheHit, TrainingCache } from './cache.js';
import type { Logger } from './log.js';
import { createStepDeps } from './step-deps.js';
import type { FromWorker, ToWorker, WorkerJob } from './tune-workers.js';

const job = workerData as WorkerJob;
const port = parentPort as MessagePort;
const send = (message: FromWorker) => port.postMessage(message);

const log: Logger = {
  info: (text) => send({ type: 'log', level: 'info', text }),
  warn: (text) => send({ type: 'log', level: 'warn', text }),
  annotate: (finding) =>
    send({ type: 'log', level: 'warn', text: `${finding.title}: ${finding.message}` }),
  async group(name, fn) {
    send({ type: 'log', level: 'info', text: `▸ ${name}` });
    return fn();
  },
};

const waiting = new Map<number, (hit: CacheHit | null) => void>();
let calls = 0;
const callCache = (key: string, entry?: Parameters<TrainingCache['save']>[1]) =>
  new Promise<CacheHit | null>((resolve) => {
    const id = calls++;
    waiting.set(id, resolve);
    send({ type: 'cache', id, key, ...(entry ? { entry } : {}) });
  });
/** The main thread's cache: one cache folder (and the Actions cache) for every thread of the run. */
const trainingCache: TrainingCache = {
  restore: (key) => callCache(key),
  save: async (key, entry) => {
    await callCache(key, entry);
  },
};

// A variable specifier keeps bundlers from trying to inline the optional native module.
const nativeModule = '@tensorflow/tfjs-node';
const deps = createStepDeps({
  git: { dir: job.baseDir },
  releasesDir: path.resolve(job.baseDir, job.config.registry.releases),
  github: { repositorySource: 'GITHUB_REPOSITORY' },
  log,
  backend: {
    ...(job.wasmDir ? { wasmDir: job.wasmDir } : {}),
    ...(job.native ? { loadNative: () => import(nativeModule) } : {}),
  },
  tmpRoot: os.tmpdir(),
  // Replaced below by the main thread's cache; this folder is never read or written.
  cache: { dir: path.join(os.tmpdir(), 'mlops-unused-cache'), env: {} },
});
const ctx: StepContext = {
  config: job.config,
  baseDir: job.baseDir,
  configFile: job.configFile,
  out: job.out,
  deps: { ...deps, trainingCache },
};

async function train(trial: string): Promise<void> {
  try {
    await runTuneTrial(ctx, trial, { cache: job.cache });
    send({ type: 'done' });
  } catch (error) {
    const { name, message, stack } =
      error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
    send({
      type: 'failed',
      error: { name, message, ...(stack ? { stack } : {}), ours: error instanceof MlopsError },
    });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'trial') void train(message.trial);
  else {
    waiting.get(message.id)?.(message.hit);
    waiting.delete(message.id);
  }
});
