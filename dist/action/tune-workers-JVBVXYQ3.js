import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  startWorker,
  workerScript
} from "./chunk-CJRXHEIG.js";
import {
  ConfigError,
  DataError,
  FileSystemError,
  MlopsError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/adapters/tune-workers.ts
import os from "node:os";
var workerPool = { cores: os.availableParallelism(), run: runInWorkers };
async function runInWorkers(ctx, trials, options) {
  const { backend } = ctx.deps;
  const job = {
    config: ctx.config,
    baseDir: ctx.baseDir,
    configFile: ctx.configFile,
    out: ctx.out,
    cache: options.cache,
    ...backend.wasmDir ? { wasmDir: backend.wasmDir } : {},
    native: backend.loadNative !== void 0
  };
  const queue = [...trials];
  const failures = [];
  const workers = Array.from({ length: options.workers }, () => startTrialWorker(job));
  try {
    await Promise.all(workers.map((worker) => drain(worker, queue, failures, ctx.deps)));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  return failures.sort((a, b) => trials.indexOf(a.trial) - trials.indexOf(b.trial));
}
function startTrialWorker(job) {
  const script = workerScript(import.meta.url, "./tune-worker.ts", "tune-worker");
  if (!script)
    throw new Error("tune-worker.js is not beside the bundle: build mlops-actions again.");
  return startWorker(script, { workerData: job });
}
function drain(worker, queue, failures, deps) {
  return new Promise((resolve, reject) => {
    let current;
    const send = (message) => worker.postMessage(message);
    const next = () => {
      current = queue.shift();
      if (current === void 0) worker.terminate().then(() => resolve(), reject);
      else send({ type: "trial", trial: current });
    };
    const answer = async (message) => {
      const { trainingCache } = deps;
      const hit = message.entry ? await trainingCache.save(message.key, message.entry).then(() => null) : await trainingCache.restore(message.key);
      send({ type: "cache", id: message.id, hit });
    };
    worker.on("message", (message) => {
      if (message.type === "log") deps.log[message.level](`${current}: ${message.text}`);
      else if (message.type === "cache") answer(message).catch(reject);
      else if (message.type === "done") next();
      else {
        const error = revive(message.error);
        if (!(error instanceof MlopsError)) return reject(error);
        failures.push({ trial: current, error });
        next();
      }
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (current !== void 0) {
        reject(
          new Error(`the worker thread training trial ${current} stopped (exit code ${code})`)
        );
      }
    });
    next();
  });
}
var ERROR_CLASSES = {
  UsageError,
  ConfigError,
  DataError,
  FileSystemError
};
function revive(error) {
  if (error.ours) {
    const Class = Object.hasOwn(ERROR_CLASSES, error.name) ? ERROR_CLASSES[error.name] : void 0;
    return new (Class ?? MlopsError)(error.message);
  }
  const bug = new Error(error.message);
  if (error.stack) bug.stack = error.stack;
  return bug;
}
export {
  workerPool
};
