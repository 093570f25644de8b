/** The local adapters the CLI runs the steps with: real git, a release folder, stderr logs. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { nodeFileSystem } from '../adapters/fs.js';
import { createGitTagStore } from '../adapters/git.js';
import { createRunStores, type GitHubAccessRequest } from '../adapters/github-stores.js';
import type { Logger } from '../adapters/log.js';
import type { StepDeps } from '../steps/context.js';
import type { BackendOptions } from '../model/backend.js';
import { findWasmDir } from '../adapters/wasm.js';

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
}): StepDeps {
  const { repo, config, log } = options;
  const stores = createRunStores(
    options.github,
    path.resolve(options.baseDir, config.registry.releases),
    log,
  );
  return {
    fs: nodeFileSystem,
    log,
    tags: createGitTagStore({ dir: repo, ...(options.remote ? { remote: options.remote } : {}) }),
    releases: stores.releases,
    comments: stores.comments,
    backend: localBackendOptions(),
    tmpDir: () => mkdtemp(path.join(os.tmpdir(), 'mlops-')),
    now: () => new Date(),
  };
}
