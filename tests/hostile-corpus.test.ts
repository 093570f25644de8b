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

describe('a release folder that cannot be written', () => {
  test('is a clear error naming it, and no line of it is a workflow command', async () => {
    const releases = 'mlops.yml/\n::error title=INJECTED::pwned';
    const config = `name: m\ndata: { train: data.csv, label: y }\nmodel: { epochs: 1, hidden: [2] }\nevaluation: { beat_trivial: false }\nregistry: { releases: ${JSON.stringify(releases)} }\n`;
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 5},${i % 2}`).join('\n');
    const dir = makeRepo({ 'data.csv': `a,b,y\n${rows}\n`, 'mlops.yml': config });
    const result = await mlops(dir, ['run']);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stderr).not.toMatch(/^\s*::/m);
    expect(result.code).toBe(2);
  });
});
