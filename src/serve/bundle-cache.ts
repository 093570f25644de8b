/**
 * The bundles a server loads, kept in a cache folder (`<out>/serving/NAME/vX.Y.Z`): fetched once
 * from the version's release (verified against the sha256 its tag pins), then reused on restart
 * while the recorded hash still matches the pin and the folder still matches its manifest.
 */
import path from 'node:path';
import { BUNDLE_FILES } from '../model/bundle.js';
import { parseSchema } from '../data/schema.js';
import type { Schema } from '../data/types.js';
import { DataError, UsageError } from '../errors.js';
import { copyVerifiedBundle, loadBundle } from '../steps/bundle-io.js';
import type { StepDeps } from '../steps/context.js';
import { fetchBundle } from '../steps/fetch.js';
import { parseJson } from '../util/json.js';
import { errorMessage } from '../util/text.js';
import { ServedVersion } from './core.js';
import type { PlannedVersion } from './plan.js';

/** The version of a bundle loaded from a folder rather than the registry. */
const UNREGISTERED = 'unregistered';

export type CacheDeps = Pick<StepDeps, 'fs' | 'releases' | 'tmpDir' | 'log'>;

/** The cache folder of one version; the model name is encoded, so no name leaves `root`. */
export function cachedBundleDir(root: string, name: string, version: string): string {
  return path.join(root, encodeURIComponent(name), `v${version}`);
}

/** Loads `name` `planned` from the cache under `root`, fetching it there first when needed. */
export async function loadCachedVersion(
  deps: CacheDeps,
  root: string,
  name: string,
  planned: PlannedVersion,
): Promise<ServedVersion> {
  const dir = cachedBundleDir(root, name, planned.version);
  // Beside the folder, not in it: the bundle's files are exactly those of its manifest.
  const stamp = `${dir}.sha256`;
  if (await deps.fs.exists(stamp)) {
    const recorded = (await deps.fs.readText(stamp)).trim();
    if (planned.pin === null || recorded === planned.pin) {
      try {
        return await loadBundleVersion(deps, dir, { name, ...planned });
      } catch (error) {
        if (!(error instanceof DataError || error instanceof UsageError)) throw error;
        deps.log.warn(
          `cached bundle of ${planned.tag} is damaged (${errorMessage(error)}); fetching it again`,
        );
      }
    }
  }
  const scratch = await deps.tmpDir();
  try {
    const fetched = await fetchBundle(deps, { name, ...planned }, scratch);
    await copyVerifiedBundle(deps.fs, scratch, dir);
    await deps.fs.write(stamp, `${fetched.sha256}\n`);
    deps.log.info(`fetched ${planned.tag} into ${dir}`);
  } finally {
    await deps.fs.remove(scratch);
  }
  return loadBundleVersion(deps, dir, { name, ...planned });
}

/**
 * Loads a bundle folder as a served version (its schema, when it has one, checks requests); without
 * `id`, a folder outside the registry, it is named by its training.json and versioned `unregistered`.
 */
export async function loadBundleVersion(
  deps: Pick<StepDeps, 'fs'>,
  dir: string,
  id?: { name: string; version: string; tag: string; pin?: string | null },
): Promise<ServedVersion> {
  const loaded = await loadBundle(deps.fs, dir);
  const {
    name,
    version,
    tag,
    pin = null,
  } = id ?? {
    name: loaded.training.name,
    version: UNREGISTERED,
    tag: dir,
  };
  return new ServedVersion(name, version, tag, loaded, await readSchema(deps, dir), pin);
}

async function readSchema(deps: Pick<StepDeps, 'fs'>, dir: string): Promise<Schema | null> {
  const file = path.join(dir, BUNDLE_FILES.schema);
  if (!(await deps.fs.exists(file))) return null;
  const remedy = 'Fetch the bundle again, or train it again.';
  return parseSchema(parseJson(await deps.fs.readText(file), file, remedy), file);
}
