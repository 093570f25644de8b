import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  ChecksumMismatch,
  MlopsError
} from "./chunk-N5O7Y2C6.js";

// src/adapters/bundle.ts
import { createHash } from "node:crypto";
import { lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
var SUMS_FILE = "SHA256SUMS";
var FIXED_MTIME = /* @__PURE__ */ new Date("2000-01-01T00:00:00Z");
var ALLOWED_ENTRY_TYPES = /* @__PURE__ */ new Set(["File", "OldFile", "ContiguousFile", "Directory"]);
var FILE_ENTRY_TYPES = /* @__PURE__ */ new Set(["File", "OldFile", "ContiguousFile"]);
var MIB = 1024 * 1024;
var FEED_CHUNK_BYTES = 16 * 1024;
var BUNDLE_LIMITS = {
  totalBytes: 1024 * MIB,
  entryBytes: 500 * MIB,
  entries: 1e3
};
var BundleTooLarge = class extends MlopsError {
};
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function formatSha256Sums(entries) {
  return [...entries].sort((a, b) => compareText(a.name, b.name)).map(({ name, hash }) => `${hash}  ${name}
`).join("");
}
function parseSha256Sums(text) {
  const sums = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}
function withChecksums(assets) {
  const sums = formatSha256Sums(
    assets.map((asset) => ({ name: asset.name, hash: sha256Hex(asset.data) }))
  );
  return [...assets, { name: SUMS_FILE, data: new TextEncoder().encode(sums) }];
}
function verifyAsset(release, assetName, data) {
  const expected = release.sums.get(assetName);
  if (expected === void 0) {
    throw new MlopsError(
      `Release ${release.tag} has no asset ${assetName}; it has: ${[...release.sums.keys()].join(", ") || "none"} (by its ${SUMS_FILE}, ${release.where}).`
    );
  }
  const actual = sha256Hex(data);
  if (actual !== expected) {
    throw new ChecksumMismatch(
      `Checksum mismatch for ${assetName} of release ${release.tag} (${release.where}): ${SUMS_FILE} says ${expected}, the asset hashes to ${actual}. The asset was changed or corrupted after publishing; register a new version instead of editing a release.`
    );
  }
  return data;
}
async function packBundle(dir, files) {
  const entries = files ? await checkedFiles(dir, files) : await listBundleEntries(dir, "");
  if (entries.length === 0) throw new MlopsError(`Cannot pack ${dir}: the folder is empty.`);
  const chunks = [];
  const { create } = await import("./index.min-7QX7Q66C.js");
  const stream = create(
    {
      cwd: dir,
      gzip: { level: 9 },
      portable: true,
      noDirRecurse: true,
      mtime: FIXED_MTIME,
      onWriteEntry(entry) {
        if (entry.stat) entry.stat.mode = entry.type === "Directory" ? 493 : 420;
      }
    },
    entries
  );
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}
async function unpackBundle(data, targetDir, limits = BUNDLE_LIMITS) {
  await checkEntries(data, limits);
  await mkdir(targetDir, { recursive: true });
  await extractWithinLimits(data, targetDir, limits);
}
async function listBundleEntries(root, prefix) {
  const names = (await readdir(path.join(root, prefix))).sort();
  const entries = [];
  for (const name of names) {
    const relative = prefix ? `${prefix}/${name}` : name;
    const stats = await lstat(path.join(root, relative));
    if (stats.isDirectory()) {
      entries.push(relative, ...await listBundleEntries(root, relative));
    } else if (stats.isFile()) {
      entries.push(relative);
    } else {
      throw new MlopsError(
        `Cannot pack ${path.join(root, relative)}: bundles hold only files and folders (copy the target instead of linking it).`
      );
    }
  }
  return entries;
}
async function checkedFiles(dir, files) {
  for (const file of files) {
    const stats = await lstat(path.join(dir, file));
    if (!stats.isFile()) {
      throw new MlopsError(`Cannot pack ${path.join(dir, file)}: it is not a plain file.`);
    }
  }
  return [...files].sort(compareText);
}
async function checkEntries(data, limits) {
  const problems = [];
  const budget = createBudget(limits);
  let tooLarge = null;
  const { list } = await import("./index.min-7QX7Q66C.js");
  const lister = list({
    strict: true,
    onReadEntry(entry) {
      const problem = entryProblem(entry.path, entry.type);
      if (problem) problems.push(`"${entry.path}" ${problem}`);
      if (tooLarge) return;
      const size = FILE_ENTRY_TYPES.has(entry.type) ? entry.header.size ?? 0 : 0;
      tooLarge = budget.entry(entry.path) ?? budget.bytes(entry.path, size, size);
      if (tooLarge) lister.abort(tooLarge);
    }
  });
  try {
    await feed(lister, data);
  } catch (error) {
    if (tooLarge) throw tooLarge;
    throw new MlopsError(`The bundle is not a readable .tgz archive (${errorMessage(error)}).`);
  }
  if (problems.length > 0) {
    throw new MlopsError(
      `Refusing to unpack the bundle: ${problems.join("; ")}. A model bundle holds only files and folders inside itself; this archive was not made by mlops or was tampered with.`
    );
  }
}
function entryProblem(entryPath, type) {
  if (!ALLOWED_ENTRY_TYPES.has(type)) return `is a ${type} entry, not a file or folder`;
  if (entryPath.includes("\\") || entryPath.includes("\0")) return "has a backslash or NUL";
  if (path.posix.isAbsolute(entryPath) || /^[A-Za-z]:/.test(entryPath)) return "is absolute";
  const normalized = path.posix.normalize(entryPath);
  if (normalized === ".." || normalized.startsWith("../")) return "points outside the folder";
  if (entryPath.split("/").includes("..")) return 'contains ".."';
  return null;
}
async function extractWithinLimits(data, targetDir, limits) {
  const budget = createBudget(limits);
  let tooLarge = null;
  const { extract } = await import("./index.min-7QX7Q66C.js");
  const extractor = extract({
    cwd: targetDir,
    strict: true,
    transform: (entry) => countingStream(entry.path, budget, (error) => {
      tooLarge = error;
      extractor.abort(error);
    })
  });
  try {
    await feed(extractor, data);
  } catch (error) {
    throw tooLarge ?? error;
  }
}
function countingStream(entryPath, budget, refuse) {
  let written = 0;
  let refused = false;
  const counter = new Transform({
    transform(chunk, _encoding, done) {
      if (refused) return done();
      written += chunk.byteLength;
      const tooLarge = budget.bytes(entryPath, chunk.byteLength, written);
      if (!tooLarge) return done(null, chunk);
      refused = true;
      counter.push(null);
      refuse(tooLarge);
      done();
    }
  });
  return counter;
}
function createBudget(limits) {
  let entries = 0;
  let total = 0;
  const refuse = (what) => new BundleTooLarge(
    `Refusing to unpack the bundle: ${what}. A model bundle holds about ten files of at most ${formatMib(limits.entryBytes)} (${formatMib(limits.totalBytes)} together); this archive was not made by mlops or was tampered with. Register the model again from its training run.`
  );
  return {
    entry(entryPath) {
      entries += 1;
      return entries > limits.entries ? refuse(`it has more than ${limits.entries} entries ("${entryPath}" is one too many)`) : null;
    },
    /** `bytes` more of `entryPath`, which now holds `entryTotal` bytes. */
    bytes(entryPath, bytes, entryTotal) {
      total += bytes;
      if (entryTotal > limits.entryBytes) {
        return refuse(`"${entryPath}" unpacks to more than ${formatMib(limits.entryBytes)}`);
      }
      return total > limits.totalBytes ? refuse(`its files unpack to more than ${formatMib(limits.totalBytes)}`) : null;
    }
  };
}
function formatMib(bytes) {
  return `${Math.round(bytes / MIB).toLocaleString("en-US")} MiB`;
}
async function feed(stream, data) {
  const finished = new Promise((resolve, reject) => {
    stream.on("error", reject);
    stream.on("close", resolve);
  });
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 0; offset < bytes.byteLength; offset += FEED_CHUNK_BYTES) {
    const more = stream.write(bytes.subarray(offset, offset + FEED_CHUNK_BYTES));
    if (!more) await Promise.race([onceDrained(stream), finished]);
  }
  stream.end();
  await finished;
}
function onceDrained(stream) {
  return new Promise((resolve) => stream.once("drain", resolve));
}

export {
  SUMS_FILE,
  sha256Hex,
  parseSha256Sums,
  withChecksums,
  verifyAsset,
  packBundle,
  unpackBundle
};
