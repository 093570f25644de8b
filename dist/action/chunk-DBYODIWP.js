import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  ServedVersion
} from "./chunk-BR5RGRYM.js";
import {
  fetchBundle
} from "./chunk-YEB6Y2FP.js";
import {
  copyVerifiedBundle,
  loadBundle
} from "./chunk-YQZQDQHW.js";
import {
  parseSchema
} from "./chunk-XQRPJJDI.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/serve/bundle-cache.ts
import path from "node:path";
var UNREGISTERED = "unregistered";
function cachedBundleDir(root, name, version) {
  return path.join(root, encodeURIComponent(name), `v${version}`);
}
async function loadCachedVersion(deps, root, name, planned) {
  const dir = cachedBundleDir(root, name, planned.version);
  const stamp = `${dir}.sha256`;
  if (await deps.fs.exists(stamp)) {
    const recorded = (await deps.fs.readText(stamp)).trim();
    if (planned.pin === null || recorded === planned.pin) {
      try {
        return await loadBundleVersion(deps, dir, { name, ...planned });
      } catch (error) {
        if (!(error instanceof DataError || error instanceof UsageError)) throw error;
        deps.log.warn(
          `cached bundle of ${planned.tag} is damaged (${errorMessage(error)}); fetching it again`
        );
      }
    }
  }
  const scratch = await deps.tmpDir();
  try {
    const fetched = await fetchBundle(deps, { name, ...planned }, scratch);
    await copyVerifiedBundle(deps.fs, scratch, dir);
    await deps.fs.write(stamp, `${fetched.sha256}
`);
    deps.log.info(`fetched ${planned.tag} into ${dir}`);
  } finally {
    await deps.fs.remove(scratch);
  }
  return loadBundleVersion(deps, dir, { name, ...planned });
}
async function loadBundleVersion(deps, dir, id) {
  const loaded = await loadBundle(deps.fs, dir);
  const {
    name,
    version,
    tag,
    pin = null
  } = id ?? {
    name: loaded.training.name,
    version: UNREGISTERED,
    tag: dir
  };
  return new ServedVersion(name, version, tag, loaded, await readSchema(deps, dir), pin);
}
async function readSchema(deps, dir) {
  const file = path.join(dir, BUNDLE_FILES.schema);
  if (!await deps.fs.exists(file)) return null;
  const remedy = "Fetch the bundle again, or train it again.";
  return parseSchema(parseJson(await deps.fs.readText(file), file, remedy), file);
}

export {
  cachedBundleDir,
  loadCachedVersion,
  loadBundleVersion
};
