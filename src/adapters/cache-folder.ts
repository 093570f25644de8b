/**
 * A training-cache entry as a folder: `bundle.tgz` and `entry.json` (the key and the archive's
 * sha256), named by a hash of the key so no key can name a path. The local cache is a folder of
 * them; the GitHub Actions cache saves and restores one at a time.
 */
import path from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../util/text.js';
import { sha256Hex } from './bundle.js';
import type { CacheEntry, CacheHit, TrainingCache } from './cache.js';
import { nodeFileSystem } from './fs.js';
import type { Logger } from './log.js';

const ENTRY_FORMAT = 'mlops-actions/training-cache-entry/v1';
const ARCHIVE_FILE = 'bundle.tgz';
const ENTRY_FILE = 'entry.json';

const entrySchema = z.object({
  format: z.literal(ENTRY_FORMAT),
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The folder name of `key`'s entry. */
export function entryFolderName(key: string): string {
  return sha256Hex(new TextEncoder().encode(key));
}

/** Writes `entry` as a folder at `dir`, whole or not at all (a crash leaves no torn entry). */
export async function writeEntryFolder(dir: string, key: string, entry: CacheEntry): Promise<void> {
  const meta = { format: ENTRY_FORMAT, key, sha256: entry.sha256 };
  await nodeFileSystem.writeFolder(dir, {
    [ARCHIVE_FILE]: entry.archive,
    [ENTRY_FILE]: `${JSON.stringify(meta, null, 2)}\n`,
  });
}

/**
 * The entry in the folder `dir`, or null when there is none; an unreadable one, or one saved
 * under another key, is an error. The archive is not checked against its sha256 here: the step
 * does it for every cache alike.
 */
export async function readEntryFolder(dir: string, key: string): Promise<CacheEntry | null> {
  const metaFile = path.join(dir, ENTRY_FILE);
  if (!(await nodeFileSystem.exists(metaFile))) return null;
  const meta = entrySchema.safeParse(JSON.parse(await nodeFileSystem.readText(metaFile)));
  if (!meta.success) throw new Error(`${ENTRY_FILE} is not a ${ENTRY_FORMAT} record`);
  if (meta.data.key !== key) throw new Error(`it was saved under another key, ${meta.data.key}`);
  const archive = await nodeFileSystem.readBytes(path.join(dir, ARCHIVE_FILE));
  return { archive, sha256: meta.data.sha256 };
}

/** The local cache: one entry folder per key in `root`. */
export function createFolderCache(root: string, log: Logger): TrainingCache {
  const where = `the local cache ${root}`;
  return {
    async restore(key): Promise<CacheHit | null> {
      try {
        const entry = await readEntryFolder(path.join(root, entryFolderName(key)), key);
        return entry && { ...entry, where };
      } catch (error) {
        log.warn(
          `training cache: cannot read the entry for key ${key} in ${where} (${errorMessage(error)}); ignoring it`,
        );
        return null;
      }
    },
    async save(key, entry) {
      try {
        await writeEntryFolder(path.join(root, entryFolderName(key)), key, entry);
        log.info(`training cache: saved key ${key} to ${where}`);
      } catch (error) {
        log.warn(`training cache: cannot save key ${key} to ${where} (${errorMessage(error)})`);
      }
    },
  };
}
