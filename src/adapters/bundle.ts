/**
 * Model bundles as `.tgz` release assets and their checksums: packed reproducibly, unpacked only
 * inside the target folder. Lives in adapters because it reads and writes files (through tar).
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import { ChecksumMismatch, MlopsError } from '../errors.js';
import type { ReleaseAsset } from '../registry/store.js';
import { compareText, errorMessage } from '../util/text.js';

/** The checksum file every release carries, in `sha256sum` format. */
export const SUMS_FILE = 'SHA256SUMS';

// A fixed date keeps the archive bytes independent of when and where the files were written.
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
const ALLOWED_ENTRY_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

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

/** Pack the files and folders under `dir` into a gzipped tarball; same content ⇒ same bytes. */
export async function packBundle(dir: string): Promise<Uint8Array> {
  const entries = await listBundleEntries(dir, '');
  if (entries.length === 0) throw new MlopsError(`Cannot pack ${dir}: the folder is empty.`);
  const chunks: Buffer[] = [];
  const stream = tar.create(
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
 * entry is a link, a device, an absolute path or climbs out with `..`.
 */
export async function unpackBundle(data: Uint8Array, targetDir: string): Promise<void> {
  await checkEntries(data);
  await mkdir(targetDir, { recursive: true });
  const extractor = tar.extract({ cwd: targetDir, strict: true });
  await writeAll(extractor, data);
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

async function checkEntries(data: Uint8Array): Promise<void> {
  const problems: string[] = [];
  const lister = tar.list({
    strict: true,
    onReadEntry(entry) {
      const problem = entryProblem(entry.path, entry.type);
      if (problem) problems.push(`"${entry.path}" ${problem}`);
    },
  });
  try {
    await writeAll(lister, data);
  } catch (error) {
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

// tar's parsers are writable streams; resolve when every byte is consumed, reject on error.
function writeAll(stream: tar.Parser, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('close', resolve);
    stream.end(Buffer.from(data));
  });
}
