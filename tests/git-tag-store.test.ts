import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { createGitTagStore } from '../src/adapters/git.js';
import { MlopsError, RegistryConflict } from '../src/errors.js';
import { formatTagMessage, parseTagMessage } from '../src/registry/metadata.js';
import { nextStageCounter, replayTags, stageVersion } from '../src/registry/state.js';
import { stageTag, versionTag } from '../src/registry/tags.js';
import { useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-git-');

function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function identify(dir: string): void {
  git(dir, ['config', 'user.name', 'Test Tagger']);
  git(dir, ['config', 'user.email', 'tagger@example.com']);
}

function commit(dir: string, message: string): string {
  git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
  return git(dir, ['rev-parse', 'HEAD']);
}

/** A fresh repository with one commit. */
function newRepo(): string {
  const dir = temp.fresh('repo');
  git(temp.root(), ['-c', 'init.defaultBranch=main', 'init', '-q', dir]);
  identify(dir);
  commit(dir, 'initial');
  return dir;
}

/** A bare remote holding one commit, and two independent clones of it. */
function newRemoteWithClones(): { remote: string; a: string; b: string } {
  const seed = newRepo();
  const remote = `${temp.fresh('remote')}.git`;
  git(temp.root(), ['-c', 'init.defaultBranch=main', 'init', '-q', '--bare', remote]);
  git(seed, ['push', '-q', remote, 'main']);
  const clone = (name: string) => {
    const dir = temp.fresh(name);
    git(temp.root(), ['clone', '-q', remote, dir]);
    identify(dir);
    return dir;
  };
  return { remote, a: clone('a'), b: clone('b') };
}

const meta = {
  schema: 'mlops-actions/v1' as const,
  name: 'income',
  version: '0.1.0',
  metrics: { auc: 0.91 },
  task: 'binary' as const,
  dataHash: 'sha256:1',
  configHash: 'sha256:2',
  createdAt: '2024-05-01T10:00:00.000Z',
};

describe('git tag store, one repository', () => {
  test('creates an annotated tag and lists it with commit, date and exact message', async () => {
    const dir = newRepo();
    const head = git(dir, ['rev-parse', 'HEAD']);
    const store = createGitTagStore({ dir });
    const message = formatTagMessage(meta);

    const created = await store.create('income@v0.1.0', message);
    expect(created).toEqual({
      tag: 'income@v0.1.0',
      commit: head,
      message,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
    });
    expect(git(dir, ['cat-file', '-t', 'income@v0.1.0'])).toBe('tag');
    expect(await store.list()).toEqual([created]);
    expect(parseTagMessage(created.message)).toEqual(meta);
  });

  test('keeps messages verbatim, including lines that git would strip as comments', async () => {
    const dir = newRepo();
    const store = createGitTagStore({ dir });
    const message = '# heading\n\n  indented\n\ttab\n\n\ntrailing blank lines\n\n';
    await store.create('m@v1.0.0', message);
    expect((await store.list())[0]?.message).toBe(message);
  });

  test('tags an explicit ref and reports a missing one clearly', async () => {
    const dir = newRepo();
    const first = git(dir, ['rev-parse', 'HEAD']);
    commit(dir, 'second');
    const store = createGitTagStore({ dir });
    expect((await store.create('m@v1.0.0', 'x', first)).commit).toBe(first);
    // Another model: a commit holds one version of each model.
    expect((await store.create('n@v1.1.0', 'x', 'm@v1.0.0')).commit).toBe(first);
    await expect(store.create('m@v2.0.0', 'x', 'no-such-branch')).rejects.toThrow(
      /Cannot tag "no-such-branch".*not a commit/,
    );
  });

  test('lightweight tags are not registry events but still block the name', async () => {
    const dir = newRepo();
    git(dir, ['tag', 'income@v9.0.0']);
    git(dir, ['tag', '-a', '-m', 'annotated', 'income@v1.0.0']);
    const store = createGitTagStore({ dir });
    expect((await store.list()).map((record) => record.tag)).toEqual(['income@v1.0.0']);
    const attempt = store.create('income@v9.0.0', 'x');
    await expect(attempt).rejects.toThrow(RegistryConflict);
    await expect(attempt).rejects.toThrow(/already exists in .* \(on [0-9a-f]{7}\)/);
  });

  test('an existing tag is a RegistryConflict and stays as it was', async () => {
    const dir = newRepo();
    const store = createGitTagStore({ dir });
    const original = await store.create('income@v1.0.0', 'original');
    commit(dir, 'later');
    const attempt = store.create('income@v1.0.0', 'replacement');
    await expect(attempt).rejects.toThrow(RegistryConflict);
    await expect(attempt).rejects.toThrow(/already exists.*run the command again/s);
    expect(await store.list()).toEqual([original]);
  });

  test('lists in any order and replays by tagger time, not by name', async () => {
    const dir = newRepo();
    const v1 = git(dir, ['rev-parse', 'HEAD']);
    const v2 = commit(dir, 'v2');
    const at = (iso: string) => ({ GIT_COMMITTER_DATE: iso });
    git(dir, ['tag', '-a', '-m', 'x', 'income@v2.0.0', v2], at('2024-01-01T10:00:00+02:00'));
    git(dir, ['tag', '-a', '-m', 'x', 'income#prod#1', v2], at('2024-01-01T09:00:00Z'));
    git(dir, ['tag', '-a', '-m', 'x', 'income@v1.0.0', v1], at('2024-01-01T07:00:00Z'));
    git(dir, ['tag', '-a', '-m', 'x', 'income#prod#2', v1], at('2024-01-01T10:00:00Z'));

    const records = await createGitTagStore({ dir }).list();
    expect(records.find((r) => r.tag === 'income@v2.0.0')?.createdAt).toBe(
      '2024-01-01T08:00:00.000Z',
    );
    const income = replayTags(records).models[0];
    expect(income?.history.map((event) => event.tag)).toEqual([
      'income@v1.0.0',
      'income@v2.0.0',
      'income#prod#1',
      'income#prod#2',
    ]);
    expect(income && stageVersion(income, 'prod')).toBe('1.0.0');
    expect(nextStageCounter(records, 'income')).toBe(3);
  });

  test('a register-then-promote flow through the store', async () => {
    const dir = newRepo();
    const store = createGitTagStore({ dir });
    await store.create(versionTag('income', '0.1.0'), formatTagMessage(meta));
    const counter = nextStageCounter(await store.list(), 'income');
    const version = replayTags(await store.list()).models[0]?.versions[0];
    await store.create(stageTag('income', 'production', counter), 'promote', version?.commit);
    const income = replayTags(await store.list()).models[0];
    expect(income?.stages.map((s) => [s.stage, s.version, s.tag])).toEqual([
      ['production', '0.1.0', 'income#production#1'],
    ]);
    expect(income?.versions[0]?.metadata?.metrics).toEqual({ auc: 0.91 });
  });

  test('uses the given tagger when the repository has none configured', async () => {
    const dir = newRepo();
    git(dir, ['config', '--unset', 'user.name']);
    git(dir, ['config', '--unset', 'user.email']);
    const store = createGitTagStore({
      dir,
      tagger: { name: 'github-actions[bot]', email: 'bot@example.com' },
    });
    await store.create('m@v1.0.0', 'x');
    expect(git(dir, ['for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags'])).toBe(
      'github-actions[bot] <bot@example.com>',
    );
  });

  test('a folder that is not a repository gives an MlopsError with advice', async () => {
    const dir = await mkdtemp(path.join(temp.root(), 'plain-'));
    const attempt = createGitTagStore({ dir }).list();
    await expect(attempt).rejects.toThrow(MlopsError);
    await expect(attempt).rejects.toThrow(/not a git repository[\s\S]*Run inside a clone/);
  });

  test('push does nothing without a remote', async () => {
    await expect(
      createGitTagStore({ dir: newRepo() }).push(['income@v0.1.0']),
    ).resolves.toBeUndefined();
  });
});

describe('git tag store with a remote', () => {
  test('pushes tags and sees tags pushed by others', async () => {
    const { remote, a, b } = newRemoteWithClones();
    const storeA = createGitTagStore({ dir: a, remote: 'origin' });
    const storeB = createGitTagStore({ dir: b, remote: 'origin' });
    const created = await storeA.create('income@v0.1.0', formatTagMessage(meta));
    await storeA.push(['income@v0.1.0']);
    expect(git(remote, ['cat-file', '-t', 'income@v0.1.0'])).toBe('tag');
    expect(await storeB.list()).toEqual([created]);
  });

  test('creating a tag that exists only on the remote is a RegistryConflict', async () => {
    const { a, b } = newRemoteWithClones();
    const storeA = createGitTagStore({ dir: a, remote: 'origin' });
    await storeA.create('income@v0.1.0', 'from a');
    await storeA.push(['income@v0.1.0']);
    const storeB = createGitTagStore({ dir: b, remote: 'origin' });
    await expect(storeB.create('income@v0.1.0', 'from b')).rejects.toThrow(RegistryConflict);
    expect((await storeB.list()).map((record) => record.message)).toEqual(['from a']);
  });

  test('losing a push race is a RegistryConflict; the remote tag is kept, the local one dropped', async () => {
    const { remote, a, b } = newRemoteWithClones();
    commit(b, 'b moved on');
    const storeA = createGitTagStore({ dir: a, remote: 'origin' });
    const storeB = createGitTagStore({ dir: b, remote: 'origin' });
    const winner = await storeA.create('income#production#1', 'from a');
    await storeB.create('income#production#1', 'from b');
    await storeA.push(['income#production#1']);

    const push = storeB.push(['income#production#1']);
    await expect(push).rejects.toThrow(RegistryConflict);
    await expect(push).rejects.toThrow(/not pushed.*run the command again/s);
    expect(git(remote, ['rev-parse', 'income#production#1^{commit}'])).toBe(winner.commit);
    expect(await storeB.list()).toEqual([winner]);
  });

  test('a local tag that differs from the remote one is reported, not overwritten', async () => {
    const { a, b } = newRemoteWithClones();
    const storeA = createGitTagStore({ dir: a, remote: 'origin' });
    await storeA.create('income@v0.1.0', 'from a');
    await storeA.push(['income@v0.1.0']);
    git(b, ['tag', '-a', '-m', 'from b', 'income@v0.1.0']);
    const storeB = createGitTagStore({ dir: b, remote: 'origin' });
    await expect(storeB.list()).rejects.toThrow(RegistryConflict);
    expect(git(b, ['for-each-ref', '--format=%(contents)', 'refs/tags'])).toBe('from b');
  });

  test('an unreachable remote is an MlopsError naming the action', async () => {
    const dir = newRepo();
    const store = createGitTagStore({ dir, remote: path.join(temp.root(), 'missing.git') });
    await expect(store.list()).rejects.toThrow(/git could not fetch tags from/);
  });

  test('a remote URL with credentials is named in errors without them', async () => {
    const remote = 'https://user:s3cr3t@127.0.0.1:9/x.git';
    const store = createGitTagStore({ dir: newRepo(), remote });
    for (const attempt of [() => store.list(), () => store.create('m@v1.0.0', 'x')]) {
      const error = await attempt().then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(MlopsError);
      expect(String(error)).toContain('fetch tags from "https://***@127.0.0.1:9/x.git"');
      expect(String(error)).not.toContain('s3cr3t');
    }
  });
});
