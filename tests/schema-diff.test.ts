import { describe, expect, test } from '@jest/globals';
import { diffSchemas, formatSchemaDiff } from '../src/data/schema-diff.js';
import type { FeatureSchema, Schema } from '../src/data/types.js';

const base: FeatureSchema = { name: 'x', kind: 'numeric', minPresence: 1, integer: true };
const schema = (feature: Partial<FeatureSchema>, label?: string): Schema => ({
  version: 1,
  ...(label ? { label } : {}),
  features: [{ ...base, ...feature }],
});

describe('diffSchemas and formatSchemaDiff', () => {
  test.each<[string, Partial<FeatureSchema>, Partial<FeatureSchema>, string[]]>([
    ['nothing', {}, {}, []],
    [
      'kind',
      {},
      { kind: 'categorical', integer: undefined },
      ['~ "x": kind numeric → categorical', '~ "x": integers only → any number (looser)'],
    ],
    ['integer', { integer: false }, {}, ['~ "x": any number → integers only (stricter)']],
    [
      'presence up',
      { minPresence: 0.5 },
      {},
      ['~ "x": minPresence 0.5 → 1 (stricter: fewer missing values pass)'],
    ],
    ['range learned', {}, { min: 0, max: 9 }, ['~ "x": range none → [0, 9] (now checked)']],
    ['range dropped', { min: 0, max: 9 }, {}, ['~ "x": range [0, 9] → none (no longer checked)']],
    [
      'narrower',
      { min: 0, max: 9 },
      { min: 1, max: 9 },
      ['~ "x": range [0, 9] → [1, 9] (narrower: fewer values pass)'],
    ],
    [
      'shifted',
      { min: 0, max: 9 },
      { min: 5, max: 20 },
      ['~ "x": range [0, 9] → [5, 20] (shifted)'],
    ],
    ['one-sided', { max: 9 }, { min: 0 }, ['~ "x": range […, 9] → [0, …] (shifted)']],
    [
      'domain learned',
      {},
      { values: ['a', 'b'] },
      ['~ "x": values any → 2 (now checked: "a", "b")'],
    ],
    ['domain dropped', { values: ['a', 'b'] }, {}, ['~ "x": values 2 → any (no longer checked)']],
    ['same domain, other order', { values: ['a', 'b'] }, { values: ['b', 'a'] }, []],
  ])('%s', (_, before, after, lines) => {
    const text = formatSchemaDiff(diffSchemas(schema(before), schema(after)));
    expect(text.split('\n').slice(1)).toEqual(lines);
  });

  test('label changes come first; classes are named as such', () => {
    const before = schema({ kind: 'categorical', integer: undefined, values: ['n', 'y'] });
    const after = schema({ kind: 'categorical', integer: undefined, values: ['n', 'y', '?'] }, 'x');
    const changes = diffSchemas(before, after);
    expect(changes[0]).toEqual({ change: 'label', before: null, after: 'x' });
    expect(formatSchemaDiff(changes, 'x').split('\n')).toEqual([
      'schema diff: features 1 changed',
      '~ label: none → "x" (the column the model learns to predict)',
      '~ "x": classes 2 → 3: + "?"',
    ]);
  });

  test('long lists are cut in the text, whole in the changes', () => {
    const many = Array.from({ length: 25 }, (_, i) => `v${String(i).padStart(2, '0')}`);
    const changes = diffSchemas(schema({ values: [] }), schema({ values: many }));
    expect(changes).toEqual([
      { change: 'domain', feature: 'x', added: many, removed: [], before: 0, after: 25 },
    ]);
    expect(formatSchemaDiff(changes)).toContain('"v09" and 15 more');
  });

  test('names cannot break a line or start a workflow command', () => {
    const hostile = '\n::error::owned\r';
    const changes = diffSchemas(
      { version: 1, features: [] },
      { version: 1, features: [{ ...base, name: hostile }] },
    );
    const lines = formatSchemaDiff(changes).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => !line.startsWith('::'))).toBe(true);
  });
});
