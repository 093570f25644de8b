/**
 * The example workflows' job graphs run as a runner runs them (tests/support/workflow.ts): a pull
 * request through pr.yml (validate → train → evaluate → report, `.mlops` travelling as artifacts),
 * its merge through register.yml (… → register → report), then promote.yml dispatched by hand. Every
 * job checks out a fresh clone of one bare remote; the local GitHub server stands in for
 * api.github.com. Failure paths follow: a NOT_BLESSED model and invalid data still get their report.
 * Then tune.yml on a pull request labelled `tune`: plan → one matrix job per trial (2 trials) →
 * collect → evaluate → report, the leaderboard and the winner checked.
 *
 * Fixed values standing in for what GitHub provides: the repository is octo/wages, the actor
 * octocat; a pull request's test merge commit is its head commit; each job's GITHUB_TOKEN is the
 * server's write token when the job's permissions grant a write, else its read token.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { mlops } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { startFakeGitHub, type FakeGitHub } from './support/github-server.js';
import { git, makeRepo, tempDir } from './support/repo.js';
import { runWorkflow, triggers, type WorkflowEvent, type WorkflowRun } from './support/workflow.js';

const WORKFLOWS = path.resolve(import.meta.dirname, '..', 'examples', 'workflows');
const workflow = (name: string) => path.join(WORKFLOWS, name);
const WRITE = 'ghs_graph_write_token_0123456789';
const READ = 'ghs_graph_read_token_0123456789';

/** The demo's shape at the size of a test: mlops.yml at the root, the data under data/. */
const CONFIG = `name: churn
data:
  train: data/customers.csv
  label: target label
  slices: [city]
model:
  epochs: 4
  hidden: [16]
evaluation: { beat_trivial: false } # 4 epochs learn too little to beat the trivial baseline
gates:
  - { metric: accuracy, lower_bound: 0.3 }
registry:
  stages: [staging, production]
`;

let server: FakeGitHub;
let bare = '';
let main1 = '';
let runs = 0;

/** A commit on a new `branch` from main, changing `files`, pushed; returns its SHA. */
function pushCommit(branch: string, files: Record<string, string>, message: string): string {
  const dir = path.join(tempDir('mlops-graph-'), 'clone');
  git(path.dirname(dir), ['clone', '-q', '--branch', 'main', bare, dir]);
  git(dir, ['checkout', '-q', '-B', branch]);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message]);
  git(dir, ['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
  return git(dir, ['rev-parse', 'HEAD']);
}

const changed = (from: string, to: string) =>
  git(bare, ['diff', '--name-only', from, to]).split('\n').filter(Boolean);

/** A pull request from `branch`: synchronized (pr.yml runs), or given `label` (tune.yml runs). */
function pullRequest(
  number: number,
  branch: string,
  files: Record<string, string>,
  label?: string,
) {
  const action = label ? 'labeled' : 'synchronize';
  const base = git(bare, ['rev-parse', 'main']);
  const head = pushCommit(branch, files, `change ${Object.keys(files).join(', ')}`);
  server.addPullRequest(number, { headSha: head, baseSha: base, headRef: branch, baseRef: 'main' });
  const event: WorkflowEvent = {
    name: 'pull_request',
    sha: head,
    ref: `refs/pull/${number}/merge`,
    payload: {
      action,
      ...(label ? { label: { name: label } } : {}),
      number,
      pull_request: {
        number,
        head: { sha: head, ref: branch },
        base: { sha: base, ref: 'main' },
      },
    },
  };
  expect(
    triggers(workflow(label ? 'tune.yml' : 'pr.yml'), {
      name: 'pull_request',
      action,
      branch: 'main',
      changed: changed(base, head),
    }),
  ).toBe(true);
  return { head, event };
}

/** Runs `file` for `event`; `rerun` makes it another attempt of that run (same id, artifacts). */
function run(file: string, event: WorkflowEvent, rerun?: WorkflowRun): Promise<WorkflowRun> {
  return runWorkflow(workflow(file), event, {
    remote: bare,
    apiUrl: server.url,
    tokens: { read: READ, write: WRITE },
    runId: rerun ? rerun.runId : ++runs,
    ...(rerun ? { artifacts: rerun.artifacts } : {}),
  });
}

/** Each job's result; on a mismatch the error shows what the failed steps printed. */
function expectResults(result: WorkflowRun, expected: Record<string, string>): void {
  const actual = Object.fromEntries(result.jobs.map((job) => [job.name, job.result]));
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  const failed = result.jobs
    .flatMap((job) => [...(job.legs ?? []), job])
    .flatMap((job) =>
      job.steps
        .filter((step) => step.outcome === 'failure')
        .map((step) =>
          [`${job.name}: ${step.uses}`, ...step.messages, step.run?.stdout, step.run?.stderr].join(
            '\n',
          ),
        ),
    );
  throw new Error(
    `jobs ${JSON.stringify(actual)}\nexpected ${JSON.stringify(expected)}\n${failed.join('\n')}`,
  );
}

/** The `with:` of the job's step using `uses` (a prefix). */
function stepWith(result: WorkflowRun, job: string, uses: string): Record<string, string> {
  const step = result.job(job).steps.find((s) => s.uses.startsWith(uses));
  if (!step) throw new Error(`${job} has no step ${uses}`);
  return step.with;
}

beforeAll(async () => {
  server = await startFakeGitHub({ tokens: { [WRITE]: 'write', [READ]: 'read' } });
  const seed = makeRepo({ 'mlops.yml': CONFIG, 'data/customers.csv': makeCsv('binary', 240) });
  main1 = git(seed, ['rev-parse', 'HEAD']);
  bare = path.join(tempDir('mlops-graph-remote-'), 'wages.git');
  git(path.dirname(bare), ['clone', '-q', '--bare', seed, bare]);
});

afterAll(async () => {
  await server.close();
});

describe('the runner', () => {
  test('upload-artifact as v4.4+: .mlops needs include-hidden-files, a re-run needs overwrite', async () => {
    const file = path.join(tempDir('mlops-graph-wf-'), 'hidden.yml');
    const job = (name: string, hidden: boolean) => `
  ${name}:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: mlops-actions/mlops-actions/actions/validate@v1
      - uses: actions/upload-artifact@v4
        with:
          name: ${name}
          path: .mlops/${hidden ? '\n          include-hidden-files: true' : ''}`;
    writeFileSync(
      file,
      `name: hidden\non: push\njobs:${job('plain', false)}${job('hidden', true)}\n`,
    );
    const attempt = (artifacts?: string) =>
      runWorkflow(
        file,
        { name: 'push', sha: main1, ref: 'refs/heads/main', payload: {} },
        {
          remote: bare,
          apiUrl: server.url,
          tokens: { read: READ, write: WRITE },
          ...(artifacts ? { artifacts } : {}),
        },
      );
    const result = await attempt();
    expectResults(result, { plain: 'success', hidden: 'success' });
    expect(result.job('plain').steps[2]?.messages).toEqual([
      'No files were found with the provided path: .mlops/. No artifacts will be uploaded.',
    ]);
    expect(readdirSync(result.artifacts)).toEqual(['hidden']);
    expect(existsSync(path.join(result.artifacts, 'hidden', 'validation.json'))).toBe(true);

    const rerun = await attempt(result.artifacts);
    expectResults(rerun, { plain: 'success', hidden: 'failure' });
    expect(rerun.job('hidden').steps[2]?.messages).toEqual([
      'an artifact with this name already exists on the workflow run: hidden',
    ]);
  });
});

describe('pr.yml → register.yml → promote.yml', () => {
  let registerRun: WorkflowRun | undefined;
  let pushEvent: WorkflowEvent | undefined;

  test('every upload of .mlops includes hidden files and overwrites on re-runs', () => {
    for (const file of ['pr.yml', 'register.yml', 'promote.yml', 'tune.yml']) {
      const { jobs } = parse(readFileSync(workflow(file), 'utf8')) as {
        jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
      };
      const uploads = Object.values(jobs)
        .flatMap((job) => job.steps ?? [])
        .filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
      for (const upload of uploads) {
        expect(upload.with).toMatchObject({ 'include-hidden-files': true, overwrite: true });
        expect(upload.with?.path).toMatch(/^\.mlops\//);
      }
    }
  });

  test('a pull request: validate → train → evaluate → report comments on it; nothing registered', async () => {
    const { head, event } = pullRequest(1, 'tune', { 'mlops.yml': CONFIG.replace('[16]', '[12]') });
    const result = await run('pr.yml', event);

    expectResults(result, {
      validate: 'success',
      train: 'success',
      evaluate: 'success',
      report: 'success',
    });
    expect(readdirSync(result.artifacts).sort()).toEqual([
      'mlops-evaluated',
      'mlops-trained',
      'mlops-validated',
    ]);
    expect(stepWith(result, 'report', 'actions/download-artifact')).toEqual({
      name: 'mlops-evaluated',
      path: '.mlops',
    });
    // Only the report job may write (the comment); the others get a read-only token.
    expect(result.jobs.map((job) => job.token)).toEqual(['read', 'read', 'read', 'write']);
    expect(result.job('report').summary).toContain('churn: BLESSED');
    const comments = server.issueComments(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('<!-- mlops-actions report churn workflow: mlops-pr -->');
    expect(comments[0]?.body).toContain('churn: BLESSED');
    expect(comments[0]?.body).toContain(head.slice(0, 7));
    expect(git(bare, ['tag', '-l'])).toBe('');
    expect(server.releases()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  test('its merge to main: register.yml pushes churn@v0.1.0 and its release', async () => {
    const head = git(bare, ['rev-parse', 'tune']);
    git(bare, ['update-ref', 'refs/heads/main', head, main1]); // merged (fast-forward)
    expect(
      triggers(workflow('register.yml'), {
        name: 'push',
        branch: 'main',
        changed: changed(main1, head),
      }),
    ).toBe(true);
    pushEvent = {
      name: 'push',
      sha: head,
      ref: 'refs/heads/main',
      payload: { ref: 'refs/heads/main', before: main1, after: head },
    };
    const result = await run('register.yml', pushEvent);
    registerRun = result;

    expectResults(result, {
      validate: 'success',
      train: 'success',
      evaluate: 'success',
      register: 'success',
      report: 'success',
    });
    expect(result.job('register').outputs).toEqual({ version: '0.1.0', tag: 'churn@v0.1.0' });
    expect(result.job('register').token).toBe('write');
    expect(git(bare, ['tag', '-l'])).toBe('churn@v0.1.0');
    expect(git(bare, ['cat-file', '-t', 'churn@v0.1.0'])).toBe('tag');
    expect(git(bare, ['rev-list', '-n', '1', 'churn@v0.1.0'])).toBe(head);
    const releases = server.releases();
    expect(releases.map((r) => r.tag_name)).toEqual(['churn@v0.1.0']);
    expect(releases[0]?.assets.map((a) => a.name)).toEqual(['churn-v0.1.0.tgz', 'SHA256SUMS']);
    // The report shows the furthest step's outputs, in the summary only (comment: never).
    expect(stepWith(result, 'report', 'actions/download-artifact').name).toBe('mlops-registered');
    expect(result.job('report').summary).toContain('churn: BLESSED');
    expect(result.job('report').summary).toContain(
      '[release churn@v0.1.0](https://github.com/octo/wages/releases/tag/churn%40v0.1.0)',
    );
    expect(server.commitComments(head)).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  test('"Re-run all jobs" of register.yml: uploads overwrite, v0.1.0 is reused, nothing is added', async () => {
    if (!registerRun || !pushEvent) throw new Error('runs after the registration');
    const result = await run('register.yml', pushEvent, registerRun);

    expectResults(result, {
      validate: 'success',
      train: 'success',
      evaluate: 'success',
      register: 'success',
      report: 'success',
    });
    expect(result.job('register').outputs).toEqual({ version: '0.1.0', tag: 'churn@v0.1.0' });
    expect(git(bare, ['tag', '-l'])).toBe('churn@v0.1.0');
    expect(server.releases()).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  test('promote.yml dispatched: churn#production#1 on the remote; a fresh clone shows v0.1.0 in production', async () => {
    const head = git(bare, ['rev-parse', 'main']);
    expect(triggers(workflow('promote.yml'), { name: 'workflow_dispatch' })).toBe(true);
    const result = await run('promote.yml', {
      name: 'workflow_dispatch',
      sha: head,
      ref: 'refs/heads/main',
      payload: { ref: 'refs/heads/main' },
      inputs: { name: 'churn', version: '0.1.0', stage: 'production', reason: 'reviewed in #1' },
    });

    expectResults(result, { promote: 'success', deploy: 'not-run' });
    const promote = result.job('promote');
    expect(promote.outputs).toEqual({ tag: 'churn#production#1' });
    expect(promote.environment).toEqual({
      name: 'production',
      url: 'https://github.com/octo/wages/releases/tag/churn@v0.1.0',
    });
    // deploy.yml is called with the stage tag (this runner records the call, it does not run it).
    expect(result.job('deploy').call).toEqual({
      uses: './.github/workflows/deploy.yml',
      with: { ref: 'churn#production#1' },
    });
    expect(git(bare, ['tag', '-l', 'churn#*'])).toBe('churn#production#1');
    expect(git(bare, ['rev-list', '-n', '1', 'churn#production#1'])).toBe(head);

    const clone = path.join(tempDir('mlops-graph-'), 'clone');
    git(path.dirname(clone), ['clone', '-q', bare, clone]);
    const listing = await mlops(clone, ['registry', 'ls', '--json']);
    expect(listing.code).toBe(0);
    const state = JSON.parse(listing.stdout) as {
      models: {
        name: string;
        latest: string;
        versions: { version: string }[];
        stages: { stage: string; version: string; tag: string }[];
      }[];
    };
    expect(state.models).toHaveLength(1);
    expect(state.models[0]).toMatchObject({
      name: 'churn',
      latest: '0.1.0',
      versions: [{ version: '0.1.0' }],
      stages: [{ stage: 'production', version: '0.1.0', tag: 'churn#production#1' }],
    });
  });

  test('a NOT_BLESSED pull request: evaluate fails, its outputs still upload, the report comments', async () => {
    const strict = CONFIG.replace('lower_bound: 0.3', 'lower_bound: 0.999');
    const { event } = pullRequest(2, 'strict-gate', { 'mlops.yml': strict });
    const result = await run('pr.yml', event);

    expectResults(result, {
      validate: 'success',
      train: 'success',
      evaluate: 'failure',
      report: 'success',
    });
    const evaluate = result.job('evaluate').steps.map((step) => step.outcome);
    expect(evaluate).toEqual(['success', 'success', 'failure', 'success']);
    expect(stepWith(result, 'report', 'actions/download-artifact').name).toBe('mlops-evaluated');
    const comments = server.issueComments(2);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('churn: NOT_BLESSED');
    expect(comments[0]?.body).toContain('compared with v0.1.0 (production stage)');
    expect(git(bare, ['tag', '-l', 'churn@*'])).toBe('churn@v0.1.0');
    expect(server.violations).toEqual([]);
  });

  test('a pull request with invalid data: train and evaluate skipped, the report lists the anomaly', async () => {
    const { event } = pullRequest(3, 'bad-data', { 'data/customers.csv': makeCsv('binary', 3) });
    const result = await run('pr.yml', event);

    expectResults(result, {
      validate: 'failure',
      train: 'skipped',
      evaluate: 'skipped',
      report: 'success',
    });
    expect(readdirSync(result.artifacts)).toEqual(['mlops-validated']);
    expect(stepWith(result, 'report', 'actions/download-artifact').name).toBe('mlops-validated');
    const comments = server.issueComments(3);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('DATASET_LOW_NUM_EXAMPLES');
    expect(server.violations).toEqual([]);
  });
});

describe('tune.yml', () => {
  /** Two trials: in 4 epochs a learning rate of 2e-5 barely moves the weights, 0.01 learns. */
  const TUNED = `${CONFIG}tuning:
  search: grid
  metric: auc
  space:
    learning_rate: [0.00002, 0.01]
`;
  interface Board {
    best: string;
    modelId: string;
    trials: { rank: number; trial: string; params: { learning_rate: number }; value: number }[];
    missing: string[];
  }

  test('a pull request labelled tune: plan → one job per trial → collect picks the one that learns → evaluate → the report comments with the leaderboard', async () => {
    const { event } = pullRequest(4, 'tuning', { 'mlops.yml': TUNED }, 'tune');
    expect(triggers(workflow('pr.yml'), { name: 'pull_request', action: 'labeled' })).toBe(false);
    const result = await run('tune.yml', event);

    expectResults(result, {
      plan: 'success',
      trial: 'success',
      collect: 'success',
      evaluate: 'success',
      report: 'success',
    });
    expect(JSON.parse(result.job('plan').outputs.matrix ?? '')).toEqual({
      include: [
        { trial: 't01', params: { learning_rate: 0.00002 } },
        { trial: 't02', params: { learning_rate: 0.01 } },
      ],
    });
    // One job per trial, each uploading its own artifact (distinct names, .mlops/tune/ inside).
    expect(result.job('trial').legs?.map((leg) => [leg.title, leg.result])).toEqual([
      ['trial t01', 'success'],
      ['trial t02', 'success'],
    ]);
    expect(readdirSync(result.artifacts).sort()).toEqual([
      'mlops-evaluated',
      'mlops-trial-t01',
      'mlops-trial-t02',
      'mlops-tuned',
    ]);
    expect(readdirSync(path.join(result.artifacts, 'mlops-trial-t02')).sort()).toEqual(['t02']);

    const tuned = path.join(result.artifacts, 'mlops-tuned');
    const board = JSON.parse(
      readFileSync(path.join(tuned, 'tune', 'leaderboard.json'), 'utf8'),
    ) as Board;
    expect(board.trials.map((t) => [t.rank, t.trial, t.params.learning_rate])).toEqual([
      [1, 't02', 0.01],
      [2, 't01', 0.00002],
    ]);
    expect(board.trials[0]?.value).toBeGreaterThan(board.trials[1]?.value ?? 1);
    expect(board).toMatchObject({ best: 't02', missing: [] });
    const collect = result.job('collect').steps.find((step) => step.uses.endsWith('@v1'));
    expect(collect?.outputs.trial).toBe('t02');
    const winner = readFileSync(path.join(tuned, 'tune', 'best.mlops.yml'), 'utf8');
    expect(winner).toMatch(/^# mlops tune collect: trial t02 of 2, validation auc /);
    expect((parse(winner) as { model: unknown }).model).toEqual({
      epochs: 4,
      hidden: [16],
      learning_rate: 0.01,
    });
    // The winner's bundle is the model evaluated and reported.
    const evaluated = JSON.parse(
      readFileSync(path.join(result.artifacts, 'mlops-evaluated', 'evaluation.json'), 'utf8'),
    ) as { modelId: string };
    expect(evaluated.modelId).toBe(board.modelId);

    expect(result.jobs.map((job) => job.token)).toEqual(['read', 'read', 'read', 'read', 'write']);
    const comments = server.issueComments(4);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(
      'Tuning: trial t02 is the best of 2 (grid search) by validation auc',
    );
    expect(result.job('report').summary).toContain('| 1 | t02 | 0.01 |');
    expect(server.violations).toEqual([]);
  });
});
