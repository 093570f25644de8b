/**
 * An in-memory GitHub REST API on 127.0.0.1 for tests that run the real octokit: issue and
 * commit comments, pull requests, releases with asset upload and download, tokens with read or
 * write permission, GitHub's pagination, errors and rate-limit headers, and injected failures.
 * Every request body and every response is checked against GitHub's OpenAPI description; a
 * mismatch lands in `violations`, and a request that breaks it is answered 500.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findOperation, type Operation } from './openapi.js';

export interface FakeGitHubOptions {
  /** Default 'octo'. */
  owner?: string;
  /** Default 'wages'. */
  repo?: string;
  /**
   * token → permission: 'write' may do everything, 'read' gets 403 on any write ("Resource not
   * accessible by integration", like a fork PR's GITHUB_TOKEN). Default { ghs_test_token: 'write' }.
   */
  tokens?: Record<string, Permission>;
}

export type Permission = 'read' | 'write';

export interface RecordedRequest {
  method: string;
  /** The path as requested, without the query. */
  path: string;
  query: Record<string, string>;
  /** GitHub's operationId, or null for storage downloads and unimplemented endpoints. */
  operationId: string | null;
  /** The status answered; 0 while the request is still held or being answered. */
  status: number;
}

export interface RequestMatch {
  method?: string;
  /** Tested against the path as requested, without the query. */
  path?: RegExp;
}

export interface InjectedFailure {
  status?: number;
  message?: string;
  rateLimit?: boolean;
  secondaryRateLimit?: boolean;
}

/** A pull request as `addPullRequest` seeds it. */
export interface PullRequestSeed {
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  /** The head branch lives in a fork owned by someone else (its token gets read access only). */
  fork: boolean;
}

export interface FakeGitHub {
  /** API base URL, e.g. http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** Every request, in the order it arrived. */
  requests: RecordedRequest[];
  /** OpenAPI mismatches and calls to unimplemented endpoints (must stay empty). */
  violations: string[];
  /**
   * Makes the next `times` (default 1) matching requests answer with a failure instead: a status
   * (5xx, 401, 403, 404, 422) with a message, `rateLimit` (403, x-ratelimit-remaining 0, reset in
   * 1 s) or `secondaryRateLimit` (403 with retry-after: 1).
   */
  failNext(match: RequestMatch, failure: InjectedFailure, times?: number): void;
  /**
   * Pauses the next matching request until `release()`; `reached` resolves once it is paused.
   * Each call holds one request: call it twice to hold two.
   */
  hold(match: RequestMatch): { release(): void; reached: Promise<void> };
  issueComments(issue: number): Array<{ id: number; body: string; user: string }>;
  commitComments(sha: string): Array<{ id: number; body: string }>;
  /** Seeds a comment (by github-actions[bot] unless `user` is given); returns its id. */
  addIssueComment(issue: number, body: string, user?: string): number;
  /** Seeds a pull request; unseeded numbers are 404 like on GitHub. */
  addPullRequest(number: number, pull?: Partial<PullRequestSeed>): void;
  releases(): Array<{
    id: number;
    tag_name: string;
    name: string;
    body: string;
    draft: boolean;
    assets: Array<{ id: number; name: string; data: Buffer; content_type: string }>;
  }>;
  /** Replaces an asset's stored bytes, leaving its size and digest as uploaded (tampering). */
  tamperAsset(tag: string, name: string, data: Buffer): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// State

const ACTIONS_BOT = 'github-actions[bot]';
/** github-actions[bot]'s real user id, so ids look like the ones workflows see. */
const ACTIONS_BOT_ID = 41898282;
const WEB_URL = 'https://github.com';
const GENERIC_DOCS_URL = 'https://docs.github.com/rest';
const RATE_LIMIT = 5000;
const COMMENT_MAX_CHARACTERS = 65536;
const RELEASE_BODY_MAX_CHARACTERS = 125000;
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

interface IssueComment {
  id: number;
  issue: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

interface CommitComment {
  id: number;
  sha: string;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

interface Asset {
  id: number;
  name: string;
  label: string;
  contentType: string;
  data: Buffer;
  /** As uploaded: tamperAsset changes `data` only. */
  size: number;
  digest: string;
  createdAt: string;
}

interface Release {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  assets: Asset[];
}

interface World {
  url: string;
  owner: string;
  repo: string;
  repoId: number;
  tokens: Record<string, Permission>;
  nextId: number;
  rateLimitUsed: number;
  rateLimitReset: number;
  issueComments: IssueComment[];
  commitComments: CommitComment[];
  pulls: Map<number, PullRequestSeed>;
  releases: Release[];
  /** Download tokens of storage URLs handed out by 302s → asset id. */
  storageTokens: Map<string, number>;
}

function createWorld(options: FakeGitHubOptions): World {
  return {
    url: '',
    owner: options.owner ?? 'octo',
    repo: options.repo ?? 'wages',
    repoId: 123456789,
    tokens: options.tokens ?? { ghs_test_token: 'write' },
    nextId: 1000001,
    rateLimitUsed: 0,
    rateLimitReset: epochSeconds() + 3600,
    issueComments: [],
    commitComments: [],
    pulls: new Map(),
    releases: [],
    storageTokens: new Map(),
  };
}

function takeId(world: World): number {
  return world.nextId++;
}

/** GitHub's timestamps: ISO 8601 in UTC, to the second. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function epochSeconds(): number {
  return Math.ceil(Date.now() / 1000);
}

function findRelease(world: World, id: number): Release | undefined {
  return world.releases.find((release) => release.id === id);
}

function findAsset(world: World, id: number): { release: Release; asset: Asset } | undefined {
  for (const release of world.releases) {
    const asset = release.assets.find((candidate) => candidate.id === id);
    if (asset) return { release, asset };
  }
  return undefined;
}

function publishedWithTag(world: World, tag: string, except?: Release): Release | undefined {
  return world.releases.find((r) => r.tagName === tag && !r.draft && r !== except);
}

/** Drafts are visible only to tokens that may push, as on GitHub. */
function visibleRelease(release: Release | undefined, permission: Permission): boolean {
  return release !== undefined && (!release.draft || permission === 'write');
}

// ---------------------------------------------------------------------------------------------
// JSON as GitHub renders it

type Json = Record<string, unknown>;

function repoApiUrl(world: World, rest = ''): string {
  return `${world.url}/repos/${world.owner}/${world.repo}${rest}`;
}

function repoWebUrl(world: World, rest = ''): string {
  return `${WEB_URL}/${world.owner}/${world.repo}${rest}`;
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

/** A stable id per login, so the same user always looks the same. */
function userId(login: string): number {
  if (login === ACTIONS_BOT) return ACTIONS_BOT_ID;
  return createHash('sha256').update(login).digest().readUInt32BE(0) % 100000000;
}

function userJson(world: World, login: string): Json {
  const id = userId(login);
  const bot = login.endsWith('[bot]');
  const api = `${world.url}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(bot ? 'BOT' : 'U', id),
    avatar_url: `https://avatars.githubusercontent.com/${bot ? 'in/15368' : `u/${id}`}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: bot ? `${WEB_URL}/apps/${login.replace('[bot]', '')}` : `${WEB_URL}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: bot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

function authorAssociation(world: World, login: string): string {
  return login === world.owner ? 'OWNER' : 'NONE';
}

function reactionsJson(url: string): Json {
  const counts = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'eyes', 'rocket'];
  return {
    url: `${url}/reactions`,
    total_count: 0,
    ...Object.fromEntries(counts.map((name) => [name, 0])),
  };
}

/** A repository as both `full-repository` and `repository` require it. */
function repositoryJson(
  world: World,
  owner: string,
  name: string,
  id: number,
  fork: boolean,
): Json {
  const api = `${world.url}/repos/${owner}/${name}`;
  const web = `${WEB_URL}/${owner}/${name}`;
  const created = '2024-01-02T03:04:05Z';
  return {
    id,
    node_id: nodeId('R', id),
    name,
    full_name: `${owner}/${name}`,
    owner: userJson(world, owner),
    private: false,
    visibility: 'public',
    html_url: web,
    description: null,
    fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${owner}/${name}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${owner}/${name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: web,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 128,
    default_branch: 'main',
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: created,
    created_at: created,
    updated_at: created,
    allow_forking: true,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

function ownRepositoryJson(world: World): Json {
  return repositoryJson(world, world.owner, world.repo, world.repoId, false);
}

function issueCommentJson(world: World, comment: IssueComment): Json {
  const url = repoApiUrl(world, `/issues/comments/${comment.id}`);
  const kind = world.pulls.has(comment.issue) ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url,
    html_url: repoWebUrl(world, `/${kind}/${comment.issue}#issuecomment-${comment.id}`),
    issue_url: repoApiUrl(world, `/issues/${comment.issue}`),
    body: comment.body,
    user: userJson(world, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(world, comment.user),
    reactions: reactionsJson(url),
  };
}

function commitCommentJson(world: World, comment: CommitComment): Json {
  const url = repoApiUrl(world, `/comments/${comment.id}`);
  return {
    id: comment.id,
    node_id: nodeId('CC', comment.id),
    url,
    html_url: repoWebUrl(world, `/commit/${comment.sha}#commitcomment-${comment.id}`),
    body: comment.body,
    path: null,
    position: null,
    line: null,
    commit_id: comment.sha,
    user: userJson(world, comment.user),
    author_association: authorAssociation(world, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    reactions: reactionsJson(url),
  };
}

function assetJson(world: World, release: Release, asset: Asset): Json {
  const tagPath = release.draft ? `untagged-${release.id}` : encodeURIComponent(release.tagName);
  return {
    url: repoApiUrl(world, `/releases/assets/${asset.id}`),
    browser_download_url: repoWebUrl(
      world,
      `/releases/download/${tagPath}/${encodeURIComponent(asset.name)}`,
    ),
    id: asset.id,
    node_id: nodeId('RA', asset.id),
    name: asset.name,
    label: asset.label,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.size,
    digest: asset.digest,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.createdAt,
    uploader: userJson(world, ACTIONS_BOT),
  };
}

function releaseJson(world: World, release: Release): Json {
  const api = repoApiUrl(world, `/releases/${release.id}`);
  const tag = encodeURIComponent(release.tagName);
  return {
    url: api,
    html_url: repoWebUrl(world, `/releases/tag/${release.draft ? `untagged-${release.id}` : tag}`),
    assets_url: `${api}/assets`,
    // GitHub's RFC 6570 template, on the upload host (here a path prefix of the same server).
    upload_url: `${world.url}/_uploads/repos/${world.owner}/${world.repo}/releases/${release.id}/assets{?name,label}`,
    tarball_url: repoApiUrl(world, `/tarball/${tag}`),
    zipball_url: repoApiUrl(world, `/zipball/${tag}`),
    id: release.id,
    node_id: nodeId('RE', release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: release.createdAt,
    updated_at: release.updatedAt,
    published_at: release.publishedAt,
    author: userJson(world, ACTIONS_BOT),
    assets: release.assets.map((asset) => assetJson(world, release, asset)),
  };
}

function branchJson(world: World, owner: string, repo: Json, ref: string, sha: string): Json {
  return { label: `${owner}:${ref}`, ref, sha, user: userJson(world, owner), repo };
}

function pullRequestJson(world: World, number: number, pull: PullRequestSeed): Json {
  const id = 500000000 + number;
  const api = repoApiUrl(world, `/pulls/${number}`);
  const issueApi = repoApiUrl(world, `/issues/${number}`);
  const web = repoWebUrl(world, `/pull/${number}`);
  const headOwner = pull.fork ? 'contributor' : world.owner;
  const headRepo = pull.fork
    ? repositoryJson(world, headOwner, world.repo, world.repoId + 1, true)
    : ownRepositoryJson(world);
  const created = '2024-02-03T04:05:06Z';
  return {
    url: api,
    id,
    node_id: nodeId('PR', id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: repoApiUrl(world, '/pulls/comments{/number}'),
    comments_url: `${issueApi}/comments`,
    statuses_url: repoApiUrl(world, `/statuses/${pull.headSha}`),
    number,
    state: 'open',
    locked: false,
    title: `Pull request #${number}`,
    user: userJson(world, headOwner),
    body: null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: created,
    updated_at: created,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branchJson(world, headOwner, headRepo, pull.headRef, pull.headSha),
    base: branchJson(world, world.owner, ownRepositoryJson(world), pull.baseRef, pull.baseSha),
    _links: {
      self: { href: api },
      html: { href: web },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: repoApiUrl(world, '/pulls/comments{/number}') },
      commits: { href: `${api}/commits` },
      statuses: { href: repoApiUrl(world, `/statuses/${pull.headSha}`) },
    },
    author_association: pull.fork ? 'CONTRIBUTOR' : 'OWNER',
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: world.issueComments.filter((comment) => comment.issue === number).length,
    review_comments: 0,
    maintainer_can_modify: pull.fork,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Requests, responses and errors

interface ApiRequest {
  /** The path on GitHub's API host, after `/repositories/{id}` became `/repos/{owner}/{repo}`. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The query as sent, in its order, for pagination links. */
  search: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  json: unknown;
  raw: Buffer;
  permission: Permission;
}

interface ApiResponse {
  status: number;
  /** JSON body; undefined for none. */
  body?: unknown;
  /** Raw bytes instead of JSON (storage downloads). */
  bytes?: Buffer;
  headers?: Record<string, string>;
}

type Handler = (world: World, request: ApiRequest, operation: Operation) => ApiResponse;

function errorBody(status: number, message: string, documentationUrl: string): Json {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

function errorResponse(status: number, message: string, operation?: Operation): ApiResponse {
  return {
    status,
    body: errorBody(status, message, operation?.documentationUrl ?? GENERIC_DOCS_URL),
  };
}

function notFound(operation?: Operation): ApiResponse {
  return errorResponse(404, 'Not Found', operation);
}

interface FieldError {
  resource: string;
  code: string;
  field: string;
  message?: string;
}

function validationFailed(operation: Operation, errors: FieldError[]): ApiResponse {
  return {
    status: 422,
    body: { ...errorBody(422, 'Validation Failed', operation.documentationUrl), errors },
  };
}

/** GitHub counts characters (code points), not UTF-16 units. */
function tooLong(text: string, max: number): boolean {
  return [...text].length > max;
}

/** GitHub's 422 for a comment over its limit (the error it gives today), else undefined. */
function overCommentLimit(
  operation: Operation,
  resource: string,
  body: string,
): ApiResponse | undefined {
  if (!tooLong(body, COMMENT_MAX_CHARACTERS)) return undefined;
  return validationFailed(operation, [
    {
      resource,
      code: 'unprocessable',
      field: 'data',
      message: `Body is too long (maximum is ${COMMENT_MAX_CHARACTERS} characters)`,
    },
  ]);
}

function created(body: Json, location: string): ApiResponse {
  return { status: 201, body, headers: { location } };
}

/** A numeric path parameter (its route only matches digits there). */
function numberParam(request: ApiRequest, name: string): number {
  return Number(request.params[name]);
}

function jsonField<T>(request: ApiRequest, name: string): T | undefined {
  const json = request.json as Json | undefined;
  return json?.[name] as T | undefined;
}

// ---------------------------------------------------------------------------------------------
// Pagination, with Link headers as GitHub writes them

function paginate<T>(
  world: World,
  request: ApiRequest,
  items: T[],
  render: (item: T) => Json,
): ApiResponse {
  const perPage = Math.min(positiveInt(request.query.per_page) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const page = positiveInt(request.query.page) ?? 1;
  const pageItems = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(world, request, page, Math.ceil(items.length / perPage));
  return {
    status: 200,
    body: pageItems.map(render),
    headers: link ? { link } : {},
  };
}

function positiveInt(value: string | undefined): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** GitHub's order (prev, next, last, first), with URLs by repository id like GitHub's. */
function linkHeader(world: World, request: ApiRequest, page: number, last: number): string {
  const rels: Array<[string, number]> = [];
  if (page > 1) rels.push(['prev', page - 1]);
  if (page < last) rels.push(['next', page + 1], ['last', last]);
  if (page > 1) rels.push(['first', 1]);
  const rest = request.path.slice(`/repos/${request.params.owner}/${request.params.repo}`.length);
  return rels
    .map(([rel, target]) => {
      const search = new URLSearchParams(request.search);
      search.set('page', String(target));
      return `<${world.url}/repositories/${world.repoId}${rest}?${search}>; rel="${rel}"`;
    })
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// Endpoints

const getRepository: Handler = (world) => ({ status: 200, body: ownRepositoryJson(world) });

const listIssueComments: Handler = (world, request) => {
  const issue = numberParam(request, 'issue_number');
  const comments = world.issueComments.filter((comment) => comment.issue === issue);
  return paginate(world, request, comments, (comment) => issueCommentJson(world, comment));
};

const createIssueComment: Handler = (world, request, operation) => {
  const issue = numberParam(request, 'issue_number');
  const body = jsonField<string>(request, 'body') ?? '';
  const rejected = overCommentLimit(operation, 'IssueComment', body);
  if (rejected) return rejected;
  const comment = addIssueComment(world, issue, body, ACTIONS_BOT);
  return created(issueCommentJson(world, comment), comment.url);
};

function addIssueComment(world: World, issue: number, body: string, user: string) {
  const now = timestamp();
  const comment = { id: takeId(world), issue, body, user, createdAt: now, updatedAt: now };
  world.issueComments.push(comment);
  return { ...comment, url: repoApiUrl(world, `/issues/comments/${comment.id}`) };
}

function findIssueComment(world: World, request: ApiRequest): IssueComment | undefined {
  const id = numberParam(request, 'comment_id');
  return world.issueComments.find((comment) => comment.id === id);
}

const getIssueComment: Handler = (world, request, operation) => {
  const comment = findIssueComment(world, request);
  return comment ? { status: 200, body: issueCommentJson(world, comment) } : notFound(operation);
};

const updateIssueComment: Handler = (world, request, operation) => {
  const comment = findIssueComment(world, request);
  const body = jsonField<string>(request, 'body') ?? '';
  if (!comment) return notFound(operation);
  const rejected = overCommentLimit(operation, 'IssueComment', body);
  if (rejected) return rejected;
  Object.assign(comment, { body, updatedAt: timestamp() });
  return { status: 200, body: issueCommentJson(world, comment) };
};

const deleteIssueComment: Handler = (world, request, operation) => {
  const comment = findIssueComment(world, request);
  if (!comment) return notFound(operation);
  world.issueComments = world.issueComments.filter((other) => other !== comment);
  return { status: 204 };
};

const listCommitComments: Handler = (world, request) => {
  const sha = request.params.commit_sha;
  const comments = world.commitComments.filter((comment) => comment.sha === sha);
  return paginate(world, request, comments, (comment) => commitCommentJson(world, comment));
};

const createCommitComment: Handler = (world, request, operation) => {
  const body = jsonField<string>(request, 'body') ?? '';
  const rejected = overCommentLimit(operation, 'CommitComment', body);
  if (rejected) return rejected;
  const now = timestamp();
  const comment: CommitComment = {
    id: takeId(world),
    sha: request.params.commit_sha ?? '',
    body,
    user: ACTIONS_BOT,
    createdAt: now,
    updatedAt: now,
  };
  world.commitComments.push(comment);
  return created(commitCommentJson(world, comment), repoApiUrl(world, `/comments/${comment.id}`));
};

function findCommitComment(world: World, request: ApiRequest): CommitComment | undefined {
  const id = numberParam(request, 'comment_id');
  return world.commitComments.find((comment) => comment.id === id);
}

const getCommitComment: Handler = (world, request, operation) => {
  const comment = findCommitComment(world, request);
  return comment ? { status: 200, body: commitCommentJson(world, comment) } : notFound(operation);
};

const updateCommitComment: Handler = (world, request, operation) => {
  const comment = findCommitComment(world, request);
  const body = jsonField<string>(request, 'body') ?? '';
  if (!comment) return notFound(operation);
  const rejected = overCommentLimit(operation, 'CommitComment', body);
  if (rejected) return rejected;
  Object.assign(comment, { body, updatedAt: timestamp() });
  return { status: 200, body: commitCommentJson(world, comment) };
};

const deleteCommitComment: Handler = (world, request, operation) => {
  const comment = findCommitComment(world, request);
  if (!comment) return notFound(operation);
  world.commitComments = world.commitComments.filter((other) => other !== comment);
  return { status: 204 };
};

const getPullRequest: Handler = (world, request, operation) => {
  const number = numberParam(request, 'pull_number');
  const pull = world.pulls.get(number);
  if (!pull) return notFound(operation);
  return { status: 200, body: pullRequestJson(world, number, pull) };
};

const getReleaseByTag: Handler = (world, request, operation) => {
  // Drafts have no tag yet, so only published releases are found by tag.
  const release = publishedWithTag(world, request.params.tag ?? '');
  return release ? { status: 200, body: releaseJson(world, release) } : notFound(operation);
};

const createRelease: Handler = (world, request, operation) => {
  const tagName = jsonField<string>(request, 'tag_name') ?? '';
  const draft = jsonField<boolean>(request, 'draft') ?? false;
  const body = jsonField<string>(request, 'body') ?? null;
  if (!draft && publishedWithTag(world, tagName)) return releaseExists(operation);
  if (body !== null && tooLong(body, RELEASE_BODY_MAX_CHARACTERS)) {
    return releaseBodyTooLong(operation);
  }
  const now = timestamp();
  const release: Release = {
    id: takeId(world),
    tagName,
    targetCommitish: jsonField<string>(request, 'target_commitish') ?? 'main',
    name: jsonField<string>(request, 'name') ?? null,
    body,
    draft,
    prerelease: jsonField<boolean>(request, 'prerelease') ?? false,
    createdAt: now,
    updatedAt: now,
    publishedAt: draft ? null : now,
    assets: [],
  };
  world.releases.push(release);
  return created(releaseJson(world, release), repoApiUrl(world, `/releases/${release.id}`));
};

function releaseExists(operation: Operation): ApiResponse {
  return validationFailed(operation, [
    { resource: 'Release', code: 'already_exists', field: 'tag_name' },
  ]);
}

function releaseBodyTooLong(operation: Operation): ApiResponse {
  return validationFailed(operation, [
    {
      resource: 'Release',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${RELEASE_BODY_MAX_CHARACTERS} characters)`,
    },
  ]);
}

function visibleReleaseOf(world: World, request: ApiRequest): Release | undefined {
  const release = findRelease(world, numberParam(request, 'release_id'));
  return visibleRelease(release, request.permission) ? release : undefined;
}

const getRelease: Handler = (world, request, operation) => {
  const release = visibleReleaseOf(world, request);
  return release ? { status: 200, body: releaseJson(world, release) } : notFound(operation);
};

const updateRelease: Handler = (world, request, operation) => {
  const release = visibleReleaseOf(world, request);
  if (!release) return notFound(operation);
  const tagName = jsonField<string>(request, 'tag_name') ?? release.tagName;
  const draft = jsonField<boolean>(request, 'draft') ?? release.draft;
  const body = jsonField<string>(request, 'body') ?? release.body;
  if (!draft && publishedWithTag(world, tagName, release)) return releaseExists(operation);
  if (body !== null && tooLong(body, RELEASE_BODY_MAX_CHARACTERS)) {
    return releaseBodyTooLong(operation);
  }
  const now = timestamp();
  Object.assign(release, {
    tagName,
    draft,
    body,
    name: jsonField<string>(request, 'name') ?? release.name,
    prerelease: jsonField<boolean>(request, 'prerelease') ?? release.prerelease,
    targetCommitish: jsonField<string>(request, 'target_commitish') ?? release.targetCommitish,
    publishedAt: draft ? null : (release.publishedAt ?? now),
    updatedAt: now,
  });
  return { status: 200, body: releaseJson(world, release) };
};

const deleteRelease: Handler = (world, request, operation) => {
  const release = visibleReleaseOf(world, request);
  if (!release) return notFound(operation);
  world.releases = world.releases.filter((other) => other !== release);
  return { status: 204 };
};

const listReleases: Handler = (world, request) => {
  const newestFirst = world.releases
    .filter((release) => visibleRelease(release, request.permission))
    .reverse();
  return paginate(world, request, newestFirst, (release) => releaseJson(world, release));
};

const listReleaseAssets: Handler = (world, request, operation) => {
  const release = visibleReleaseOf(world, request);
  if (!release) return notFound(operation);
  return paginate(world, request, release.assets, (asset) => assetJson(world, release, asset));
};

function visibleAssetOf(world: World, request: ApiRequest) {
  const found = findAsset(world, numberParam(request, 'asset_id'));
  return found && visibleRelease(found.release, request.permission) ? found : undefined;
}

const getReleaseAsset: Handler = (world, request, operation) => {
  const found = visibleAssetOf(world, request);
  if (!found) return notFound(operation);
  if (!(request.headers.accept ?? '').includes('application/octet-stream')) {
    return { status: 200, body: assetJson(world, found.release, found.asset) };
  }
  // Like GitHub: a redirect to a signed URL on the storage host, which needs no authorization.
  const token = randomBytes(16).toString('hex');
  world.storageTokens.set(token, found.asset.id);
  return {
    status: 302,
    headers: { location: `${world.url}/_storage/assets/${found.asset.id}?token=${token}` },
  };
};

const deleteReleaseAsset: Handler = (world, request, operation) => {
  const found = visibleAssetOf(world, request);
  if (!found) return notFound(operation);
  found.release.assets = found.release.assets.filter((asset) => asset !== found.asset);
  return { status: 204 };
};

const uploadReleaseAsset: Handler = (world, request, operation) => {
  const release = visibleReleaseOf(world, request);
  if (!release) return notFound(operation);
  const name = assetName(request.query.name ?? '');
  if (release.assets.some((asset) => asset.name === name)) {
    return validationFailed(operation, [
      { resource: 'ReleaseAsset', code: 'already_exists', field: 'name' },
    ]);
  }
  const data = Buffer.from(request.raw);
  const asset: Asset = {
    id: takeId(world),
    name,
    label: request.query.label ?? '',
    contentType: request.headers['content-type'] ?? 'application/octet-stream',
    data,
    size: data.length,
    digest: `sha256:${createHash('sha256').update(data).digest('hex')}`,
    createdAt: timestamp(),
  };
  release.assets.push(asset);
  return { status: 201, body: assetJson(world, release, asset) };
};

/**
 * GitHub renames assets whose names have characters outside letters, digits and `._+-`
 * (spaces, `~`, `:`, parentheses…): each becomes a period.
 */
function assetName(requested: string): string {
  return requested.replace(/[^A-Za-z0-9._+-]/g, '.');
}

// ---------------------------------------------------------------------------------------------
// Routing

type Host = 'api' | 'uploads';

interface Route {
  host: Host;
  method: string;
  /** The path template exactly as in GitHub's OpenAPI description. */
  template: string;
  handle: Handler;
}

const UPLOADS_PREFIX = '/_uploads';
const STORAGE_PREFIX = '/_storage/assets/';

const ROUTES: Route[] = [
  api('GET', '/repos/{owner}/{repo}', getRepository),
  api('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', listIssueComments),
  api('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', createIssueComment),
  api('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', getIssueComment),
  api('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', updateIssueComment),
  api('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}', deleteIssueComment),
  api('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/comments', listCommitComments),
  api('POST', '/repos/{owner}/{repo}/commits/{commit_sha}/comments', createCommitComment),
  api('GET', '/repos/{owner}/{repo}/comments/{comment_id}', getCommitComment),
  api('PATCH', '/repos/{owner}/{repo}/comments/{comment_id}', updateCommitComment),
  api('DELETE', '/repos/{owner}/{repo}/comments/{comment_id}', deleteCommitComment),
  api('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', getPullRequest),
  api('GET', '/repos/{owner}/{repo}/releases/tags/{tag}', getReleaseByTag),
  api('GET', '/repos/{owner}/{repo}/releases', listReleases),
  api('POST', '/repos/{owner}/{repo}/releases', createRelease),
  api('GET', '/repos/{owner}/{repo}/releases/{release_id}', getRelease),
  api('PATCH', '/repos/{owner}/{repo}/releases/{release_id}', updateRelease),
  api('DELETE', '/repos/{owner}/{repo}/releases/{release_id}', deleteRelease),
  api('GET', '/repos/{owner}/{repo}/releases/{release_id}/assets', listReleaseAssets),
  api('GET', '/repos/{owner}/{repo}/releases/assets/{asset_id}', getReleaseAsset),
  api('DELETE', '/repos/{owner}/{repo}/releases/assets/{asset_id}', deleteReleaseAsset),
  {
    host: 'uploads',
    method: 'POST',
    template: '/repos/{owner}/{repo}/releases/{release_id}/assets',
    handle: uploadReleaseAsset,
  },
];

function api(method: string, template: string, handle: Handler): Route {
  return { host: 'api', method, template, handle };
}

/**
 * A template's `{name}` matches one path segment; ids and numbers match digits only, so that
 * e.g. `/releases/latest` stays unmatched (an unimplemented endpoint) rather than a missing id.
 */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? paramPattern(part.slice(1, -1)) : escape(part)))
    .join('');
  return new RegExp(`^${source}$`);
}

function paramPattern(name: string): string {
  return `(?<${name}>${/_(?:id|number)$/.test(name) ? '\\d+' : '[^/]+'})`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ROUTE_PATTERNS = new Map(ROUTES.map((route) => [route, templatePattern(route.template)]));

function matchRoute(
  host: Host,
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const [route, pattern] of ROUTE_PATTERNS) {
    const groups = route.host === host && route.method === method && pattern.exec(path)?.groups;
    if (groups) {
      const params = Object.fromEntries(
        Object.entries(groups).map(([name, value]) => [name, decodeURIComponent(value)]),
      );
      return { route, params };
    }
  }
  return undefined;
}

/** GitHub serves `/repositories/{id}/…` (its pagination links use it) as the repository's paths. */
function canonicalPath(world: World, path: string): string | undefined {
  const match = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (!match) return path;
  if (Number(match[1]) !== world.repoId) return undefined;
  return `/repos/${world.owner}/${world.repo}${match[2] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// The server

interface Hold {
  match: RequestMatch;
  taken: boolean;
  arrived: () => void;
  released: Promise<void>;
  release: () => void;
}

interface PendingFailure {
  match: RequestMatch;
  failure: InjectedFailure;
  remaining: number;
}

interface Control {
  world: World;
  requests: RecordedRequest[];
  violations: string[];
  holds: Hold[];
  failures: PendingFailure[];
}

function matches(match: RequestMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (!match.path) return true;
  match.path.lastIndex = 0; // a /g pattern would otherwise remember where it last matched
  return match.path.test(path);
}

async function waitIfHeld(control: Control, method: string, path: string): Promise<void> {
  const hold = control.holds.find((h) => !h.taken && matches(h.match, method, path));
  if (!hold) return;
  hold.taken = true;
  hold.arrived();
  await hold.released;
}

function takeFailure(control: Control, method: string, path: string): InjectedFailure | undefined {
  const pending = control.failures.find((f) => f.remaining > 0 && matches(f.match, method, path));
  if (!pending) return undefined;
  pending.remaining -= 1;
  control.failures = control.failures.filter((f) => f.remaining > 0);
  return pending.failure;
}

function injectedFailure(failure: InjectedFailure, operation?: Operation): ApiResponse {
  if (failure.secondaryRateLimit) {
    return {
      ...rateLimited(
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      ),
      headers: { 'retry-after': '1' },
    };
  }
  if (failure.rateLimit) {
    return {
      ...rateLimited('API rate limit exceeded for installation ID 1.'),
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(epochSeconds() + 1) },
    };
  }
  const status = failure.status ?? 500;
  return errorResponse(status, failure.message ?? defaultMessage(status), operation);
}

/** GitHub answers both kinds of rate limit with 403 (the headers tell octokit which). */
function rateLimited(message: string): ApiResponse {
  return {
    status: 403,
    body: errorBody(
      403,
      message,
      'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
    ),
  };
}

function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    422: 'Validation Failed',
  };
  return messages[status] ?? (status >= 500 ? 'Server Error' : (http.STATUS_CODES[status] ?? ''));
}

function permissionOf(world: World, headers: http.IncomingHttpHeaders): Permission | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1] === undefined ? undefined : world.tokens[match[1]];
}

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

function isOwnRepository(world: World, params: Record<string, string>): boolean {
  return (
    params.owner?.toLowerCase() === world.owner.toLowerCase() &&
    params.repo?.toLowerCase() === world.repo.toLowerCase()
  );
}

function parseJson(
  headers: http.IncomingHttpHeaders,
  raw: Buffer,
): { json: unknown } | { problem: string } {
  if (raw.length === 0) return { json: undefined };
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(headers['content-type'] ?? '')) {
    return { problem: `unexpected ${headers['content-type'] ?? 'untyped'} request body` };
  }
  try {
    return { json: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { problem: 'request body is not valid JSON' };
  }
}

function requestViolation(control: Control, operation: Operation, problems: string[]): ApiResponse {
  control.violations.push(`${operation.id} request: ${problems.join('; ')}`);
  return errorResponse(
    500,
    `The request does not match GitHub's OpenAPI description of ${operation.id}: ${problems.join('; ')}`,
    operation,
  );
}

interface Incoming {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
}

interface Answer {
  response: ApiResponse;
  operation?: Operation;
}

interface Routed {
  /** The request came to the upload host. */
  uploads: boolean;
  /** Its path on that host; undefined for a `/repositories/{id}` that is not ours. */
  path: string | undefined;
  matched: { route: Route; params: Record<string, string> } | undefined;
  operation: Operation | undefined;
}

function route(world: World, method: string, url: URL): Routed {
  const uploads = url.pathname.startsWith(`${UPLOADS_PREFIX}/`);
  const hostPath = uploads ? url.pathname.slice(UPLOADS_PREFIX.length) : url.pathname;
  const path = canonicalPath(world, hostPath);
  const matched =
    path === undefined ? undefined : matchRoute(uploads ? 'uploads' : 'api', method, path);
  const operation = matched && findOperation(method, matched.route.template);
  return { uploads, path, matched, operation };
}

/** The token's permission, or GitHub's 401/403 when it may not make this request. */
function authorise(
  world: World,
  incoming: Incoming,
  operation: Operation,
): Permission | ApiResponse {
  const permission = permissionOf(world, incoming.headers);
  if (!permission) return errorResponse(401, 'Bad credentials', operation);
  if (isWrite(incoming.method) && permission === 'read') {
    return errorResponse(403, 'Resource not accessible by integration', operation);
  }
  return permission;
}

/** Decides the answer to one request: injected failure, storage, routing, auth, checks, handler. */
function answer(control: Control, incoming: Incoming): Answer {
  const { world } = control;
  const { method, url } = incoming;
  const { uploads, path, matched, operation } = route(world, method, url);
  const injected = takeFailure(control, method, url.pathname);
  if (injected) return { response: injectedFailure(injected, operation), operation };
  if (url.pathname.startsWith(STORAGE_PREFIX)) return { response: download(world, url) };
  if (path === undefined) return { response: notFound() };
  if (!matched || !operation) {
    control.violations.push(`unimplemented endpoint ${method} ${url.pathname}`);
    return { response: notFound() };
  }
  const permission = authorise(world, incoming, operation);
  if (typeof permission !== 'string') return { response: permission, operation };
  if (!isOwnRepository(world, matched.params)) return { response: notFound(operation), operation };
  const query = Object.fromEntries(url.searchParams);
  // Uploads carry raw bytes, which the description does not (and cannot) describe.
  const parsed = uploads ? { json: undefined } : parseJson(incoming.headers, incoming.raw);
  if ('problem' in parsed) {
    return { response: requestViolation(control, operation, [parsed.problem]), operation };
  }
  const problems = operation.requestProblems(query, parsed.json);
  if (problems.length > 0) {
    return { response: requestViolation(control, operation, problems), operation };
  }
  const request: ApiRequest = {
    path,
    params: matched.params,
    query,
    search: url.searchParams,
    headers: incoming.headers,
    json: parsed.json,
    raw: incoming.raw,
    permission,
  };
  return { response: matched.route.handle(world, request, operation), operation };
}

/** The storage host: bytes for a URL handed out by a 302, no authorization needed. */
function download(world: World, url: URL): ApiResponse {
  const assetId = world.storageTokens.get(url.searchParams.get('token') ?? '');
  const requested = Number(url.pathname.slice(STORAGE_PREFIX.length));
  const found = assetId === requested ? findAsset(world, assetId) : undefined;
  if (!found) return { status: 404, bytes: Buffer.from('The specified blob does not exist.') };
  return {
    status: 200,
    bytes: found.asset.data,
    headers: {
      'content-disposition': `attachment; filename=${encodeURIComponent(found.asset.name)}`,
    },
  };
}

function checkResponse(control: Control, { response, operation }: Answer): void {
  if (!operation) return;
  const problems = operation.responseProblems(response.status, response.body);
  if (problems.length > 0) {
    control.violations.push(`${operation.id} response ${response.status}: ${problems.join('; ')}`);
  }
}

function rateLimitHeaders(world: World): Record<string, string> {
  world.rateLimitUsed += 1;
  return {
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(Math.max(RATE_LIMIT - world.rateLimitUsed, 0)),
    'x-ratelimit-reset': String(world.rateLimitReset),
    'x-ratelimit-used': String(world.rateLimitUsed),
    'x-ratelimit-resource': 'core',
  };
}

/** GitHub's request ids look like `C0DE:1A2B3:4C5D6E:7F8091:65A1B2C3`. */
function requestId(): string {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return [hex(2), hex(3), hex(3), hex(3), hex(4)].join(':');
}

function send(world: World, res: http.ServerResponse, response: ApiResponse): void {
  if (response.bytes) {
    res.writeHead(response.status, {
      // Storage says octet-stream whatever the asset's content type.
      'content-type': 'application/octet-stream',
      'content-length': String(response.bytes.length),
      ...response.headers,
    });
    res.end(response.bytes);
    return;
  }
  const text = response.body === undefined ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId(),
    ...rateLimitHeaders(world),
    ...response.headers,
  });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(control: Control, req: http.IncomingMessage, res: http.ServerResponse) {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', control.world.url);
  const raw = await readBody(req);
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    operationId: null,
    status: 0,
  };
  control.requests.push(record);
  await waitIfHeld(control, method, url.pathname);
  const result = answer(control, { method, url, headers: req.headers, raw });
  checkResponse(control, result);
  record.operationId = result.operation?.id ?? null;
  record.status = result.response.status;
  send(control.world, res, result.response);
}

function createHold(control: Control, match: RequestMatch) {
  let arrived = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  control.holds.push({ match, taken: false, arrived, released, release });
  return { release, reached };
}

function snapshotReleases(world: World): ReturnType<FakeGitHub['releases']> {
  return world.releases.map((release) => ({
    id: release.id,
    tag_name: release.tagName,
    name: release.name ?? '',
    body: release.body ?? '',
    draft: release.draft,
    assets: release.assets.map((asset) => ({
      id: asset.id,
      name: asset.name,
      data: asset.data,
      content_type: asset.contentType,
    })),
  }));
}

function tamper(world: World, tag: string, name: string, data: Buffer): void {
  const asset = world.releases
    .filter((release) => release.tagName === tag)
    .flatMap((release) => release.assets)
    .find((candidate) => candidate.name === name);
  if (!asset) throw new Error(`no asset ${name} on a release tagged ${tag}`);
  asset.data = Buffer.from(data);
}

function seedPullRequest(world: World, number: number, pull: Partial<PullRequestSeed>): void {
  const sha = (text: string) => createHash('sha1').update(text).digest('hex');
  world.pulls.set(number, {
    headSha: sha(`head ${number}`),
    baseSha: sha(`base ${number}`),
    headRef: `feature-${number}`,
    baseRef: 'main',
    fork: false,
    ...pull,
  });
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** Starts a fake GitHub API on 127.0.0.1 on a free port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const world = createWorld(options);
  const control: Control = { world, requests: [], violations: [], holds: [], failures: [] };
  const server = http.createServer((req, res) => {
    serve(control, req, res).catch((error: unknown) => {
      control.violations.push(`fake GitHub crashed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  world.url = `http://127.0.0.1:${await listen(server)}`;
  return {
    url: world.url,
    requests: control.requests,
    violations: control.violations,
    failNext: (match, failure, times = 1) => {
      control.failures.push({ match, failure, remaining: times });
    },
    hold: (match) => createHold(control, match),
    issueComments: (issue) =>
      world.issueComments
        .filter((comment) => comment.issue === issue)
        .map(({ id, body, user }) => ({ id, body, user })),
    commitComments: (sha) =>
      world.commitComments.filter((c) => c.sha === sha).map(({ id, body }) => ({ id, body })),
    addIssueComment: (issue, body, user = ACTIONS_BOT) =>
      addIssueComment(world, issue, body, user).id,
    addPullRequest: (number, pull = {}) => seedPullRequest(world, number, pull),
    releases: () => snapshotReleases(world),
    tamperAsset: (tag, name, data) => tamper(world, tag, name, data),
    close: async () => {
      control.holds.forEach((hold) => hold.release());
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
