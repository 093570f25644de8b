/** The fake GitHub server, driven by the real octokit our adapters use. */
import { afterEach, describe, expect, test } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions,
} from './support/github-server.js';
import { findOperation } from './support/openapi.js';

const TOKEN = 'ghs_test_token';
const REPO = { owner: 'octo', repo: 'wages' };
/** The repository id the fake uses in pagination links, like GitHub's `/repositories/{id}`. */
const REPO_ID = 123456789;

let server: FakeGitHub | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options?: FakeGitHubOptions): Promise<FakeGitHub> {
  server = await startFakeGitHub(options);
  return server;
}

function client(github: FakeGitHub, token = TOKEN) {
  return getOctokit(token, { baseUrl: github.url });
}

/** The HTTP status and GitHub's JSON body of a failed octokit call. */
async function failureOf(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  const error = (await call.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (rejection: unknown) => rejection,
  )) as { status: number; response?: { data: unknown } };
  return { status: error.status, data: error.response?.data };
}

function statuses(github: FakeGitHub): number[] {
  return github.requests.map((request) => request.status);
}

describe('issue comments', () => {
  test('octokit.paginate follows GitHub-style Link headers through 150 comments', async () => {
    const github = await start();
    const octokit = client(github);
    for (let i = 1; i <= 150; i++) github.addIssueComment(7, `comment ${i}`);

    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...REPO,
      issue_number: 7,
      per_page: 100,
    });

    expect(all.map((comment) => comment.body)).toEqual(
      Array.from({ length: 150 }, (_, i) => `comment ${i + 1}`),
    );
    const pages = `${github.url}/repositories/${REPO_ID}/issues/7/comments?per_page=100`;
    expect(github.requests.map(({ path, query }) => ({ path, query }))).toEqual([
      { path: '/repos/octo/wages/issues/7/comments', query: { per_page: '100' } },
      { path: `/repositories/${REPO_ID}/issues/7/comments`, query: { per_page: '100', page: '2' } },
    ]);
    const first = await octokit.rest.issues.listComments({
      ...REPO,
      issue_number: 7,
      per_page: 100,
    });
    expect(first.headers.link).toBe(`<${pages}&page=2>; rel="next", <${pages}&page=2>; rel="last"`);
    const second = await octokit.rest.issues.listComments({
      ...REPO,
      issue_number: 7,
      per_page: 100,
      page: 2,
    });
    expect(second.headers.link).toBe(
      `<${pages}&page=1>; rel="prev", <${pages}&page=1>; rel="first"`,
    );
    expect(github.violations).toEqual([]);
  });

  test('a page holds 30 comments unless per_page says otherwise (at most 100)', async () => {
    const github = await start();
    const octokit = client(github);
    for (let i = 1; i <= 250; i++) github.addIssueComment(1, `c${i}`);

    const byDefault = await octokit.rest.issues.listComments({ ...REPO, issue_number: 1, page: 3 });
    const capped = await octokit.rest.issues.listComments({
      ...REPO,
      issue_number: 1,
      per_page: 500,
    });

    expect(byDefault.data.map((comment) => comment.body)[0]).toBe('c61');
    expect(byDefault.data).toHaveLength(30);
    expect(byDefault.headers.link).toContain('page=9>; rel="last"');
    expect(capped.data).toHaveLength(100);
    expect(github.violations).toEqual([]);
  });

  test('create, get and update a comment; over 65,536 characters is a 422', async () => {
    const github = await start();
    const octokit = client(github);

    const made = await octokit.rest.issues.createComment({ ...REPO, issue_number: 3, body: 'hi' });
    const edited = await octokit.rest.issues.updateComment({
      ...REPO,
      comment_id: made.data.id,
      body: 'edited',
    });
    const fetched = await octokit.rest.issues.getComment({ ...REPO, comment_id: made.data.id });
    // The limit counts characters: 65,536 emoji are 131,072 UTF-16 units and still fit.
    await octokit.rest.issues.createComment({ ...REPO, issue_number: 3, body: '📈'.repeat(65536) });
    const tooLong = await failureOf(
      octokit.rest.issues.createComment({ ...REPO, issue_number: 3, body: 'x'.repeat(65537) }),
    );

    expect(made.status).toBe(201);
    expect(made.data.user?.login).toBe('github-actions[bot]');
    expect(edited.data.body).toBe('edited');
    expect(fetched.data).toMatchObject({ id: made.data.id, body: 'edited' });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(tooLong.data)).toMatch(
      /body is too long \(maximum is 65536 characters\)/i,
    );
    expect(github.issueComments(3).map((comment) => comment.body.length)).toEqual([6, 131072]);
    expect(github.violations).toEqual([]);
  });

  test('an unknown comment is a 404', async () => {
    const github = await start();
    const octokit = client(github);

    const missing = await failureOf(octokit.rest.issues.getComment({ ...REPO, comment_id: 42 }));

    expect(missing).toMatchObject({ status: 404, data: { message: 'Not Found' } });
    expect(github.violations).toEqual([]);
  });
});

test('commit comments: create, list and update', async () => {
  const github = await start();
  const octokit = client(github);
  const sha = 'a'.repeat(40);

  const made = await octokit.rest.repos.createCommitComment({
    ...REPO,
    commit_sha: sha,
    body: 'v1',
  });
  await octokit.rest.repos.updateCommitComment({ ...REPO, comment_id: made.data.id, body: 'v2' });
  const listed = await octokit.paginate(octokit.rest.repos.listCommentsForCommit, {
    ...REPO,
    commit_sha: sha,
  });

  expect(listed.map((comment) => [comment.commit_id, comment.body])).toEqual([[sha, 'v2']]);
  expect(github.commitComments(sha)).toEqual([{ id: made.data.id, body: 'v2' }]);
  expect(github.violations).toEqual([]);
});

test('the repository and its pull requests, by name or by id', async () => {
  const github = await start();
  const octokit = client(github);
  github.addPullRequest(5, { fork: true, headSha: 'b'.repeat(40) });

  const repository = await octokit.rest.repos.get(REPO);
  const byId = await octokit.request('GET /repositories/{id}', { id: REPO_ID });
  const pull = await octokit.rest.pulls.get({ ...REPO, pull_number: 5 });
  const unknownPull = await failureOf(octokit.rest.pulls.get({ ...REPO, pull_number: 6 }));
  const otherRepo = await failureOf(octokit.rest.repos.get({ owner: 'octo', repo: 'other' }));

  expect(repository.data.full_name).toBe('octo/wages');
  expect(byId.data).toMatchObject({ full_name: 'octo/wages' });
  expect(pull.data.head).toMatchObject({ sha: 'b'.repeat(40), repo: { fork: true } });
  expect(pull.data.base.repo.full_name).toBe('octo/wages');
  expect([unknownPull.status, otherRepo.status]).toEqual([404, 404]);
  expect(github.violations).toEqual([]);
});

describe('releases', () => {
  test('create, upload through upload_url, download through the 302 to storage', async () => {
    const github = await start();
    const octokit = client(github);
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);

    const release = await octokit.rest.repos.createRelease({
      ...REPO,
      tag_name: 'income@v1.0.0',
      name: 'income@v1.0.0',
      body: 'model card',
      make_latest: 'true',
    });
    const uploaded = await octokit.request({
      method: 'POST',
      url: release.data.upload_url,
      name: 'income-v1.0.0.tgz',
      data: bytes,
      headers: { 'content-type': 'application/octet-stream', 'content-length': bytes.length },
    });
    const assetId = (uploaded.data as { id: number }).id;
    const download = await octokit.rest.repos.getReleaseAsset({
      ...REPO,
      asset_id: assetId,
      headers: { accept: 'application/octet-stream' },
    });
    const metadata = await octokit.rest.repos.getReleaseAsset({ ...REPO, asset_id: assetId });

    expect(uploaded.status).toBe(201);
    expect(github.requests[1]).toMatchObject({
      path: `/_uploads/repos/octo/wages/releases/${release.data.id}/assets`,
      query: { name: 'income-v1.0.0.tgz' },
    });
    // octokit's types say asset JSON; at run time a binary body is an ArrayBuffer.
    expect(download.data).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(download.data as unknown as ArrayBuffer)).toEqual(bytes);
    expect(download.url).toMatch(new RegExp(`^${github.url}/_storage/assets/${assetId}\\?token=`));
    expect(metadata.data).toMatchObject({ name: 'income-v1.0.0.tgz', size: bytes.length });
    expect(github.releases()[0]?.assets[0]?.data).toEqual(bytes);
    expect(github.violations).toEqual([]);
  });

  test('an existing tag or asset name is a 422 already_exists', async () => {
    const github = await start();
    const octokit = client(github);
    const release = await octokit.rest.repos.createRelease({ ...REPO, tag_name: 'm@v1.0.0' });
    const upload = () =>
      octokit.request({
        method: 'POST',
        url: release.data.upload_url,
        name: 'SHA256SUMS',
        data: 'abc  m.tgz\n',
        headers: { 'content-type': 'text/plain', 'content-length': 11 },
      });
    await upload();

    const sameAsset = await failureOf(upload());
    const sameTag = await failureOf(
      octokit.rest.repos.createRelease({ ...REPO, tag_name: 'm@v1.0.0' }),
    );

    expect(sameAsset).toMatchObject({
      status: 422,
      data: { errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }] },
    });
    expect(sameTag).toMatchObject({
      status: 422,
      data: { errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] },
    });
    expect(github.violations).toEqual([]);
  });

  test('drafts are found by id but not by tag until published, and never by read tokens', async () => {
    const github = await start({ tokens: { [TOKEN]: 'write', reader: 'read' } });
    const octokit = client(github);
    const reader = client(github, 'reader');
    const draft = await octokit.rest.repos.createRelease({
      ...REPO,
      tag_name: 'm@v2.0.0',
      draft: true,
    });
    const byTag = () => octokit.rest.repos.getReleaseByTag({ ...REPO, tag: 'm@v2.0.0' });

    const beforePublishing = await failureOf(byTag());
    const readerSees = await reader.rest.repos.listReleases(REPO);
    await octokit.rest.repos.updateRelease({ ...REPO, release_id: draft.data.id, draft: false });
    const published = await byTag();

    expect(draft.data.published_at).toBeNull();
    expect(beforePublishing.status).toBe(404);
    expect(readerSees.data).toEqual([]);
    expect(published.data.published_at).not.toBeNull();
    expect(github.violations).toEqual([]);
  });

  test('tamperAsset changes the stored bytes but not the digest GitHub reported', async () => {
    const github = await start();
    const octokit = client(github);
    const release = await octokit.rest.repos.createRelease({ ...REPO, tag_name: 'm@v1.0.0' });
    const uploaded = await octokit.request({
      method: 'POST',
      url: release.data.upload_url,
      name: 'weights.bin',
      data: Buffer.from('original'),
      headers: { 'content-type': 'application/octet-stream', 'content-length': 8 },
    });
    const assetId = (uploaded.data as { id: number }).id;

    github.tamperAsset('m@v1.0.0', 'weights.bin', Buffer.from('tampered'));
    const download = await octokit.rest.repos.getReleaseAsset({
      ...REPO,
      asset_id: assetId,
      headers: { accept: 'application/octet-stream' },
    });
    const listed = await octokit.rest.repos.listReleaseAssets({
      ...REPO,
      release_id: release.data.id,
    });

    expect(Buffer.from(download.data as unknown as ArrayBuffer).toString()).toBe('tampered');
    expect(listed.data[0]?.digest).toBe(
      'sha256:0682c5f2076f099c34cfdd15a9e063849ed437a49677e6fcc5b4198c76575be5',
    );
    expect(github.violations).toEqual([]);
  });
});

describe('tokens', () => {
  test('a read token may read but gets 403 on writes; an unknown token gets 401', async () => {
    const github = await start({ tokens: { reader: 'read' } });
    const reader = client(github, 'reader');

    const read = await reader.rest.issues.listComments({ ...REPO, issue_number: 1 });
    const write = await failureOf(
      reader.rest.issues.createComment({ ...REPO, issue_number: 1, body: 'x' }),
    );
    const unknown = await failureOf(client(github, 'ghs_revoked').rest.repos.get(REPO));

    expect(read.status).toBe(200);
    expect(write).toMatchObject({
      status: 403,
      data: { message: 'Resource not accessible by integration', status: '403' },
    });
    expect(unknown).toMatchObject({ status: 401, data: { message: 'Bad credentials' } });
    expect(github.issueComments(1)).toEqual([]);
    expect(github.violations).toEqual([]);
  });
});

describe('injected failures', () => {
  test('the retry plugin retries a 502 on POST, once, and the comment is made once', async () => {
    const github = await start();
    const octokit = getOctokit(
      TOKEN,
      { baseUrl: github.url, retry: { retryAfterBaseValue: 1 } },
      retry,
    );
    github.failNext({ method: 'POST', path: /\/comments$/ }, { status: 502 });

    const made = await octokit.rest.issues.createComment({
      ...REPO,
      issue_number: 2,
      body: 'once',
    });

    expect(made.status).toBe(201);
    expect(statuses(github)).toEqual([502, 201]);
    expect(github.issueComments(2)).toHaveLength(1);
    expect(github.violations).toEqual([]);
  });

  test('the throttling plugin waits out a rate limit and a secondary rate limit', async () => {
    const github = await start();
    const waits: Array<[string, number]> = [];
    const octokit = getOctokit(
      TOKEN,
      {
        baseUrl: github.url,
        throttle: {
          retryAfterBaseValue: 1, // ms per second GitHub asks for, to keep the test fast
          onRateLimit: (retryAfter: number, _options: object, _octokit: unknown, count: number) => {
            waits.push(['primary', retryAfter]);
            return count < 2;
          },
          onSecondaryRateLimit: (retryAfter: number, _o: object, _k: unknown, count: number) => {
            waits.push(['secondary', retryAfter]);
            return count < 2;
          },
        },
      },
      throttling,
    );
    github.failNext({ method: 'GET' }, { rateLimit: true });
    const first = await octokit.rest.repos.get(REPO);
    github.failNext({ method: 'GET' }, { secondaryRateLimit: true });
    const second = await octokit.rest.repos.get(REPO);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(statuses(github)).toEqual([403, 200, 403, 200]);
    // Reset is 1 s away; octokit rounds up and adds a second.
    expect(waits[0]?.[0]).toBe('primary');
    expect(waits[0]?.[1]).toBeGreaterThanOrEqual(1);
    expect(waits[1]).toEqual(['secondary', 1]);
    expect(github.violations).toEqual([]);
  });
});

describe('OpenAPI checks', () => {
  test('a request body that breaks the schema is a 500 and a violation', async () => {
    const github = await start();
    const octokit = client(github);

    // The untyped form, as a caller that slips past octokit's types would send it.
    const broken = await failureOf(
      octokit.request({
        method: 'POST',
        url: '/repos/{owner}/{repo}/releases',
        ...REPO,
        name: 'x',
      }),
    );

    expect(broken.status).toBe(500);
    expect(JSON.stringify(broken.data)).toContain('OpenAPI');
    expect(github.violations).toEqual([
      "repos/create-release request: / must have required property 'tag_name'",
    ]);
    expect(github.releases()).toEqual([]);
  });

  test('response checks catch missing fields, undeclared statuses and bad error bodies', () => {
    const getRelease = findOperation('GET', '/repos/{owner}/{repo}/releases/{release_id}');

    expect(getRelease.id).toBe('repos/get-release');
    expect(getRelease.responseProblems(200, { id: 1 })).toContain(
      "/ must have required property 'upload_url'",
    );
    expect(getRelease.responseProblems(201, undefined)).toEqual(['status 201 is not declared']);
    // GitHub does not declare 5xx here, but its generic error shape still applies.
    expect(getRelease.responseProblems(502, { message: 502 })).toEqual(['/message must be string']);
    expect(() => findOperation('GET', '/repos/{owner}/{repo}/nothing')).toThrow(/has no GET/);
  });

  test('an endpoint the fake does not serve is a 404 and a violation', async () => {
    const github = await start();
    const octokit = client(github);

    const missing = await failureOf(octokit.rest.issues.listLabelsForRepo(REPO));

    expect(missing.status).toBe(404);
    expect(github.violations).toEqual(['unimplemented endpoint GET /repos/octo/wages/labels']);
    expect(github.requests[0]?.operationId).toBeNull();
  });
});

test('hold() orders two concurrent creates', async () => {
  const github = await start();
  const octokit = client(github);
  const held = github.hold({ method: 'POST', path: /\/issues\/4\/comments$/ });

  const first = octokit.rest.issues.createComment({ ...REPO, issue_number: 4, body: 'first' });
  await held.reached;
  await octokit.rest.issues.createComment({ ...REPO, issue_number: 4, body: 'second' });
  held.release();
  await first;

  expect(github.issueComments(4).map((comment) => comment.body)).toEqual(['second', 'first']);
  expect(github.requests.map((request) => request.operationId)).toEqual([
    'issues/create-comment',
    'issues/create-comment',
  ]);
  expect(github.violations).toEqual([]);
});
