/**
 * GitHub releases as the model store, behind the same ReleaseStore interface as the local folder:
 * a release per version tag, the model card as notes, assets uploaded through the release's
 * `upload_url` and downloaded through the asset API, every download checked against SHA256SUMS.
 */
import { MlopsError, RegistryConflict } from '../errors.js';
import type { Release, ReleaseAsset, ReleaseStore } from '../registry/store.js';
import { parseSha256Sums, sha256Hex, SUMS_FILE, verifyAsset, withChecksums } from './bundle.js';
import { gitHubFailure, httpStatus, type GitHubClient, type GitHubRepo } from './github.js';
import { releasePageUrl } from './github-repo.js';
import type { Logger } from './log.js';

/** GitHub refuses release notes longer than this many characters. */
const NOTES_LIMIT = 125_000;

interface RemoteAsset {
  id: number;
  name: string;
  /** `uploaded` once complete; an upload cut short leaves `starter` or `new`. */
  state: string;
}

interface RemoteRelease {
  id: number;
  html_url: string;
  upload_url: string;
  assets: RemoteAsset[];
}

/** A ReleaseStore on the releases of `repo`; partial releases (no assets yet) are completed. */
export function createGitHubReleaseStore(
  client: GitHubClient,
  repo: GitHubRepo,
  log: Logger,
  webUrl = 'https://github.com',
): ReleaseStore {
  const where = (tag: string) => `${repo.owner}/${repo.repo} release ${tag}`;

  async function findRelease(tag: string): Promise<RemoteRelease | null> {
    try {
      return (await client.rest.repos.getReleaseByTag({ ...repo, tag })).data;
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw gitHubFailure(`read ${where(tag)}`, error);
    }
  }

  async function createRelease(release: Release): Promise<RemoteRelease> {
    try {
      const created = await client.rest.repos.createRelease({
        ...repo,
        tag_name: release.tag,
        name: release.name,
        body: fitNotes(release.notes),
        // A model version is not the repository's software release: never take the "Latest" badge.
        make_latest: 'false',
      });
      return created.data;
    } catch (error) {
      // Another job created it meanwhile: complete that one instead.
      const raced = httpStatus(error) === 422 ? await findRelease(release.tag) : null;
      if (raced) return raced;
      throw gitHubFailure(`create ${where(release.tag)}`, error, ['contents: write']);
    }
  }

  async function downloadAsset(tag: string, asset: RemoteAsset): Promise<Uint8Array> {
    try {
      const response = await client.rest.repos.getReleaseAsset({
        ...repo,
        asset_id: asset.id,
        headers: { accept: 'application/octet-stream' },
      });
      return new Uint8Array(response.data as unknown as ArrayBuffer);
    } catch (error) {
      throw gitHubFailure(`download ${asset.name} of ${where(tag)}`, error);
    }
  }

  async function uploadAsset(
    tag: string,
    release: RemoteRelease,
    asset: ReleaseAsset,
  ): Promise<void> {
    try {
      await client.request({
        method: 'POST',
        url: release.upload_url,
        name: asset.name,
        data: asset.data,
        // No content-length: fetch sets it from the bytes, and Node 24's fetch refuses one given.
        headers: { 'content-type': asset.name === SUMS_FILE ? 'text/plain' : 'application/gzip' },
      });
    } catch (error) {
      // Another job uploaded the same name meanwhile: what counts is that the bytes agree.
      const raced = httpStatus(error) === 422 ? await uploadedAsset(tag, asset.name) : null;
      if (raced) return checkSame(tag, raced, asset);
      throw gitHubFailure(`upload ${asset.name} to ${where(tag)}`, error, ['contents: write']);
    }
  }

  async function uploadedAsset(tag: string, name: string): Promise<RemoteAsset | null> {
    const release = await findRelease(tag);
    return release?.assets.find((a) => a.name === name && a.state === 'uploaded') ?? null;
  }

  /** Removes an asset whose upload was cut short, so the name is free to upload again. */
  async function removeBroken(tag: string, asset: RemoteAsset): Promise<void> {
    log.info(`${where(tag)}: removing ${asset.name}, left incomplete by an interrupted upload`);
    try {
      await client.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset.id });
    } catch (error) {
      if (httpStatus(error) !== 404) {
        throw gitHubFailure(`remove ${asset.name} of ${where(tag)}`, error, ['contents: write']);
      }
    }
  }

  /** An asset already on the release must hold the bytes we would upload: releases never change. */
  async function checkSame(tag: string, remote: RemoteAsset, asset: ReleaseAsset): Promise<void> {
    const existing = await downloadAsset(tag, remote);
    if (sha256Hex(existing) === sha256Hex(asset.data)) return;
    throw new RegistryConflict(
      `${where(tag)} already has an asset ${asset.name} with other content; releases are ` +
        'immutable. Register a new version instead, or delete the release by hand if it is broken.',
    );
  }

  return {
    async publish(release) {
      const existing = await findRelease(release.tag);
      const target = existing ?? (await createRelease(release));
      const files = withChecksums(release.assets);
      for (const broken of target.assets.filter((asset) => asset.state !== 'uploaded')) {
        await removeBroken(release.tag, broken);
      }
      const present = new Map(
        target.assets.filter((a) => a.state === 'uploaded').map((asset) => [asset.name, asset]),
      );
      if (files.every((file) => present.has(file.name))) {
        throw new RegistryConflict(
          `${where(release.tag)} already exists with all its assets; releases are immutable. ` +
            'Register a new version instead.',
        );
      }
      if (existing) log.info(`${where(release.tag)} is incomplete: uploading the missing assets`);
      // SHA256SUMS goes last, so a release that has it is complete.
      for (const file of files) {
        const remote = present.get(file.name);
        if (remote) await checkSame(release.tag, remote, file);
        else await uploadAsset(release.tag, target, file);
      }
      return { url: target.html_url };
    },

    async download(tag, assetName) {
      const release = await findRelease(tag);
      if (!release) {
        throw new MlopsError(
          `There is no ${where(tag)}: the tag exists but its bundle was never published. Run ` +
            '`mlops register` again on its commit to publish it.',
        );
      }
      const uploaded = release.assets.filter((asset) => asset.state === 'uploaded');
      const byName = new Map(uploaded.map((asset) => [asset.name, asset]));
      const sumsAsset = byName.get(SUMS_FILE);
      if (!sumsAsset) {
        throw new RegistryConflict(
          `${where(tag)} has no ${SUMS_FILE}, so its assets cannot be verified: the release is ` +
            'incomplete. Run `mlops register` again on its commit to complete it.',
        );
      }
      const sumsBytes = await downloadAsset(tag, sumsAsset);
      if (assetName === SUMS_FILE) return sumsBytes;
      const sums = parseSha256Sums(new TextDecoder().decode(sumsBytes));
      const asset = byName.get(assetName);
      const data =
        asset && sums.has(assetName) ? await downloadAsset(tag, asset) : new Uint8Array();
      return verifyAsset({ tag, where: where(tag), sums }, assetName, data);
    },

    pageUrl: (tag) => releasePageUrl(webUrl, repo, tag),

    async list(tag) {
      const release = await findRelease(tag);
      return release ? release.assets.map((asset) => asset.name).sort() : [];
    },
  };
}

/** Notes cut under GitHub's limit, saying where the whole model card is. */
function fitNotes(notes: string): string {
  if (notes.length <= NOTES_LIMIT) return notes;
  const note =
    '\n\n> The model card was cut to fit a release: the whole card is README.md in the bundle.\n';
  return notes.slice(0, NOTES_LIMIT - note.length) + note;
}
