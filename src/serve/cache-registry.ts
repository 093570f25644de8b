/**
 * `mlops serve --offline`: the bundle cache (`<out>/serving/bundles/NAME/vX.Y.Z`) stands in for the
 * registry, so a container that holds fetched bundles but no git repository or token can serve
 * them. Each version folder there is a registered version of its model. A stage is a tag, and
 * there are none: the stages a model's versions were fetched for are recorded beside them in
 * `NAME/stages.json` (`{"production": "1.2.0"}`, which deploy.yml writes), so `/labels/STAGE`
 * routes work and a model answers with its last stage's version, as online; without the file a
 * model holds no stage and answers with its latest version. Bundles are checked against their
 * manifest when loaded, as everywhere; nothing is downloaded.
 */
import path from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import type { FileSystem } from '../adapters/fs.js';
import { DataError } from '../errors.js';
import type { ModelState, RegistryState, StageAssignment } from '../registry/state.js';
import { isValidName, isValidVersion, versionTag } from '../registry/tags.js';
import type { StepDeps } from '../steps/context.js';
import { parseJson } from '../util/json.js';
import { compareText } from '../util/text.js';
import { cachedBundleDir, loadBundleVersion } from './bundle-cache.js';
import { quoted } from './instances.js';
import type { ServingSource } from './reloader.js';
import type { ServingConfig } from './serving-config.js';

/** The file in a model's cache folder naming the version each stage holds there. */
const STAGES_FILE = 'stages.json';

const stagesSchema = z.record(z.string(), z.string());

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
    const dir = path.join(root, entry);
    if (name === null || !(await fs.isFolder(dir))) continue;
    const versions = (await fs.list(dir))
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
      stages: await cachedStages(fs, dir, versions),
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

/**
 * The stages `stages.json` in a model's cache folder `dir` assigns, ascending by stage; none
 * without the file. A DataError names the file and the stage that cannot be served.
 */
async function cachedStages(
  fs: FileSystem,
  dir: string,
  versions: readonly string[],
): Promise<StageAssignment[]> {
  const file = path.join(dir, STAGES_FILE);
  if (!(await fs.exists(file))) return [];
  const remedy = 'Write it as {"STAGE": "X.Y.Z"}, each version one cached beside it.';
  const parsed = stagesSchema.safeParse(parseJson(await fs.readText(file), file, remedy));
  if (!parsed.success) {
    throw new DataError(`${file}: expected an object of stages and versions. ${remedy}`);
  }
  return Object.entries(parsed.data)
    .map(([stage, written]) => {
      const version = written.replace(/^v/, '');
      if (!isValidName(stage)) {
        throw new DataError(
          `${file}: ${quoted(stage)} is not a stage name (lower-case letters, digits, "-" and "/").`,
        );
      }
      if (!versions.includes(version)) {
        const cached = versions.map((v) => `v${v}`).join(', ');
        throw new DataError(
          `${file}: ${stage}: no bundle of version ${quoted(written)} is cached here (${cached}). ${remedy}`,
        );
      }
      return { stage, version, tag: '', since: '' };
    })
    .sort((a, b) => compareText(a.stage, b.stage));
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
