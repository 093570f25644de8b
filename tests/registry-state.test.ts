import { describe, expect, test } from '@jest/globals';
import { RegistryConflict, UsageError } from '../src/errors.js';
import { formatTagMessage, parseTagMessage, type TagMetadata } from '../src/registry/metadata.js';
import {
  findModel,
  nextStageCounter,
  planVersion,
  replayTags,
  stageVersion,
  type ModelState,
} from '../src/registry/state.js';
import type { TagRecord } from '../src/registry/store.js';

const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);
const C3 = 'c'.repeat(40);

/** A tag record created `minute` minutes after a fixed start. */
function tag(name: string, minute: number, commit: string, message = 'x'): TagRecord {
  const createdAt = new Date(Date.UTC(2024, 0, 1, 12, minute)).toISOString();
  return { tag: name, createdAt, message, commit };
}

function model(records: TagRecord[], name = 'income'): ModelState {
  const found = findModel(replayTags(records), name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
}

function metadata(version: string): TagMetadata {
  return {
    schema: 'mlops-actions/v1',
    name: 'income',
    version,
    metrics: { auc: 0.87346, accuracy: 0.85 },
    task: 'binary',
    dataHash: 'sha256:d',
    configHash: 'sha256:c',
    createdAt: '2024-01-01T12:00:00.000Z',
    runUrl: 'https://github.com/o/r/actions/runs/1',
  };
}

describe('replayTags', () => {
  test('versions ascend by semver and carry their metadata', () => {
    const state = replayTags([
      tag('income@v1.10.0', 3, C3),
      tag('income@v1.2.0', 1, C1, formatTagMessage(metadata('1.2.0'))),
      tag('income@v1.9.0-rc.1', 2, C2),
      tag('v1.0.0', 0, C1),
      tag('release-notes', 0, C1),
    ]);
    expect(state.models.map((m) => m.name)).toEqual(['income']);
    const income = state.models[0];
    expect(income?.versions.map((v) => v.version)).toEqual(['1.2.0', '1.9.0-rc.1', '1.10.0']);
    expect(income?.versions[0]?.metadata).toEqual(metadata('1.2.0'));
    expect(income?.versions[1]?.metadata).toBeNull();
    expect(income?.latest).toBe('1.10.0');
  });

  test('a stage tag assigns the version on its commit; the last assignment wins', () => {
    const income = model([
      tag('income@v1.0.0', 0, C1),
      tag('income@v1.1.0', 1, C2),
      tag('income#production#1', 2, C1),
      tag('income#staging#2', 3, C2),
      tag('income#production#3', 4, C2),
    ]);
    expect(income.stages).toEqual([
      {
        stage: 'production',
        version: '1.1.0',
        tag: 'income#production#3',
        since: '2024-01-01T12:04:00.000Z',
      },
      {
        stage: 'staging',
        version: '1.1.0',
        tag: 'income#staging#2',
        since: '2024-01-01T12:03:00.000Z',
      },
    ]);
  });

  test('replay follows tag time, not tag names or input order', () => {
    const records = [
      tag('income#production#2', 1, C1),
      tag('income@v1.0.0', 0, C1),
      tag('income@v2.0.0', 0, C2),
      tag('income#production#1', 2, C2),
    ];
    const income = model(records);
    expect(stageVersion(income, 'production')).toBe('2.0.0');
    expect(income.history.map((event) => event.tag)).toEqual([
      'income@v1.0.0',
      'income@v2.0.0',
      'income#production#2',
      'income#production#1',
    ]);
    expect(model([...records].reverse())).toEqual(income);
  });

  test('tags from the same second replay by counter, then registrations before assignments', () => {
    const income = model([
      tag('income#production!#2', 0, C1),
      tag('income#production#1', 0, C1),
      tag('income@v1.0.0', 0, C1),
    ]);
    expect(income.history.map((event) => event.kind)).toEqual(['version', 'assign', 'unassign']);
    expect(stageVersion(income, 'production')).toBeNull();
  });

  test('several versions on one commit: the stage goes to the highest', () => {
    const income = model([
      tag('income@v1.0.0', 0, C1),
      tag('income@v1.0.1', 1, C1),
      tag('income#production#1', 2, C1),
    ]);
    expect(stageVersion(income, 'production')).toBe('1.0.1');
  });

  test('unassign removes the stage only from the version that holds it', () => {
    const records = [
      tag('income@v1.0.0', 0, C1),
      tag('income@v1.1.0', 1, C2),
      tag('income#production#1', 2, C2),
      tag('income#production!#2', 3, C1),
    ];
    expect(stageVersion(model(records), 'production')).toBe('1.1.0');
    const removed = model([...records, tag('income#production!#3', 4, C2)]);
    expect(removed.stages).toEqual([]);
    expect(removed.history.at(-1)).toMatchObject({
      kind: 'unassign',
      version: '1.1.0',
      stage: 'production',
    });
  });

  test('deregister flags the version, frees its stages and moves latest back', () => {
    const income = model([
      tag('income@v1.0.0', 0, C1),
      tag('income@v1.1.0', 1, C2),
      tag('income#production#1', 2, C2),
      tag('income#staging#2', 3, C1),
      tag('income@v1.1.0!', 4, C2),
    ]);
    expect(income.versions.map((v) => [v.version, v.deregistered])).toEqual([
      ['1.0.0', false],
      ['1.1.0', true],
    ]);
    expect(income.stages.map((s) => [s.stage, s.version])).toEqual([['staging', '1.0.0']]);
    expect(income.latest).toBe('1.0.0');
  });

  test('a stage tag on a commit with no live version assigns nothing but is in the history', () => {
    const income = model([
      tag('income@v1.0.0', 0, C1),
      tag('income@v1.0.0!', 1, C1),
      tag('income#production#1', 2, C1),
      tag('income#production#2', 3, C3),
    ]);
    expect(income.stages).toEqual([]);
    expect(income.history.slice(2).map((event) => event.version)).toEqual([null, null]);
  });

  test('deprecation holds until a later registration or assignment', () => {
    const records = [tag('income@v1.0.0', 0, C1), tag('income@deprecated', 1, C1)];
    expect(model(records).deprecated).toBe(true);
    expect(model([...records, tag('income@v1.1.0', 2, C2)]).deprecated).toBe(false);
    expect(model([...records, tag('income#staging#1', 2, C1)]).deprecated).toBe(false);
  });

  test('models are kept apart and sorted by name', () => {
    const state = replayTags([
      tag('zeta@v1.0.0', 0, C1),
      tag('alpha@v3.0.0', 0, C1),
      tag('alpha#prod#1', 1, C1),
      tag('zeta#prod#1', 1, C1),
    ]);
    expect(state.models.map((m) => [m.name, m.latest, m.stages[0]?.version])).toEqual([
      ['alpha', '3.0.0', '3.0.0'],
      ['zeta', '1.0.0', '1.0.0'],
    ]);
    expect(findModel(state, 'constructor')).toBeUndefined();
  });

  test('an empty registry has no models', () => {
    expect(replayTags([])).toEqual({ models: [] });
  });
});

describe('nextStageCounter', () => {
  test.each([
    [[], 1],
    [[tag('income@v1.0.0', 0, C1)], 1],
    [[tag('income#prod#1', 0, C1), tag('income#staging#4', 1, C1)], 5],
    [[tag('income#prod!#6', 0, C1), tag('income#prod#2', 1, C1)], 7],
    [[tag('income@deprecated#9', 0, C1)], 10],
    [[tag('other#prod#30', 0, C1), tag('income#prod#2', 0, C1)], 3],
    [[tag('income#prod', 0, C1)], 1],
  ])('case %#', (records, expected) => {
    expect(nextStageCounter(records, 'income')).toBe(expected);
  });
});

describe('planVersion', () => {
  const state = replayTags([
    tag('income@v1.2.0', 0, C1),
    tag('income@v1.10.0-rc.1', 1, C2),
    tag('income@v1.4.0', 2, C3),
    tag('income@v1.4.0!', 3, C3),
  ]);

  test.each([
    [{ bump: 'patch' } as const, '1.10.0'],
    [{ bump: 'minor' } as const, '1.10.0'],
    [{ bump: 'major' } as const, '2.0.0'],
    [{ version: '1.5.0' }, '1.5.0'],
    [{ version: 'v3.0.0' }, '3.0.0'],
  ])('%j → %s', (request, expected) => {
    expect(planVersion(state, 'income', request)).toBe(expected);
  });

  test('a new model starts at 0.1.0', () => {
    expect(planVersion(state, 'churn', { bump: 'major' })).toBe('0.1.0');
    expect(planVersion(state, 'churn', { version: '2.0.0' })).toBe('2.0.0');
  });

  test.each(['1.2.0', '1.4.0', '1.2.0+other-build'])(
    'an existing version (%s) is a RegistryConflict',
    (version) => {
      expect(() => planVersion(state, 'income', { version })).toThrow(RegistryConflict);
    },
  );

  test('an invalid explicit version is a usage error', () => {
    expect(() => planVersion(state, 'income', { version: '1.2' })).toThrow(UsageError);
  });
});

describe('tag message metadata', () => {
  test('round trips through the message and starts with a readable summary', () => {
    const message = formatTagMessage(metadata('1.2.0'));
    expect(message.split('\n')[0]).toBe('income v1.2.0 (binary): auc=0.8735, accuracy=0.85');
    expect(message.split('\n')[1]).toBe('');
    expect(parseTagMessage(message)).toEqual(metadata('1.2.0'));
  });

  test.each([
    '',
    'Registering artifact income version v1.2.0',
    '{ not json }',
    '{"schema":"someone-else/v1"}',
    JSON.stringify({ ...metadata('1.0.0'), metrics: { auc: 'high' } }),
  ])('no usable metadata in %j', (message) => {
    expect(parseTagMessage(message)).toBeNull();
  });

  test('formatting refuses metadata that would not parse back', () => {
    expect(() => formatTagMessage({ ...metadata('1.0.0'), createdAt: 'yesterday' })).toThrow();
  });
});
