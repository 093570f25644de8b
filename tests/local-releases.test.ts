import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalReleaseStore, tagToDirName } from '../src/adapters/local-releases.js';
import { MlopsError, RegistryConflict, UsageError } from '../src/errors.js';
import { useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-releases-');

const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function newStore() {
  const dir = temp.fresh('releases');
  return { dir, store: createLocalReleaseStore(dir) };
}

const release = {
  tag: 'income@v1.2.0',
  name: 'income@v1.2.0',
  notes: '# Model card\n',
  assets: [
    { name: 'income-v1.2.0.tgz', data: bytes('bundle bytes') },
    { name: 'metrics.json', data: bytes('{"auc":0.9}') },
  ],
};

describe('local release store', () => {
  test('publishes assets with SHA256SUMS and release.json, and reads them back', async () => {
    const { dir, store } = newStore();
    const { url } = await store.publish(release);
    const folder = fileURLToPath(url);
    expect(path.dirname(folder)).toBe(dir);

    expect(await store.list('income@v1.2.0')).toEqual([
      'SHA256SUMS',
      'income-v1.2.0.tgz',
      'metrics.json',
    ]);
    expect(await readFile(path.join(folder, 'SHA256SUMS'), 'utf8')).toBe(
      `${sha256('bundle bytes')}  income-v1.2.0.tgz\n${sha256('{"auc":0.9}')}  metrics.json\n`,
    );
    const info = JSON.parse(await readFile(path.join(folder, 'release.json'), 'utf8'));
    expect(info).toMatchObject({
      tag: 'income@v1.2.0',
      name: 'income@v1.2.0',
      notes: '# Model card\n',
    });
    expect(Date.parse(info.created)).not.toBeNaN();

    expect(await store.download('income@v1.2.0', 'income-v1.2.0.tgz')).toEqual(
      bytes('bundle bytes'),
    );
    expect(new TextDecoder().decode(await store.download('income@v1.2.0', 'SHA256SUMS'))).toContain(
      'metrics.json',
    );
  });

  test('tags with @, # and / map to distinct, reversible folder names', async () => {
    const tags = ['income@v1.2.0', 'income#production#3', 'team/churn@v1.0.0', 'a%40b', "x!'()*~"];
    const names = tags.map(tagToDirName);
    expect(new Set(names).size).toBe(tags.length);
    for (const [index, name] of names.entries()) {
      expect(name).toMatch(/^[A-Za-z0-9._%@+=-]+$/);
      expect(decodeURIComponent(name)).toBe(tags[index]);
    }
    const { dir, store } = newStore();
    await store.publish({ ...release, tag: 'team/churn@v1.0.0' });
    expect(await readdir(dir)).toEqual(['team%2Fchurn@v1.0.0']);
  });

  test("a release's URL names its folder once, not escaped twice", async () => {
    const { store } = newStore();
    const { url } = await store.publish(release);
    expect(url).toMatch(/\/income@v1\.2\.0$/);
    expect(store.pageUrl('income@v1.2.0')).toBe(url);
  });

  test('releases in the folders of mlops-actions 0.1 (income%40v1.2.0) are still read', async () => {
    const { dir, store } = newStore();
    await store.publish(release);
    await rename(path.join(dir, 'income@v1.2.0'), path.join(dir, 'income%40v1.2.0'));
    expect(await store.list('income@v1.2.0')).toContain('income-v1.2.0.tgz');
    expect(await store.download('income@v1.2.0', 'income-v1.2.0.tgz')).toEqual(
      bytes('bundle bytes'),
    );
    await expect(store.publish(release)).rejects.toThrow(RegistryConflict);
  });

  test('publishing a release twice is a RegistryConflict and keeps the first', async () => {
    const { store } = newStore();
    await store.publish(release);
    const second = { ...release, assets: [{ name: 'income-v1.2.0.tgz', data: bytes('other') }] };
    await expect(store.publish(second)).rejects.toThrow(RegistryConflict);
    expect(await store.download('income@v1.2.0', 'income-v1.2.0.tgz')).toEqual(
      bytes('bundle bytes'),
    );
  });

  test('concurrent publishes of one tag: exactly one wins, no staging folders left', async () => {
    const { dir, store } = newStore();
    const results = await Promise.allSettled([store.publish(release), store.publish(release)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await readdir(dir)).toEqual([tagToDirName('income@v1.2.0')]);
  });

  test('a modified asset fails the checksum on download', async () => {
    const { store } = newStore();
    const folder = fileURLToPath((await store.publish(release)).url);
    await writeFile(path.join(folder, 'metrics.json'), '{"auc":0.99}');
    const attempt = store.download('income@v1.2.0', 'metrics.json');
    await expect(attempt).rejects.toThrow(MlopsError);
    await expect(attempt).rejects.toThrow(/Checksum mismatch for metrics.json/);
  });

  test('missing releases and assets are explained', async () => {
    const { store } = newStore();
    expect(await store.list('income@v9.9.9')).toEqual([]);
    await expect(store.download('income@v9.9.9', 'x.tgz')).rejects.toThrow(
      /No release income@v9.9.9/,
    );
    await store.publish(release);
    await expect(store.download('income@v1.2.0', 'model.json')).rejects.toThrow(
      /has no asset model.json; it has: income-v1.2.0.tgz, metrics.json/,
    );
  });

  test.each(['SHA256SUMS', 'release.json', '../escape', 'a/b', '..', ''])(
    'refuses the asset name %j',
    async (name) => {
      const { store } = newStore();
      const bad = { ...release, assets: [{ name, data: bytes('x') }] };
      await expect(store.publish(bad)).rejects.toThrow(UsageError);
    },
  );

  test('refuses duplicate asset names', async () => {
    const { store } = newStore();
    const asset = { name: 'a.txt', data: bytes('x') };
    await expect(store.publish({ ...release, assets: [asset, asset] })).rejects.toThrow(/twice/);
  });
});
