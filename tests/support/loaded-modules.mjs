/**
 * A Node `--import` module for tests that ask which files a process loaded: when the variable
 * MLOPS_LOADED_MODULES names a file, every module the process resolves (a resolve hook) and every
 * CommonJS module in require's cache at exit is appended to it, one URL a line. Use:
 * NODE_OPTIONS="--import <this file's URL>" MLOPS_LOADED_MODULES=<file>.
 * Where Node has `module.registerHooks` (22.15+, 23.5+) the hook runs in-thread; on Node 20 this
 * same file is also the hooks module `module.register` loads in Node's hooks thread.
 */
import { appendFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

let target = '';

/** Hooks thread (Node 20): receives the file to append to. */
export function initialize(data) {
  target = data.file;
}

/** Hooks thread (Node 20): records each resolved module, builtins included (`node:fs`). */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (target) appendFileSync(target, `${resolved.url}\n`);
  return resolved;
}

const file = process.env.MLOPS_LOADED_MODULES;
if (isMainThread && file) {
  if (typeof module.registerHooks === 'function') {
    module.registerHooks({
      resolve(specifier, context, nextResolve) {
        const resolved = nextResolve(specifier, context);
        appendFileSync(file, `${resolved.url}\n`);
        return resolved;
      },
    });
  } else {
    module.register(import.meta.url, { data: { file } });
  }
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    const loaded = Object.keys(require.cache).map((name) => `${pathToFileURL(name).href}\n`);
    appendFileSync(file, loaded.join(''));
  });
}
