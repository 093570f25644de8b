/**
 * What a deployed server needs under sustained load (found by bench/serve-load.ts): the prediction
 * log keeps up by writing everything buffered in one append while the previous one runs, and its
 * memory is bounded — when the disk falls behind, lines are dropped and reported, never held
 * until the server runs out of memory.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openJsonlLog } from '../src/serve/jsonl-log.js';
import { tempDir } from './support/repo.js';

const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { i: number }).i);

describe('the prediction log under load', () => {
  test('lines appended while a write runs go out with the next one, in order', async () => {
    const file = path.join(tempDir(), 'logs', 'predictions.jsonl');
    const errors: unknown[] = [];
    const log = openJsonlLog({ file, maxBytes: 1 << 20, keep: 1, onError: (e) => errors.push(e) });
    log.append([{ i: 0 }]);
    const first = log.flush();
    for (let i = 1; i < 50; i++) log.append([{ i }]);
    // The flush under way resolves once every line buffered meanwhile is written too.
    await first;
    expect(linesOf(file)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await log.close();
    expect(errors).toEqual([]);
  });

  test('past the buffer bound lines are dropped and told once; once written, lines are kept again', async () => {
    const file = path.join(tempDir(), 'predictions.jsonl');
    const errors: unknown[] = [];
    const log = openJsonlLog({
      file,
      maxBytes: 1 << 20,
      keep: 1,
      maxBufferedBytes: 100,
      onError: (e) => errors.push(e),
    });
    // Each line is 9 characters ({"i":10}\n and longer ones): 12 fill the bound, the rest drop.
    for (let i = 10; i < 40; i++) log.append([{ i }]);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('100 bytes of lines are waiting for the disk: dropping');
    await log.flush();
    log.append([{ i: 99 }]);
    await log.close();
    expect(linesOf(file)).toEqual([...Array.from({ length: 12 }, (_, i) => 10 + i), 99]);
    expect(errors).toHaveLength(1);
  });
});
