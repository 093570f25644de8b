/**
 * The training cache: model bundles packed as `.tgz`, stored under a key that hashes everything
 * training depends on (src/steps/train-cache.ts). On a runner that offers it, the GitHub Actions
 * cache comes first; a local folder always backs it. A cache that fails only warns: training again
 * is always the way out.
 */
import os from 'node:os';
import path from 'node:path';
import { actionsCacheAvailable, createActionsCache } from './cache-actions.js';
import { createFolderCache } from './cache-folder.js';
import type { Logger } from './log.js';

/** A packed bundle as a cache holds it: the archive, and the sha256 it had when it was saved. */
export interface CacheEntry {
  archive: Uint8Array;
  sha256: string;
}

/** An entry found, and which cache held it (for the log). */
export interface CacheHit extends CacheEntry {
  where: string;
}

/** Where trained bundles are kept between runs, by key. */
export interface TrainingCache {
  /** The entry saved under `key`, or null: none there, or the cache could not be read (a warning). */
  restore(key: string): Promise<CacheHit | null>;
  /** Saves `entry` under `key`; a cache that cannot take it warns, never fails the run. */
  save(key: string, entry: CacheEntry): Promise<void>;
}

/** How a run's training cache is made. */
export interface TrainingCacheOptions {
  /** The local cache folder (see cliCacheDir and actionCacheDir). */
  dir: string;
  /** The environment, which says whether the GitHub Actions cache service is there. */
  env: NodeJS.ProcessEnv;
}

/** The folder under a cache root that holds training bundles. */
const CACHE_SUBFOLDER = path.join('mlops-actions', 'training');

/** The local cache, behind the GitHub Actions cache when the runner offers the service. */
export function createTrainingCache(
  options: TrainingCacheOptions & { tmpRoot: string; log: Logger },
): TrainingCache {
  const { env, log } = options;
  const local = createFolderCache(options.dir, log);
  if (!actionsCacheAvailable(env)) return local;
  // The Actions cache restores a folder to the path it was saved from, so entries pass through a
  // path that is the same in every run: RUNNER_TEMP's, where @actions/cache also works.
  const scratch = path.join(env.RUNNER_TEMP || options.tmpRoot, 'mlops-training-cache');
  return layeredCache([createActionsCache(scratch, log), local]);
}

/** Restores from the first cache that has the entry; saves to every one. */
function layeredCache(caches: readonly TrainingCache[]): TrainingCache {
  return {
    async restore(key) {
      for (const cache of caches) {
        const hit = await cache.restore(key);
        if (hit) return hit;
      }
      return null;
    },
    async save(key, entry) {
      for (const cache of caches) await cache.save(key, entry);
    },
  };
}

/**
 * The CLI's cache folder: MLOPS_CACHE_DIR, else `mlops-actions/training` in the user's cache folder
 * (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches on macOS, LOCALAPPDATA on Windows), else, when the
 * environment names no home, `<out>/cache`.
 */
export function cliCacheDir(env: NodeJS.ProcessEnv, cwd: string, out: string): string {
  if (env.MLOPS_CACHE_DIR) return path.resolve(cwd, env.MLOPS_CACHE_DIR);
  const home = userCacheHome(env);
  return home ? path.join(home, CACHE_SUBFOLDER) : path.join(out, 'cache');
}

/**
 * The action's cache folder: MLOPS_CACHE_DIR, else one in the runner's temp folder, emptied after
 * every job. Entries of other jobs then come only through the GitHub Actions cache, whose scopes
 * keep a pull request's entries away from its base branch; a folder kept between jobs on a
 * self-hosted runner (MLOPS_CACHE_DIR) is shared by every job that runs there.
 */
export function actionCacheDir(env: NodeJS.ProcessEnv, workspace: string, tmpRoot: string): string {
  if (env.MLOPS_CACHE_DIR) return path.resolve(workspace, env.MLOPS_CACHE_DIR);
  return path.join(tmpRoot, CACHE_SUBFOLDER);
}

function userCacheHome(env: NodeJS.ProcessEnv): string | null {
  // The XDG spec ignores a relative XDG_CACHE_HOME.
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return env.XDG_CACHE_HOME;
  if (os.platform() === 'win32') return env.LOCALAPPDATA || null;
  if (!env.HOME) return null;
  return os.platform() === 'darwin'
    ? path.join(env.HOME, 'Library', 'Caches')
    : path.join(env.HOME, '.cache');
}
