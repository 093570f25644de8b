/**
 * Registration is idempotent and race-free: the same model is registered once, a commit carries
 * one version of a model, and two runs registering at once both finish green.
 */
import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { nodeFileSystem } from '../src/adapters/fs.js';
import { createLocalReleaseStore } from '../src/adapters/local-releases.js';
import { createConsoleLogger } from '../src/adapters/log.js';
import { createLocalDeps } from '../src/cli/deps.js';
import { isSameModel, parseTagMessage, type ModelIdentity } from '../src/registry/metadata.js';
import { replayTags, sameModelVersions } from '../src/registry/state.js';
import type { TagRecord, TagStore } from '../src/registry/store.js';
import { runRegister, type RegistrationOutcome } from '../src/steps/register.js';
import { resolveConfig } from '../src/steps/setup.js';
import { CPU, mlops, readJson, tagMessage, tags, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { addBareRemote, git, makeRepo, useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-register-');

function tinyRepo(extra = '', seed = 1): string {
  return makeRepo({ 'data.csv': makeCsv('binary', 120, { seed }), 'mlops.yml': tinyConfig(extra) });
}

async function trainAndEvaluate(dir: string): Promise<void> {
  expect((await mlops(dir, ['train'])).code).toBe(0);
  await mlops(dir, ['evaluate']);
}

function tagMetadata(dir: string, tag: string) {
  return parseTagMessage(tagMessage(dir, tag));
}

/** Rewrites a file of the trained bundle as a training run would: its manifest entry with it. */
function rewriteBundleFile(dir: string, name: string, text: string): void {
  const manifestFile = path.join(dir, '.mlops/model/manifest.json');
  const manifest = readJson<{ files: Record<string, unknown> }>(dir, '.mlops/model/manifest.json');
  const bytes = Buffer.from(text);
  manifest.files[name] = {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
  };
  writeFileSync(path.join(dir, '.mlops/model', name), bytes);
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

function commitFile(dir: string, file: string, text: string, message: string): string {
  writeFileSync(path.join(dir, file), text);
  git(dir, ['add', file]);
  git(dir, ['commit', '-q', '-m', message]);
  return git(dir, ['rev-parse', 'HEAD']);
}

describe('the same model is registered once', () => {
  test('a docs-only commit registers nothing and names the version it reuses', async () => {
    const dir = tinyRepo();
    await trainAndEvaluate(dir);
    expect((await mlops(dir, ['register'])).code).toBe(0);
    const training = readJson(dir, '.mlops/model/training.json');
    expect(training).toMatchObject({
      schemaHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      toolVersion: packageJson.version,
    });
    expect(tagMetadata(dir, 'churn@v0.1.0')).toMatchObject({
      schemaHash: training.schemaHash,
      toolVersion: packageJson.version,
    });

    const docs = commitFile(dir, 'README.md', '# churn\n', 'docs only');
    await trainAndEvaluate(dir);
    const again = await mlops(dir, ['register', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      version: '0.1.0',
      existing: true,
      releaseUrl: null,
      forced: null,
    });
    expect(again.stderr).toMatch(/churn v0\.1\.0 \(churn@v0\.1\.0 on [0-9a-f]{7}\) is this model/);
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
    expect(git(dir, ['rev-parse', 'churn@v0.1.0^{commit}'])).not.toBe(docs);
  });

  test('a version whose release is missing is reused, and its release published again', async () => {
    const dir = tinyRepo();
    await trainAndEvaluate(dir);
    expect((await mlops(dir, ['register'])).code).toBe(0);
    const releases = path.join(dir, '.mlops/releases');
    rmSync(releases, { recursive: true });

    const again = await mlops(dir, ['register', '--json']);
    expect(again.code).toBe(0);
    const outcome = JSON.parse(again.stdout) as RegistrationOutcome;
    expect(outcome).toMatchObject({ version: '0.1.0', existing: true });
    expect(outcome.releaseUrl).toEqual(expect.any(String));
    expect(again.stderr).toContain('the release of churn@v0.1.0 was missing; re-published');
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
    const listed = await createLocalReleaseStore(releases).list('churn@v0.1.0');
    expect(listed).toEqual(expect.arrayContaining(['churn-v0.1.0.tgz', 'SHA256SUMS']));
  });

  test('an uncommitted config change on a registered commit is VersionExistsForCommit, even forced', async () => {
    const dir = tinyRepo();
    await trainAndEvaluate(dir);
    expect((await mlops(dir, ['register'])).code).toBe(0);
    // A gate changes the config hash: another model, on the commit v0.1.0 already names.
    writeFileSync(
      path.join(dir, 'mlops.yml'),
      tinyConfig('gates: [{ metric: auc, lower_bound: 0 }]'),
    );
    await trainAndEvaluate(dir);
    for (const argv of [['register'], ['register', '--force']]) {
      const refused = await mlops(dir, argv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('error: churn@v0.2.0 was not created: commit');
      expect(refused.stderr).toContain('already carries churn v0.1.0 (tag churn@v0.1.0)');
      expect(refused.stderr).toContain('commit the change');
    }
    expect(tags(dir)).toEqual(['churn@v0.1.0']);

    git(dir, ['commit', '-q', '-am', 'add a gate']);
    const registered = await mlops(dir, ['register']);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toContain('registered churn@v0.2.0');
  });

  test('a re-run by a newer minor release of mlops-actions reuses the version on its commit', async () => {
    const dir = tinyRepo();
    await trainAndEvaluate(dir);
    expect((await mlops(dir, ['register'])).code).toBe(0);
    // As if the action moved from @v0.1 to @v0.2 between the job and its re-run.
    const training = readJson(dir, '.mlops/model/training.json');
    rewriteBundleFile(dir, 'training.json', JSON.stringify({ ...training, toolVersion: '99.1.0' }));
    const rerun = await mlops(dir, ['register', '--json']);
    expect(rerun.stderr).toMatch(
      /made from the same inputs by mlops-actions .* \(this is 99\.1\.0\); reusing it/,
    );
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ version: '0.1.0', existing: true });
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
  });

  test('register --force --reason records who forced a NOT_BLESSED model, and why', async () => {
    const dir = tinyRepo('gates: [{ metric: accuracy, lower_bound: 0.999 }]');
    await trainAndEvaluate(dir);
    const unexplained = await mlops(dir, ['register', '--force']);
    expect(unexplained.code).toBe(2);
    expect(unexplained.stderr).toMatch(/--force: churn was NOT_BLESSED .* --reason TEXT/);

    const forced = await mlops(dir, ['register', '--force', '--reason', 'hotfix for the demo']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(
      /warning: registering churn v0\.1\.0 that FAILED its gates: accuracy ≥ 0\.999/,
    );
    expect(tagMetadata(dir, 'churn@v0.1.0')).toMatchObject({
      blessed: false,
      // makeRepo's git identity: outside GitHub Actions, the git user forced it.
      forced: { by: 'Test <test@example.com>', reason: 'hotfix for the demo' },
    });
  });
});

describe('the identity of a model', () => {
  const identity: ModelIdentity = {
    dataHash: 'd',
    configHash: 'c',
    schemaHash: 's',
    toolVersion: '1.4.2',
  };

  test.each<[string, Partial<ModelIdentity>, boolean]>([
    ['everything equal', {}, true],
    ['a patch release of the tool', { toolVersion: '1.4.9' }, true],
    ['a minor release of the tool', { toolVersion: '1.5.0' }, false],
    ['other data', { dataHash: 'x' }, false],
    ['another config', { configHash: 'x' }, false],
    ['another schema', { schemaHash: 'x' }, false],
    ['a tag from before schema and tool were recorded', { schemaHash: undefined }, false],
  ])('%s: same model is %s', (_name, change, same) => {
    expect(isSameModel(identity, { ...identity, ...change })).toBe(same);
  });

  test('every live version of the same model is found, newest first, deregistered ones not', () => {
    const meta = (version: string, dataHash: string) =>
      JSON.stringify({
        schema: 'mlops-actions/v1',
        name: 'churn',
        version,
        metrics: {},
        task: 'binary',
        ...identity,
        dataHash,
        createdAt: '2024-05-01T10:00:00.000Z',
      });
    const at = (tag: string, second: number, message = ''): TagRecord => ({
      tag,
      message,
      commit: `c${second}`,
      createdAt: `2024-05-01T10:00:0${second}.000Z`,
    });
    const model = replayTags([
      at('churn@v0.1.0', 1, meta('0.1.0', 'd')),
      at('churn@v0.2.0', 2, meta('0.2.0', 'other')),
      at('churn@v0.3.0', 3, meta('0.3.0', 'd')),
      at('churn@v0.4.0', 4, meta('0.4.0', 'd')),
      at('churn@v0.4.0!', 5),
    ]).models[0];
    expect(model && sameModelVersions(model, identity).map((v) => v.version)).toEqual([
      '0.3.0',
      '0.1.0',
    ]);
  });
});

/**
 * Tag stores whose first `list()` returns only once every one of them has read the registry, so
 * the runs plan from the same state and race for the same version: the interleaving is forced,
 * the git underneath is real.
 */
function inLockstep(stores: TagStore[]): TagStore[] {
  let waiting = stores.length;
  let allHaveRead: () => void = () => {};
  const barrier = new Promise<void>((resolve) => {
    allHaveRead = resolve;
  });
  return stores.map((store) => {
    let first = true;
    return {
      ...store,
      async list() {
        const records = await store.list();
        if (first) {
          first = false;
          if (--waiting === 0) allHaveRead();
          await barrier;
        }
        return records;
      },
    };
  });
}

/** Runs the register step in each clone at once, as two CI jobs pushing to one remote would. */
async function registerAtOnce(
  clones: string[],
): Promise<{ outcome: RegistrationOutcome; log: string }[]> {
  const logs = clones.map(() => '');
  const contexts = await Promise.all(
    clones.map(async (dir, i) => {
      const { config, baseDir, configFile } = await resolveConfig(
        { cwd: dir, overrides: {}, env: CPU },
        nodeFileSystem,
      );
      const log = createConsoleLogger({ write: (text) => (logs[i] += text) });
      const deps = createLocalDeps({
        repo: dir,
        config,
        baseDir,
        log,
        remote: 'origin',
        github: { repositorySource: 'test' },
        cache: { env: CPU, cwd: dir, out: path.join(dir, '.mlops') },
      });
      return { config, baseDir, configFile, out: path.join(dir, '.mlops'), deps };
    }),
  );
  const stores = inLockstep(contexts.map((ctx) => ctx.deps.tags));
  const outcomes = await Promise.all(
    contexts.map((ctx, i) => runRegister({ ...ctx, deps: { ...ctx.deps, tags: stores[i]! } })),
  );
  return outcomes.map((outcome, i) => ({ outcome, log: logs[i] ?? '' }));
}

/** A bare remote and two clones of a repository holding `files`. */
function twoClones(files: Record<string, string>): { remote: string; a: string; b: string } {
  const seed = makeRepo(files);
  const remote = addBareRemote(seed);
  const clone = (name: string) => {
    const dir = temp.fresh(name);
    git(temp.root(), ['clone', '-q', '-b', 'main', remote, dir]);
    git(dir, ['config', 'user.name', 'Test']);
    git(dir, ['config', 'user.email', 'test@example.com']);
    return dir;
  };
  return { remote, a: clone('a'), b: clone('b') };
}

describe('two runs registering at once', () => {
  const files = { 'data.csv': makeCsv('binary', 120, { seed: 1 }), 'mlops.yml': tinyConfig() };

  test('on the same data: one version, and both runs name it', async () => {
    const { remote, a, b } = twoClones(files);
    // One after the other: TensorFlow.js keeps one engine per process.
    for (const dir of [a, b]) await trainAndEvaluate(dir);

    const runs = await registerAtOnce([a, b]);
    expect(runs.map((run) => run.outcome.tag)).toEqual(['churn@v0.1.0', 'churn@v0.1.0']);
    expect(runs.map((run) => run.outcome.existing).sort()).toEqual([false, true]);
    const loser = runs.find((run) => run.outcome.existing);
    expect(loser?.log).toContain('churn v0.1.0 was taken meanwhile');
    expect(loser?.log).toContain('queue instead of racing, give the workflow `concurrency: {');
    expect(loser?.log).toContain('is this model');
    expect(tags(remote)).toEqual(['churn@v0.1.0']);
  });

  test('on different commits with different data: two versions, both runs green', async () => {
    const { remote, a, b } = twoClones(files);
    const commits = [a, b].map((dir, i) =>
      commitFile(dir, 'data.csv', makeCsv('binary', 120, { seed: 10 + i }), `new data ${i}`),
    );
    // One after the other: TensorFlow.js keeps one engine per process.
    for (const dir of [a, b]) await trainAndEvaluate(dir);

    const runs = await registerAtOnce([a, b]);
    expect(runs.map((run) => run.outcome.existing)).toEqual([false, false]);
    expect(runs.map((run) => run.outcome.version).sort()).toEqual(['0.1.0', '0.2.0']);
    expect(runs.map((run) => run.outcome.commit)).toEqual(commits);
    expect(runs.some((run) => run.log.includes('was taken meanwhile'))).toBe(true);
    expect(tags(remote)).toEqual(['churn@v0.1.0', 'churn@v0.2.0']);
    for (const run of runs) {
      expect(git(remote, ['rev-parse', `${run.outcome.tag}^{commit}`])).toBe(run.outcome.commit);
    }
  });
});
