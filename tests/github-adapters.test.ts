/**
 * The GitHub adapters (sticky comments, releases as the model store) run with the real octokit
 * against the local GitHub server, which checks every request and response against GitHub's
 * OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { parseSha256Sums, sha256Hex } from '../src/adapters/bundle.js';
import { createGitHubCommentStore } from '../src/adapters/github-comments.js';
import { createGitHubReleaseStore } from '../src/adapters/github-releases.js';
import { createGitHubClient, type GitHubClient } from '../src/adapters/github.js';
import type { Logger } from '../src/adapters/log.js';
import { MlopsError, PermissionDenied, RegistryConflict } from '../src/errors.js';
import { startFakeGitHub, type FakeGitHub } from './support/github-server.js';

const REPO = { owner: 'octo', repo: 'wages' };
const TOKEN = 'ghs_test_token';
const MARKER = '<!-- mlops-actions report wages -->';

let server: FakeGitHub;
let warnings: string[];

const log: Logger = {
  info: () => {},
  warn: (message) => warnings.push(message),
  annotate: () => {},
  group: (_name, fn) => fn(),
};

function client(token = TOKEN): GitHubClient {
  return createGitHubClient({
    token,
    baseUrl: server.url,
    log,
    retryBaseMs: 1,
    spaceWrites: false,
  });
}

beforeEach(async () => {
  server = await startFakeGitHub({ tokens: { [TOKEN]: 'write', ghs_fork: 'read' } });
  warnings = [];
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

describe('sticky comment', () => {
  const pr = { kind: 'issue', number: 7 } as const;

  test('is created once, then edited in place', async () => {
    const comments = createGitHubCommentStore(client(), REPO);
    const first = await comments.upsert(pr, MARKER, `${MARKER}\nfirst`);
    const second = await comments.upsert(pr, MARKER, `${MARKER}\nsecond`);
    expect(first.created).toBe(true);
    expect(second).toEqual({ url: first.url, created: false });
    expect(server.issueComments(7).map((c) => c.body)).toEqual([`${MARKER}\nsecond`]);
  });

  test('is found past the first 100 comments and other comments are left alone', async () => {
    for (let i = 0; i < 150; i++) server.addIssueComment(7, `comment ${i}`, 'someone');
    const id = server.addIssueComment(7, `${MARKER}\nold`);
    for (let i = 0; i < 20; i++) server.addIssueComment(7, `later ${i}`, 'someone');
    const posted = await createGitHubCommentStore(client(), REPO).upsert(
      pr,
      MARKER,
      `${MARKER}\nnew`,
    );
    expect(posted.created).toBe(false);
    const all = server.issueComments(7);
    expect(all).toHaveLength(171);
    expect(all.find((c) => c.id === id)?.body).toBe(`${MARKER}\nnew`);
    const pages = server.requests.filter((r) => r.operationId === 'issues/list-comments');
    expect(pages.length).toBe(2);
  });

  test('another model or workflow keeps its own comment', async () => {
    const comments = createGitHubCommentStore(client(), REPO);
    const other = '<!-- mlops-actions report wages workflow: nightly -->';
    await comments.upsert(pr, MARKER, `${MARKER}\na`);
    await comments.upsert(pr, other, `${other}\nb`);
    expect(server.issueComments(7)).toHaveLength(2);
  });

  test('three jobs racing leave one comment, which every job links to', async () => {
    const stores = [1, 2, 3].map(() => createGitHubCommentStore(client(), REPO));
    const holds = stores.map(() => server.hold({ method: 'GET', path: /comments$/ }));
    const racing = Promise.all(stores.map((s, i) => s.upsert(pr, MARKER, `${MARKER}\n${i}`)));
    await Promise.all(holds.map((h) => h.reached));
    holds.forEach((h) => h.release());
    const results = await racing;
    const left = server.issueComments(7);
    expect(left).toHaveLength(1);
    expect(new Set(results.map((r) => r.url))).toEqual(new Set([results[0]?.url]));
    expect(results[0]?.url).toContain(String(left[0]?.id));
  });

  test('a stranger quoting the marker does not take the report over', async () => {
    server.addIssueComment(7, `lol ${MARKER}`, 'mallory');
    server.addIssueComment(7, `${MARKER}\nfake`, 'mallory');
    const posted = await createGitHubCommentStore(client(), REPO).upsert(
      pr,
      MARKER,
      `${MARKER}\nreal`,
    );
    expect(posted.created).toBe(true);
    expect(server.issueComments(7).map((c) => c.body)).toEqual([
      `lol ${MARKER}`,
      `${MARKER}\nfake`,
      `${MARKER}\nreal`,
    ]);
  });

  test('two jobs racing leave one comment', async () => {
    const a = createGitHubCommentStore(client(), REPO);
    const b = createGitHubCommentStore(client(), REPO);
    // Both jobs list before either creates: each finds nothing and creates its own.
    const listA = server.hold({ method: 'GET', path: /comments$/ });
    const listB = server.hold({ method: 'GET', path: /comments$/ });
    const racing = Promise.all([
      a.upsert(pr, MARKER, `${MARKER}\nfrom a`),
      b.upsert(pr, MARKER, `${MARKER}\nfrom b`),
    ]);
    await Promise.all([listA.reached, listB.reached]);
    listA.release();
    listB.release();
    const results = await racing;
    const left = server.issueComments(7);
    expect(left).toHaveLength(1);
    expect([`${MARKER}\nfrom a`, `${MARKER}\nfrom b`]).toContain(left[0]?.body);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  test('a 502 is retried and posts one comment', async () => {
    server.failNext({ method: 'POST', path: /comments$/ }, { status: 502 });
    const posted = await createGitHubCommentStore(client(), REPO).upsert(pr, MARKER, MARKER);
    expect(posted.created).toBe(true);
    expect(server.issueComments(7)).toHaveLength(1);
    const creates = server.requests.filter((r) => r.operationId === 'issues/create-comment');
    expect(creates.map((r) => r.status)).toEqual([502, 201]);
  });

  test('a rate limit is waited out and logged', async () => {
    server.failNext({ method: 'GET', path: /comments$/ }, { rateLimit: true });
    await createGitHubCommentStore(client(), REPO).upsert(pr, MARKER, MARKER);
    expect(warnings.join('\n')).toMatch(/rate limit hit on GET .*retrying/);
    expect(server.issueComments(7)).toHaveLength(1);
  });

  test('a read-only token (a fork pull request) is a PermissionDenied naming the permission', async () => {
    const attempt = createGitHubCommentStore(client('ghs_fork'), REPO).upsert(pr, MARKER, MARKER);
    await expect(attempt).rejects.toThrow(PermissionDenied);
    await expect(attempt).rejects.toThrow(/pull-requests: write/);
  });

  test('a bad token says so', async () => {
    const attempt = createGitHubCommentStore(client('ghs_nope'), REPO).upsert(pr, MARKER, MARKER);
    await expect(attempt).rejects.toThrow(/401 Bad credentials.*check GITHUB_TOKEN/);
  });

  test('comments on a commit too', async () => {
    const sha = 'c'.repeat(40);
    const comments = createGitHubCommentStore(client(), REPO);
    await comments.upsert({ kind: 'commit', sha }, MARKER, `${MARKER}\n1`);
    await comments.upsert({ kind: 'commit', sha }, MARKER, `${MARKER}\n2`);
    expect(server.commitComments(sha).map((c) => c.body)).toEqual([`${MARKER}\n2`]);
  });

  test('reads the head commit of a pull request', async () => {
    server.addPullRequest(9, { headSha: 'd'.repeat(40) });
    await expect(createGitHubCommentStore(client(), REPO).pullRequestHead(9)).resolves.toEqual({
      sha: 'd'.repeat(40),
      repository: 'octo/wages',
    });
  });
});

describe('GitHub release store', () => {
  const tag = 'wages@v0.1.0';
  const asset = { name: 'wages-v0.1.0.tgz', data: new Uint8Array([1, 2, 3, 4, 5]) };
  const release = { tag, name: tag, notes: '# wages v0.1.0', assets: [asset] };

  test('publishes a release with the bundle and a correct SHA256SUMS, then downloads it verified', async () => {
    const store = createGitHubReleaseStore(client(), REPO, log);
    const { url } = await store.publish(release);
    expect(url).toContain('/releases/tag/');
    const [published] = server.releases();
    expect(published).toMatchObject({ tag_name: tag, name: tag, body: '# wages v0.1.0' });
    expect(published?.assets.map((a) => a.name)).toEqual(['wages-v0.1.0.tgz', 'SHA256SUMS']);
    const sums = parseSha256Sums(published?.assets[1]?.data.toString('utf8') ?? '');
    expect(sums.get(asset.name)).toBe(sha256Hex(asset.data));
    expect(await store.list(tag)).toEqual(['SHA256SUMS', 'wages-v0.1.0.tgz']);
    expect(await store.download(tag, asset.name)).toEqual(asset.data);
  });

  test('a tampered asset is refused', async () => {
    const store = createGitHubReleaseStore(client(), REPO, log);
    await store.publish(release);
    server.tamperAsset(tag, asset.name, Buffer.from([9, 9, 9]));
    await expect(store.download(tag, asset.name)).rejects.toThrow(/Checksum mismatch/);
  });

  test('a release without assets (a job killed mid-publish) is completed', async () => {
    await client().rest.repos.createRelease({ ...REPO, tag_name: tag, name: tag, body: 'x' });
    const store = createGitHubReleaseStore(client(), REPO, log);
    expect(await store.list(tag)).toEqual([]);
    await store.publish(release);
    expect(server.releases()).toHaveLength(1);
    expect(await store.download(tag, asset.name)).toEqual(asset.data);
  });

  test('two jobs publishing the same release at once: one complete release, no other error', async () => {
    const publishes = [1, 2].map(() =>
      createGitHubReleaseStore(client(), REPO, log).publish(release),
    );
    const results = await Promise.allSettled(publishes);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(RegistryConflict);
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(server.releases()).toHaveLength(1);
    expect(server.releases()[0]?.assets.map((a) => a.name)).toEqual([
      'wages-v0.1.0.tgz',
      'SHA256SUMS',
    ]);
  });

  test('a complete release is immutable', async () => {
    const store = createGitHubReleaseStore(client(), REPO, log);
    await store.publish(release);
    await expect(store.publish(release)).rejects.toThrow(RegistryConflict);
  });

  test('no release, no asset and no SHA256SUMS are clear errors', async () => {
    const store = createGitHubReleaseStore(client(), REPO, log);
    expect(await store.list(tag)).toEqual([]);
    await expect(store.download(tag, asset.name)).rejects.toThrow(/no octo\/wages release/);
    await client().rest.repos.createRelease({ ...REPO, tag_name: tag, name: tag });
    await expect(store.download(tag, asset.name)).rejects.toThrow(/no SHA256SUMS/);
    await store.publish(release);
    await expect(store.download(tag, 'other.tgz')).rejects.toThrow(MlopsError);
  });

  test('a read-only token cannot publish and is told which permission to grant', async () => {
    const store = createGitHubReleaseStore(client('ghs_fork'), REPO, log);
    await expect(store.publish(release)).rejects.toThrow(/contents: write/);
  });
});
