import { describe, expect, test } from '@jest/globals';
import { RegistryConflict, UsageError } from '../src/errors.js';
import {
  NoChange,
  planDeprecate,
  planDeregister,
  planPromotion,
  planUnassign,
  type TagPlan,
} from '../src/registry/plan.js';
import { findModel, replayTags, stageVersion, type ModelState } from '../src/registry/state.js';
import type { TagRecord } from '../src/registry/store.js';

const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);
const C3 = 'c'.repeat(40);
const C4 = 'd'.repeat(40);
const STAGES = ['staging', 'production', 'canary'];

/** A tag record created `minute` minutes after a fixed start. */
function tag(name: string, minute: number, commit: string): TagRecord {
  const createdAt = new Date(Date.UTC(2024, 0, 1, 12, minute)).toISOString();
  return { tag: name, createdAt, message: 'x', commit };
}

/**
 * income: v1.0.0 (C1), v1.1.0 in production (C2), v1.2.0 in staging (C3), v0.5.0 deregistered
 * (C4), and a stage `legacy` that the configured stages no longer name. churn: deprecated.
 */
const RECORDS = [
  tag('income@v1.0.0', 0, C1),
  tag('income@v1.1.0', 1, C2),
  tag('income@v1.2.0', 2, C3),
  tag('income#production#1', 3, C2),
  tag('income#staging#2', 4, C3),
  tag('income#legacy#3', 5, C1),
  tag('income@v0.5.0', 6, C4),
  tag('income@v0.5.0!', 7, C4),
  tag('churn@v0.1.0', 8, C1),
  tag('churn@deprecated', 9, C1),
];
const STATE = replayTags(RECORDS);

function model(records: readonly TagRecord[], name: string): ModelState {
  const found = findModel(replayTags(records), name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
}

/** The records with the planned tag added a minute after the last one. */
function applied(records: readonly TagRecord[], plan: TagPlan): TagRecord[] {
  return [...records, tag(plan.tag, records.length + 60, plan.commit)];
}

/** The error `plan()` throws. */
function thrown(plan: () => unknown): unknown {
  try {
    plan();
  } catch (error) {
    return error;
  }
  throw new Error('expected the plan to throw');
}

describe('planPromotion', () => {
  test.each([
    ['1.2.0', 'production', { tag: 'income#production#4', commit: C3, previous: '1.1.0' }],
    ['v1.0.0', 'staging', { tag: 'income#staging#4', commit: C1, previous: '1.2.0' }],
    ['1.0.0', 'canary', { tag: 'income#canary#4', commit: C1, previous: null }],
  ])('income %s → %s', (version, stage, expected) => {
    const plan = planPromotion(STATE, RECORDS, { name: 'income', version, stage }, STAGES);
    expect(plan).toEqual({ ...expected, version: version.replace('v', '') });
    // Replaying the planned tag gives the requested state, after which the same plan is a no-op.
    const after = applied(RECORDS, plan);
    expect(stageVersion(model(after, 'income'), stage)).toBe(plan.version);
    expect(() =>
      planPromotion(replayTags(after), after, { name: 'income', version, stage }, STAGES),
    ).toThrow(NoChange);
  });

  test('a deprecated model can be promoted, which revives it as in GTO', () => {
    const request = { name: 'churn', version: '0.1.0', stage: 'production' };
    const plan = planPromotion(STATE, RECORDS, request, STAGES);
    expect(plan).toEqual({
      tag: 'churn#production#1',
      commit: C1,
      version: '0.1.0',
      previous: null,
    });
    expect(model(applied(RECORDS, plan), 'churn').deprecated).toBe(false);
  });

  test.each([
    [
      'an unknown stage',
      'income',
      '1.2.0',
      'prod',
      UsageError,
      /stage "prod" is not a stage.*\[staging, production, canary\]/,
    ],
    [
      'an unknown model',
      'nope',
      '1.0.0',
      'staging',
      UsageError,
      /no model "nope" in the registry \(models: churn, income\)/,
    ],
    [
      'an unknown version',
      'income',
      '9.9.9',
      'staging',
      UsageError,
      /income has no registered version 9\.9\.9; it has: 1\.0\.0, 1\.1\.0, 1\.2\.0/,
    ],
    [
      'a deregistered version',
      'income',
      '0.5.0',
      'staging',
      UsageError,
      /v0\.5\.0 was deregistered/,
    ],
    [
      'the version already in the stage',
      'income',
      '1.1.0',
      'production',
      NoChange,
      /already in production \(tag income#production#1\)/,
    ],
  ])('%s is refused', (_case, name, version, stage, kind, message) => {
    const error = thrown(() => planPromotion(STATE, RECORDS, { name, version, stage }, STAGES));
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });

  test('the no-op names the tag that holds the stage, and is a RegistryConflict', () => {
    const request = { name: 'income', version: '1.1.0', stage: 'production' };
    const error = thrown(() => planPromotion(STATE, RECORDS, request, STAGES));
    expect(error).toBeInstanceOf(RegistryConflict);
    expect((error as NoChange).event).toMatchObject({ tag: 'income#production#1', commit: C2 });
  });

  test('a lower version sharing its commit with a higher one cannot take a stage', () => {
    const records = [...RECORDS, tag('income@v1.0.1', 20, C1)];
    const request = { name: 'income', version: '1.0.0', stage: 'canary' };
    expect(() => planPromotion(replayTags(records), records, request, STAGES)).toThrow(
      /v1\.0\.0 shares commit aaaaaaa with v1\.0\.1/,
    );
  });
});

describe('planDeregister', () => {
  test.each([
    ['1.1.0', { tag: 'income@v1.1.0!', commit: C2, freed: ['production'] }],
    ['v1.2.0', { tag: 'income@v1.2.0!', commit: C3, freed: ['staging'] }],
    ['1.0.0', { tag: 'income@v1.0.0!', commit: C1, freed: ['legacy'] }],
  ])('income %s', (version, expected) => {
    const plan = planDeregister(STATE, RECORDS, { name: 'income', version });
    expect(plan).toEqual({ ...expected, version: version.replace('v', '') });
    const after = model(applied(RECORDS, plan), 'income');
    expect(after.versions.find((v) => v.version === plan.version)?.deregistered).toBe(true);
    expect(after.stages.map((s) => s.stage)).not.toEqual(expect.arrayContaining(plan.freed));
  });

  test('a version registered again after its deregistration gets the counted tag, as GTO writes', () => {
    const records = [...RECORDS, tag('income@v0.5.0#8', 20, C4)];
    expect(
      planDeregister(replayTags(records), records, { name: 'income', version: '0.5.0' }),
    ).toEqual({
      tag: 'income@v0.5.0!#9',
      commit: C4,
      version: '0.5.0',
      freed: [],
    });
  });

  test.each([
    ['a deregistered version', 'income', '0.5.0', NoChange, /already deregistered/],
    ['an unknown version', 'income', '2.0.0', UsageError, /no registered version 2\.0\.0/],
    ['an unknown model', 'nope', '1.0.0', UsageError, /no model "nope"/],
  ])('%s is refused', (_case, name, version, kind, message) => {
    const error = thrown(() => planDeregister(STATE, RECORDS, { name, version }));
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });

  test('the no-op names the deregistration', () => {
    const error = thrown(() =>
      planDeregister(STATE, RECORDS, { name: 'income', version: '0.5.0' }),
    );
    expect((error as NoChange).event.tag).toBe('income@v0.5.0!');
  });
});

describe('planDeprecate', () => {
  test('tags the commit of the newest event, like GTO', () => {
    const plan = planDeprecate(STATE, RECORDS, { name: 'income' });
    expect(plan).toEqual({ tag: 'income@deprecated', commit: C4 });
    expect(model(applied(RECORDS, plan), 'income').deprecated).toBe(true);
  });

  test('deprecating again after a revival takes the counted tag', () => {
    const records = [...RECORDS, tag('churn@v0.2.0', 20, C2)];
    expect(planDeprecate(replayTags(records), records, { name: 'churn' })).toEqual({
      tag: 'churn@deprecated#1',
      commit: C2,
    });
  });

  test.each([
    ['a deprecated model', 'churn', NoChange, /churn is already deprecated/],
    ['an unknown model', 'nope', UsageError, /no model "nope"/],
  ])('%s is refused', (_case, name, kind, message) => {
    const error = thrown(() => planDeprecate(STATE, RECORDS, { name }));
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });
});

describe('planUnassign', () => {
  test.each([
    [{ stage: 'production' }, { tag: 'income#production!#4', commit: C2, version: '1.1.0' }],
    [
      { stage: 'staging', version: '1.2.0' },
      { tag: 'income#staging!#4', commit: C3, version: '1.2.0' },
    ],
    // Stages dropped from the config can still be emptied while a version holds them.
    [{ stage: 'legacy' }, { tag: 'income#legacy!#4', commit: C1, version: '1.0.0' }],
  ])('income %j', (request, expected) => {
    const plan = planUnassign(STATE, RECORDS, { name: 'income', ...request }, STAGES);
    expect(plan).toEqual(expected);
    const after = applied(RECORDS, plan);
    expect(stageVersion(model(after, 'income'), request.stage)).toBeNull();
    expect(() =>
      planUnassign(replayTags(after), after, { name: 'income', ...request }, STAGES),
    ).toThrow(NoChange);
  });

  test.each([
    [
      'a stage held by another version',
      { stage: 'staging', version: '1.0.0' },
      RegistryConflict,
      /v1\.0\.0 is not in staging: v1\.2\.0 is/,
    ],
    [
      'a configured stage nobody holds',
      { stage: 'canary' },
      RegistryConflict,
      /no version of income is in canary/,
    ],
    [
      'a stage neither configured nor held',
      { stage: 'qa' },
      UsageError,
      /stage "qa" is not a stage/,
    ],
  ])('%s is refused', (_case, request, kind, message) => {
    const error = thrown(() =>
      planUnassign(STATE, RECORDS, { name: 'income', ...request }, STAGES),
    );
    expect(error).toBeInstanceOf(kind);
    expect(error).not.toBeInstanceOf(NoChange);
    expect((error as Error).message).toMatch(message);
  });

  test('a stage emptied by deregistering its version is a no-op naming the deregistration', () => {
    const records = [...RECORDS, tag('income@v1.1.0!', 20, C2)];
    const request = { name: 'income', stage: 'production', version: '1.1.0' };
    const error = thrown(() => planUnassign(replayTags(records), records, request, STAGES));
    expect((error as NoChange).event.tag).toBe('income@v1.1.0!');
  });
});
