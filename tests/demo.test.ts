/** `npm run demo` is the first thing a new user runs: it must work offline from a fresh install. */
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { git, tempDir } from './support/repo.js';

test('the demo runs the whole pipeline and leaves a report, a model bundle and tags', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const dir = path.join(tempDir('mlops-demo-test-'), 'demo');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'demo.mjs'), dir], {
    encoding: 'utf8',
    // The training cache in a temp folder, not the user's: the demo trains in every run.
    env: { ...process.env, MLOPS_CACHE_DIR: tempDir('mlops-demo-cache-') },
  });

  expect(result.status).toBe(0);
  expect(result.stdout).toContain('registered: wages@v0.1.0');
  expect(readFileSync(path.join(dir, '.mlops', 'report.md'), 'utf8')).toContain(
    '## ✅ wages: BLESSED',
  );
  expect(existsSync(path.join(dir, '.mlops', 'model', 'weights.bin'))).toBe(true);
  expect(git(dir, ['cat-file', '-t', 'wages@v0.1.0'])).toBe('tag');
  expect(git(dir, ['cat-file', '-t', 'wages#production#1'])).toBe('tag');
  expect(git(dir, ['log', '--format=%s'])).toContain('wages demo: reviewed schema');
});
