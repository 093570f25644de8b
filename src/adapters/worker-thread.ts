/**
 * Worker threads on mlops-actions' own modules, however the code runs: from the TypeScript
 * sources (tsx, Jest) a worker loads its module through tsx; from a bundle, the entry that
 * scripts/build.mjs writes for it, found beside the calling chunk (dist/action) or one folder up
 * (dist/cli keeps shared chunks in chunks/).
 */
import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The script of a worker: `source` (a path from `from`, the caller's import.meta.url) when the
 * caller runs from TypeScript, else the bundle's entry `entry`.js; undefined when that is missing.
 */
export function workerScript(from: string, source: string, entry: string): URL | undefined {
  if (from.endsWith('.ts')) return new URL(source, from);
  return [`./${entry}.js`, `../${entry}.js`]
    .map((file) => new URL(file, from))
    .find((url) => existsSync(url));
}

/** A worker thread on `script` (see workerScript); TypeScript loads through tsx, as in this thread. */
export function startWorker(script: URL, options: WorkerOptions = {}): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(script.href);
  return new Worker(`import(${tsx}).then((api) => api.tsImport(${entry}, ${entry}))`, {
    ...options,
    eval: true,
  });
}
