/**
 * Hostile files and configs, as a fork's pull request could commit them: every one ends in a clear
 * result (exit 0, 1 or 2) and never in an internal error with a stack trace.
 */
import { describe, expect, test } from '@jest/globals';
import { mlops } from './support/cli.js';
import { hostileCorpus } from './support/hostile.js';
import { makeRepo } from './support/repo.js';

describe('hostile input never causes an internal error', () => {
  test.each(hostileCorpus().map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const dir = makeRepo(hostile.files);
    const result = await mlops(dir, hostile.argv);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect([0, 1, 2]).toContain(result.code);
    if (result.code === 2) expect(result.stderr).toMatch(/^error: /m);
  });
});
