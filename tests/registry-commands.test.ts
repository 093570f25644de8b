/**
 * The registry commands on real git repositories, through the CLI in-process: promote, unassign,
 * deregister, deprecate, and the read commands show, history, check-ref and ls. No config and no
 * data anywhere: a repository with registry tags is all they need.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConsoleLogger } from '../src/adapters/log.js';
import { MlopsError, RegistryConflict } from '../src/errors.js';
import { formatTagMessage } from '../src/registry/metadata.js';
import { planPromotion } from '../src/registry/plan.js';
import type { RegistryState } from '../src/registry/state.js';
import type { TagRecord, TagStore } from '../src/registry/store.js';
import { recordEvent } from '../src/steps/record-event.js';
import { mlops, tagMessage, tags } from './support/cli.js';
import { git, useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-registry-');

/** Who runs the commands, as GitHub Actions says it. */
const ENV = { GITHUB_ACTOR: 'octocat', MLOPS_RUN_URL: 'https://ci.example/runs/7' };

interface Registry {
  dir: string;
  /** The commits of churn v0.1.0, v0.2.0 and v0.3.0. */
  commits: string[];
}

/**
 * A repository whose three commits are registered as churn v0.1.0, v0.2.0 (NOT_BLESSED: forced
 * past its gates) and v0.3.0, on three days of 2024, so every event under test comes later.
 */
function registry(): Registry {
  const dir = temp.fresh('repo');
  git(temp.root(), ['init', '-q', '-b', 'main', dir]);
  git(dir, ['config', 'user.name', 'Test']);
  git(dir, ['config', 'user.email', 'test@example.com']);
  const commits = ['0.1.0', '0.2.0', '0.3.0'].map((version, i) => {
    git(dir, ['commit', '-q', '--allow-empty', '-m', `train ${version}`]);
    const message = formatTagMessage({
      schema: 'mlops-actions/v1',
      name: 'churn',
      version,
      metrics: { auc: 0.8 + i / 100, accuracy: 0.75 },
      task: 'binary',
      dataHash: `sha256:data${i}`,
      configHash: 'sha256:config',
      createdAt: `2024-01-0${i + 1}T12:00:00.000Z`,
      blessed: version !== '0.2.0',
    });
    execFileSync('git', ['tag', '-a', '--cleanup=verbatim', '-m', message, `churn@v${version}`], {
      cwd: dir,
      env: { ...process.env, GIT_COMMITTER_DATE: `2024-01-0${i + 1}T12:00:00Z` },
    });
    return git(dir, ['rev-parse', 'HEAD']);
  });
  return { dir, commits };
}

/** A bare remote holding the registry's branch and tags, added to it as `origin`. */
function withRemote(repo: Registry): string {
  const bare = temp.fresh('remote');
  git(temp.root(), ['init', '-q', '--bare', bare]);
  git(repo.dir, ['remote', 'add', 'origin', bare]);
  git(repo.dir, ['push', '-q', 'origin', 'main', 'refs/tags/*:refs/tags/*']);
  return bare;
}

/** A clone of `bare` with an identity for tagging. */
function clone(bare: string): string {
  const dir = temp.fresh('clone');
  git(temp.root(), ['clone', '-q', bare, dir]);
  git(dir, ['config', 'user.name', 'Clone']);
  git(dir, ['config', 'user.email', 'clone@example.com']);
  return dir;
}

/**
 * Makes the remote hold every push until `count` pushes have arrived: each racer has then planned
 * and tagged before any tag lands, so the race happens every time (bounded at 20 s as a safety net).
 */
function holdPushesUntil(bare: string, count: number): void {
  const hook = path.join(bare, 'hooks', 'pre-receive');
  writeFileSync(
    hook,
    [
      '#!/bin/sh',
      'cat >/dev/null',
      'mkdir -p arrivals && touch "arrivals/$$"',
      'i=0',
      `while [ "$(ls arrivals | wc -l)" -lt ${count} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done`,
      '',
    ].join('\n'),
  );
  chmodSync(hook, 0o755);
}

/** The JSON in a registry event tag's message, after its summary line. */
function eventJson(dir: string, tag: string): Record<string, unknown> {
  const message = tagMessage(dir, tag);
  return JSON.parse(message.slice(message.indexOf('{'))) as Record<string, unknown>;
}

const remoteTags = (bare: string) => tags(bare).filter((tag) => !tag.includes('@v'));

describe('registry events', () => {
  test('promote, unassign, deregister: pushed annotated tags saying who, why and from which run', async () => {
    const repo = registry();
    const bare = withRemote(repo);
    const remote = ['--remote', 'origin'];

    const promoted = await mlops(
      repo.dir,
      ['promote', 'churn', '0.3.0', '--to', 'production', '--reason', 'beats v0.1.0', ...remote],
      ENV,
    );
    expect(promoted.stderr).not.toContain('internal error');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toBe('churn#production#1: churn v0.3.0 → production\n');
    expect(tagMessage(repo.dir, 'churn#production#1').split('\n')[0]).toBe(
      'Promote churn v0.3.0 to production',
    );
    expect(eventJson(repo.dir, 'churn#production#1')).toEqual({
      name: 'churn',
      version: '0.3.0',
      stage: 'production',
      previous: null,
      who: 'octocat',
      reason: 'beats v0.1.0',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      runUrl: 'https://ci.example/runs/7',
    });

    expect(
      (await mlops(repo.dir, ['promote', 'churn', '0.1.0', '--to', 'staging', ...remote], ENV))
        .code,
    ).toBe(0);
    const unassigned = await mlops(
      repo.dir,
      ['unassign', 'churn', '--from', 'staging', ...remote],
      ENV,
    );
    expect(unassigned.code).toBe(0);
    expect(unassigned.stdout).toBe('churn#staging!#3: churn v0.1.0 left staging\n');
    expect(git(repo.dir, ['rev-parse', 'churn#staging!#3^{commit}'])).toBe(repo.commits[0]);
    expect(eventJson(repo.dir, 'churn#staging!#3')).toMatchObject({
      version: '0.1.0',
      stage: 'staging',
    });

    const deregistered = await mlops(
      repo.dir,
      ['deregister', 'churn', 'v0.3.0', '--reason', 'leaks the label', '--json', ...remote],
      ENV,
    );
    expect(deregistered.code).toBe(0);
    expect(JSON.parse(deregistered.stdout)).toEqual({
      name: 'churn',
      version: '0.3.0',
      tag: 'churn@v0.3.0!',
      commit: repo.commits[2],
      freed: ['production'],
      existing: false,
    });
    expect(eventJson(repo.dir, 'churn@v0.3.0!')).toMatchObject({ reason: 'leaks the label' });

    // Every event reached the remote, as an annotated tag.
    expect(remoteTags(bare)).toEqual(['churn#production#1', 'churn#staging!#3', 'churn#staging#2']);
    expect(tags(bare)).toContain('churn@v0.3.0!');
    expect(git(bare, ['cat-file', '-t', 'churn@v0.3.0!'])).toBe('tag');

    const state = JSON.parse((await mlops(repo.dir, ['registry', 'ls', '--json'])).stdout) as {
      models: { latest: string; stages: unknown[] }[];
    };
    expect(state.models[0]).toMatchObject({ latest: '0.2.0', stages: [] });
  });

  test('deprecate tags the newest event’s commit; a later promotion revives the model', async () => {
    const repo = registry();
    const deprecated = await mlops(
      repo.dir,
      ['deprecate', 'churn', '--reason', 'replaced by churn-v2'],
      ENV,
    );
    expect(deprecated.code).toBe(0);
    expect(deprecated.stdout).toBe('churn@deprecated: churn deprecated\n');
    expect(git(repo.dir, ['rev-parse', 'churn@deprecated^{commit}'])).toBe(repo.commits[2]);
    const listing = await mlops(repo.dir, ['registry', 'ls']);
    expect(listing.stdout).toMatch(/^churn \(deprecated\)\s+latest: v0\.3\.0$/m);

    const again = await mlops(repo.dir, ['deprecate', 'churn']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('churn is already deprecated; nothing to do.');

    expect((await mlops(repo.dir, ['promote', 'churn', '0.3.0', '--to', 'staging'])).code).toBe(0);
    expect((await mlops(repo.dir, ['registry', 'ls'])).stdout).toMatch(/^churn\s+latest/m);
  });

  test.each([
    [
      'promote to the stage it is in',
      ['promote', 'churn', '0.1.0', '--to', 'production'],
      'already in production',
    ],
    ['deregister twice', ['deregister', 'churn', '0.3.0'], 'already deregistered'],
    [
      'unassign an empty stage',
      ['unassign', 'churn', '--from', 'staging'],
      'no version of churn is in staging',
    ],
    [
      'unassign an unknown stage',
      ['unassign', 'churn', '--from', 'qa'],
      'stage "qa" is not a stage',
    ],
    [
      'deregister an unknown version',
      ['deregister', 'churn', '9.0.0'],
      'has no registered version 9.0.0',
    ],
    [
      'deprecate an unknown model',
      ['deprecate', 'income'],
      'no model "income" in the registry (models: churn)',
    ],
  ])('%s exits 2 and tags nothing', async (_case, argv, message) => {
    const repo = registry();
    await mlops(repo.dir, ['promote', 'churn', '0.1.0', '--to', 'production']);
    await mlops(repo.dir, ['deregister', 'churn', '0.3.0']);
    const before = tags(repo.dir);
    const result = await mlops(repo.dir, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('internal error');
    expect(tags(repo.dir)).toEqual(before);
  });
});

describe('concurrent registry events', () => {
  test('two clones promote the same version to the same stage at once: one tag, both succeed', async () => {
    const bare = withRemote(registry());
    const clones = [clone(bare), clone(bare)];
    holdPushesUntil(bare, 2);
    const results = await Promise.all(
      clones.map((dir) =>
        mlops(
          dir,
          ['promote', 'churn', '0.3.0', '--to', 'production', '--remote', 'origin', '--json'],
          ENV,
        ),
      ),
    );
    for (const result of results) {
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(0);
    }
    const outcomes = results.map(
      (result) => JSON.parse(result.stdout) as { tag: string; existing: boolean },
    );
    // The loser planned the same counter, lost the push, read the tags again and found it done.
    expect(outcomes.map((outcome) => outcome.existing).sort()).toEqual([false, true]);
    expect(outcomes.map((outcome) => outcome.tag)).toEqual([
      'churn#production#1',
      'churn#production#1',
    ]);
    expect(results.some((result) => result.stderr.includes('was taken meanwhile'))).toBe(true);
    expect(remoteTags(bare)).toEqual(['churn#production#1']);
    // Both clones end with the remote's tag, not a local copy of their own.
    const winner = git(bare, ['rev-parse', 'churn#production#1']);
    for (const dir of clones) expect(git(dir, ['rev-parse', 'churn#production#1'])).toBe(winner);
  });

  test('two clones promoting different versions to one stage at once: distinct counters, the later wins', async () => {
    const bare = withRemote(registry());
    const clones = [clone(bare), clone(bare)];
    holdPushesUntil(bare, 2);
    const results = await Promise.all(
      [
        ['0.3.0', clones[0]],
        ['0.1.0', clones[1]],
      ].map(([version, dir]) =>
        mlops(
          dir as string,
          [
            'promote',
            'churn',
            version as string,
            '--to',
            'production',
            '--remote',
            'origin',
            '--json',
          ],
          ENV,
        ),
      ),
    );
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    const outcomes = results.map(
      (result) => JSON.parse(result.stdout) as { tag: string; version: string; existing: boolean },
    );
    expect(outcomes.map((outcome) => outcome.existing)).toEqual([false, false]);
    // Both planned #1; the loser read the tags again and took #2, after the winner.
    const byTag = [...outcomes].sort((a, b) => a.tag.localeCompare(b.tag));
    expect(byTag.map((outcome) => outcome.tag)).toEqual([
      'churn#production#1',
      'churn#production#2',
    ]);
    expect(remoteTags(bare)).toEqual(['churn#production#1', 'churn#production#2']);
    const shown = await mlops(clones[0] as string, [
      'registry',
      'show',
      'churn',
      '--remote',
      'origin',
    ]);
    expect(shown.stdout).toContain(`stages: production=v${byTag[1]?.version}`);
  });
});

describe('recordEvent', () => {
  const V1 = {
    tag: 'churn@v0.1.0',
    createdAt: '2024-01-01T12:00:00.000Z',
    message: '',
    commit: 'a'.repeat(40),
  };
  const PROMOTE = {
    plan: (state: RegistryState, records: readonly TagRecord[]) =>
      planPromotion(state, records, { name: 'churn', version: '0.1.0', stage: 'production' }, [
        'production',
      ]),
    describe: () => ({ summary: 'Promote', details: {} }),
  };

  /**
   * An in-memory TagStore starting with churn v0.1.0: `create` answers from `outcomes` in turn
   * (a record, or an error to throw); `list` returns what `after(lists)` gives.
   */
  function store(
    outcomes: (TagRecord | Error)[],
    after: (lists: number) => TagRecord[] = () => [V1],
  ) {
    const calls = { lists: 0, creates: [] as string[], pushes: 0 };
    const tags: TagStore = {
      list: async () => after(calls.lists++),
      create: async (tag) => {
        calls.creates.push(tag);
        const outcome = outcomes.shift();
        if (!outcome || outcome instanceof Error) throw outcome ?? new Error('no outcome left');
        return outcome;
      },
      push: async () => {
        calls.pushes++;
      },
      uncommitted: async () => [],
      localTags: async () => [],
      remoteTags: async () => [],
      takeRemote: async () => {},
    };
    const deps = { tags, log: createConsoleLogger({ quiet: true }), now: () => new Date(0) };
    return { deps, calls };
  }

  const conflict = () => new RegistryConflict('taken');

  test('a conflict on every attempt is reported after three retries', async () => {
    const { deps, calls } = store([conflict(), conflict(), conflict(), conflict(), conflict()]);
    let logged = '';
    const log = createConsoleLogger({ write: (text) => (logged += text) });
    const attempt = recordEvent({ ...deps, log }, PROMOTE);
    await expect(attempt).rejects.toThrow(RegistryConflict);
    // Both the retries and the final error say how to make such runs queue instead.
    const advice =
      'concurrency: { group: mlops-registry-${{ github.ref }}, cancel-in-progress: false }';
    await expect(attempt).rejects.toThrow(advice);
    await expect(attempt).rejects.toThrow(/each of 4 attempts found the tag it planned taken/);
    expect(logged.split(advice)).toHaveLength(4);
    expect(calls.creates).toEqual(Array(4).fill('churn#production#1'));
    expect(calls.lists).toBe(4);
    expect(calls.pushes).toBe(0);
  });

  test('after a lost race, the same event by someone else is success, with their tag', async () => {
    const theirs = { ...V1, tag: 'churn#production#1', createdAt: '2024-01-02T12:00:00.000Z' };
    const { deps, calls } = store([conflict()], (lists) => (lists === 0 ? [V1] : [V1, theirs]));
    const result = await recordEvent(deps, PROMOTE);
    expect(result).toMatchObject({ existing: true, event: { tag: 'churn#production#1' } });
    expect(calls.creates).toEqual(['churn#production#1']);
  });

  test('a no-op before any race is an error, and errors other than conflicts are not retried', async () => {
    const done = { ...V1, tag: 'churn#production#1' };
    const noop = store([], () => [V1, done]);
    await expect(recordEvent(noop.deps, PROMOTE)).rejects.toThrow(/already in production/);
    expect(noop.calls.creates).toEqual([]);
    const broken = store([new MlopsError('git could not create tag')]);
    await expect(recordEvent(broken.deps, PROMOTE)).rejects.toThrow('git could not create tag');
    expect(broken.calls.lists).toBe(1);
  });
});

describe('registry show, history, check-ref', () => {
  /** churn with v0.3.0 in production and v0.1.0 in staging, then v0.1.0 deregistered. */
  async function eventful(): Promise<Registry> {
    const repo = registry();
    for (const argv of [
      ['promote', 'churn', '0.3.0', '--to', 'production'],
      ['promote', 'churn', '0.1.0', '--to', 'staging'],
      ['unassign', 'churn', '--from', 'staging'],
    ]) {
      expect((await mlops(repo.dir, argv)).code).toBe(0);
    }
    return repo;
  }

  test('show lists versions newest first with commit, stages, verdict and metrics', async () => {
    const repo = await eventful();
    // Run from elsewhere: --repo points at the registry.
    const shown = await mlops(temp.root(), ['registry', 'show', 'churn', '--repo', repo.dir]);
    expect(shown.code).toBe(0);
    const short = repo.commits.map((commit) => commit.slice(0, 7));
    expect(shown.stdout.split('\n')).toEqual([
      'churn  latest: v0.3.0',
      'stages: production=v0.3.0',
      '',
      'version  registered  commit   stages      gates        metrics',
      `v0.3.0   2024-01-03  ${short[2]}  production  BLESSED      auc=0.82 accuracy=0.75`,
      `v0.2.0   2024-01-02  ${short[1]}  -           NOT_BLESSED  auc=0.81 accuracy=0.75`,
      `v0.1.0   2024-01-01  ${short[0]}  -           BLESSED      auc=0.8 accuracy=0.75`,
      '',
    ]);
    const json = JSON.parse(
      (await mlops(repo.dir, ['registry', 'show', 'churn', '--json'])).stdout,
    ) as {
      name: string;
      versions: { version: string }[];
    };
    expect(json.name).toBe('churn');
    expect(json.versions.map((v) => v.version)).toEqual(['0.1.0', '0.2.0', '0.3.0']);
  });

  test('show and ls mark deregistered, NOT_BLESSED and deprecated', async () => {
    const repo = registry();
    expect((await mlops(repo.dir, ['deregister', 'churn', '0.1.0'])).code).toBe(0);
    expect((await mlops(repo.dir, ['deprecate', 'churn'])).code).toBe(0);
    const shown = (await mlops(repo.dir, ['registry', 'show', 'churn'])).stdout;
    expect(shown).toMatch(/^churn \(deprecated\)  latest: v0\.3\.0$/m);
    expect(shown).toMatch(/^v0\.1\.0 \(deregistered\)  2024-01-01/m);
    const listed = (await mlops(repo.dir, ['registry', 'ls'])).stdout;
    expect(listed).toMatch(/^ {2}v0\.2\.0 \(NOT_BLESSED\)\s+2024-01-02\s+-\s+auc=0\.81/m);
    expect(listed).toMatch(/^ {2}v0\.1\.0 \(deregistered\)\s+2024-01-01/m);
    expect(listed).toMatch(/^ {2}v0\.3\.0\s+2024-01-03/m);
  });

  test('history lists every event in replay order, in GTO’s words', async () => {
    const repo = await eventful();
    const history = await mlops(repo.dir, ['registry', 'history', 'churn']);
    expect(history.code).toBe(0);
    const rows = history.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    expect(rows[0]).toEqual(['time', 'event', 'version', 'stage', 'tag', 'commit']);
    expect(rows.slice(1).map((row) => row.slice(1, 5))).toEqual([
      ['register', 'v0.1.0', '-', 'churn@v0.1.0'],
      ['register', 'v0.2.0', '-', 'churn@v0.2.0'],
      ['register', 'v0.3.0', '-', 'churn@v0.3.0'],
      ['assign', 'v0.3.0', 'production', 'churn#production#1'],
      ['assign', 'v0.1.0', 'staging', 'churn#staging#2'],
      ['unassign', 'v0.1.0', 'staging', 'churn#staging!#3'],
    ]);
    expect(rows[1]?.[0]).toBe('2024-01-01 12:00:00Z');
    const json = JSON.parse(
      (await mlops(repo.dir, ['registry', 'history', 'churn', '--json'])).stdout,
    ) as {
      name: string;
      events: { event: string; tag: string; commit: string }[];
    };
    expect(json.name).toBe('churn');
    expect(json.events.at(-1)).toEqual({
      at: expect.any(String),
      event: 'unassign',
      version: '0.1.0',
      stage: 'staging',
      tag: 'churn#staging!#3',
      commit: repo.commits[0],
    });
  });

  test('check-ref says what a pushed tag means, with the version of a stage tag', async () => {
    const repo = await eventful();
    const stage = await mlops(repo.dir, [
      'registry',
      'check-ref',
      'refs/tags/churn#production#1',
      '--json',
    ]);
    expect(stage.code).toBe(0);
    expect(JSON.parse(stage.stdout)).toEqual({
      event: 'assign',
      name: 'churn',
      version: '0.3.0',
      stage: 'production',
      tag: 'churn#production#1',
      commit: repo.commits[2],
      at: expect.any(String),
    });
    const version = await mlops(repo.dir, ['registry', 'check-ref', 'churn@v0.2.0']);
    expect(version.code).toBe(0);
    expect(version.stdout.split('\n').slice(0, 6)).toEqual([
      'event    register',
      'name     churn',
      'version  0.2.0',
      'stage    -',
      'tag      churn@v0.2.0',
      `commit   ${repo.commits[1]}`,
    ]);
  });

  test.each([
    ['refs/heads/main', 'refs/heads/main is not a registry tag'],
    ['v1.0.0', 'v1.0.0 is not a registry tag'],
    ['Churn@v0.1.0', 'Churn@v0.1.0 is not a registry tag'],
    ['churn#production#9', 'churn#production#9 is not an annotated tag of this repository'],
  ])('check-ref %s exits 2', async (ref, message) => {
    const repo = registry();
    const result = await mlops(repo.dir, ['registry', 'check-ref', ref, '--json']);
    expect(result.code).toBe(2);
    // With --json a deploy script reads the refusal from stdout too.
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { exitCode: 2 } });
    expect(JSON.parse(result.stdout).error.message).toContain(message);
    expect(result.stderr).toContain(message);
  });
});

describe('help', () => {
  test.each([
    'deregister',
    'deprecate',
    'unassign',
    'registry show',
    'registry history',
    'registry check-ref',
  ])('%s --help shows its usage and the shared flags', async (name) => {
    const command = name.split(' ');
    const result = await mlops(temp.root(), [...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: mlops ${command.join(' ')}`);
    for (const flag of ['--json', '--repo', '--remote']) expect(result.stdout).toContain(flag);
    if (command.length === 1) expect(result.stdout).toContain('--reason');
  });
});
