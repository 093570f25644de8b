/** Running the CLI in-process in a test, and the small config most CLI tests use. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { git } from './repo.js';

export const CPU = { MLOPS_BACKEND: 'cpu' };
export const LABEL = 'target label';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mlops argv` in-process in `cwd`, collecting what it prints. */
export async function mlops(
  cwd: string,
  argv: string[],
  env: Record<string, string> = CPU,
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/**
 * A small, fast config: the registry name `churn` and a tiny network, too briefly trained to beat
 * the trivial baseline beyond noise, so that default gate is off (tests/honest-evaluation.test.ts
 * covers it).
 */
export function configYaml(extra = '', name = 'churn'): string {
  return [
    `name: ${name}`,
    'data:',
    '  train: data.csv',
    `  label: ${LABEL}`,
    'model:',
    '  epochs: 5',
    '  hidden: [16]',
    '  batch_size: 32',
    extra,
    NO_DEFAULT_GATE,
  ].join('\n');
}

/** Turns off the gate a model must pass by default (beating the trivial baseline beyond noise). */
export const NO_DEFAULT_GATE = 'evaluation: { beat_trivial: false }';

export const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
export const readJson = <T = Record<string, unknown>>(dir: string, file: string) =>
  JSON.parse(read(dir, file)) as T;
export const tags = (dir: string) => git(dir, ['tag', '-l']).split('\n').filter(Boolean).sort();
export const tagMessage = (dir: string, tag: string) =>
  git(dir, ['for-each-ref', `refs/tags/${tag}`, '--format=%(contents)']);

/** The smallest model that trains, for tests of the registry rather than of learning. */
export function tinyConfig(extra = ''): string {
  return [
    'name: churn',
    'data:',
    '  train: data.csv',
    `  label: ${LABEL}`,
    'model:',
    '  epochs: 2',
    '  hidden: [4]',
    extra,
    NO_DEFAULT_GATE,
  ].join('\n');
}
