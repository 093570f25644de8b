/**
 * `mlops fetch REF --to DIR`: the bundle of a registered version, resolved through the tags,
 * downloaded from its release, verified against SHA256SUMS and the sha256 its tag pins, and
 * unpacked inside DIR only. It never loads TensorFlow.js: deploy jobs fetch without training.
 */
import path from 'node:path';
import { sha256Hex, SUMS_FILE, unpackBundle } from '../adapters/bundle.js';
import { ChecksumMismatch, UsageError } from '../errors.js';
import { resolveModelRef } from '../registry/resolve.js';
import { bundlePin, findModel, replayTags } from '../registry/state.js';
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

/** A registered version to fetch: `pin` is the bundle sha256 its tag records, null before pins. */
export interface FetchRequest {
  name: string;
  version: string;
  pin: string | null;
}

/**
 * Downloads and unpacks the bundle of `name` v`version` into `dir`; returns its tag and hash. A
 * bundle whose hash differs from the tag's pin is a ChecksumMismatch, whatever SHA256SUMS says:
 * whoever can replace a release asset can replace SHA256SUMS with it, but not the tag.
 */
export async function fetchBundle(
  deps: Pick<StepDeps, 'releases'>,
  { name, version, pin }: FetchRequest,
  dir: string,
): Promise<{ tag: string; sha256: string }> {
  const tag = versionTag(name, version);
  const asset = bundleAssetName(name, version);
  const data = await deps.releases.download(tag, asset);
  const sha256 = sha256Hex(data);
  if (pin !== null && sha256 !== pin) {
    throw new ChecksumMismatch(
      `${asset} of release ${tag} hashes to ${sha256}, but the tag pins ${pin}: the asset and its ` +
        `${SUMS_FILE} were replaced after registration. It was not unpacked. Publish the ` +
        'registered bundle again (`mlops registry doctor --fix`), or register a new version.',
    );
  }
  await unpackBundle(data, dir);
  return { tag, sha256 };
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
  const state = replayTags(await deps.tags.list());
  const resolved = resolveModelRef(state, request.ref);
  const entry = findModel(state, resolved.name)?.versions.find(
    (v) => v.version === resolved.version,
  );
  const pin = bundlePin(entry);
  if (pin === null) {
    deps.log.info(
      `the tag of ${resolved.name} v${resolved.version} pins no bundle hash (registered before ` +
        'pins, or its metadata is not trusted): the bundle is checked against SHA256SUMS only',
    );
  }
  try {
    const fetched = await fetchBundle(deps, { ...resolved, pin }, dir);
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
