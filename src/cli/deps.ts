/** The local adapters the CLI runs the steps with: real git, a release folder, stderr logs. */
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { GitHubAccessRequest } from '../adapters/github-stores.js';
import { createStepDeps, type StepDepsOptions } from '../adapters/step-deps.js';
import type { Logger } from '../adapters/log.js';
import type { StepDeps } from '../steps/context.js';
import type { BackendOptions } from '../model/backend.js';
import { findWasmDir } from '../adapters/wasm.js';
import { cliCacheDir } from '../adapters/cache.js';

/** How the backend is found here: tfjs-node when installed, wasm files as found above. */
function localBackendOptions(): BackendOptions {
  const wasmDir = findWasmDir();
  // A variable specifier keeps bundlers from trying to inline the optional native module.
  const nativeModule = '@tensorflow/tfjs-node';
  return { ...(wasmDir ? { wasmDir } : {}), loadNative: () => import(nativeModule) };
}

/**
 * Builds the adapters for a run on this machine: registry tags in the git repository `repo`;
 * releases on GitHub when a token and repository are known, else in `registry.releases`, which
 * like every config path starts at the config's folder.
 */
export function createLocalDeps(options: {
  repo: string;
  config: Config;
  baseDir: string;
  log: Logger;
  remote?: string;
  /** GitHub access: with a token and a repository, releases and comments live on GitHub. */
  github: GitHubAccessRequest;
  run?: StepDepsOptions['run'];
  /** Where the training cache is found: the environment, the working and the output folder. */
  cache: { env: NodeJS.ProcessEnv; cwd: string; out: string };
}): StepDeps {
  const { env, cwd, out } = options.cache;
  return createStepDeps({
    git: { dir: options.repo, ...(options.remote ? { remote: options.remote } : {}) },
    releasesDir: path.resolve(options.baseDir, options.config.registry.releases),
    github: options.github,
    log: options.log,
    backend: localBackendOptions(),
    tmpRoot: os.tmpdir(),
    cache: { dir: cliCacheDir(env, cwd, out), env },
    ...(options.run ? { run: options.run } : {}),
  });
}
