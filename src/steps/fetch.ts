/**
 * `mlops fetch REF --to DIR`: the bundle of a registered version, resolved through the tags,
 * downloaded from its release, verified against SHA256SUMS and unpacked inside DIR only.
 * It never loads TensorFlow.js: deploy jobs fetch without training.
 */
import path from 'node:path';
import { sha256Hex, unpackBundle } from '../adapters/bundle.js';
import { UsageError } from '../errors.js';
import { resolveModelRef } from '../registry/resolve.js';
import { replayTags } from '../registry/state.js';
import { bundleAssetName, versionTag } from '../registry/tags.js';
import type { StepContext, StepDeps } from './context.js';

export interface FetchOutcome {
  name: string;
  version: string;
  tag: string;
  /** How the version was chosen: `production stage`, `latest version`, `version 1.2.0`. */
  via: string;
  dir: string;
  /** sha256 of the downloaded `.tgz`, as listed in the release's SHA256SUMS. */
  sha256: string;
}

/** Downloads and unpacks the bundle of `name` v`version` into `dir`; returns its tag and hash. */
export async function fetchBundle(
  deps: Pick<StepDeps, 'releases'>,
  name: string,
  version: string,
  dir: string,
): Promise<{ tag: string; sha256: string }> {
  const tag = versionTag(name, version);
  const data = await deps.releases.download(tag, bundleAssetName(name, version));
  await unpackBundle(data, dir);
  return { tag, sha256: sha256Hex(data) };
}

/** Resolves `ref` (NAME#STAGE, NAME@vX.Y.Z, NAME@latest) and fetches its bundle into `to`. */
export async function runFetch(
  ctx: StepContext,
  request: { ref: string; to: string },
): Promise<FetchOutcome> {
  const { deps } = ctx;
  const dir = path.resolve(request.to);
  if (await deps.fs.exists(dir)) {
    throw new UsageError(
      `--to ${request.to}: ${dir} already exists; fetch into a new folder so no file is mixed with another bundle.`,
    );
  }
  const resolved = resolveModelRef(replayTags(await deps.tags.list()), request.ref);
  try {
    const fetched = await fetchBundle(deps, resolved.name, resolved.version, dir);
    deps.log.info(
      `fetched ${fetched.tag} (${resolved.via}) into ${dir}; sha256 ${fetched.sha256.slice(0, 12)}…`,
    );
    return { ...resolved, ...fetched, dir };
  } catch (error) {
    // A failed fetch leaves no half-written folder that a deploy step could pick up.
    await deps.fs.remove(dir);
    throw error;
  }
}
