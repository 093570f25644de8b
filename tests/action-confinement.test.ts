/**
 * The bundled action (dist/action.js, run as a runner runs it) against a fork's pull request that
 * commits links: the config file and outputs confined to the workspace by real path, committed
 * links at output files replaced rather than followed, and no error that prints a file's content.
 * These run the committed bundle: rebuild dist after changing src.
 */
import { describe, expect, test } from '@jest/globals';
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { runAction } from './support/action.js';
import { makeCsv } from './support/data.js';
import { makeRepo, tempDir } from './support/repo.js';

const TOKEN = 'ghs_confinementTokenValue1234567890';
const SECRET = 'SECRET_FROM_OUTSIDE_THE_WORKSPACE';
const onLinux = process.platform === 'linux' ? test : test.skip;

const CONFIG = `name: churn
data:
  train: data/customers.csv
  label: target label
model:
  epochs: 2
  hidden: [4]
evaluation: { beat_trivial: false } # 2 epochs learn too little to beat the trivial baseline
`;

/** A checkout with a config and data, and a folder outside it holding a secret file. */
function checkout(): { repo: string; outside: string; secret: string } {
  const repo = makeRepo({ 'mlops.yml': CONFIG, 'data/customers.csv': makeCsv('binary', 60) });
  const outside = tempDir('mlops-outside-');
  const secret = path.join(outside, 'secret.txt');
  writeFileSync(secret, `${SECRET}\n`);
  return { repo, outside, secret };
}

/** Everything the run showed: its log and its job summary. */
const shown = (run: { stdout: string; stderr: string; summary: string }) =>
  `${run.stdout}\n${run.stderr}\n${run.summary}`;

describe('the action reads nothing outside the workspace', () => {
  onLinux(
    'mlops.yml committed as a link to /proc/self/environ: refused, the environment unprinted',
    async () => {
      const { repo } = checkout();
      rmSync(path.join(repo, 'mlops.yml'));
      symlinkSync('/proc/self/environ', path.join(repo, 'mlops.yml'));
      const result = await runAction(repo, { command: 'validate', 'github-token': TOKEN });

      expect(result.status).toBe(1);
      expect(result.stdout).toContain('::error::config: mlops.yml is outside the workspace');
      const lines = shown(result)
        .split('\n')
        .filter((line) => line.includes(TOKEN));
      expect(lines).toEqual([`::add-mask::${TOKEN}`]);
      expect(shown(result)).not.toContain('GITHUB_WORKSPACE=');
    },
  );

  onLinux('a config input naming /etc/passwd: refused, the file unprinted', async () => {
    const { repo } = checkout();
    const result = await runAction(repo, { command: 'validate', config: '/etc/passwd' });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::config: /etc/passwd is outside the workspace');
    expect(shown(result)).not.toContain('root:');
  });

  test('a committed report that links to a file outside is not posted or shown', async () => {
    const { repo, secret } = checkout();
    mkdirSync(path.join(repo, '.mlops'));
    symlinkSync(secret, path.join(repo, '.mlops', 'report.md'));
    const result = await runAction(repo, { command: 'comment', 'github-token': TOKEN });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::input: .mlops/report.md is outside the workspace');
    expect(shown(result)).not.toContain(SECRET);
  });
});

describe('the action writes only to real folders of the workspace', () => {
  test('.mlops committed as a link to a folder outside: refused, nothing written there', async () => {
    const { repo, outside } = checkout();
    symlinkSync(outside, path.join(repo, '.mlops'));
    const result = await runAction(repo, { command: 'validate' });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::out: .mlops is outside the workspace');
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  test.each([['.git/refs/tags'], ['OUTSIDE']])('an out input of %s is refused', async (out) => {
    const { repo, outside } = checkout();
    const folder = out === 'OUTSIDE' ? outside : out;
    const result = await runAction(repo, { command: 'validate', out: folder });

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/::error::out: .* is outside the workspace \(or inside \.git\)/);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(readdirSync(path.join(repo, '.git', 'refs', 'tags'))).toEqual([]);
  });

  test('committed links at output files are replaced; their targets stay as they were', async () => {
    const { repo, secret } = checkout();
    const gitConfig = readFileSync(path.join(repo, '.git', 'config'), 'utf8');
    mkdirSync(path.join(repo, '.mlops'));
    symlinkSync(secret, path.join(repo, '.mlops', 'validation.json'));
    symlinkSync('../.git/config', path.join(repo, '.mlops', 'schema.json'));
    const result = await runAction(repo, { command: 'validate' });

    expect(result.status).toBe(0);
    expect(readFileSync(secret, 'utf8')).toBe(`${SECRET}\n`);
    expect(readFileSync(path.join(repo, '.git', 'config'), 'utf8')).toBe(gitConfig);
    for (const name of ['validation.json', 'schema.json']) {
      expect(lstatSync(path.join(repo, '.mlops', name)).isFile()).toBe(true);
    }
  });

  test('a committed model folder that links outside is replaced by the trained bundle', async () => {
    const { repo, outside } = checkout();
    mkdirSync(path.join(repo, '.mlops'));
    symlinkSync(outside, path.join(repo, '.mlops', 'model'));
    const result = await runAction(repo, { command: 'train' });

    expect(result.status).toBe(0);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(lstatSync(path.join(repo, '.mlops', 'model')).isDirectory()).toBe(true);
    expect(readdirSync(path.join(repo, '.mlops', 'model'))).toContain('weights.bin');
  });
});
