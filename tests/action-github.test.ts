/**
 * The whole GitHub story, run as a runner runs it: the bundled action in fresh clones of a bare
 * remote (no git identity), real event payloads, and the local GitHub server standing in for
 * api.github.com. push → tag + release; promote; PR → sticky comment comparing with the production
 * model fetched from its release; PR re-run in a fresh workspace → the same comment edited; a
 * fork's PR → summary + pending comment, posted by a workflow_run job; re-runs and docs-only
 * commits register nothing; two racing pushes stay green.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction, type ActionRun } from './support/action.js';
import { mlops } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { startFakeGitHub, type FakeGitHub } from './support/github-server.js';
import { git, useTempRoot } from './support/repo.js';

const TOKEN = 'ghs_write_token_0123456789';
const FORK_TOKEN = 'ghs_fork_token_0123456789';
const CONFIG = `name: churn
data:
  train: data/customers.csv
  label: target label
model:
  epochs: 30
  hidden: [16]
evaluation: { beat_trivial: false } # a few hundred rows: not reliably beyond noise
gates:
  - { metric: accuracy, lower_bound: 0.5 }
`;

const temp = useTempRoot('mlops-story-');
let server: FakeGitHub;
let bare = '';
let main1 = '';

/** A fresh clone of the remote at `commit`, as actions/checkout leaves it (no git identity). */
function checkout(commit: string): string {
  const dir = temp.fresh('workspace');
  git(temp.root(), ['clone', '-q', bare, dir]);
  git(dir, ['checkout', '-q', commit]);
  return dir;
}

/** A commit on the remote's main that changes `files`; returns its SHA. */
function pushCommit(files: Record<string, string>, message: string, branch = 'main'): string {
  const dir = checkout('main');
  git(dir, ['checkout', '-q', '-B', branch]);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message]);
  git(dir, ['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
  return git(dir, ['rev-parse', 'HEAD']);
}

function job(
  workspace: string,
  sha: string,
  event: { name: string; payload?: Record<string, unknown> },
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction(
    workspace,
    { command: 'run', 'github-token': TOKEN, ...inputs },
    { event, env: { GITHUB_API_URL: server.url, GITHUB_SHA: sha } },
  );
}

const pullRequest = (number: number, head: string) => ({
  name: 'pull_request',
  payload: { number, pull_request: { number, head: { sha: head } as Record<string, unknown> } },
});

beforeAll(async () => {
  server = await startFakeGitHub({ tokens: { [TOKEN]: 'write', [FORK_TOKEN]: 'read' } });
  const seed = temp.fresh('seed');
  mkdirSync(path.join(seed, 'data'), { recursive: true });
  git(temp.root(), ['init', '-q', '-b', 'main', seed]);
  writeFileSync(path.join(seed, 'mlops.yml'), CONFIG);
  writeFileSync(path.join(seed, 'data', 'customers.csv'), makeCsv('binary', 240));
  git(seed, ['add', '-A']);
  git(seed, ['commit', '-q', '-m', 'model and data']);
  bare = temp.fresh('remote.git');
  git(temp.root(), ['clone', '-q', '--bare', seed, bare]);
  main1 = git(seed, ['rev-parse', 'HEAD']);
});

afterAll(async () => {
  await server.close();
});

describe('the action on GitHub', () => {
  let prHead = '';
  let commentUrl = '';

  test('a push registers v0.1.0: tag on the remote, release with the bundle and SHA256SUMS', async () => {
    const result = await job(checkout(main1), main1, { name: 'push' });
    expect(result.status).toBe(0);
    expect(result.outputs).toMatchObject({ blessed: 'true', version: '0.1.0' });
    expect(git(bare, ['cat-file', '-t', 'churn@v0.1.0'])).toBe('tag');
    const [release] = server.releases();
    expect(release?.tag_name).toBe('churn@v0.1.0');
    expect(release?.assets.map((a) => a.name)).toEqual(['churn-v0.1.0.tgz', 'SHA256SUMS']);
    expect(result.summary).toContain(
      '[release churn@v0.1.0](https://github.com/octo/wages/releases/tag/churn%40v0.1.0)',
    );
    // A push is no pull request: `comment: auto` posts nothing.
    expect(server.requests.some((r) => r.operationId === 'issues/create-comment')).toBe(false);
    expect(server.violations).toEqual([]);
  });

  test('promote v0.1.0 to production from a clone', async () => {
    const dir = checkout('main');
    git(dir, ['config', 'user.name', 'Release Manager']);
    git(dir, ['config', 'user.email', 'rm@example.com']);
    const promoted = await mlops(dir, [
      'promote',
      'churn',
      '0.1.0',
      '--to',
      'production',
      '--remote',
      'origin',
    ]);
    expect(promoted.code).toBe(0);
    expect(git(bare, ['tag', '-l', 'churn#production#*'])).toBe('churn#production#1');
  });

  test('a pull request posts one comment comparing with production, re-scored from its release', async () => {
    prHead = pushCommit(
      { 'data/customers.csv': makeCsv('binary', 300, { seed: 11 }) },
      'more data',
      'more-data',
    );
    server.addPullRequest(1, { headSha: prHead });
    const before = server.requests.length;
    const result = await job(checkout(prHead), prHead, pullRequest(1, prHead));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.outputs.version).toBe('');
    const comments = server.issueComments(1);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body).toContain('<!-- mlops-actions report churn workflow: mlops -->');
    expect(body).toContain('compared with v0.1.0 (production stage)');
    expect(body).not.toContain('recorded metrics');
    expect(body).toContain(
      `commit [${prHead.slice(0, 7)}](https://github.com/octo/wages/commit/${prHead})`,
    );
    expect(body).toContain('[workflow run](https://github.com/octo/wages/actions/runs/42)');
    expect(body).toMatch(/features used/);
    expect(body).toContain(
      '[baseline churn@v0.1.0](https://github.com/octo/wages/releases/tag/churn%40v0.1.0)',
    );
    expect(result.summary).toContain('compared with v0.1.0');
    commentUrl = result.outputs['comment-url'] ?? '';
    expect(commentUrl).toContain('#issuecomment-');
    // No tag and no release from a pull request.
    expect(git(bare, ['tag', '-l', 'churn@*'])).toBe('churn@v0.1.0');
    const calls = server.requests.slice(before).map((r) => r.operationId);
    expect(calls).toContain('repos/get-release-asset');
    expect(server.violations).toEqual([]);
  });

  test('a re-run in a fresh workspace edits the same comment', async () => {
    const result = await job(checkout(prHead), prHead, pullRequest(1, prHead));
    expect(result.status).toBe(0);
    expect(server.issueComments(1)).toHaveLength(1);
    expect(result.outputs['comment-url']).toBe(commentUrl);
  });

  test('a read-only token on a pull request from the repository itself is a setup error', async () => {
    const result = await job(checkout(prHead), prHead, pullRequest(1, prHead), {
      'github-token': FORK_TOKEN,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /::error::GitHub refused to .*`permissions: pull-requests: write`/,
    );
    expect(server.issueComments(1)).toHaveLength(1);
  });

  test("a fork's read-only token: a notice, the summary and a pending comment; nothing fails", async () => {
    const forkHead = pushCommit({ 'README.md': 'from a fork\n' }, 'fork change', 'fork');
    server.addPullRequest(2, { headSha: forkHead, fork: true });
    const workspace = checkout(forkHead);
    const forkRepo = { fork: true, full_name: 'contributor/wages' };
    const event = pullRequest(2, forkHead);
    (event.payload.pull_request.head as Record<string, unknown>).repo = forkRepo;
    const result = await job(workspace, forkHead, event, { 'github-token': FORK_TOKEN });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/::notice::The token may not comment here/);
    expect(result.stdout).toContain('artifact mlops-report not saved: no ACTIONS_RUNTIME_TOKEN');
    expect(result.summary).toContain('churn: BLESSED');
    expect(server.issueComments(2)).toHaveLength(0);
    const pending = JSON.parse(
      readFileSync(path.join(workspace, '.mlops', 'comment.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(pending).toMatchObject({ target: 'pr/2', name: 'churn', headSha: forkHead });

    // The base repository's workflow_run job posts it, without checking out the fork's code.
    const poster = temp.fresh('poster');
    cpSync(path.join(workspace, '.mlops'), path.join(poster, '.mlops'), { recursive: true });
    const workflowRun = {
      name: 'workflow_run',
      payload: {
        workflow_run: {
          name: 'mlops',
          head_sha: forkHead,
          head_repository: { full_name: 'contributor/wages' },
          pull_requests: [],
        },
      },
    };
    const post = () =>
      runAction(
        poster,
        { command: 'comment', 'github-token': TOKEN },
        { event: workflowRun, env: { GITHUB_API_URL: server.url, GITHUB_WORKFLOW: 'fork-report' } },
      );
    const posted = await post();
    expect(posted.status).toBe(0);
    const comments = server.issueComments(2);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('<!-- mlops-actions report churn workflow: mlops -->');

    // A pending comment naming another pull request than the run tested is refused.
    const pendingFile = path.join(poster, '.mlops', 'comment.json');
    writeFileSync(pendingFile, JSON.stringify({ ...pending, target: 'pr/1' }));
    const hijack = await post();
    expect(hijack.status).toBe(1);
    expect(hijack.stdout).toMatch(/::error::not posting: comment.json names pull request #1/);
    expect(server.issueComments(1)).toHaveLength(1);

    // The fork pushed again before the job ran: its newer run reports, this one stays green.
    writeFileSync(pendingFile, JSON.stringify(pending));
    server.addPullRequest(2, { headSha: 'e'.repeat(40), fork: true });
    const stale = await post();
    expect(stale.status).toBe(0);
    expect(stale.stdout).toMatch(/::notice::Not posting the report of .*has moved on/);
    expect(server.violations).toEqual([]);
  });

  test('a re-run of the push job and a docs-only commit register nothing', async () => {
    const rerun = await job(checkout(main1), main1, { name: 'push' });
    expect(rerun.status).toBe(0);
    expect(rerun.outputs.version).toBe('0.1.0');
    const docs = pushCommit({ 'README.md': '# churn model\n' }, 'docs');
    const result = await job(checkout(docs), docs, { name: 'push' });
    expect(result.status).toBe(0);
    expect(result.outputs.version).toBe('0.1.0');
    expect(result.stdout).toMatch(/churn v0\.1\.0 .*is this model/);
    expect(git(bare, ['tag', '-l', 'churn@*'])).toBe('churn@v0.1.0');
    expect(server.releases()).toHaveLength(1);
  });

  test('two pushes racing with new data: both jobs green, distinct versions, no tag lost', async () => {
    const a = pushCommit({ 'data/customers.csv': makeCsv('binary', 260, { seed: 21 }) }, 'a');
    const b = pushCommit({ 'data/customers.csv': makeCsv('binary', 270, { seed: 22 }) }, 'b');
    const [first, second] = await Promise.all([
      job(checkout(a), a, { name: 'push' }),
      job(checkout(b), b, { name: 'push' }),
    ]);
    expect([first?.status, second?.status]).toEqual([0, 0]);
    const versions = [first?.outputs.version, second?.outputs.version].sort();
    expect(new Set(versions).size).toBe(2);
    expect(git(bare, ['tag', '-l', 'churn@*']).split('\n').sort()).toEqual(
      ['churn@v0.1.0', ...versions.map((v) => `churn@v${v}`)].sort(),
    );
    for (const version of versions) {
      const release = server.releases().find((r) => r.tag_name === `churn@v${version}`);
      expect(release?.assets).toHaveLength(2);
    }
    expect(existsSync(bare)).toBe(true);
    expect(server.violations).toEqual([]);
  });
});
