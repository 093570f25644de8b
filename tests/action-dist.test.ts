/**
 * The bundled action run the way a GitHub runner runs it: `node dist/action/index.js` with INPUT_*
 * variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, in a real git checkout with a remote.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../src/action/inputs.js';
import { runAction } from './support/action.js';
import { makeCsv } from './support/data.js';
import { startFakeGitHub } from './support/github-server.js';
import { addBareRemote, git, makeRepo } from './support/repo.js';

const TOKEN = 'ghs_secretTokenValue1234567890';

const CONFIG = `name: churn
data:
  train: data/customers.csv
  label: target label
  slices: [city]
model:
  epochs: 30
  hidden: [16]
evaluation: { beat_trivial: false } # a few hundred rows: not reliably beyond noise
gates:
  - { metric: accuracy, lower_bound: 0.5 }
`;

describe('the bundled action', () => {
  test('runs the whole pipeline, sets outputs, writes the summary and pushes the version tag', async () => {
    const repo = makeRepo({ 'mlops.yml': CONFIG, 'data/customers.csv': makeCsv('binary', 240) });
    const remote = addBareRemote(repo);
    const github = await startFakeGitHub({ tokens: { [TOKEN]: 'write' } });
    const result = await runAction(
      repo,
      { command: 'run', 'github-token': TOKEN },
      { env: { GITHUB_API_URL: github.url } },
    ).finally(() => github.close());

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.outputs).toMatchObject({ blessed: 'true', version: '0.1.0' });
    expect(result.outputs['report-path']).toBe(path.join(repo, '.mlops', 'report.md'));
    expect(result.summary).toContain('<!-- mlops-actions report churn -->');
    expect(result.summary).toContain('BLESSED');
    expect(result.stdout).toContain('::group::');
    expect(git(remote, ['cat-file', '-t', 'churn@v0.1.0'])).toBe('tag');
    expect(github.releases().map((r) => r.tag_name)).toEqual(['churn@v0.1.0']);
    expect(github.violations).toEqual([]);
    const message = git(repo, ['tag', '-l', '--format=%(contents)', 'churn@v0.1.0']);
    expect(message).toContain('"runUrl": "https://github.com/octo/wages/actions/runs/42"');
  });

  test('on a pull request it evaluates and reports but registers nothing', async () => {
    const repo = makeRepo({ 'mlops.yml': CONFIG, 'data/customers.csv': makeCsv('binary', 240) });
    const result = await runAction(
      repo,
      { command: 'run' },
      { event: { name: 'pull_request', payload: { pull_request: { number: 1 } } } },
    );

    expect(result.status).toBe(0);
    expect(result.outputs).toMatchObject({ blessed: 'true', version: '' });
    expect(result.summary).toContain('churn: BLESSED');
    expect(git(repo, ['tag', '-l'])).toBe('');
  });

  test('masks the token: it appears only in the add-mask command, never in logs or outputs', async () => {
    const repo = makeRepo({ 'mlops.yml': CONFIG, 'data/customers.csv': makeCsv('binary', 120) });
    const result = await runAction(repo, { command: 'validate', 'github-token': TOKEN });

    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => line.includes(TOKEN));
    expect(lines).toEqual([`::add-mask::${TOKEN}`]);
    expect(result.summary).not.toContain(TOKEN);
    expect(readFileSync(path.join(repo, '.mlops', 'validation.json'), 'utf8')).not.toContain(TOKEN);
  });

  test('fails the step with a message naming the file and line of malformed data', async () => {
    const repo = makeRepo({ 'data.csv': 'a,b,y\n1,2,0\n3,4\n5,6,1\n' });
    const result = await runAction(repo, { command: 'validate', data: 'data.csv', label: 'y' });

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/::error::.*data\.csv:3: expected 3 fields, found 2/);
  });

  test('an ERROR anomaly is an error annotation on the data file, with its name as the title', async () => {
    const repo = makeRepo({ 'data/few.csv': 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n' });
    const result = await runAction(repo, { command: 'validate', data: 'data/few.csv', label: 'y' });

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^::error title=DATASET_LOW_NUM_EXAMPLES,file=data\/few\.csv::The data has 3 rows/m,
    );
  });

  test('refuses a config that reads from .git, where the checkout keeps the token', async () => {
    const repo = makeRepo({
      'mlops.yml': CONFIG.replace('data/customers.csv', '.git/config'),
      'data/customers.csv': makeCsv('binary', 40),
    });
    const result = await runAction(repo, { command: 'validate' });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '::error::data.train: .git/config is outside the workspace (or inside .git)',
    );
  });

  test('refuses data that is a symbolic link into .git', async () => {
    const repo = makeRepo({ 'mlops.yml': CONFIG });
    mkdirSync(path.join(repo, 'data'));
    symlinkSync('../.git/config', path.join(repo, 'data', 'customers.csv'));
    const result = await runAction(repo, { command: 'validate' });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '::error::data.train: data/customers.csv is outside the workspace (or inside .git)',
    );
    expect(existsSync(path.join(repo, '.mlops', 'validation.json'))).toBe(false);
  });

  test('rejects an unknown command and lists the allowed ones', async () => {
    const repo = makeRepo({ 'README.md': 'empty\n' });
    const result = await runAction(repo, { command: 'deploy' });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::input "command"');
    expect(result.stdout).toContain(COMMANDS.join(', '));
  });
});
