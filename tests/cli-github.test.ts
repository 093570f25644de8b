/**
 * `mlops fetch` and `mlops comment` run in-process on real git repositories and real (tiny)
 * trainings: bundles fetched from the local release folder and from GitHub releases, verified
 * against SHA256SUMS; the sticky report comment posted and edited on the local GitHub server.
 */
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { tagToDirName } from '../src/adapters/local-releases.js';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { CPU, configYaml, mlops, read, readJson, tagMessage, tags } from './support/cli.js';
import { makeCsv } from './support/data.js';
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions,
} from './support/github-server.js';
import { git, makeRepo, useTempRoot } from './support/repo.js';

const TOKEN = 'ghs_cli_write_token_0123456789';
const READ_TOKEN = 'ghs_cli_read_token_0123456789';
const MARKER = '<!-- mlops-actions report churn -->';
const CUT_NOTE = "cut to fit GitHub's 65536-character limit";

/** The files of every model bundle. */
const BUNDLE = [
  'README.md',
  'history.json',
  'manifest.json',
  'metrics.json',
  'model.json',
  'output-statistics.json',
  'preprocessing.json',
  'schema.json',
  'statistics.json',
  'training.json',
  'weights.bin',
];

interface Fetched {
  name: string;
  version: string;
  tag: string;
  via: string;
  dir: string;
  sha256: string;
}

const temp = useTempRoot('mlops-cli-github-');

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** File name → hash from SHA256SUMS text. */
function parseSums(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [hash = '', name = ''] = line.split(/ [ *]/);
        return [name, hash];
      }),
  );
}

/** The metadata JSON in a version tag's message. */
function tagMetadata(dir: string, tag: string): { configHash: string } {
  const message = tagMessage(dir, tag);
  return JSON.parse(message.slice(message.indexOf('{'), message.lastIndexOf('}') + 1)) as {
    configHash: string;
  };
}

/** The folder of a release in the local release folder, as `tagToDirName` names it. */
const releaseDir = (repo: string, tag: string) =>
  path.join(repo, '.mlops/releases', tagToDirName(tag));

// Servers started by the current test: checked against GitHub's description, then closed.
let servers: FakeGitHub[] = [];

async function startServer(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ tokens: { [TOKEN]: 'write' }, ...options });
  servers.push(server);
  return server;
}

afterEach(async () => {
  const started = servers;
  servers = [];
  await Promise.all(started.map((server) => server.close()));
  for (const server of started) expect(server.violations).toEqual([]);
});

/** The env of a run that may use GitHub: the token, the repository and the local server. */
function gitHubEnv(server: FakeGitHub, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...CPU,
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'octo/wages',
    GITHUB_API_URL: server.url,
    ...extra,
  };
}

/**
 * A local registry: churn v0.1.0 (5 epochs), then v0.2.0 (6 epochs) on a later commit, with
 * v0.1.0 promoted to production; bundles in the local release folder `.mlops/releases`.
 */
let local = '';

beforeAll(async () => {
  local = makeRepo({ 'data.csv': makeCsv('binary', 150, { seed: 21 }), 'mlops.yml': configYaml() });
  const first = await mlops(local, ['run']);
  expect(first.stderr).not.toContain('internal error');
  expect(first.code).toBe(0);
  writeFileSync(path.join(local, 'mlops.yml'), configYaml().replace('epochs: 5', 'epochs: 6'));
  git(local, ['commit', '-q', '-am', 'train longer']);
  const second = await mlops(local, ['run']);
  expect(second.code).toBe(0);
  const promoted = await mlops(local, ['promote', 'churn', '0.1.0', '--to', 'production']);
  expect(promoted.code).toBe(0);
  expect(tags(local)).toEqual(['churn#production#1', 'churn@v0.1.0', 'churn@v0.2.0']);
  // Two different models, so a fetch of the wrong version shows.
  expect(tagMetadata(local, 'churn@v0.1.0').configHash).not.toBe(
    tagMetadata(local, 'churn@v0.2.0').configHash,
  );
});

describe('mlops fetch from the local release folder', () => {
  test.each([
    ['churn@latest', '0.2.0', 'latest version'],
    ['churn@v0.1.0', '0.1.0', 'version 0.1.0'],
    ['churn#production', '0.1.0', 'production stage'],
  ])('%s downloads, verifies and unpacks v%s', async (ref, version, via) => {
    const to = temp.fresh('bundle');
    const result = await mlops(local, ['fetch', ref, '--to', to, '--json']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const tag = `churn@v${version}`;
    const outcome = JSON.parse(result.stdout) as Fetched;
    expect(outcome).toEqual({ name: 'churn', version, tag, via, dir: to, sha256: outcome.sha256 });

    const release = releaseDir(local, tag);
    const archive = readFileSync(path.join(release, `churn-v${version}.tgz`));
    const listed = parseSums(read(release, 'SHA256SUMS')).get(`churn-v${version}.tgz`);
    expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome.sha256).toBe(listed);
    expect(outcome.sha256).toBe(sha256(archive));

    expect(readdirSync(to).sort()).toEqual(BUNDLE);
    // The bundle of the version asked for: its training config is the one its tag records.
    const training = readJson<{ configHash: string }>(to, 'training.json');
    expect(training.configHash).toBe(tagMetadata(local, tag).configHash);
    if (version === '0.2.0') {
      // The latest is what the last run trained, byte for byte.
      for (const file of ['model.json', 'weights.bin', 'training.json']) {
        expect(readFileSync(path.join(to, file))).toEqual(
          readFileSync(path.join(local, '.mlops/model', file)),
        );
      }
    }
  });

  test('without --json it prints the tag, how it was chosen and the folder', async () => {
    const to = temp.fresh('bundle');
    const result = await mlops(local, ['fetch', 'churn#production', '--to', to]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`churn@v0.1.0 (production stage) → ${to}\n`);
    expect(result.stderr).toMatch(/fetched churn@v0\.1\.0 .*sha256 [0-9a-f]{12}…/);
  });

  test('an existing --to folder is refused and nothing is written into it', async () => {
    const to = temp.fresh('existing');
    mkdirSync(to);
    writeFileSync(path.join(to, 'keep.txt'), 'mine\n');
    const result = await mlops(local, ['fetch', 'churn@latest', '--to', to]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${to} already exists`);
    expect(result.stderr).not.toContain('internal error');
    expect(readdirSync(to)).toEqual(['keep.txt']);
    expect(read(to, 'keep.txt')).toBe('mine\n');
  });

  // A link at --to, even one pointing nowhere yet, is an existing entry: never written through.
  test('a dangling symlink at --to is refused like any existing entry, and kept', async () => {
    const to = temp.fresh('link');
    symlinkSync(path.join(temp.root(), 'not-yet-made'), to);
    const result = await mlops(local, ['fetch', 'churn@latest', '--to', to]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${to} already exists`);
    expect(lstatSync(to, { throwIfNoEntry: false })?.isSymbolicLink()).toBe(true);
  });

  test.each([
    ['an unknown model', 'nope@latest', 'no model "nope" in the registry (models: churn)'],
    [
      'an unknown version',
      'churn@v9.9.9',
      'churn has no registered version 9.9.9; it has: 0.1.0, 0.2.0',
    ],
    [
      'an unknown stage',
      'churn#staging',
      'churn has no version in stage staging; stages: production (v0.1.0)',
    ],
  ])('%s exits 2 listing what exists', async (_what, ref, message) => {
    const to = temp.fresh('bundle');
    const result = await mlops(local, ['fetch', ref, '--to', to]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(existsSync(to)).toBe(false);
  });

  test.each([
    'churn',
    'churn@1.2.0',
    'churn@vX',
    'churn@v0.1.0#production',
    '#production',
    'Churn Model@latest',
  ])('the malformed ref %p exits 2', async (ref) => {
    const to = temp.fresh('bundle');
    const result = await mlops(local, ['fetch', ref, '--to', to]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected NAME#STAGE, NAME@vX.Y.Z or NAME@latest');
    expect(existsSync(to)).toBe(false);
  });

  test('a tampered .tgz is refused with a checksum mismatch and leaves no --to folder', async () => {
    const archive = path.join(releaseDir(local, 'churn@v0.1.0'), 'churn-v0.1.0.tgz');
    const original = readFileSync(archive);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10] ?? 0) ^ 0xff;
    writeFileSync(archive, tampered);
    try {
      const to = temp.fresh('bundle');
      const result = await mlops(local, ['fetch', 'churn@v0.1.0', '--to', to]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'Checksum mismatch for churn-v0.1.0.tgz of release churn@v0.1.0',
      );
      expect(result.stderr).toContain(sha256(tampered));
      expect(existsSync(to)).toBe(false);
    } finally {
      writeFileSync(archive, original);
    }
  });
});

describe('releases on GitHub', () => {
  test('run publishes the release to GitHub; fetch in another clone downloads it from there', async () => {
    const server = await startServer();
    const seed = makeRepo({
      'data.csv': makeCsv('binary', 150, { seed: 22 }),
      'mlops.yml': configYaml(),
    });
    const bare = temp.fresh('remote.git');
    git(temp.root(), ['clone', '-q', '--bare', seed, bare]);
    const clone = () => {
      const dir = temp.fresh('clone');
      git(temp.root(), ['clone', '-q', bare, dir]);
      git(dir, ['config', 'user.name', 'Test']);
      git(dir, ['config', 'user.email', 'test@example.com']);
      return dir;
    };
    // Both cloned before anything is registered: the second sees the tag only through --remote.
    const [trainer, deployer] = [clone(), clone()];

    const run = await mlops(trainer, ['run', '--remote', 'origin'], gitHubEnv(server));
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('registered: churn@v0.1.0');
    expect(git(bare, ['cat-file', '-t', 'churn@v0.1.0'])).toBe('tag');
    const releases = server.releases();
    expect(releases.map((r) => r.tag_name)).toEqual(['churn@v0.1.0']);
    const assets = releases[0]?.assets ?? [];
    expect(assets.map((a) => a.name)).toEqual(['churn-v0.1.0.tgz', 'SHA256SUMS']);
    // GitHub, not the local folder, holds the release.
    expect(existsSync(path.join(trainer, '.mlops/releases'))).toBe(false);
    const [archive, sums] = assets;
    expect(parseSums(sums?.data.toString('utf8') ?? '').get('churn-v0.1.0.tgz')).toBe(
      sha256(archive?.data ?? new Uint8Array()),
    );

    // Without a token the local release folder is read, and it has nothing.
    const offline = temp.fresh('bundle');
    const missing = await mlops(deployer, [
      'fetch',
      'churn@latest',
      '--to',
      offline,
      '--remote',
      'origin',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No release churn@v0.1.0 in the local folder');
    expect(missing.stderr).toContain('GITHUB_TOKEN');
    expect(existsSync(offline)).toBe(false);

    const to = temp.fresh('bundle');
    const fetched = await mlops(
      deployer,
      ['fetch', 'churn@latest', '--to', to, '--remote', 'origin', '--json'],
      gitHubEnv(server),
    );
    expect(fetched.stderr).not.toContain('internal error');
    expect(fetched.code).toBe(0);
    expect(JSON.parse(fetched.stdout)).toEqual({
      name: 'churn',
      version: '0.1.0',
      tag: 'churn@v0.1.0',
      via: 'latest version',
      dir: to,
      sha256: sha256(archive?.data ?? new Uint8Array()),
    });
    expect(readdirSync(to).sort()).toEqual(BUNDLE);
    expect(readFileSync(path.join(to, 'weights.bin'))).toEqual(
      readFileSync(path.join(trainer, '.mlops/model/weights.bin')),
    );
    const downloads = server.requests.filter((r) => r.operationId === 'repos/get-release-asset');
    expect(downloads.length).toBeGreaterThanOrEqual(2);

    // --github names the repository over GITHUB_REPOSITORY.
    const elsewhere = gitHubEnv(server, { GITHUB_REPOSITORY: 'octo/other' });
    const wrongRepo = temp.fresh('bundle');
    const notThere = await mlops(deployer, ['fetch', 'churn@latest', '--to', wrongRepo], elsewhere);
    expect(notThere.code).toBe(2);
    expect(notThere.stderr).toContain('octo/other release churn@v0.1.0');
    expect(existsSync(wrongRepo)).toBe(false);
    const overridden = temp.fresh('bundle');
    const viaFlag = await mlops(
      deployer,
      ['fetch', 'churn@v0.1.0', '--to', overridden, '--github', 'octo/wages', '--json'],
      elsewhere,
    );
    expect(viaFlag.code).toBe(0);
    expect((JSON.parse(viaFlag.stdout) as Fetched).sha256).toBe(
      sha256(archive?.data ?? new Uint8Array()),
    );

    const malformed = temp.fresh('bundle');
    const bad = await mlops(
      deployer,
      ['fetch', 'churn@latest', '--to', malformed, '--github', 'not-a-repo'],
      gitHubEnv(server),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--github: expected OWNER/REPO, got "not-a-repo"');
    expect(existsSync(malformed)).toBe(false);

    // An asset changed on GitHub after publishing is refused like a local one.
    server.tamperAsset('churn@v0.1.0', 'churn-v0.1.0.tgz', Buffer.from('not the bundle'));
    const tamperedTo = temp.fresh('bundle');
    const refused = await mlops(
      deployer,
      ['fetch', 'churn@v0.1.0', '--to', tamperedTo],
      gitHubEnv(server),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Checksum mismatch for churn-v0.1.0.tgz');
    expect(existsSync(tamperedTo)).toBe(false);
  });
});

describe('mlops comment', () => {
  const report = () => read(local, '.mlops/report.md');

  test('--target pr/5 posts the report once; the next call edits that comment (--file)', async () => {
    const server = await startServer();
    const first = await mlops(local, ['comment', '--target', 'pr/5', '--json'], gitHubEnv(server));
    expect(first.stderr).not.toContain('internal error');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      created: true,
      target: { kind: 'issue', number: 5 },
    });
    const [posted, ...others] = server.issueComments(5);
    expect(others).toEqual([]);
    expect(posted?.body.startsWith(`${MARKER}\n`)).toBe(true);
    // No run URL and under the limit: the comment is the report itself.
    expect(posted?.body).toBe(report());

    const other = path.join(temp.fresh('notes'), 'other.md');
    mkdirSync(path.dirname(other));
    writeFileSync(other, '## Other notes\n\nNot the report.\n');
    const second = await mlops(
      local,
      ['comment', '--target', 'pr/5', '--file', other],
      gitHubEnv(server),
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /^updated https:\/\/github\.com\/octo\/wages\/issues\/5#issuecomment-/,
    );
    const comments = server.issueComments(5);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(posted?.id);
    expect(comments[0]?.body).toBe(`${MARKER}\n## Other notes\n\nNot the report.\n`);
  });

  test('--target commit/SHA posts a commit comment', async () => {
    const server = await startServer();
    const sha = git(local, ['rev-parse', 'HEAD']);
    const result = await mlops(local, ['comment', '--target', `commit/${sha}`], gitHubEnv(server));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^posted /);
    const comments = server.commitComments(sha);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(report());
    expect(server.requests.some((r) => r.operationId === 'issues/create-comment')).toBe(false);
  });

  test("without --target a pull_request event's PR is used, with the workflow in the marker", async () => {
    const server = await startServer();
    const event = path.join(temp.fresh('event'), 'event.json');
    mkdirSync(path.dirname(event));
    writeFileSync(event, JSON.stringify({ pull_request: { number: 3 } }));
    const env = gitHubEnv(server, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_WORKFLOW: 'CI checks',
    });
    const result = await mlops(local, ['comment'], env);
    expect(result.code).toBe(0);
    const comments = server.issueComments(3);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.split('\n')[0]).toBe(
      '<!-- mlops-actions report churn workflow: CI checks -->',
    );
    // The report's own marker is replaced, not kept beside the workflow's.
    expect(comments[0]?.body).not.toContain(MARKER);
  });

  test('a report over 65,536 characters is cut under the limit with a note', async () => {
    const server = await startServer();
    const big = path.join(temp.fresh('big'), 'big.md');
    mkdirSync(path.dirname(big));
    const rows = Array.from({ length: 3000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`);
    const text = `# Big report\n\n| row | value |\n| --- | --- |\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(65536);
    writeFileSync(big, text);
    const result = await mlops(
      local,
      ['comment', '--target', 'pr/7', '--file', big],
      gitHubEnv(server),
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const [comment] = server.issueComments(7);
    const body = comment?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.length).toBeGreaterThan(60000);
    expect(body.startsWith(`${MARKER}\n# Big report\n`)).toBe(true);
    expect(body).toContain(CUT_NOTE);
    // Cut at a line: every table row kept is whole.
    const kept = body.split('\n').filter((line) => /^\| row \d/.test(line));
    expect(kept.length).toBeGreaterThan(1000);
    for (const line of kept) expect(line).toMatch(/^\| row \d+ \| x{20} \|$/);
  });

  test('a read-only token exits 2 naming `pull-requests: write`, and posts nothing', async () => {
    const server = await startServer({ tokens: { [READ_TOKEN]: 'read' } });
    const env = gitHubEnv(server, { GITHUB_TOKEN: READ_TOKEN });
    const result = await mlops(local, ['comment', '--target', 'pr/5'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pull-requests: write');
    expect(result.stderr).not.toContain('internal error');
    expect(server.issueComments(5)).toEqual([]);
  });

  test('without a token it exits 2 saying no GitHub token', async () => {
    const result = await mlops(local, ['comment', '--target', 'pr/5'], {
      ...CPU,
      GITHUB_REPOSITORY: 'octo/wages',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no GitHub token');
  });

  test('without --target outside a PR or push event it exits 2 asking for one', async () => {
    const server = await startServer();
    const result = await mlops(local, ['comment'], gitHubEnv(server));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no pull request or commit to comment on');
    expect(result.stderr).toContain('--target');
    expect(server.requests).toEqual([]);
  });

  test.each(['pr/x', 'pr/0', 'issue/-1', 'commit/xyz', 'mr/5'])(
    'the bad target %p exits 2 before any request',
    async (target) => {
      const server = await startServer();
      const result = await mlops(local, ['comment', '--target', target], gitHubEnv(server));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`target "${target}": expected pr/NUMBER`);
      expect(server.requests).toEqual([]);
    },
  );
});
