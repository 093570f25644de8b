/**
 * Registry trust, attacked as issue 6 item 9 found it: the version tag pins its bundle's sha256, so
 * a release whose .tgz and SHA256SUMS were replaced together is refused by fetch and evaluate, and
 * a release is repaired only with the pinned bytes; a torn or edited bundle is never evaluated or
 * registered; hand-made tags with absurd counters or versions block nothing; metadata is checked
 * against its tag; names git refuses fail at config load. Real git, real tiny trainings, the
 * local release folder and the local GitHub server.
 */
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tagToDirName } from '../src/adapters/local-releases.js';
import { formatSha256Sums, packBundle } from '../src/adapters/bundle.js';
import { createGitHubClient } from '../src/adapters/github.js';
import { RegistryConflict } from '../src/errors.js';
import {
  formatTagMessage,
  TAG_METADATA_SCHEMA_ID,
  type TagMetadata,
} from '../src/registry/metadata.js';
import { nextStageCounter, planVersion, replayTags } from '../src/registry/state.js';
import type { TagRecord } from '../src/registry/store.js';
import {
  ignoredTagReason,
  MAX_TAG_NUMBER,
  parseTag,
  refFormatProblem,
} from '../src/registry/tags.js';
import { CPU, mlops, readJson, tagMessage, tags, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { startFakeGitHub, type FakeGitHub } from './support/github-server.js';
import { git, makeRepo, useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-registry-trust-');
const TOKEN = 'ghs_registry_trust_token_0123';
const TAG = 'churn@v0.1.0';
const ASSET = 'churn-v0.1.0.tgz';
const MODEL = '.mlops/model';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function tinyRepo(): string {
  return makeRepo({ 'data.csv': makeCsv('binary', 120, { seed: 3 }), 'mlops.yml': tinyConfig() });
}

/** A copy of `dir` (work tree, git and release folder) that a test may damage. */
function copyOf(dir: string): string {
  const copy = temp.fresh('copy');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function pinOf(dir: string, tag = TAG): string | undefined {
  const message = tagMessage(dir, tag);
  const meta = JSON.parse(message.slice(message.indexOf('{'), message.lastIndexOf('}') + 1)) as {
    bundleSha256?: string;
  };
  return meta.bundleSha256;
}

const releaseDir = (dir: string) => path.join(dir, '.mlops/releases', tagToDirName(TAG));

/** Rewrites a file of the trained bundle and its manifest entry, as a coherent edit would. */
function rewriteBundleFile(dir: string, name: string, data: string | Buffer): void {
  const bytes = Buffer.from(data);
  writeFileSync(path.join(dir, MODEL, name), bytes);
  const manifestFile = path.join(dir, MODEL, 'manifest.json');
  // Bundles from before manifests have none to keep in step (the attacks are replayed on them too).
  if (!existsSync(manifestFile)) return;
  const manifest = readJson<{ files: Record<string, unknown> }>(dir, `${MODEL}/manifest.json`);
  manifest.files[name] = { sha256: sha256(bytes), size: bytes.byteLength };
  // Formatted as training writes it, so restoring a file restores the bundle's bytes.
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Another coherent bundle than the registered one: same model, another card. */
async function otherBundle(dir: string): Promise<Uint8Array> {
  const copy = temp.fresh('other-bundle');
  cpSync(path.join(dir, MODEL), copy, { recursive: true });
  writeFileSync(path.join(copy, 'README.md'), '# not the registered bundle\n');
  return packBundle(copy);
}

/** What an attacker with write access to releases does: the .tgz and SHA256SUMS replaced together. */
async function swapReleaseBundle(dir: string): Promise<string> {
  const swapped = await otherBundle(dir);
  writeFileSync(path.join(releaseDir(dir), ASSET), swapped);
  const sums = formatSha256Sums([{ name: ASSET, hash: sha256(swapped) }]);
  writeFileSync(path.join(releaseDir(dir), 'SHA256SUMS'), sums);
  return sha256(swapped);
}

/** churn v0.1.0 trained, evaluated and registered, its bundle in the local release folder. */
let registered = '';

beforeAll(async () => {
  registered = tinyRepo();
  const run = await mlops(registered, ['run']);
  expect(run.stderr).not.toContain('internal error');
  expect(run.code).toBe(0);
  expect(tags(registered)).toEqual([TAG]);
});

describe('the version tag pins its bundle', () => {
  test('register records the sha256 of the released .tgz as bundleSha256', () => {
    const archive = readFileSync(path.join(releaseDir(registered), ASSET));
    expect(pinOf(registered)).toBe(sha256(archive));
  });

  test('a .tgz and SHA256SUMS replaced together: fetch exits 2 and unpacks nothing', async () => {
    const dir = copyOf(registered);
    const swapped = await swapReleaseBundle(dir);
    const to = temp.fresh('fetched');
    const result = await mlops(dir, ['fetch', TAG, '--to', to]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${ASSET} of release ${TAG} hashes to ${swapped}`);
    expect(result.stderr).toContain(`but the tag pins ${pinOf(dir)}`);
    expect(existsSync(to)).toBe(false);
  });

  test('the same swap of the baseline fails the evaluation instead of comparing with it', async () => {
    const dir = copyOf(registered);
    await swapReleaseBundle(dir);
    const result = await mlops(dir, ['evaluate']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('but the tag pins');
  });
});

describe('a release is repaired only with the pinned bytes', () => {
  test("a missing release is not re-published from a bundle that differs from the tag's pin", async () => {
    const dir = copyOf(registered);
    rmSync(path.join(dir, '.mlops/releases'), { recursive: true });
    const card = readFileSync(path.join(dir, MODEL, 'README.md'));
    // The same model (data, config, schema, tool) in other bytes, as another machine may make it.
    rewriteBundleFile(dir, 'README.md', '# churn, trained elsewhere\n');
    const refused = await mlops(dir, ['register', '--json']);
    expect(refused.code).toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      tag: TAG,
      existing: true,
      releaseUrl: null,
    });
    expect(refused.stderr).toContain("this run's bundle");
    expect(refused.stderr).toContain(`is not the one the tag pins (${pinOf(dir)?.slice(0, 12)}`);
    expect(existsSync(releaseDir(dir))).toBe(false);

    rewriteBundleFile(dir, 'README.md', card);
    const repaired = await mlops(dir, ['register', '--json']);
    expect(repaired.code).toBe(0);
    expect(JSON.parse(repaired.stdout).releaseUrl).toEqual(expect.any(String));
    expect(sha256(readFileSync(path.join(releaseDir(dir), ASSET)))).toBe(pinOf(dir));
  });
});

describe('on GitHub releases', () => {
  let server: FakeGitHub | null = null;

  afterEach(async () => {
    await server?.close();
    expect(server?.violations ?? []).toEqual([]);
    server = null;
  });

  async function registeredOnGitHub(): Promise<{ dir: string; env: Record<string, string> }> {
    server = await startFakeGitHub({ tokens: { [TOKEN]: 'write' } });
    const env = {
      ...CPU,
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: 'octo/wages',
      GITHUB_API_URL: server.url,
    };
    const dir = tinyRepo();
    const run = await mlops(dir, ['run'], env);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    return { dir, env };
  }

  test('a .tgz and SHA256SUMS replaced together on the release: fetch exits 2', async () => {
    const { dir, env } = await registeredOnGitHub();
    const swapped = Buffer.from(await otherBundle(dir));
    const sums = formatSha256Sums([{ name: ASSET, hash: sha256(swapped) }]);
    server!.tamperAsset(TAG, ASSET, swapped);
    server!.tamperAsset(TAG, 'SHA256SUMS', Buffer.from(sums));
    const to = temp.fresh('fetched');
    const result = await mlops(dir, ['fetch', TAG, '--to', to], env);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`but the tag pins ${pinOf(dir)}`);
    expect(existsSync(to)).toBe(false);
  });

  test('a release whose SHA256SUMS upload was cut off is completed from the pinned bundle', async () => {
    const { dir, env } = await registeredOnGitHub();
    const client = createGitHubClient({
      token: TOKEN,
      baseUrl: server!.url,
      log: { info: () => {}, warn: () => {}, annotate: () => {}, group: (_name, fn) => fn() },
      retryBaseMs: 1,
      spaceWrites: false,
    });
    const sumsAsset = server!.releases()[0]?.assets.find((a) => a.name === 'SHA256SUMS');
    await client.rest.repos.deleteReleaseAsset({
      owner: 'octo',
      repo: 'wages',
      asset_id: sumsAsset?.id ?? 0,
    });
    const again = await mlops(dir, ['register', '--json'], env);
    expect(again.stderr).not.toContain('internal error');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      existing: true,
      releaseUrl: expect.any(String),
    });
    const assets = server!.releases()[0]?.assets ?? [];
    const sums = assets.find((a) => a.name === 'SHA256SUMS')?.data.toString('utf8') ?? '';
    expect(sums).toBe(`${pinOf(dir)}  ${ASSET}\n`);
  });
});

describe('a torn or edited bundle is never evaluated or registered', () => {
  test('killed before its last write (no manifest.json): evaluate and register exit 2', async () => {
    const dir = copyOf(registered);
    rmSync(path.join(dir, MODEL, 'manifest.json'), { force: true });
    for (const step of ['evaluate', 'register']) {
      const result = await mlops(dir, [step]);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is not a whole model bundle: manifest.json is missing');
    }
  });

  test('weights.bin cut short by a full disk: evaluate exits 2 naming the file', async () => {
    const dir = copyOf(registered);
    const weights = path.join(dir, MODEL, 'weights.bin');
    truncateSync(weights, Math.floor(readFileSync(weights).byteLength / 2));
    const result = await mlops(dir, ['evaluate']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not match its manifest\.json: weights\.bin has \d+ bytes/);
  });

  test('a registered model torn afterwards is refused, not "already registered"', async () => {
    const dir = copyOf(registered);
    truncateSync(path.join(dir, MODEL, 'weights.bin'), 16);
    const result = await mlops(dir, ['register']);
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain('already registered');
    expect(result.stderr).toContain('The bundle was torn by a stopped run or edited');
  });

  test('weights edited and re-manifested by hand: the modelId is recomputed and refuses them', async () => {
    const dir = copyOf(registered);
    const weights = readFileSync(path.join(dir, MODEL, 'weights.bin'));
    weights[0] = (weights[0] ?? 0) ^ 0xff;
    rewriteBundleFile(dir, 'weights.bin', weights);
    for (const step of ['evaluate', 'register']) {
      const result = await mlops(dir, [step]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/training\.json: modelId [0-9a-f]{12}… is not the model in/);
    }
  });
});

/** Version-tag metadata for hand-made tags. */
function metadata(name: string, version: string): TagMetadata {
  return {
    schema: TAG_METADATA_SCHEMA_ID,
    name,
    version,
    metrics: { auc: 0.9 },
    task: 'binary',
    dataHash: 'd',
    configHash: 'c',
    createdAt: '2024-05-01T10:00:00.000Z',
  };
}

const record = (tag: string, second: number, message = ''): TagRecord => ({
  tag,
  message,
  commit: 'c'.repeat(40),
  createdAt: `2024-05-01T10:00:${String(second).padStart(2, '0')}.000Z`,
});

describe('counters and versions are bounded', () => {
  const huge = String(Number.MAX_SAFE_INTEGER);
  test.each([
    [`m#staging#${huge}`, 'its counter is above 999,999,999'],
    ['m#staging!#1000000000', 'its counter is above 999,999,999'],
    [`m@v${huge}.0.0`, 'a number of its version is above 999,999,999'],
    ['m@v1.1000000000.0!', 'a number of its version is above 999,999,999'],
  ])('%s is not a registry tag: %s', (tag, reason) => {
    expect(parseTag(tag)).toBeNull();
    expect(ignoredTagReason(tag)).toContain(reason);
  });

  test.each([`m#staging#${MAX_TAG_NUMBER}`, `m@v${MAX_TAG_NUMBER}.0.0`, 'm@v1.0.0'])(
    '%s is read',
    (tag) => {
      expect(parseTag(tag)).not.toBeNull();
      expect(ignoredTagReason(tag)).toBeNull();
    },
  );

  test('a hand-made m#staging#9007199254740991 does not block the next promotion', async () => {
    const dir = makeRepo({ 'mlops.yml': tinyConfig(), 'data.csv': makeCsv('binary', 20) });
    git(dir, [
      'tag',
      '-a',
      TAG,
      '--cleanup=verbatim',
      '-m',
      formatTagMessage(metadata('churn', '0.1.0')),
    ]);
    git(dir, ['tag', '-a', `churn#staging#${huge}`, '-m', 'hand-made']);
    const promoted = await mlops(dir, ['promote', 'churn', '0.1.0', '--to', 'staging']);
    expect(promoted.stderr).not.toContain('internal error');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('churn#staging#1: churn v0.1.0 → staging');
  });

  test('a counter at the bound is a RegistryConflict that names the tag to delete', () => {
    const records = [record(TAG, 1), record(`churn#staging#${MAX_TAG_NUMBER}`, 2)];
    expect(() => nextStageCounter(records, 'churn')).toThrow(RegistryConflict);
    expect(() => nextStageCounter(records, 'churn')).toThrow(
      `churn#staging#${MAX_TAG_NUMBER} holds the highest counter`,
    );
  });

  test('a hand-made version with absurd numbers neither becomes latest nor blocks a bump', () => {
    const state = replayTags([record('churn@v0.3.0', 1), record(`churn@v${huge}.0.0`, 2)]);
    expect(state.models[0]?.latest).toBe('0.3.0');
    expect(planVersion(state, 'churn', { bump: 'minor' })).toBe('0.4.0');
    expect(() => planVersion(state, 'churn', { version: `${huge}.0.0` })).toThrow(/at most/);
  });
});

describe("a tag's metadata is checked against its name", () => {
  test.each([
    ['another model', metadata('other', '0.2.0'), 'describes other v0.2.0, not wages v0.2.0'],
    ['another version', metadata('wages', '9.9.9'), 'describes wages v9.9.9, not wages v0.2.0'],
  ])('metadata about %s is not trusted', (_what, meta, mismatch) => {
    const state = replayTags([record('wages@v0.2.0', 1, formatTagMessage(meta))]);
    const version = state.models[0]?.versions[0];
    expect(version?.metadata).toBeNull();
    expect(version?.metadataMismatch).toContain(mismatch);
  });

  test('matching metadata is kept', () => {
    const meta = metadata('wages', '0.2.0');
    const state = replayTags([record('wages@v0.2.0', 1, formatTagMessage(meta))]);
    expect(state.models[0]?.versions[0]?.metadata).toEqual(meta);
    expect(state.models[0]?.versions[0]).not.toHaveProperty('metadataMismatch');
  });

  test('registry show prints no metrics for a version whose metadata names another', async () => {
    const dir = makeRepo({ 'README.md': '# x\n' });
    const message = formatTagMessage({ ...metadata('other', '9.9.9'), metrics: { auc: 0.123 } });
    git(dir, ['tag', '-a', 'wages@v0.2.0', '--cleanup=verbatim', '-m', message]);
    const shown = await mlops(dir, ['registry', 'show', 'wages']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('v0.2.0');
    expect(shown.stdout).not.toContain('0.123');
  });
});

/** What git itself says of a ref name: the oracle for refFormatProblem. */
function gitAccepts(ref: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', ref], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('names git refuses fail at config load, not at `git tag` after training', () => {
  test.each([
    'churn',
    'team/churn-v2',
    'a//b',
    'a/',
    '/a',
    'a..b',
    'x.lock',
    'dir/x.lock/y',
    '.hidden',
    'a/.b',
    'a.',
    'a b',
    'a~1',
    'a^b',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    'a@{b',
    'a\tb',
    'a\u007fb',
    'dir=a',
    'ünïcode',
  ])('refFormatProblem agrees with git check-ref-format on %j', (name) => {
    const ref = `refs/tags/${name}`;
    expect(refFormatProblem(ref) === null).toBe(gitAccepts(ref));
  });

  test.each([
    ['name: a//b', 'name', 'git refuses it in a tag name: it has an empty part between slashes'],
    [`name: ${'a'.repeat(300)}`, 'name', 'it has 300 characters; at most 100 fit'],
    ['name: a..b', 'name', 'use lower-case letters'],
    ['registry: { stages: [staging, prod//eu] }', 'registry.stages[1]', 'git refuses it'],
    ['registry: { stages: [x.lock] }', 'registry.stages[0]', 'use lower-case letters'],
  ])('%s is a ConfigError naming %s, before any training', async (line, field, message) => {
    const config = tinyConfig().replace('name: churn', '') + `\n${line}\n`;
    const dir = makeRepo({ 'mlops.yml': config, 'data.csv': makeCsv('binary', 20) });
    const result = await mlops(dir, ['train']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`mlops\\.yml:\\d+:\\d+: ${field.replace(/[.[\]]/g, '\\$&')}: `),
    );
    expect(result.stderr).toContain(message);
    expect(existsSync(path.join(dir, MODEL))).toBe(false);
  });

  test('--name a//b is refused naming the flag', async () => {
    const dir = makeRepo({ 'mlops.yml': tinyConfig(), 'data.csv': makeCsv('binary', 20) });
    const result = await mlops(dir, ['train', '--name', 'a//b']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name a//b: git refuses it in a tag name');
  });
});
