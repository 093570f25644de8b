import { describe, expect, test } from '@jest/globals';
import { chmod, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import {
  formatSha256Sums,
  packBundle,
  parseSha256Sums,
  sha256Hex,
  unpackBundle,
} from '../src/adapters/bundle.js';
import { MlopsError } from '../src/errors.js';
import { useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-bundle-');

const freshDir = () => temp.fresh('dir');

async function writeBundleDir(dir: string, fileMode = 0o644): Promise<void> {
  await mkdir(path.join(dir, 'weights', 'layers'), { recursive: true });
  const files: [string, string][] = [
    ['model.json', '{"format":"layers-model"}'],
    ['weights/group1.bin', 'binary-ish\u0000bytes'],
    ['weights/layers/a.bin', 'aaaa'],
    ['metrics.json', '{"auc":0.9}'],
  ];
  for (const [name, content] of files) {
    await writeFile(path.join(dir, name), content);
    await chmod(path.join(dir, name), fileMode);
  }
}

async function tree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(result, await tree(dir, relative));
    else result[relative] = await readFile(path.join(dir, relative), 'utf8');
  }
  return result;
}

interface RawEntry {
  path: string;
  type: 'File' | 'Directory' | 'SymbolicLink' | 'Link';
  linkpath?: string;
  body?: string;
}

/** A .tgz written header by header, so it can hold entries no honest packer would produce. */
function craftTgz(entries: RawEntry[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    const header = new tar.Header({
      path: entry.path,
      type: entry.type,
      linkpath: entry.linkpath,
      size: body.length,
      mode: entry.type === 'Directory' ? 0o755 : 0o644,
      mtime: new Date(0),
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return new Uint8Array(gzipSync(Buffer.concat(blocks)));
}

describe('sha256', () => {
  test('hex digest of known vectors', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  test('SHA256SUMS is sorted sha256sum output and parses back, text or binary mode', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const text = formatSha256Sums([
      { name: 'z.tgz', hash: a },
      { name: 'my model.json', hash: b },
    ]);
    expect(text).toBe(`${b}  my model.json\n${a}  z.tgz\n`);
    expect(parseSha256Sums(`${text}${a} *bin.dat\r\nnot a line\n`)).toEqual(
      new Map([
        ['my model.json', b],
        ['z.tgz', a],
        ['bin.dat', a],
      ]),
    );
  });
});

describe('packBundle / unpackBundle', () => {
  test('round trips nested files', async () => {
    const source = freshDir();
    await writeBundleDir(source);
    const target = freshDir();
    await unpackBundle(await packBundle(source), target);
    expect(await tree(target)).toEqual(await tree(source));
  });

  test('same content gives the same bytes, whatever the modes and write times', async () => {
    const first = freshDir();
    await writeBundleDir(first, 0o600);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = freshDir();
    await writeBundleDir(second, 0o664);
    const [a, b] = [await packBundle(first), await packBundle(second)];
    expect(sha256Hex(a)).toBe(sha256Hex(b));
  });

  test('entries are sorted, relative, with fixed metadata', async () => {
    const source = freshDir();
    await writeBundleDir(source);
    const seen: string[] = [];
    const lister = tar.list({
      onReadEntry: (entry) => {
        seen.push(`${entry.path} ${entry.mode?.toString(8)} ${entry.mtime?.toISOString() ?? '-'}`);
      },
    });
    const data = await packBundle(source);
    const done = new Promise((resolve) => lister.on('end', resolve));
    lister.end(Buffer.from(data));
    await done;
    expect(seen).toEqual([
      'metrics.json 644 2000-01-01T00:00:00.000Z',
      'model.json 644 2000-01-01T00:00:00.000Z',
      'weights/ 755 -',
      'weights/group1.bin 644 2000-01-01T00:00:00.000Z',
      'weights/layers/ 755 -',
      'weights/layers/a.bin 644 2000-01-01T00:00:00.000Z',
    ]);
  });

  test('refuses to pack symlinks and empty folders', async () => {
    const source = freshDir();
    await writeBundleDir(source);
    await symlink('/etc/passwd', path.join(source, 'passwd'));
    await expect(packBundle(source)).rejects.toThrow(/bundles hold only files and folders/);
    const empty = freshDir();
    await mkdir(empty);
    await expect(packBundle(empty)).rejects.toThrow(/empty/);
  });

  const malicious: [string, RawEntry[]][] = [
    ['a parent path', [{ path: '../evil.txt', type: 'File', body: 'x' }]],
    ['a nested parent path', [{ path: 'a/../../evil.txt', type: 'File', body: 'x' }]],
    ['an absolute path', [{ path: `${os.tmpdir()}/evil.txt`, type: 'File', body: 'x' }]],
    ['a drive path', [{ path: 'C:/evil.txt', type: 'File', body: 'x' }]],
    ['backslashes', [{ path: '..\\..\\evil.txt', type: 'File', body: 'x' }]],
    ['a symlink outside', [{ path: 'link', type: 'SymbolicLink', linkpath: '/etc' }]],
    ['a symlink inside', [{ path: 'link', type: 'SymbolicLink', linkpath: 'model.json' }]],
    ['a hard link outside', [{ path: 'hard', type: 'Link', linkpath: '../../etc/passwd' }]],
    [
      'a bad entry after good ones',
      [
        { path: 'model.json', type: 'File', body: '{}' },
        { path: 'weights', type: 'Directory' },
        { path: 'weights/../../evil.txt', type: 'File', body: 'x' },
      ],
    ],
  ];
  test.each(malicious)('refuses an archive with %s and writes nothing', async (_, entries) => {
    const parent = freshDir();
    const target = path.join(parent, 'bundle');
    await mkdir(parent);
    const attempt = unpackBundle(craftTgz(entries), target);
    await expect(attempt).rejects.toThrow(MlopsError);
    await expect(attempt).rejects.toThrow(/Refusing to unpack the bundle/);
    expect(await readdir(parent)).toEqual([]);
  });

  test('a crafted archive of plain files unpacks (the crafting is sound)', async () => {
    const target = freshDir();
    const data = craftTgz([
      { path: 'weights', type: 'Directory' },
      { path: 'weights/a.bin', type: 'File', body: 'abc' },
    ]);
    await unpackBundle(data, target);
    expect(await tree(target)).toEqual({ 'weights/a.bin': 'abc' });
  });

  test('data that is not a tarball is refused clearly', async () => {
    const target = freshDir();
    await expect(unpackBundle(new TextEncoder().encode('not a tarball'), target)).rejects.toThrow(
      /not a readable .tgz archive/,
    );
  });
});
