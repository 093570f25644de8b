import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);

// src/adapters/worker-thread.ts
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
function workerScript(from, source, entry) {
  if (from.endsWith(".ts")) return new URL(source, from);
  return [`./${entry}.js`, `../${entry}.js`].map((file) => new URL(file, from)).find((url) => existsSync(url));
}
function startWorker(script, options = {}) {
  if (!script.pathname.endsWith(".ts")) return new Worker(script, options);
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const entry = JSON.stringify(script.href);
  return new Worker(`import(${tsx}).then((api) => api.tsImport(${entry}, ${entry}))`, {
    ...options,
    eval: true
  });
}

export {
  workerScript,
  startWorker
};
