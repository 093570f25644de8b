import { describe, expect, test } from '@jest/globals';
import { UsageError } from '../src/errors.js';
import {
  bundleAssetName,
  deprecateTag,
  deregisterTag,
  isValidName,
  isValidVersion,
  parseTag,
  stageTag,
  toModelName,
  unassignTag,
  versionTag,
  type RegistryTag,
} from '../src/registry/tags.js';

describe('parseTag', () => {
  const cases: [string, RegistryTag][] = [
    ['income@v1.2.0', { kind: 'version', name: 'income', version: '1.2.0', counter: null }],
    [
      'income@v2.0.0-rc.1+build.7',
      { kind: 'version', name: 'income', version: '2.0.0-rc.1+build.7', counter: null },
    ],
    ['team/churn@v0.1.0', { kind: 'version', name: 'team/churn', version: '0.1.0', counter: null }],
    ['m@v1.0.0#3', { kind: 'version', name: 'm', version: '1.0.0', counter: 3 }],
    ['income@v1.2.0!', { kind: 'deregister', name: 'income', version: '1.2.0', counter: null }],
    ['income@v1.2.0!#4', { kind: 'deregister', name: 'income', version: '1.2.0', counter: 4 }],
    ['income@deprecated', { kind: 'deprecate', name: 'income', counter: null }],
    ['income@deprecated#9', { kind: 'deprecate', name: 'income', counter: 9 }],
    ['income#production#7', { kind: 'assign', name: 'income', stage: 'production', counter: 7 }],
    ['income#prod/eu#1', { kind: 'assign', name: 'income', stage: 'prod/eu', counter: 1 }],
    ['income#staging', { kind: 'assign', name: 'income', stage: 'staging', counter: null }],
    ['income#staging!#8', { kind: 'unassign', name: 'income', stage: 'staging', counter: 8 }],
    [
      'models/a.b=cars-usa@v1.0.0',
      { kind: 'version', name: 'models/a.b=cars-usa', version: '1.0.0', counter: null },
    ],
    ['7@v7.7.7', { kind: 'version', name: '7', version: '7.7.7', counter: null }],
  ];
  test.each(cases)('%s', (tag, expected) => {
    expect(parseTag(tag)).toEqual(expected);
  });

  const notRegistry = [
    'v1.2.0',
    'income',
    'income@1.2.0',
    'income@v1.2',
    'income@v01.2.0',
    'income@v1.2.0-01',
    'income@vv1.2.0',
    'income@v 1.2.0',
    'income@latest',
    'income@created',
    'income@deprecated!',
    'Income@v1.2.0',
    'in_come@v1.2.0',
    '-income@v1.2.0',
    'income-@v1.2.0',
    'income#Prod#1',
    'income#prod#',
    'income#prod#x',
    'income#-prod#1',
    'income#prod#1#2',
    'income@v1.2.0!!',
    'income@v1.2.0@v1.3.0',
    '',
  ];
  test.each(notRegistry)('%j is not a registry tag', (tag) => {
    expect(parseTag(tag)).toBeNull();
  });
});

describe('formatting', () => {
  test.each([
    [versionTag('income', '1.2.0'), 'income@v1.2.0'],
    [versionTag('income', '1.0.0-rc.1+sha.5'), 'income@v1.0.0-rc.1+sha.5'],
    [deregisterTag('income', '1.2.0'), 'income@v1.2.0!'],
    [deprecateTag('income'), 'income@deprecated'],
    [stageTag('income', 'production', 7), 'income#production#7'],
    [unassignTag('income', 'staging', 8), 'income#staging!#8'],
    [versionTag('dir=income', '1.0.0'), 'dir=income@v1.0.0'],
    [bundleAssetName('income', '1.2.0'), 'income-v1.2.0.tgz'],
    [bundleAssetName('team/churn', '0.1.0'), 'team-churn-v0.1.0.tgz'],
  ])('%s', (formatted, expected) => {
    expect(formatted).toBe(expected);
  });

  test('formatted tags parse back to what was formatted', () => {
    expect(parseTag(stageTag('a/b', 'prod', 12))).toEqual({
      kind: 'assign',
      name: 'a/b',
      stage: 'prod',
      counter: 12,
    });
    expect(parseTag(deregisterTag('a', '3.0.0-beta'))).toEqual({
      kind: 'deregister',
      name: 'a',
      version: '3.0.0-beta',
      counter: null,
    });
  });

  test.each([
    () => versionTag('Income', '1.0.0'),
    () => versionTag('income', 'v1.0.0'),
    () => versionTag('income', '1.0'),
    () => stageTag('income', 'Prod', 1),
    () => stageTag('income', 'prod', 0),
    () => unassignTag('income', 'prod', 1.5),
    () => deprecateTag('in come'),
  ])('rejects invalid parts (%#)', (format) => {
    expect(format).toThrow(UsageError);
  });

  test('an invalid name error suggests a valid one', () => {
    expect(() => versionTag('Cars_USA', '1.0.0')).toThrow(/"cars-usa"/);
  });
});

describe('names and versions', () => {
  test.each([
    ['income', true],
    ['a', true],
    ['1', true],
    ['team/churn-v2', true],
    ['a-', false],
    ['/a', false],
    ['A', false],
    ['a_b', false],
    ['a.b', false],
    ['dir=a', false],
    ['', false],
  ])('isValidName(%j) = %s', (name, valid) => {
    expect(isValidName(name)).toBe(valid);
  });

  test.each([
    ['1.0.0', true],
    ['0.0.0-alpha.1+001', true],
    ['1.0.0+20130313144700', true],
    ['v1.0.0', false],
    [' 1.0.0', false],
    ['1.0', false],
    ['1.0.0-', false],
    ['01.0.0', false],
  ])('isValidVersion(%j) = %s', (version, valid) => {
    expect(isValidVersion(version)).toBe(valid);
  });

  test.each([
    ['Cars_USA.csv', 'cars-usa'],
    ['data/train/Cars_USA.csv', 'cars-usa'],
    ['C:\\data\\Income Census.jsonl', 'income-census'],
    ['--Weird__Name--', 'weird-name'],
    ['Café Sales.csv', 'cafe-sales'],
    ['model v1.2', 'model-v1-2'],
    ['.env', 'env'],
    ['income', 'income'],
  ])('toModelName(%j) = %j', (text, expected) => {
    expect(toModelName(text)).toBe(expected);
    expect(isValidName(expected)).toBe(true);
  });

  test('toModelName refuses text without letters or digits', () => {
    expect(() => toModelName('___.csv')).toThrow(UsageError);
  });
});
