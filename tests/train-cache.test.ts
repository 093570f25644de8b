/**
 * The training cache, end to end through the CLI with real training on tiny data: a hit restores
 * the identical bundle without training (no epoch is logged), anything the key hashes misses,
 * --no-cache trains, a damaged entry is ignored with a warning, and the GitHub Actions cache works
 * against a local stand-in for its service, falling back to the local folder when it is absent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../src/adapters/bundle.js';
import { actionsCacheAvailable } from '../src/adapters/cache-actions.js';
import { trainingCacheKey, type CacheInputs } from '../src/steps/train-cache.js';
import { startCacheService, type FakeCacheService } from './support/actions-cache-server.js';
import { CPU, mlops, read, readJson, tags, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { makeRepo, tempDir } from './support/repo.js';

const EPOCH = /epoch \d+\/\d+: loss/;

interface TrainJson {
  bundleDir: string;
  training: { modelId: string };
  cache: { hit: boolean; key: string | null };
}

/** A repository with tiny data and config, and an environment whose cache is a fresh folder. */
function project(): { dir: string; cache: string; env: Record<string, string> } {
  const dir = makeRepo({
    'data.csv': makeCsv('binary', 120, { seed: 5 }),
    'mlops.yml': tinyConfig(),
  });
  const cache = tempDir();
  return { dir, cache, env: { ...CPU, MLOPS_CACHE_DIR: cache } };
}

async function train(dir: string, env: Record<string, string>, ...flags: string[]) {
  const result = await mlops(dir, ['train', '--json', ...flags], env);
  expect(result.code).toBe(0);
  return { outcome: JSON.parse(result.stdout) as TrainJson, log: result.stderr };
}

/** Every file of the bundle, by name. */
function bundleFiles(dir: string): Record<string, string> {
  const model = path.join(dir, '.mlops', 'model');
  return Object.fromEntries(
    readdirSync(model).map((name) => [name, sha256Hex(readFileSync(path.join(model, name)))]),
  );
}

/** What evaluate and report make of the bundle in the output folder. */
async function evaluateAndReport(dir: string, env: Record<string, string>) {
  const evaluated = await mlops(dir, ['evaluate'], env);
  expect((await mlops(dir, ['report'], env)).code).toBe(0);
  return {
    code: evaluated.code,
    evaluation: readJson(dir, '.mlops/evaluation.json'),
    report: read(dir, '.mlops/report.md'),
  };
}

/** The one entry folder in a local cache. */
function onlyEntry(cache: string): string {
  const entries = readdirSync(cache);
  expect(entries).toHaveLength(1);
  return path.join(cache, entries[0] as string);
}

describe('the local training cache', () => {
  test('a second train restores the identical bundle without training; evaluate, report and register then do as after training', async () => {
    const { dir, env } = project();
    const first = await train(dir, env);
    expect(first.outcome.cache.hit).toBe(false);
    expect(first.log).toMatch(EPOCH);
    const trained = bundleFiles(dir);
    const afterTraining = await evaluateAndReport(dir, env);

    const second = await mlops(dir, ['train'], env);
    expect(second.code).toBe(0);
    const key = first.outcome.cache.key as string;
    expect(key).toMatch(/^mlops-train-churn-[0-9a-f]{64}$/);
    expect(second.stdout).toContain(`restored from cache (key ${key})`);
    expect(second.stderr).toContain(`restored from cache (key ${key})`);
    expect(second.stderr).not.toMatch(EPOCH);
    expect(bundleFiles(dir)).toEqual(trained);
    // Training removes the outputs of later steps; so does a restore.
    expect(readdirSync(path.join(dir, '.mlops'))).not.toContain('evaluation.json');

    expect(await evaluateAndReport(dir, env)).toEqual(afterTraining);
    // Forced, so the test holds whatever the default gates make of a two-epoch model.
    const registered = await mlops(dir, ['register', '--force', '--reason', 'cache test'], env);
    expect(registered.code).toBe(0);
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
  });

  test('a changed data row, config field or seed misses; each entry stays for when it comes back', async () => {
    const { dir, env } = project();
    const data = readFileSync(path.join(dir, 'data.csv'), 'utf8');
    const original = await train(dir, env);

    const lines = data.split('\n');
    // One row's label flipped.
    lines[3] = (lines[3] as string).replace(
      /(yes|no)(\r?)$/,
      (_m, label: string, end: string) => `${label === 'yes' ? 'no' : 'yes'}${end}`,
    );
    expect(lines.join('\n')).not.toBe(data);
    writeFileSync(path.join(dir, 'data.csv'), lines.join('\n'));
    const changedRow = await train(dir, env);
    expect(changedRow.outcome.cache.hit).toBe(false);
    expect(changedRow.log).toMatch(EPOCH);

    writeFileSync(path.join(dir, 'data.csv'), data);
    writeFileSync(path.join(dir, 'mlops.yml'), tinyConfig().replace('hidden: [4]', 'hidden: [5]'));
    const changedConfig = await train(dir, env);
    expect(changedConfig.outcome.cache.hit).toBe(false);
    expect(changedConfig.log).toMatch(EPOCH);

    writeFileSync(path.join(dir, 'mlops.yml'), tinyConfig());
    const changedSeed = await train(dir, env, '--seed', '9');
    expect(changedSeed.outcome.cache.hit).toBe(false);

    const keys = [original, changedRow, changedConfig, changedSeed].map((r) => r.outcome.cache.key);
    expect(new Set(keys).size).toBe(4);
    const back = await train(dir, env);
    expect(back.outcome.cache).toEqual({ hit: true, key: original.outcome.cache.key });
    expect(back.outcome.training.modelId).toBe(original.outcome.training.modelId);
  });

  test('--no-cache trains even when the cache holds the bundle, and leaves the cache alone', async () => {
    const { dir, cache, env } = project();
    await train(dir, env);
    const entry = onlyEntry(cache);
    const saved = readFileSync(path.join(entry, 'entry.json'), 'utf8');
    const forced = await train(dir, env, '--no-cache');
    expect(forced.outcome.cache).toEqual({ hit: false, key: null });
    expect(forced.log).toMatch(EPOCH);
    expect(forced.log).toContain('training cache off (--no-cache)');
    expect(readFileSync(path.join(onlyEntry(cache), 'entry.json'), 'utf8')).toBe(saved);
  });

  test('a corrupt entry (bad sha256) or one that is no bundle is ignored with a warning, and training runs and saves it again', async () => {
    const { dir, cache, env } = project();
    await train(dir, env);
    const archive = path.join(onlyEntry(cache), 'bundle.tgz');
    const bytes = readFileSync(archive);
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(archive, bytes);
    const corrupt = await train(dir, env);
    expect(corrupt.log).toMatch(
      /warning: training cache: the entry for key \S+ in the local cache .* is corrupt \(its archive hashes to [0-9a-f]{64}, the entry says [0-9a-f]{64}\); ignoring it and training/,
    );
    expect(corrupt.log).toMatch(EPOCH);
    expect(corrupt.outcome.cache.hit).toBe(false);

    // Bytes that match their sha256 but are no bundle: an archive of someone else's making.
    const junk = Buffer.from('not a tar archive');
    const entry = onlyEntry(cache);
    writeFileSync(path.join(entry, 'bundle.tgz'), junk);
    const meta = JSON.parse(readFileSync(path.join(entry, 'entry.json'), 'utf8')) as object;
    writeFileSync(
      path.join(entry, 'entry.json'),
      JSON.stringify({ ...meta, sha256: sha256Hex(junk) }),
    );
    const unusable = await train(dir, env);
    expect(unusable.log).toMatch(
      /warning: training cache: the entry for key \S+ in the local cache .* cannot be used \(.*\); ignoring it and training/,
    );
    expect(unusable.log).toMatch(EPOCH);

    const mended = await train(dir, env);
    expect(mended.outcome.cache.hit).toBe(true);
    expect(mended.log).not.toMatch(EPOCH);
  });
});

describe('the training cache key', () => {
  const inputs: CacheInputs = {
    dataHash: 'a'.repeat(64),
    configHash: 'b'.repeat(64),
    schemaHash: 'inferred',
    toolVersion: '0.1.0',
    backend: 'cpu',
  };

  test.each([
    ['the data', { dataHash: 'c'.repeat(64) }],
    ['the config', { configHash: 'c'.repeat(64) }],
    ['the committed schema', { schemaHash: 'c'.repeat(64) }],
    ['the package version', { toolVersion: '0.1.1' }],
    ['the backend', { backend: 'wasm' as const }],
  ])('changes with %s', (_what, change) => {
    expect(trainingCacheKey('churn', { ...inputs, ...change })).not.toBe(
      trainingCacheKey('churn', inputs),
    );
  });

  test('is the same for the same inputs, and a valid GitHub Actions cache key', () => {
    const key = trainingCacheKey('churn', { ...inputs });
    expect(key).toBe(trainingCacheKey('churn', inputs));
    expect(key.length).toBeLessThanOrEqual(512);
    expect(key).not.toContain(',');
  });
});

describe('the GitHub Actions cache', () => {
  const VARIABLES = [
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_CACHE_SERVICE_V2',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'GITHUB_SERVER_URL',
    'RUNNER_TEMP',
  ] as const;
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  let service: FakeCacheService;
  let stdout: string[];

  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(() => service.close());
  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    jest.restoreAllMocks();
  });

  /** Sets the runner's variables where @actions/cache reads them; returns them for the CLI too. */
  function runnerEnv(resultsUrl: string): Record<string, string> {
    const variables = {
      ACTIONS_RUNTIME_TOKEN: service.token,
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: resultsUrl,
      RUNNER_TEMP: tempDir(),
    };
    Object.assign(process.env, variables);
    // @actions/core writes the service's messages to stdout, as on a runner.
    stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    return variables;
  }

  test('a bundle saved to the service is restored from it in a later run with an empty local cache', async () => {
    const { dir, env } = project();
    const runner = runnerEnv(service.url);
    const first = await train(dir, { ...env, ...runner });
    const key = first.outcome.cache.key as string;
    expect(first.outcome.cache.hit).toBe(false);
    expect(first.log).toContain(`training cache: saved key ${key} to the GitHub Actions cache`);
    expect(service.keys()).toEqual([key]);
    expect(service.requests).toEqual(
      expect.arrayContaining([
        'POST GetCacheEntryDownloadURL',
        'POST CreateCacheEntry',
        expect.stringMatching(/^PUT \/devstoreaccount1\/actions-cache\/\d+$/),
        'POST FinalizeCacheEntryUpload',
      ]),
    );
    const trained = bundleFiles(dir);

    const fresh = { ...env, ...runner, MLOPS_CACHE_DIR: tempDir() };
    const second = await train(dir, fresh);
    expect(second.outcome.cache).toEqual({ hit: true, key });
    expect(second.log).toContain(`restored from cache (key ${key}), from the GitHub Actions cache`);
    expect(second.log).not.toMatch(EPOCH);
    expect(bundleFiles(dir)).toEqual(trained);
  });

  test('an absent service only warns: the local cache serves, and a miss trains', async () => {
    const { dir, env } = project();
    const closed = await startCacheService();
    await closed.close();
    const runner = runnerEnv(closed.url);
    const first = await train(dir, { ...env, ...runner });
    expect(first.outcome.cache.hit).toBe(false);
    expect(first.log).toMatch(EPOCH);
    expect(stdout.join('')).toMatch(/::warning::Failed to restore: .*ECONNREFUSED/);
    expect(first.log).toContain('saved key');

    const second = await train(dir, { ...env, ...runner });
    expect(second.outcome.cache.hit).toBe(true);
    expect(second.log).toContain('from the local cache');
  });

  test.each([
    ['no variables', {}],
    ['v1: a cache URL and a token', { ACTIONS_CACHE_URL: 'http://x/', ACTIONS_RUNTIME_TOKEN: 't' }],
    ['v1 without a token', { ACTIONS_CACHE_URL: 'http://x/' }],
    [
      'v2: a results URL and a token',
      {
        ACTIONS_CACHE_SERVICE_V2: 'True',
        ACTIONS_RESULTS_URL: 'http://x/',
        ACTIONS_RUNTIME_TOKEN: 't',
      },
    ],
    [
      'v2 with the v1 URL only',
      {
        ACTIONS_CACHE_SERVICE_V2: 'True',
        ACTIONS_CACHE_URL: 'http://x/',
        ACTIONS_RUNTIME_TOKEN: 't',
      },
    ],
    [
      'v2 on GitHub Enterprise Server, which falls back to v1',
      {
        ACTIONS_CACHE_SERVICE_V2: 'True',
        ACTIONS_CACHE_URL: 'http://x/',
        ACTIONS_RUNTIME_TOKEN: 't',
        GITHUB_SERVER_URL: 'https://github.example.com',
      },
    ],
    [
      'v2 on a GHE.com tenant',
      {
        ACTIONS_CACHE_SERVICE_V2: 'True',
        ACTIONS_RESULTS_URL: 'http://x/',
        ACTIONS_RUNTIME_TOKEN: 't',
        GITHUB_SERVER_URL: 'https://acme.ghe.com',
      },
    ],
  ])('the service is used as @actions/cache finds it: %s', async (_what, variables) => {
    for (const name of VARIABLES) delete process.env[name];
    Object.assign(process.env, variables);
    const { isFeatureAvailable } = await import('@actions/cache');
    const expected = isFeatureAvailable() && Boolean(process.env.ACTIONS_RUNTIME_TOKEN);
    expect(actionsCacheAvailable(process.env)).toBe(expected);
  });
});
