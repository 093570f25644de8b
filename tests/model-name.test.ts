import { describe, expect, test } from '@jest/globals';
import { configFromFlags } from '../src/config/load.js';
import { UsageError } from '../src/errors.js';
import { isValidName } from '../src/registry/tags.js';
import { modelName } from '../src/steps/identity.js';

describe('modelName', () => {
  test.each([
    ['cars.csv', 'origin', 'cars-origin'],
    ['data/Cars_USA.csv', 'Origin (US)', 'cars-usa-origin-us'],
    ['wages.csv', 'wage', 'wages-wage'],
    ['survey.jsonl', 'income.usd', 'survey-income-usd'],
    ['données.csv', 'Catégorie', 'donnees-categorie'],
  ])('zero-config: data %s, label %s → %s', (data, label, expected) => {
    const name = modelName(configFromFlags({ data, label }));
    expect(name).toBe(expected);
    expect(isValidName(name)).toBe(true);
  });

  test('names from long file and column names are cut to a tag git accepts', () => {
    const name = modelName(
      configFromFlags({
        data: `${'d'.repeat(80)}.csv`,
        label: `${'l'.repeat(19)}-${'x'.repeat(40)}`,
      }),
    );
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^d{80}-l{19}$/);
    expect(isValidName(name)).toBe(true);
  });

  test('a name in the config wins', () => {
    expect(modelName(configFromFlags({ data: 'cars.csv', label: 'origin', name: 'fleet' }))).toBe(
      'fleet',
    );
  });

  test('a label without letters or digits asks for a name', () => {
    expect(() => modelName(configFromFlags({ data: 'cars.csv', label: '¿?' }))).toThrow(UsageError);
    expect(() => modelName(configFromFlags({ data: 'cars.csv', label: '¿?' }))).toThrow(
      /Cannot derive a model name from "¿\?".*Set `name:`/,
    );
  });
});
