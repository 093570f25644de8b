/**
 * Model bundles as `.tgz` release assets and their checksums: packed reproducibly, unpacked only
 * inside the target folder. Lives in adapters because it reads and writes files (through tar).
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import type * as tar from 'tar';
import { ChecksumMismatch, MlopsError } from '../errors.js';
import type { ReleaseAsset } from '../registry/store.js';
import { compareText, errorMessage } from '../util/text.js';

/** The checksum file every release carries, in `sha256sum` format. */
export const SUMS_FILE = 'SHA256SUMS';

// A fixed date keeps the archive bytes independent of when and where the files were written.
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
const ALLOWED_ENTRY_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);
const FILE_ENTRY_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const MIB = 1024 * 1024;
// Compressed bytes handed to the parser at a time: with tar's cap of 1000:1 on the inflation
// ratio, at most ~16 MiB of inflated data waits in memory for the disk.
const FEED_CHUNK_BYTES = 16 * 1024;

/** What unpacking one bundle may take from the disk. */
export interface BundleLimits {
  /** Bytes of all files together. */
  totalBytes: number;
  /** Bytes of one file. */
  entryBytes: number;
  /** Files and folders. */
  entries: number;
}

/**
 * A bundle is one model: ten files, the weights the largest. 1 GiB of float32 weights is 268
 * million parameters, far beyond the dense networks mlops trains; one file stays below the
 * ~512 MiB longest string V8 holds, since JSON files are read whole; ten files need no thousand.
 */
export const BUNDLE_LIMITS: BundleLimits = {
  totalBytes: 1024 * MIB,
  entryBytes: 500 * MIB,
  entries: 1000,
};

/** A bundle that would unpack beyond BUNDLE_LIMITS (a decompression bomb, or not a model). */
export class BundleTooLarge extends MlopsError {}

/** SHA-256 of `data` as lower-case hex, as written in SHA256SUMS. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `SHA256SUMS` text in `sha256sum` format, sorted by file name. */
export function formatSha256Sums(entries: { name: string; hash: string }[]): string {
  return [...entries]
    .sort((a, b) => compareText(a.name, b.name))
    .map(({ name, hash }) => `${hash}  ${name}\n`)
    .join('');
}

/** File name → hash from `sha256sum` output (text or binary mode lines). */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}

/** A release's assets followed by their SHA256SUMS: uploaded last, its presence means complete. */
export function withChecksums(assets: ReleaseAsset[]): ReleaseAsset[] {
  const sums = formatSha256Sums(
    assets.map((asset) => ({ name: asset.name, hash: sha256Hex(asset.data) })),
  );
  return [...assets, { name: SUMS_FILE, data: new TextEncoder().encode(sums) }];
}

/**
 * `data` when it hashes to what the release's SHA256SUMS lists for `assetName`; otherwise an
 * error, since an asset changed after publishing must never be unpacked or evaluated.
 */
export function verifyAsset(
  release: { tag: string; where: string; sums: Map<string, string> },
  assetName: string,
  data: Uint8Array,
): Uint8Array {
  const expected = release.sums.get(assetName);
  if (expected === undefined) {
    throw new MlopsError(
      `Release ${release.tag} has no asset ${assetName}; it has: ` +
        `${[...release.sums.keys()].join(', ') || 'none'} (by its ${SUMS_FILE}, ${release.where}).`,
    );
  }
  const actual = sha256Hex(data);
  if (actual !== expected) {
    throw new ChecksumMismatch(
      `Checksum mismatch for ${assetName} of release ${release.tag} (${release.where}): ${SUMS_FILE} ` +
        `says ${expected}, the asset hashes to ${actual}. The asset was changed or corrupted after ` +
        'publishing; register a new version instead of editing a release.',
    );
  }
  return data;
}

/**
 * Pack `files` (plain files in `dir`), or by default every file and folder under `dir`, into a
 * gzipped tarball; same content ⇒ same bytes.
 */
export async function packBundle(dir: string, files?: readonly string[]): Promise<Uint8Array> {
  const entries = files ? await checkedFiles(dir, files) : await listBundleEntries(dir, '');
  if (entries.length === 0) throw new MlopsError(`Cannot pack ${dir}: the folder is empty.`);
  const chunks: Buffer[] = [];
  // tar loads when a bundle is packed or unpacked, not with every step that imports this module.
  const { create } = await import('tar');
  const stream = create(
    {
      cwd: dir,
      gzip: { level: 9 },
      portable: true,
      noDirRecurse: true,
      mtime: FIXED_MTIME,
      onWriteEntry(entry) {
        // Modes from the local umask or checkout would make the bytes machine-dependent.
        if (entry.stat) entry.stat.mode = entry.type === 'Directory' ? 0o755 : 0o644;
      },
    },
    entries,
  );
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Unpack a bundle into `targetDir`, refusing the whole archive (before writing anything) when an
 * entry is a link, a device, an absolute path or climbs out with `..`, or when its headers pass
 * `limits`; the bytes written are counted too, and writing stops at a cap whatever a header said.
 */
export async function unpackBundle(
  data: Uint8Array,
  targetDir: string,
  limits: BundleLimits = BUNDLE_LIMITS,
): Promise<void> {
  await checkEntries(data, limits);
  await mkdir(targetDir, { recursive: true });
  await extractWithinLimits(data, targetDir, limits);
}

async function listBundleEntries(root: string, prefix: string): Promise<string[]> {
  const names = (await readdir(path.join(root, prefix))).sort();
  const entries: string[] = [];
  for (const name of names) {
    const relative = prefix ? `${prefix}/${name}` : name;
    const stats = await lstat(path.join(root, relative));
    if (stats.isDirectory()) {
      entries.push(relative, ...(await listBundleEntries(root, relative)));
    } else if (stats.isFile()) {
      entries.push(relative);
    } else {
      throw new MlopsError(
        `Cannot pack ${path.join(root, relative)}: bundles hold only files and folders ` +
          '(copy the target instead of linking it).',
      );
    }
  }
  return entries;
}

async function checkedFiles(dir: string, files: readonly string[]): Promise<string[]> {
  for (const file of files) {
    const stats = await lstat(path.join(dir, file));
    if (!stats.isFile()) {
      throw new MlopsError(`Cannot pack ${path.join(dir, file)}: it is not a plain file.`);
    }
  }
  return [...files].sort(compareText);
}

async function checkEntries(data: Uint8Array, limits: BundleLimits): Promise<void> {
  const problems: string[] = [];
  const budget = createBudget(limits);
  let tooLarge: BundleTooLarge | null = null;
  const { list } = await import('tar');
  const lister: tar.Parser = list({
    strict: true,
    onReadEntry(entry) {
      const problem = entryProblem(entry.path, entry.type);
      if (problem) problems.push(`"${entry.path}" ${problem}`);
      if (tooLarge) return;
      // The header's size is the body the parser reads; `entry.size` can be overridden by a
      // global PAX record that does not move the parser, so it may understate what is written.
      const size = FILE_ENTRY_TYPES.has(entry.type) ? (entry.header.size ?? 0) : 0;
      tooLarge = budget.entry(entry.path) ?? budget.bytes(entry.path, size, size);
      // Stop reading at once: the rest of a bomb is never inflated.
      if (tooLarge) lister.abort(tooLarge);
    },
  });
  try {
    await feed(lister, data);
  } catch (error) {
    if (tooLarge) throw tooLarge;
    throw new MlopsError(`The bundle is not a readable .tgz archive (${errorMessage(error)}).`);
  }
  if (problems.length > 0) {
    throw new MlopsError(
      `Refusing to unpack the bundle: ${problems.join('; ')}. A model bundle holds only files ` +
        'and folders inside itself; this archive was not made by mlops or was tampered with.',
    );
  }
}

function entryProblem(entryPath: string, type: string): string | null {
  if (!ALLOWED_ENTRY_TYPES.has(type)) return `is a ${type} entry, not a file or folder`;
  if (entryPath.includes('\\') || entryPath.includes('\0')) return 'has a backslash or NUL';
  if (path.posix.isAbsolute(entryPath) || /^[A-Za-z]:/.test(entryPath)) return 'is absolute';
  const normalized = path.posix.normalize(entryPath);
  if (normalized === '..' || normalized.startsWith('../')) return 'points outside the folder';
  if (entryPath.split('/').includes('..')) return 'contains ".."';
  return null;
}

// The checks above read the headers; this counts the bytes that reach the disk, so a cap holds
// even if a header and the body the parser takes ever disagreed.
async function extractWithinLimits(
  data: Uint8Array,
  targetDir: string,
  limits: BundleLimits,
): Promise<void> {
  const budget = createBudget(limits);
  let tooLarge: BundleTooLarge | null = null;
  const { extract } = await import('tar');
  const extractor: tar.Unpack = extract({
    cwd: targetDir,
    strict: true,
    transform: (entry) =>
      countingStream(entry.path, budget, (error) => {
        tooLarge = error;
        extractor.abort(error);
      }),
  });
  try {
    await feed(extractor, data);
  } catch (error) {
    throw tooLarge ?? error;
  }
}

/**
 * A pass-through for one entry's bytes that charges them to `budget`; past a cap it ends the file
 * (so its descriptor is closed), drops the rest and calls `refuse` once.
 */
function countingStream(
  entryPath: string,
  budget: ReturnType<typeof createBudget>,
  refuse: (error: BundleTooLarge) => void,
): tar.ReadEntry {
  let written = 0;
  let refused = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (refused) return done();
      written += chunk.byteLength;
      const tooLarge = budget.bytes(entryPath, chunk.byteLength, written);
      if (!tooLarge) return done(null, chunk);
      refused = true;
      counter.push(null);
      refuse(tooLarge);
      done();
    },
  });
  // tar pipes the entry through whatever stream `transform` returns; its type names its own class.
  return counter as unknown as tar.ReadEntry;
}

/** Counts entries and bytes against `limits`; each call returns the error once a cap is passed. */
function createBudget(limits: BundleLimits) {
  let entries = 0;
  let total = 0;
  const refuse = (what: string) =>
    new BundleTooLarge(
      `Refusing to unpack the bundle: ${what}. A model bundle holds about ten files of at most ` +
        `${formatMib(limits.entryBytes)} (${formatMib(limits.totalBytes)} together); this archive ` +
        'was not made by mlops or was tampered with. Register the model again from its training run.',
    );
  return {
    entry(entryPath: string): BundleTooLarge | null {
      entries += 1;
      return entries > limits.entries
        ? refuse(`it has more than ${limits.entries} entries ("${entryPath}" is one too many)`)
        : null;
    },
    /** `bytes` more of `entryPath`, which now holds `entryTotal` bytes. */
    bytes(entryPath: string, bytes: number, entryTotal: number): BundleTooLarge | null {
      total += bytes;
      if (entryTotal > limits.entryBytes) {
        return refuse(`"${entryPath}" unpacks to more than ${formatMib(limits.entryBytes)}`);
      }
      return total > limits.totalBytes
        ? refuse(`its files unpack to more than ${formatMib(limits.totalBytes)}`)
        : null;
    },
  };
}

function formatMib(bytes: number): string {
  return `${Math.round(bytes / MIB).toLocaleString('en-US')} MiB`;
}

// tar's parsers are writable streams: fed in small chunks, waiting whenever the disk is behind, so
// no more than a chunk's inflation is ever held in memory; resolves when every byte is consumed.
async function feed(stream: tar.Parser, data: Uint8Array): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('close', resolve);
  });
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 0; offset < bytes.byteLength; offset += FEED_CHUNK_BYTES) {
    const more = stream.write(bytes.subarray(offset, offset + FEED_CHUNK_BYTES));
    if (!more) await Promise.race([onceDrained(stream), finished]);
  }
  stream.end();
  await finished;
}

function onceDrained(stream: tar.Parser): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}
