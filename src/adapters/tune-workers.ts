/**
 * The worker threads of `mlops tune run`: each trains the trials it is handed, one at a time, as
 * `mlops tune trial` does (tune-worker.ts). Their logs and training-cache calls come back here, so
 * the run has one log and one cache. A worker runs tune-worker.ts from the sources (tsx, Jest),
 * or the `tune-worker.js` entry scripts/build.mjs writes beside the bundled CLI.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import { ConfigError, DataError, FileSystemError, MlopsError, UsageError } from '../errors.js';
import type { StepContext } from '../steps/context.js';
import type { TrialFailure, TrialPool } from '../steps/tune-run.js';
import type { CacheEntry, CacheHit, TrainingCache } from './cache.js';
import type { Logger } from './log.js';
import { startWorker, workerScript } from './worker-thread.js';

/** What a worker rebuilds the run's context from (its workerData: plain data). */
export interface WorkerJob {
  config: Config;
  baseDir: string;
  configFile: string | null;
  out: string;
  cache: boolean;
  wasmDir?: string;
  /** Whether the run may load tfjs-node (the CLI's backend options say so). */
  native: boolean;
}

/** What the main thread sends a worker: a trial to train, or the answer to a cache call. */
export type ToWorker =
  { type: 'trial'; trial: string } | { type: 'cache'; id: number; hit: CacheHit | null };

/** What a worker sends: log lines and cache calls while it trains, then how the trial ended. */
export type FromWorker =
  | { type: 'log'; level: 'info' | 'warn'; text: string }
  | { type: 'cache'; id: number; key: string; entry?: CacheEntry }
  | { type: 'done' }
  | { type: 'failed'; error: { name: string; message: string; stack?: string; ours: boolean } };

/** Worker threads on this machine's cores. */
export const workerPool: TrialPool = { cores: os.availableParallelism(), run: runInWorkers };

async function runInWorkers(
  ctx: StepContext,
  trials: string[],
  options: { workers: number; cache: boolean },
): Promise<TrialFailure[]> {
  const { backend } = ctx.deps;
  const job: WorkerJob = {
    config: ctx.config,
    baseDir: ctx.baseDir,
    configFile: ctx.configFile,
    out: ctx.out,
    cache: options.cache,
    ...(backend.wasmDir ? { wasmDir: backend.wasmDir } : {}),
    native: backend.loadNative !== undefined,
  };
  const queue = [...trials];
  const failures: TrialFailure[] = [];
  const workers = Array.from({ length: options.workers }, () => startTrialWorker(job));
  try {
    await Promise.all(workers.map((worker) => drain(worker, queue, failures, ctx.deps)));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  return failures.sort((a, b) => trials.indexOf(a.trial) - trials.indexOf(b.trial));
}

function startTrialWorker(job: WorkerJob): Worker {
  const script = workerScript(import.meta.url, './tune-worker.ts', 'tune-worker');
  if (!script)
    throw new Error('tune-worker.js is not beside the bundle: build mlops-actions again.');
  return startWorker(script, { workerData: job });
}

/** Hands `worker` trials from `queue` until it is empty, serving its logs and cache calls. */
function drain(
  worker: Worker,
  queue: string[],
  failures: TrialFailure[],
  deps: { log: Logger; trainingCache: TrainingCache },
): Promise<void> {
  return new Promise((resolve, reject) => {
    let current: string | undefined;
    const send = (message: ToWorker) => worker.postMessage(message);
    const next = () => {
      current = queue.shift();
      if (current === undefined) worker.terminate().then(() => resolve(), reject);
      else send({ type: 'trial', trial: current });
    };
    const answer = async (message: Extract<FromWorker, { type: 'cache' }>) => {
      const { trainingCache } = deps;
      const hit = message.entry
        ? await trainingCache.save(message.key, message.entry).then(() => null)
        : await trainingCache.restore(message.key);
      send({ type: 'cache', id: message.id, hit });
    };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'log') deps.log[message.level](`${current}: ${message.text}`);
      else if (message.type === 'cache') answer(message).catch(reject);
      else if (message.type === 'done') next();
      else {
        const error = revive(message.error);
        if (!(error instanceof MlopsError)) return reject(error);
        failures.push({ trial: current as string, error });
        next();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (current !== undefined) {
        reject(
          new Error(`the worker thread training trial ${current} stopped (exit code ${code})`),
        );
      }
    });
    next();
  });
}

const ERROR_CLASSES: Record<string, new (message: string) => MlopsError> = {
  UsageError,
  ConfigError,
  DataError,
  FileSystemError,
};

/** The worker's error as this thread's class, so the exit code and handling stay the same. */
function revive(error: Extract<FromWorker, { type: 'failed' }>['error']): Error {
  if (error.ours) {
    const Class = Object.hasOwn(ERROR_CLASSES, error.name) ? ERROR_CLASSES[error.name] : undefined;
    return new (Class ?? MlopsError)(error.message);
  }
  const bug = new Error(error.message);
  if (error.stack) bug.stack = error.stack;
  return bug;
}
