/** The adapters a run's steps get, assembled the same way for the CLI and the action. */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { BackendOptions } from '../model/backend.js';
import type { StepDeps } from '../steps/context.js';
import { createTrainingCache, type TrainingCacheOptions } from './cache.js';
import { nodeFileSystem } from './fs.js';
import { createGitTagStore, type GitTagStoreOptions } from './git.js';
import { createRunStores, type GitHubAccessRequest } from './github-stores.js';
import type { Logger } from './log.js';
import type { RunContext } from './run-context.js';

export interface StepDepsOptions {
  /** Where the registry tags live: the repository, its remote, and who signs tags. */
  git: GitTagStoreOptions;
  /** The local release folder, used when there is no GitHub access. */
  releasesDir: string;
  github: GitHubAccessRequest;
  log: Logger;
  backend: BackendOptions;
  /** Where scratch folders (unpacked baselines) are made. */
  tmpRoot: string;
  /** The training cache's local folder, and the environment that says if GitHub's is there. */
  cache: TrainingCacheOptions;
  /** What the CI run knows about itself, recorded in tags and linked from reports. */
  run?: Partial<Pick<RunContext, 'runUrl' | 'actor' | 'commit'>>;
}

/** Real git, GitHub releases and comments when there is access (else a local folder), real files. */
export function createStepDeps(options: StepDepsOptions): StepDeps {
  const { log, run = {} } = options;
  const stores = createRunStores(options.github, options.releasesDir, log);
  return {
    fs: nodeFileSystem,
    log,
    tags: createGitTagStore({ log, ...options.git }),
    releases: stores.releases,
    comments: stores.comments,
    backend: options.backend,
    trainingCache: createTrainingCache({ ...options.cache, tmpRoot: options.tmpRoot, log }),
    tmpDir: () => mkdtemp(path.join(options.tmpRoot, 'mlops-')),
    now: () => new Date(),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
    ...(run.actor ? { actor: run.actor } : {}),
    ...(run.commit ? { commit: run.commit } : {}),
  };
}
