/**
 * `mlops serve --offline`: the bundle cache (`<out>/serving/bundles/NAME/vX.Y.Z`) stands in for the
 * registry, so a container that holds fetched bundles but no git repository or token can serve
 * them. Each version folder there is a registered version of its model; no stage is assigned (a
 * stage is a tag, and there are none), so a model answers with its latest version. Bundles are
 * checked against their manifest when loaded, as everywhere; nothing is downloaded.
 */
import path from 'node:path';
import semver from 'semver';
import type { FileSystem } from '../adapters/fs.js';
import { DataError } from '../errors.js';
import type { ModelState, RegistryState } from '../registry/state.js';
import { isValidName, isValidVersion, versionTag } from '../registry/tags.js';
import type { StepDeps } from '../steps/context.js';
import { compareText } from '../util/text.js';
import { cachedBundleDir, loadBundleVersion } from './bundle-cache.js';
import type { ServingSource } from './reloader.js';
import type { ServingConfig } from './serving-config.js';

/**
 * The registry the cache under `root` makes: a model per folder whose name decodes to a valid
 * model name, a version per `vX.Y.Z` folder in it; other entries (hash stamps, temp folders) are
 * not versions. Read again on every reload, so a version folder copied in is served next.
 */
export async function cacheRegistry(fs: FileSystem, root: string): Promise<RegistryState> {
  if (!(await fs.isFolder(root))) return { models: [] };
  const models: ModelState[] = [];
  for (const entry of await fs.list(root)) {
    const name = decodedName(entry);
    if (name === null || !(await fs.isFolder(path.join(root, entry)))) continue;
    const versions = (await fs.list(path.join(root, entry)))
      .map((folder) => /^v(.+)$/.exec(folder)?.[1] ?? '')
      .filter(isValidVersion)
      .sort(semver.compareBuild);
    const latest = versions.at(-1);
    if (latest === undefined) continue;
    models.push({
      name,
      versions: versions.map((version) => ({
        version,
        tag: versionTag(name, version),
        commit: '',
        createdAt: '',
        metadata: null,
        deregistered: false,
      })),
      stages: [],
      latest,
      deprecated: false,
      history: [],
    });
  }
  return { models: models.sort((a, b) => compareText(a.name, b.name)) };
}

/**
 * What an offline server serves from: the cache's registry and `servingConfig`, each version loaded
 * from its folder, which must hold a bundle of the model it is filed under.
 */
export function cacheSource(
  deps: Pick<StepDeps, 'fs'>,
  root: string,
  servingConfig: () => Promise<ServingConfig>,
): ServingSource {
  return {
    registry: () => cacheRegistry(deps.fs, root),
    servingConfig,
    load: async (name, planned) => {
      const dir = cachedBundleDir(root, name, planned.version);
      const served = await loadBundleVersion(deps, dir, { name, ...planned });
      const trained = served.loaded.training.name;
      if (trained !== name) {
        served.retire();
        throw new DataError(
          `${dir} holds a bundle of "${trained}", not of "${name}": fetch ${planned.tag} into it again.`,
        );
      }
      return served;
    },
  };
}

/** The model name a cache folder is named after (encoded: see cachedBundleDir), or null. */
function decodedName(entry: string): string | null {
  try {
    const name = decodeURIComponent(entry);
    return isValidName(name) ? name : null;
  } catch {
    return null;
  }
}
