/**
 * Free text learned for real: zero-config `mlops train` and `mlops evaluate` on the SpamAssassin
 * public corpus (subject and body of each mail as text columns), all 6,046 mails. A sample would
 * not be cheaper: early stopping's patience is counted in batches, so fewer rows train for more
 * epochs. The CLI runs in its own process, as a user runs it: TensorFlow.js trains about twice as
 * slowly inside Jest's module sandbox.
 */
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readJson } from './support/cli.js';
import { makeRepo } from './support/repo.js';
import { spamAssassin } from './support/spam.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = pathToFileURL(`${ROOT}src/cli/index.ts`).href;

/** Runs `mlops args` in a fresh node process in `dir` (the default backend choice), or throws its log. */
function mlopsProcess(dir: string, args: string[]): void {
  // With -e, process.argv holds no script path: put one back where the CLI expects it.
  const script = `process.argv.splice(1, 0, 'mlops'); process.chdir(${JSON.stringify(dir)}); await import(${JSON.stringify(CLI)});`;
  const { status, stderr } = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (status !== 0) throw new Error(`mlops ${args.join(' ')} failed:\n${stderr}`);
}

test('zero-config text features reach 95 % accuracy on SpamAssassin', () => {
  const mails = spamAssassin();
  const dir = makeRepo({
    'mails.jsonl': mails.map((mail) => `${JSON.stringify(mail)}\n`).join(''),
  });
  const data = ['--data', 'mails.jsonl', '--label', 'label'];
  // Trained for real: the user-level training cache may hold this very model from an earlier run.
  mlopsProcess(dir, ['train', ...data, '--no-cache']);
  mlopsProcess(dir, ['evaluate', ...data]);
  const training = readJson<{ features: { column: string; kind: string }[] }>(
    dir,
    '.mlops/model/training.json',
  );
  expect(training.features).toEqual([
    { column: 'subject', kind: 'text' },
    { column: 'body', kind: 'text' },
  ]);
  const { evaluation } = readJson<{
    evaluation: { count: number; overall: Record<string, number> };
  }>(dir, '.mlops/evaluation.json');
  expect(evaluation.count).toBeGreaterThan(1000);
  expect(evaluation.overall.accuracy).toBeGreaterThanOrEqual(0.95);
  // About 20 s of CPU; more time only for a machine busy with other work.
}, 300_000);
