/**
 * Unpacking a bundle is capped (total bytes, one file's bytes, entries), checked from the headers
 * before anything is written and counted again while writing: a decompression bomb in a release
 * is refused with a named error and exit 2, not expanded until the disk or memory runs out.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import * as tar from 'tar';
import {
  BUNDLE_LIMITS,
  BundleTooLarge,
  unpackBundle,
  type BundleLimits,
} from '../src/adapters/bundle.js';
import { createLocalReleaseStore } from '../src/adapters/local-releases.js';
import { MlopsError } from '../src/errors.js';
import { mlops } from './support/cli.js';
import { git, makeRepo, useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-bundle-caps-');
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

interface RawEntry {
  path: string;
  type?: 'File' | 'Directory' | 'ExtendedHeader' | 'GlobalExtendedHeader';
  /** The body written after the header; absent for a header whose body is cut off. */
  body?: Buffer;
  /** The size the header declares (default: the body's length). */
  size?: number;
}

/** A PAX record body (`LEN key=value\n` lines), as tar writes extended headers. */
function paxBody(records: Record<string, string>): Buffer {
  let text = '';
  for (const [key, value] of Object.entries(records)) {
    const record = ` ${key}=${value}\n`;
    let length = record.length + 1;
    while (`${length}${record}`.length !== length) length = `${length}${record}`.length;
    text += `${length}${record}`;
  }
  return Buffer.from(text);
}

/**
 * A .tgz written header by header, so headers may declare more than follows them (a bomb cut to
 * its first header costs nothing to build) and carry PAX records no honest packer writes.
 */
function craftTgz(entries: RawEntry[], { truncated = false } = {}): Uint8Array {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.body ?? Buffer.alloc(0);
    const header = Buffer.alloc(512);
    new tar.Header({
      path: entry.path,
      type: entry.type ?? 'File',
      size: entry.size ?? body.length,
      mode: entry.type === 'Directory' ? 0o755 : 0o644,
      mtime: new Date(0),
    }).encode(header, 0);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (!truncated) blocks.push(Buffer.alloc(1024));
  return new Uint8Array(gzipSync(Buffer.concat(blocks)));
}

const zeros = (bytes: number) => Buffer.alloc(bytes);

/** Bytes that compress about 60:1, like a bomb's body but under tar's own 1000:1 ratio cap. */
function compressible(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 128) data[i] = (Math.imul(i, 2654435761) >>> 24) & 255;
  return data;
}

/**
 * A real bomb: tar entries of `size` bytes each, streamed through gzip so the test never holds
 * the inflated bytes; ~60:1, the shape of the 13.8 MB archive that expanded to 3 GiB.
 */
async function bombTgz(files: { path: string; size: number }[]): Promise<Uint8Array> {
  const gzip = createGzip({ level: 1 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => gzip.on('end', resolve));
  const write = async (data: Buffer) => {
    if (!gzip.write(data)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  const chunk = compressible(MIB);
  for (const file of files) {
    const header = Buffer.alloc(512);
    const fields = { path: file.path, type: 'File', size: file.size, mode: 0o644 } as const;
    new tar.Header({ ...fields, mtime: new Date(0) }).encode(header, 0);
    await write(header);
    for (let written = 0; written < file.size; written += MIB) await write(chunk);
  }
  gzip.end(Buffer.alloc(1024));
  await ended;
  return new Uint8Array(Buffer.concat(out));
}

/** Caps small enough that real bodies cross them in a test. */
const SMALL: BundleLimits = { totalBytes: 4 * MIB, entryBytes: 3 * MIB, entries: 20 };

async function expectRefusedUnwritten(
  data: Uint8Array,
  message: RegExp,
  limits?: BundleLimits,
): Promise<void> {
  const parent = temp.fresh('parent');
  const target = path.join(parent, 'bundle');
  const attempt = unpackBundle(data, target, limits);
  await expect(attempt).rejects.toThrow(BundleTooLarge);
  await expect(attempt).rejects.toThrow(message);
  expect(existsSync(target)).toBe(false);
}

describe('the caps, checked from the headers before anything is written', () => {
  test('the defaults are 1 GiB in all, 500 MiB for one file, 1,000 entries', () => {
    expect(BUNDLE_LIMITS).toEqual({ totalBytes: GIB, entryBytes: 500 * MIB, entries: 1000 });
  });

  test('a real bomb: one 600 MiB file in an 11 MB .tgz is refused, nothing written', async () => {
    const bomb = await bombTgz([{ path: 'weights.bin', size: 600 * MIB }]);
    expect(bomb.byteLength).toBeLessThan(15 * MIB);
    await expectRefusedUnwritten(bomb, /"weights\.bin" unpacks to more than 500 MiB/);
  });

  test('a real bomb: three 400 MiB files (1.2 GiB together) are refused, nothing written', async () => {
    const files = [1, 2, 3].map((i) => ({ path: `part${i}.bin`, size: 400 * MIB }));
    await expectRefusedUnwritten(await bombTgz(files), /its files unpack to more than 1,024 MiB/);
  });

  test('a file declaring 3 GiB is refused at its header, before its body is inflated', async () => {
    const bomb = craftTgz([{ path: 'weights.bin', size: 3 * GIB }], { truncated: true });
    await expectRefusedUnwritten(bomb, /"weights\.bin" unpacks to more than 500 MiB/);
  });

  test('more than 1,000 entries are refused', async () => {
    const entries = Array.from({ length: 1001 }, (_, i) => ({
      path: `f${i}.json`,
      body: Buffer.from('{}'),
    }));
    await expectRefusedUnwritten(craftTgz(entries), /more than 1000 entries \("f1000\.json"/);
  });

  test('a global PAX header saying size=1 cannot make a 3 GiB file look small', async () => {
    // tar reports such an entry's size as 1, but its parser takes the local record's 3 GiB body.
    const data = craftTgz(
      [
        { path: 'pax_global_header', type: 'GlobalExtendedHeader', body: paxBody({ size: '1' }) },
        {
          path: 'PaxHeader/weights.bin',
          type: 'ExtendedHeader',
          body: paxBody({ size: String(3 * GIB) }),
        },
        { path: 'weights.bin', size: 3 },
      ],
      { truncated: true },
    );
    await expectRefusedUnwritten(data, /"weights\.bin" unpacks to more than 500 MiB/);
  });

  test('the error is an MlopsError with exit code 2 that says what to do', async () => {
    const bomb = craftTgz([{ path: 'weights.bin', size: 3 * GIB }], { truncated: true });
    const error = await unpackBundle(bomb, temp.fresh('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlopsError);
    expect((error as MlopsError).exitCode).toBe(2);
    expect((error as MlopsError).message).toMatch(/was not made by mlops or was tampered with/);
  });
});

describe('real bodies, streamed', () => {
  // Headers after a body are reached only through it, so the total is crossed by real bodies.
  test('files that each fit but together pass the total are refused (scaled-down caps)', async () => {
    const data = craftTgz([1, 2].map((i) => ({ path: `p${i}.bin`, body: zeros(2.5 * MIB) })));
    await expectRefusedUnwritten(data, /its files unpack to more than 4 MiB/, SMALL);
  });

  test('a highly compressible file under the caps unpacks whole', async () => {
    const body = compressible(16 * MIB);
    const data = craftTgz([{ path: 'weights.bin', body }]);
    expect(data.byteLength).toBeLessThan(body.length / 50);
    const target = temp.fresh('whole');
    await unpackBundle(data, target);
    expect(readdirSync(target)).toEqual(['weights.bin']);
    expect(statSync(path.join(target, 'weights.bin')).size).toBe(body.length);
  });
});

describe('mlops fetch of a bomb', () => {
  test('exits 2 naming the cap and leaves no --to folder', async () => {
    const repo = makeRepo({ 'README.md': '# demo\n' });
    git(repo, ['tag', '-a', 'bomb@v1.0.0', '-m', 'hand-made']);
    const bomb = craftTgz([{ path: 'weights.bin', size: 3 * GIB }], { truncated: true });
    await createLocalReleaseStore(path.join(repo, '.mlops/releases')).publish({
      tag: 'bomb@v1.0.0',
      name: 'bomb@v1.0.0',
      notes: '',
      assets: [{ name: 'bomb-v1.0.0.tgz', data: bomb }],
    });
    const to = temp.fresh('fetched');
    const result = await mlops(repo, ['fetch', 'bomb@v1.0.0', '--to', to]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Refusing to unpack the bundle: "weights.bin" unpacks to more');
    expect(existsSync(to)).toBe(false);
  });
});
