/** Model references (NAME#STAGE, NAME@vX.Y.Z, NAME@latest) resolved on a replayed registry. */
import { describe, expect, test } from '@jest/globals';
import { UsageError } from '../src/errors.js';
import { resolveModelRef } from '../src/registry/resolve.js';
import { replayTags } from '../src/registry/state.js';
import type { TagRecord } from '../src/registry/store.js';

const record = (tag: string, commit: string, second: number): TagRecord => ({
  tag,
  commit,
  message: tag,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
});

const state = replayTags([
  record('wages@v0.1.0', 'c1', 1),
  record('wages@v0.2.0', 'c2', 2),
  record('wages@v0.3.0', 'c3', 3),
  record('wages#production#1', 'c2', 4),
  record('wages@v0.3.0!', 'c3', 5),
]);

describe('resolveModelRef', () => {
  test.each([
    ['wages#production', '0.2.0', 'production stage'],
    ['wages@v0.1.0', '0.1.0', 'version 0.1.0'],
    ['wages@latest', '0.2.0', 'latest version'],
  ])('%s → v%s', (ref, version, via) => {
    expect(resolveModelRef(state, ref)).toEqual({ name: 'wages', version, via });
  });

  test.each([
    ['wages', /expected NAME#STAGE, NAME@vX.Y.Z or NAME@latest/],
    ['Wages#production', /expected NAME#STAGE/],
    ['wages@0.1.0', /expected NAME#STAGE/],
    ['wages@v1', /expected NAME#STAGE/],
    ['cars#production', /no model "cars" in the registry \(models: wages\)/],
    ['wages#staging', /no version in stage staging; stages: production \(v0.2.0\)/],
    ['wages@v0.3.0', /no registered version 0.3.0; it has: 0.1.0, 0.2.0/],
    ['wages@v9.9.9', /no registered version 9.9.9/],
  ])('%s is a UsageError', (ref, message) => {
    expect(() => resolveModelRef(state, ref)).toThrow(UsageError);
    expect(() => resolveModelRef(state, ref)).toThrow(message);
  });
});
