/**
 * The registry in a shallow clone, as actions/checkout leaves it by default (fetch-depth: 1, no
 * tags): the store fetches the tags with their tagged commits alone, says so once in the log, and
 * listing, registering and promoting work as in a full clone. Real git, a bare remote, file:// clones.
 */
import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createGitTagStore } from '../src/adapters/git.js';
import { VersionExistsForCommit } from '../src/errors.js';
import { formatTagMessage } from '../src/registry/metadata.js';
import { replayTags } from '../src/registry/state.js';
import { mlops, tags, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { git, makeRepo, tempDir } from './support/repo.js';

/** A registry tag message as `mlops register` writes it. */
function versionMessage(version: string): string {
  return formatTagMessage({
    schema: 'mlops-actions/v1',
    name: 'churn',
    version,
    metrics: { auc: 0.9 },
    task: 'binary',
    dataHash: `sha256:data-${version}`,
    configHash: 'sha256:config',
    createdAt: '2024-05-01T10:00:00.000Z',
  });
}

interface Published {
  /** The bare remote. */
  remote: string;
  /** c1…c4, oldest first: c4 is the tip of main. */
  commits: string[];
}

/**
 * A bare remote whose main has four commits, each changing a file: churn v0.1.0 on c1, v0.2.0 on
 * c3 and in production there, a tag that is no registry event on c2, and with `headVersion`,
 * churn v0.3.0 on the tip.
 */
function published(options: { headVersion?: boolean } = {}): Published {
  const seed = makeRepo({ 'data.csv': 'x\n1\n' });
  const commits = [git(seed, ['rev-parse', 'HEAD'])];
  for (const n of [2, 3, 4]) {
    writeFileSync(path.join(seed, 'data.csv'), `x\n${n}\n`);
    git(seed, ['commit', '-qam', `data ${n}`]);
    commits.push(git(seed, ['rev-parse', 'HEAD']));
  }
  const [c1, c2, c3, c4] = commits as [string, string, string, string];
  const tag = (name: string, message: string, commit: string) =>
    git(seed, ['tag', '-a', '--cleanup=verbatim', '-m', message, name, commit]);
  tag('churn@v0.1.0', versionMessage('0.1.0'), c1);
  tag('release-2024', 'not a registry event', c2);
  tag('churn@v0.2.0', versionMessage('0.2.0'), c3);
  tag('churn#production#1', 'Promote churn v0.2.0 to production', c3);
  if (options.headVersion) tag('churn@v0.3.0', versionMessage('0.3.0'), c4);
  const remote = tempDir('mlops-remote-');
  git(remote, ['init', '-q', '--bare']);
  git(seed, ['push', '-q', remote, 'main', 'refs/tags/*:refs/tags/*']);
  return { remote, commits };
}

/** A clone as actions/checkout makes it: `depth` commits of main, no tags. */
function shallowClone(remote: string, depth = 1): string {
  const dir = tempDir('mlops-shallow-');
  git(dir, [
    'clone',
    '-q',
    '-b',
    'main',
    '--depth',
    String(depth),
    '--no-tags',
    `file://${remote}`,
    '.',
  ]);
  git(dir, ['config', 'user.name', 'CI']);
  git(dir, ['config', 'user.email', 'ci@example.com']);
  return dir;
}

/** A store on `dir` whose log lines are collected. */
function storeIn(dir: string, remote?: string) {
  const lines: string[] = [];
  const log = {
    info: (message: string) => lines.push(message),
    warn: (message: string) => lines.push(`warning: ${message}`),
  };
  const store = createGitTagStore({ dir, ...(remote ? { remote } : {}), log });
  return { store, lines };
}

const count = (dir: string, ref: string) => git(dir, ['rev-list', '--count', ref]);

describe('a depth-1 clone (actions/checkout by default)', () => {
  test('lists every registry tag with its message and commit, and says so once', async () => {
    const { remote, commits } = published();
    const dir = shallowClone(remote);
    expect(tags(dir)).toEqual([]);
    const { store, lines } = storeIn(dir, 'origin');

    const records = await store.list();
    await store.list();

    const churn = replayTags(records).models.find((model) => model.name === 'churn');
    const versions = churn?.versions.map((v) => [v.version, v.commit, v.metadata?.dataHash]);
    expect(versions?.sort()).toEqual([
      ['0.1.0', commits[0], 'sha256:data-0.1.0'],
      ['0.2.0', commits[2], 'sha256:data-0.2.0'],
    ]);
    expect(churn?.stages.map((s) => [s.stage, s.version])).toEqual([['production', '0.2.0']]);
    expect(lines).toEqual([
      'shallow checkout: fetched the registry tags (3) from "origin" with their tagged commits ' +
        'only (depth 1), which is all the registry needs; fetch-depth: 0 is not required',
    ]);
    // The tagged commits arrived alone, not the history behind them; the checkout is as it was.
    expect(count(dir, 'churn@v0.2.0')).toBe('1');
    expect(count(dir, 'HEAD')).toBe('1');
    expect(git(dir, ['cat-file', '-t', commits[0] ?? ''])).toBe('commit');
  });

  test('registers on HEAD, keeps one version per commit, and promotes an older version', async () => {
    const { remote, commits } = published({ headVersion: true });
    const dir = shallowClone(remote);
    const { store } = storeIn(dir, 'origin');

    // The tip already carries v0.3.0, fetched with the tags: a second version there is refused.
    const again = store.create('churn@v0.4.0', versionMessage('0.4.0'));
    await expect(again).rejects.toThrow(VersionExistsForCommit);
    await expect(again).rejects.toThrow(/already carries churn v0\.3\.0/);

    // Another model's first version on HEAD, and a stage tag on v0.1.0's commit (behind HEAD).
    const other = await store.create('other@v0.1.0', 'Register other v0.1.0');
    const staged = await store.create('churn#staging#1', 'Promote', commits[0]);
    await store.push(['other@v0.1.0', 'churn#staging#1']);
    expect(other.commit).toBe(commits[3]);
    expect(git(remote, ['rev-parse', 'other@v0.1.0^{commit}'])).toBe(commits[3]);
    expect(git(remote, ['rev-parse', 'churn#staging#1^{commit}'])).toBe(staged.commit);
    expect(staged.commit).toBe(commits[0]);
  });

  test("taking the remote's tags fetches their commits alone too", async () => {
    const { remote } = published();
    const dir = shallowClone(remote);
    const { store } = storeIn(dir, 'origin');
    await store.takeRemote(['churn@v0.1.0']);
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
    expect(count(dir, 'churn@v0.1.0')).toBe('1');
    expect(count(dir, 'HEAD')).toBe('1');
  });

  test('without a remote, a warning says that tags outside the clone are not seen', async () => {
    const { remote } = published();
    const dir = shallowClone(remote);
    const { store, lines } = storeIn(dir);
    expect(await store.list()).toEqual([]);
    await store.list();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('is a shallow clone and no remote was given');
  });
});

describe('other clones', () => {
  test('a deeper shallow clone gets the tags with their history, and keeps its own', async () => {
    const { remote } = published();
    const dir = shallowClone(remote, 3);
    const { store, lines } = storeIn(dir, 'origin');
    expect((await store.list()).map((record) => record.tag).sort()).toEqual([
      'churn#production#1',
      'churn@v0.1.0',
      'churn@v0.2.0',
      'release-2024',
    ]);
    // Fetching the tagged commit c3 at depth 1 would have cut HEAD's history (c4, c3, c2) at c3.
    expect(count(dir, 'HEAD')).toBe('3');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^shallow checkout with history: fetched the registry tags \(3\)/);
  });

  test('a full clone says nothing about it', async () => {
    const { remote } = published();
    const dir = tempDir('mlops-full-');
    git(dir, ['clone', '-q', '-b', 'main', remote, '.']);
    const { store, lines } = storeIn(dir, 'origin');
    expect(await store.list()).toHaveLength(4);
    expect(lines).toEqual([]);
  });
});

describe('the CLI in a depth-1 clone', () => {
  test('registers the next version, not the first again, and logs the shallow fetch', async () => {
    const seed = makeRepo({
      'data.csv': makeCsv('binary', 120, { seed: 1 }),
      'mlops.yml': tinyConfig(),
    });
    const remote = tempDir('mlops-remote-');
    git(remote, ['init', '-q', '--bare']);
    git(seed, ['remote', 'add', 'origin', remote]);
    git(seed, ['push', '-q', 'origin', 'main']);
    expect((await mlops(seed, ['run', '--remote', 'origin'])).code).toBe(0);
    writeFileSync(path.join(seed, 'data.csv'), makeCsv('binary', 120, { seed: 2 }));
    git(seed, ['commit', '-qam', 'new data']);
    git(seed, ['push', '-q', 'origin', 'main']);

    const dir = shallowClone(remote);
    const result = await mlops(dir, ['run', '--remote', 'origin']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'shallow checkout: fetched the registry tags (1) from "origin" with their tagged commits only',
    );
    expect(result.stderr.match(/shallow checkout/g)).toHaveLength(1);
    expect(tags(remote)).toEqual(['churn@v0.1.0', 'churn@v0.2.0']);
    expect(count(dir, 'HEAD')).toBe('1');
  });
});
