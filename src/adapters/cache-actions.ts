/**
 * The GitHub Actions cache as a training cache, through @actions/cache: each entry is a folder
 * (see cache-folder.ts) saved with saveCache and brought back with restoreCache. @actions/cache
 * loads only when the service is there: it takes about a second to import.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../util/text.js';
import type { CacheHit, TrainingCache } from './cache.js';
import { entryFolderName, readEntryFolder, writeEntryFolder } from './cache-folder.js';
import type { Logger } from './log.js';

const WHERE = 'the GitHub Actions cache';

/**
 * Whether @actions/cache can reach its service: its own test, `isFeatureAvailable` (cache service
 * v2, chosen by ACTIONS_CACHE_SERVICE_V2 except on GitHub Enterprise Server, needs
 * ACTIONS_RESULTS_URL; v1 needs ACTIONS_CACHE_URL), and the ACTIONS_RUNTIME_TOKEN every call sends.
 * The runner gives these to actions, not to `run:` steps.
 */
export function actionsCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  if (!env.ACTIONS_RUNTIME_TOKEN) return false;
  const v2 = Boolean(env.ACTIONS_CACHE_SERVICE_V2) && !isEnterpriseServer(env);
  return Boolean(v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL);
}

// As @actions/cache's isGhes: a server other than github.com, *.ghe.com or *.localhost.
function isEnterpriseServer(env: NodeJS.ProcessEnv): boolean {
  const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toUpperCase();
  return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
}

/**
 * The GitHub Actions cache; entries pass through `scratch/<hash of the key>`. When the service
 * fails, @actions/cache warns and answers a miss (or saves nothing), so this never throws.
 */
export function createActionsCache(scratch: string, log: Logger): TrainingCache {
  const folderOf = (key: string) => path.join(scratch, entryFolderName(key));
  return {
    async restore(key): Promise<CacheHit | null> {
      const dir = folderOf(key);
      try {
        await rm(dir, { recursive: true, force: true });
        const { restoreCache } = await import('@actions/cache');
        // A key restores exactly: a longer key it prefixes belongs to another training.
        if ((await restoreCache([dir], key)) !== key) return null;
        const entry = await readEntryFolder(dir, key);
        return entry && { ...entry, where: WHERE };
      } catch (error) {
        log.warn(
          `training cache: cannot restore key ${key} from ${WHERE} (${errorMessage(error)})`,
        );
        return null;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async save(key, entry) {
      const dir = folderOf(key);
      try {
        await writeEntryFolder(dir, key, entry);
        const { saveCache } = await import('@actions/cache');
        // -1: not saved, and @actions/cache said why (another job saving it, a read-only token…).
        if ((await saveCache([dir], key)) !== -1)
          log.info(`training cache: saved key ${key} to ${WHERE}`);
      } catch (error) {
        log.warn(`training cache: cannot save key ${key} to ${WHERE} (${errorMessage(error)})`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
