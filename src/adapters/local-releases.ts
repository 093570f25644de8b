/**
 * A folder standing in for GitHub releases, behind the same ReleaseStore interface: one
 * sub-folder per release tag with the assets, `SHA256SUMS` and `release.json`.
 */
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MlopsError, RegistryConflict, UsageError } from '../errors.js';
import type { Release, ReleaseStore } from '../registry/store.js';
import { parseSha256Sums, SUMS_FILE, verifyAsset, withChecksums } from './bundle.js';
import { fileSystemError } from './fs.js';

const RELEASE_FILE = 'release.json';

/** A ReleaseStore keeping each release in `<root>/<tag as a safe folder name>/`. */
export function createLocalReleaseStore(root: string): ReleaseStore {
  const releaseDir = (tag: string) => path.join(root, tagToDirName(tag));
  /** The folder a release was published in: today's name, or the fully escaped one of 0.1. */
  async function publishedDir(tag: string): Promise<string> {
    const dir = releaseDir(tag);
    const legacy = path.join(root, encodedDirName(tag));
    return !(await exists(dir)) && (await exists(legacy)) ? legacy : dir;
  }

  async function readSums(tag: string): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await readFile(path.join(await publishedDir(tag), SUMS_FILE), 'utf8');
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) {
        throw new MlopsError(
          `No release ${tag} in the local folder ${root} (or it has no ${SUMS_FILE}). Versions ` +
            'registered from GitHub Actions keep their bundle in GitHub releases: set GITHUB_TOKEN ' +
            'and GITHUB_REPOSITORY (or --github OWNER/REPO) to read them.',
        );
      }
      throw error;
    }
    return parseSha256Sums(text);
  }

  const store: ReleaseStore = {
    async publish(release: Release) {
      const names = release.assets.map((asset) => checkAssetName(asset.name));
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate) throw new UsageError(`Release ${release.tag} lists asset ${duplicate} twice.`);
      const target = releaseDir(release.tag);
      const published = await publishedDir(release.tag);
      if (await exists(published)) throw releaseExists(release.tag, published);

      await mkdir(root, { recursive: true });
      // Written aside then renamed, so a half-written release is never visible under its tag.
      const staging = await mkdtemp(path.join(root, '.publishing-'));
      try {
        for (const asset of withChecksums(release.assets)) {
          await writeFile(path.join(staging, asset.name), asset.data);
        }
        const info = {
          tag: release.tag,
          name: release.name,
          notes: release.notes,
          created: new Date().toISOString(),
        };
        await writeFile(path.join(staging, RELEASE_FILE), `${JSON.stringify(info, null, 2)}\n`);
        await rename(staging, target);
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        if (isErrorCode(error, 'EEXIST') || isErrorCode(error, 'ENOTEMPTY')) {
          throw releaseExists(release.tag, target);
        }
        throw error;
      }
      return { url: pathToFileURL(target).href };
    },

    async download(tag, assetName) {
      const sums = await readSums(tag);
      const file = path.join(await publishedDir(tag), checkAssetName(assetName, true));
      if (assetName === SUMS_FILE) return new Uint8Array(await readFile(file));
      // An asset SHA256SUMS does not list is refused by verifyAsset before it is ever read.
      const data = sums.has(assetName) ? new Uint8Array(await readFile(file)) : new Uint8Array();
      return verifyAsset({ tag, where: file, sums }, assetName, data);
    },

    pageUrl: (tag) => pathToFileURL(releaseDir(tag)).href,

    async list(tag) {
      try {
        const names = await readdir(await publishedDir(tag));
        return names.filter((name) => name !== RELEASE_FILE).sort();
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return [];
        throw error;
      }
    },
  };
  // A full disk or a release folder that is a file is the machine's problem, said as such.
  const named =
    (action: string) =>
    (error: unknown): never => {
      throw fileSystemError(error, root, action);
    };
  return {
    ...store,
    publish: (release) => store.publish(release).catch(named('write a release in')),
    download: (tag, asset) => store.download(tag, asset).catch(named('read a release in')),
    list: (tag) => store.list(tag).catch(named('read a release in')),
  };
}

/**
 * A folder name for a tag, reversible with decodeURIComponent: `@`, `+` and `=` stay as they are
 * (a file URL keeps them too, so the release's URL is not escaped twice, as in `wages%2540v0.1.0`);
 * other characters but `A-Z a-z 0-9 . _ -` become `%XX`.
 */
export function tagToDirName(tag: string): string {
  return encodedDirName(tag).replace(/%(40|2B|3D)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** Every character but `A-Z a-z 0-9 . _ -` as `%XX`: the folder names of mlops-actions 0.1. */
function encodedDirName(tag: string): string {
  return encodeURIComponent(tag).replace(
    /[!'()*~]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function checkAssetName(name: string, allowReserved = false): string {
  const reserved = name === SUMS_FILE || name === RELEASE_FILE;
  if (/^[^/\\\0]+$/.test(name) && name !== '.' && name !== '..' && (allowReserved || !reserved)) {
    return name;
  }
  throw new UsageError(
    `Invalid release asset name "${name}": use a plain file name` +
      (reserved ? ` (${SUMS_FILE} and ${RELEASE_FILE} are written by the release itself).` : '.'),
  );
}

function releaseExists(tag: string, dir: string): RegistryConflict {
  return new RegistryConflict(
    `Release ${tag} already exists (${dir}); releases are immutable. Register a new version instead.`,
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}

// Duck-typed: errors from Node's fs may come from another realm (e.g. under Jest's VM modules).
function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
