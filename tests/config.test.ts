import { describe, expect, test } from '@jest/globals';
import {
  applyOverrides,
  configFromFlags,
  parseConfig,
  unsupportedSettings,
} from '../src/config/load.js';
import { ConfigError } from '../src/errors.js';

/** The ConfigError message parseConfig throws for `text`, failing the test when it does not throw. */
function configError(text: string, source = 'mlops.yml'): string {
  try {
    parseConfig(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`expected ${source} to be rejected:\n${text}`);
}

const MINIMAL = 'data:\n  train: data/train.csv\n  label: income\n';

describe('parseConfig errors name file:line:column, the field and what is expected', () => {
  test('a string where a number belongs names model.epochs at the line of its key', () => {
    const text = [
      'name: income',
      'data:',
      '  train: data/train.csv',
      '  label: income',
      'model:',
      '  hidden: [16]',
      '  epochs: "thirty"',
    ].join('\n');
    const message = configError(text);
    expect(message).toMatch(/mlops\.yml:7:\d+: model\.epochs: /);
    expect(message).toContain('expected number');
    expect(message).toContain('"thirty"');
  });

  test('the line and column point at the offending value in a nested flow map', () => {
    const message = configError(`${MINIMAL}model: { epochs: "thirty" }\n`);
    // `model: { epochs: "thirty" }` is line 4; the value "thirty" starts at column 18.
    expect(message).toMatch(/mlops\.yml:4:18: model\.epochs: expected number, got "thirty"/);
  });

  test('a misspelt key is an unknown field that lists the allowed keys, including the right one', () => {
    const text = `${MINIMAL}model:\n  hidden: [16]\n  epoch: 30\n`;
    const message = configError(text);
    expect(message).toMatch(/mlops\.yml:6:3: model\.epoch: unknown field/);
    const allowed = /expected one of: (.*)/.exec(message)?.[1] ?? '';
    expect(allowed.split(', ')).toEqual(
      expect.arrayContaining(['epochs', 'hidden', 'dropout', 'learning_rate', 'seed']),
    );
  });

  test('an unknown top-level key lists the top-level fields', () => {
    const message = configError(`${MINIMAL}modle:\n  epochs: 3\n`);
    expect(message).toMatch(/mlops\.yml:4:1: modle: unknown field/);
    expect(message).toMatch(/expected one of: .*\bmodel\b/);
    expect(message).toMatch(/expected one of: .*\bgates\b/);
  });

  test('a missing required field names data.label and points at its parent', () => {
    const message = configError('name: income\ndata:\n  train: data/train.csv\n');
    expect(message).toMatch(/mlops\.yml:3:\d+: data\.label: is required \(expected string\)/);
  });

  test('a missing data section is reported as data, required', () => {
    const message = configError('name: income\n');
    expect(message).toMatch(/data: is required/);
  });

  test('invalid YAML syntax names the line and column of the problem', () => {
    const text =
      'name: income\ndata:\n  train: data/train.csv\n  label: [income\nmodel:\n  epochs: 3\n';
    const message = configError(text, 'config/mlops.yml');
    expect(message).toMatch(/^config\/mlops\.yml:\d+:\d+: invalid YAML: /);
    const [, line] = /^config\/mlops\.yml:(\d+):/.exec(message) ?? [];
    expect(Number(line)).toBeGreaterThanOrEqual(4);
  });

  test('a tab-indented mapping is invalid YAML with a position', () => {
    const message = configError('data:\n\ttrain: x.csv\n');
    expect(message).toMatch(/^mlops\.yml:2:\d+: invalid YAML/);
  });

  test('a duplicate key is invalid YAML rather than silently taking the last value', () => {
    const message = configError(`${MINIMAL}model:\n  epochs: 3\n  epochs: 4\n`);
    expect(message).toMatch(/^mlops\.yml:6:\d+: invalid YAML/);
  });

  test('a task outside the enum lists the allowed tasks and echoes the given one', () => {
    const message = configError(`${MINIMAL}model:\n  task: classification\n`);
    expect(message).toMatch(/mlops\.yml:5:9: model\.task: /);
    expect(message).toContain('"binary", "multiclass", "regression"');
    expect(message).toContain('got "classification"');
  });

  test('a gate with no criterion says what to add, at the gate', () => {
    const message = configError(`${MINIMAL}gates:\n  - metric: auc\n`);
    expect(message).toMatch(/mlops\.yml:5:\d+: gates\[0\]\.metric: /);
    expect(message).toContain('checks nothing');
    expect(message).toMatch(/lower_bound, upper_bound, change or slice_gap/);
  });

  test('the second gate is named by its index', () => {
    const text = `${MINIMAL}gates:\n  - { metric: auc, lower_bound: 0.8 }\n  - { metric: recall, lower_bound: "high" }\n`;
    const message = configError(text);
    expect(message).toMatch(
      /mlops\.yml:6:\d+: gates\[1\]\.lower_bound: expected number, got "high"/,
    );
  });

  test('split fractions summing to 1 or more are rejected with the reason', () => {
    for (const [test, validation] of [
      [0.5, 0.5],
      [0.6, 0.5],
    ]) {
      const text = `data:\n  train: t.csv\n  label: y\n  split: { test: ${test}, validation: ${validation} }\n`;
      const message = configError(text);
      expect(message).toMatch(/data\.split\.test: /);
      expect(message).toContain('sum below 1');
    }
    expect(() =>
      parseConfig(
        'data:\n  train: t.csv\n  label: y\n  split: { test: 0.5, validation: 0.4 }\n',
        'm.yml',
      ),
    ).not.toThrow();
  });

  test('every problem is reported at once, one per line, with a pointer to the reference', () => {
    const text = `data:\n  train: t.csv\nmodel:\n  epochs: -1\n  dropout: 2\n`;
    const message = configError(text);
    expect(message).toMatch(/^mlops\.yml is not a valid mlops config:\n/);
    expect(message).toMatch(/data\.label/);
    expect(message).toMatch(/model\.epochs/);
    expect(message).toMatch(/model\.dropout/);
    expect(message).toContain('README.md');
  });

  test('a bad model name explains the allowed characters', () => {
    const message = configError(`name: Income_Model\n${MINIMAL}`);
    expect(message).toMatch(/mlops\.yml:1:7: name: use lower-case letters/);
  });

  test('the source name given is the one in the message', () => {
    const message = configError('data: 3\n', 'ml/config.yaml');
    expect(message).toMatch(/^ml\/config\.yaml is not a valid mlops config/);
    expect(message).toMatch(/ml\/config\.yaml:1:7: data: expected object/);
  });
});

describe('parseConfig fills defaults', () => {
  test('a minimal config gets every default', () => {
    const config = parseConfig(MINIMAL, 'mlops.yml');
    expect(config.name).toBeUndefined();
    expect(config.data).toEqual({
      train: 'data/train.csv',
      label: 'income',
      ignore: [],
      na_values: ['', 'NA', 'N/A', 'NaN', 'null', 'None', '?'],
      split: { test: 0.2, validation: 0.1, seed: 42 },
      slices: [],
      max_errors: 0,
    });
    expect(config.schema).toBe('mlops/schema.json');
    expect(config.validation).toEqual({
      min_examples: 10,
      fail_on: 'error',
      drift: { baseline: 'auto', test: 'auto', share: 0.5, severity: 'ERROR', features: {} },
    });
    expect(config.model).toEqual({
      hidden: 'auto',
      dropout: 0.1,
      learning_rate: 0.001,
      epochs: 1000,
      batch_size: 'auto',
      early_stopping: { patience: 'auto', min_delta: 0.0001, restore_best_weights: 'auto' },
      reduce_lr_on_plateau: { factor: 0.5, patience: 'auto', min_lr: 0.00001 },
      class_weight: 'none',
      l2: 'auto',
      batch_norm: false,
      seed: 42,
      backend: 'auto',
    });
    expect(config.model.task).toBeUndefined();
    expect(config.gates).toEqual([]);
    expect(config.registry).toEqual({
      stages: ['staging', 'production'],
      bump: 'minor',
      releases: '.mlops/releases',
    });
    expect(config.tuning).toBeUndefined();
  });

  test('a partly given nested section keeps its values and fills the rest', () => {
    const config = parseConfig(
      `${MINIMAL}  split: { test: 0.3 }\nmodel:\n  epochs: 5\n  early_stopping: { patience: 1 }\n`,
      'mlops.yml',
    );
    expect(config.data.split).toEqual({ test: 0.3, validation: 0.1, seed: 42 });
    expect(config.model.epochs).toBe(5);
    expect(config.model.hidden).toBe('auto');
    expect(config.model.early_stopping).toEqual({
      patience: 1,
      min_delta: 0.0001,
      restore_best_weights: 'auto',
    });
  });

  test('settings reserved for later (tuning, ordered stages) are accepted but said to be ignored', () => {
    const config = parseConfig(
      `${MINIMAL}validation:\n  drift: { threshold: 0.2 }\nregistry:\n  ordered: false\n`,
      'a.yml',
    );
    expect(unsupportedSettings(config)).toEqual([
      'registry.ordered is not acted on yet by this version of mlops-actions; it is ignored',
    ]);
    expect(unsupportedSettings(parseConfig(MINIMAL, 'b.yml'))).toEqual([]);
  });

  test('na_values may be written unquoted: numbers and null mean their text', () => {
    const config = parseConfig(
      `${MINIMAL.replace('data:\n', 'data:\n  na_values: [NA, -999, null, .nan]\n')}`,
      'a.yml',
    );
    expect(config.data.na_values).toEqual(['NA', '-999', 'null', 'NaN']);
  });

  test('the defaults of one parse are not shared with the next', () => {
    const first = parseConfig(MINIMAL, 'a.yml');
    first.registry.stages.push('archived');
    first.data.split.seed = 7;
    first.validation.min_examples = 99;
    first.model.early_stopping.patience = 9;
    const second = parseConfig(MINIMAL, 'b.yml');
    expect(second.validation.min_examples).toBe(10);
    expect(second.model.early_stopping.patience).toBe('auto');
    expect(second.registry.stages).toEqual(['staging', 'production']);
    expect(second.data.split.seed).toBe(42);
  });

  test('the full sketch of DESIGN.md parses', () => {
    const text = `
name: income
data:
  train: data/train.csv
  label: income
  ignore: [id]
  split: { test: 0.2, validation: 0.1, seed: 42, key: id }
  slices: [sex, race]
schema: mlops/schema.json
validation:
  drift: { test: auto, threshold: 0.1 }
model:
  task: binary
  hidden: [64, 32]
  dropout: 0.1
  learning_rate: 0.001
  epochs: 30
  batch_size: 256
  early_stopping: { patience: 3 }
  seed: 42
tuning: { search: random, trials: 8, metric: auc, space: { learning_rate: [0.0003, 0.003] } }
gates:
  - { metric: auc, lower_bound: 0.80 }
  - { metric: auc, change: { absolute: -0.005 } }
  - { metric: recall, slice_gap: { by: sex, max: 0.05 } }
registry: { stages: [staging, production], ordered: true }
`;
    const config = parseConfig(text, 'mlops.yml');
    expect(config.name).toBe('income');
    expect(config.data.split.key).toBe('id');
    expect(config.model.task).toBe('binary');
    expect(config.gates).toHaveLength(3);
    expect(config.tuning?.trials).toBe(8);
  });

  test('an empty file reports the missing data section, not a crash', () => {
    const message = configError('');
    expect(message).toMatch(/data: is required/);
  });
});

describe('configFromFlags', () => {
  test('data and label alone make a full config with defaults', () => {
    const config = configFromFlags({ data: 'data.csv', label: 'target label' });
    expect(config.data.train).toBe('data.csv');
    expect(config.data.label).toBe('target label');
    expect(config.name).toBeUndefined();
    expect(config.model.epochs).toBe(1000);
    expect(config.data.split).toEqual({ test: 0.2, validation: 0.1, seed: 42 });
  });

  test('a name flag is kept', () => {
    expect(configFromFlags({ data: 'd.csv', label: 'y', name: 'churn-v2' }).name).toBe('churn-v2');
  });

  test('a bad --name is a ConfigError naming the flag', () => {
    expect(() => configFromFlags({ data: 'd.csv', label: 'y', name: 'Bad Name' })).toThrow(
      ConfigError,
    );
    expect(() => configFromFlags({ data: 'd.csv', label: 'y', name: 'Bad Name' })).toThrow(
      /^--name: use lower-case letters/,
    );
  });

  test('an empty label is a ConfigError naming --data/--label', () => {
    expect(() => configFromFlags({ data: 'd.csv', label: '' })).toThrow(/^--data\/--label: /);
  });
});

describe('applyOverrides', () => {
  const base = () =>
    parseConfig(`name: income\n${MINIMAL}  split: { seed: 1 }\nmodel:\n  seed: 2\n`, 'mlops.yml');

  test('seed overrides both the model seed and the split seed', () => {
    const next = applyOverrides(base(), { seed: 99 });
    expect(next.model.seed).toBe(99);
    expect(next.data.split.seed).toBe(99);
  });

  test('seed 0 is an override, not "no seed"', () => {
    const next = applyOverrides(base(), { seed: 0 });
    expect(next.model.seed).toBe(0);
    expect(next.data.split.seed).toBe(0);
  });

  test('data, label, name and backend replace the config values', () => {
    const next = applyOverrides(base(), {
      data: 'other.jsonl',
      label: 'y',
      name: 'churn',
      backend: 'cpu',
    });
    expect(next.data.train).toBe('other.jsonl');
    expect(next.data.label).toBe('y');
    expect(next.name).toBe('churn');
    expect(next.model.backend).toBe('cpu');
  });

  test('max errors replaces data.max_errors, 0 included', () => {
    const config = parseConfig(`${MINIMAL}  max_errors: 7\n`, 'mlops.yml');
    expect(config.data.max_errors).toBe(7);
    expect(applyOverrides(config, { maxErrors: 0 }).data.max_errors).toBe(0);
    expect(applyOverrides(config, { maxErrors: 3 }).data.max_errors).toBe(3);
    expect(() => parseConfig(`${MINIMAL}  max_errors: -1\n`, 'mlops.yml')).toThrow(/max_errors/);
  });

  test('no overrides changes nothing, and the input config is never mutated', () => {
    const config = base();
    const snapshot = structuredClone(config);
    expect(applyOverrides(config, {})).toEqual(snapshot);
    applyOverrides(config, { seed: 5, data: 'x.csv', name: 'x' });
    expect(config).toEqual(snapshot);
  });
});
