import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  gitHubFailure,
  httpStatus
} from "./chunk-QQD5QRTO.js";
import "./chunk-YEV7L4AC.js";
import "./chunk-WG7UCFDQ.js";
import {
  SUMS_FILE,
  parseSha256Sums,
  sha256Hex,
  verifyAsset,
  withChecksums
} from "./chunk-T6OIANNY.js";
import {
  releasePageUrl
} from "./chunk-BKOIQZVU.js";
import "./chunk-NM5J5SUB.js";
import {
  MlopsError,
  RegistryConflict
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/adapters/github-releases.ts
var NOTES_LIMIT = 125e3;
function createGitHubReleaseStore(client, repo, log, webUrl = "https://github.com") {
  const where = (tag) => `${repo.owner}/${repo.repo} release ${tag}`;
  async function findRelease(tag) {
    try {
      return (await client.rest.repos.getReleaseByTag({ ...repo, tag })).data;
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw gitHubFailure(`read ${where(tag)}`, error);
    }
  }
  async function createRelease(release) {
    try {
      const created = await client.rest.repos.createRelease({
        ...repo,
        tag_name: release.tag,
        name: release.name,
        body: fitNotes(release.notes),
        // A model version is not the repository's software release: never take the "Latest" badge.
        make_latest: "false"
      });
      return created.data;
    } catch (error) {
      const raced = httpStatus(error) === 422 ? await findRelease(release.tag) : null;
      if (raced) return raced;
      throw gitHubFailure(`create ${where(release.tag)}`, error, ["contents: write"]);
    }
  }
  async function downloadAsset(tag, asset) {
    try {
      const response = await client.rest.repos.getReleaseAsset({
        ...repo,
        asset_id: asset.id,
        headers: { accept: "application/octet-stream" }
      });
      return new Uint8Array(response.data);
    } catch (error) {
      throw gitHubFailure(`download ${asset.name} of ${where(tag)}`, error);
    }
  }
  async function uploadAsset(tag, release, asset) {
    try {
      await client.request({
        method: "POST",
        url: release.upload_url,
        name: asset.name,
        data: asset.data,
        // No content-length: fetch sets it from the bytes, and Node 24's fetch refuses one given.
        headers: { "content-type": asset.name === SUMS_FILE ? "text/plain" : "application/gzip" }
      });
    } catch (error) {
      const raced = httpStatus(error) === 422 ? await uploadedAsset(tag, asset.name) : null;
      if (raced) return checkSame(tag, raced, asset);
      throw gitHubFailure(`upload ${asset.name} to ${where(tag)}`, error, ["contents: write"]);
    }
  }
  async function uploadedAsset(tag, name) {
    const release = await findRelease(tag);
    return release?.assets.find((a) => a.name === name && a.state === "uploaded") ?? null;
  }
  async function removeBroken(tag, asset) {
    log.info(`${where(tag)}: removing ${asset.name}, left incomplete by an interrupted upload`);
    try {
      await client.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset.id });
    } catch (error) {
      if (httpStatus(error) !== 404) {
        throw gitHubFailure(`remove ${asset.name} of ${where(tag)}`, error, ["contents: write"]);
      }
    }
  }
  async function checkSame(tag, remote, asset) {
    const existing = await downloadAsset(tag, remote);
    if (sha256Hex(existing) === sha256Hex(asset.data)) return;
    throw new RegistryConflict(
      `${where(tag)} already has an asset ${asset.name} with other content; releases are immutable. Register a new version instead, or delete the release by hand if it is broken.`
    );
  }
  return {
    async publish(release) {
      const existing = await findRelease(release.tag);
      const target = existing ?? await createRelease(release);
      const files = withChecksums(release.assets);
      for (const broken of target.assets.filter((asset) => asset.state !== "uploaded")) {
        await removeBroken(release.tag, broken);
      }
      const present = new Map(
        target.assets.filter((a) => a.state === "uploaded").map((asset) => [asset.name, asset])
      );
      if (files.every((file) => present.has(file.name))) {
        throw new RegistryConflict(
          `${where(release.tag)} already exists with all its assets; releases are immutable. Register a new version instead.`
        );
      }
      if (existing) log.info(`${where(release.tag)} is incomplete: uploading the missing assets`);
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
          `There is no ${where(tag)}: the tag exists but its bundle was never published. Run \`mlops register\` again on its commit to publish it.`
        );
      }
      const uploaded = release.assets.filter((asset2) => asset2.state === "uploaded");
      const byName = new Map(uploaded.map((asset2) => [asset2.name, asset2]));
      const sumsAsset = byName.get(SUMS_FILE);
      if (!sumsAsset) {
        throw new RegistryConflict(
          `${where(tag)} has no ${SUMS_FILE}, so its assets cannot be verified: the release is incomplete. Run \`mlops register\` again on its commit to complete it.`
        );
      }
      const sumsBytes = await downloadAsset(tag, sumsAsset);
      if (assetName === SUMS_FILE) return sumsBytes;
      const sums = parseSha256Sums(new TextDecoder().decode(sumsBytes));
      const asset = byName.get(assetName);
      const data = asset && sums.has(assetName) ? await downloadAsset(tag, asset) : new Uint8Array();
      return verifyAsset({ tag, where: where(tag), sums }, assetName, data);
    },
    pageUrl: (tag) => releasePageUrl(webUrl, repo, tag),
    async list(tag) {
      const release = await findRelease(tag);
      return release ? release.assets.map((asset) => asset.name).sort() : [];
    }
  };
}
function fitNotes(notes) {
  if (notes.length <= NOTES_LIMIT) return notes;
  const note = "\n\n> The model card was cut to fit a release: the whole card is README.md in the bundle.\n";
  return notes.slice(0, NOTES_LIMIT - note.length) + note;
}
export {
  createGitHubReleaseStore
};
