/** data.features in mlops.yml: its shape, its defaults, and errors that name the field. */
import { describe, expect, test } from '@jest/globals';
import { parseConfig } from '../src/config/load.js';
import { ConfigError } from '../src/errors.js';
import { preprocessingOptions } from '../src/model/preprocess.js';

const BASE = 'data:\n  train: data.csv\n  label: spam\n  ignore: [id]\n  features:\n';

const parse = (text: string) => () => parseConfig(text, 'mlops.yml');

describe('data.features', () => {
  test('a column name alone, or a mapping with its kind and text settings', () => {
    const config = parseConfig(
      `${BASE}    - sender\n    - { column: subject, kind: text, text: { analyzer: char_wb, ngram: [2, 5], min_df: 0.01, max_features: 5000 } }\n`,
      'mlops.yml',
    );
    expect(config.data.features).toEqual([
      { column: 'sender' },
      {
        column: 'subject',
        kind: 'text',
        text: { analyzer: 'char_wb', ngram: [2, 5], min_df: 0.01, max_features: 5000 },
      },
    ]);
    expect(preprocessingOptions(config.data).text.get('subject')).toEqual({
      analyzer: 'char_wb',
      ngram: [2, 5],
      min_df: 0.01,
      max_features: 5000,
    });
  });

  test('absent, every column but the label and data.ignore is a feature', () => {
    expect(
      parseConfig('data:\n  train: data.csv\n  label: spam\n', 'mlops.yml').data.features,
    ).toBe(undefined);
  });

  test.each([
    [
      '    - { column: body, text: { analyzer: words } }\n',
      /mlops\.yml:6:\d+: data\.features\[0\]\.text\.analyzer: expected one of "word", "char", "char_wb", got "words"/,
    ],
    [
      '    - { column: body, text: { ngram: [3, 1] } }\n',
      /data\.features\[0\]\.text\.ngram: write the shortest n-gram length first/,
    ],
    [
      '    - { column: body, text: { ngram: [1, 9] } }\n',
      /data\.features\[0\]\.text\.ngram\[1\]: Too big: expected number to be <=8/,
    ],
    [
      '    - { column: body, text: { min_df: 2.5 } }\n',
      /data\.features\[0\]\.text\.min_df: a whole number of rows \(1 or more\), or a share/,
    ],
    [
      '    - { column: body, text: { max_features: 100000 } }\n',
      /data\.features\[0\]\.text\.max_features: Too big: expected number to be <=50000/,
    ],
    [
      '    - { column: body, kind: numeric, text: { min_df: 2 } }\n',
      /data\.features\[0\]\.text: text settings apply to kind: text only/,
    ],
    [
      '    - { column: body, kind: prose }\n',
      /data\.features\[0\]\.kind: expected one of "numeric", "categorical", "boolean", "date", "text"/,
    ],
    [
      '    - { column: body, text: { analyzr: char } }\n',
      /data\.features\[0\]\.text\.analyzr: unknown field; expected one of: analyzer, ngram, min_df, max_features/,
    ],
    ['    - 3\n', /data\.features\[0\]: expected object, got 3/],
  ])('%s is an error naming the field', (features, message) => {
    expect(parse(BASE + features)).toThrow(ConfigError);
    expect(parse(BASE + features)).toThrow(message);
  });

  test('the label, an ignored column, the split key or a repeat: each named at its entry', () => {
    const text = [
      'data:',
      '  train: data.csv',
      '  label: spam',
      '  ignore: [id]',
      '  split: { key: sender }',
      '  features: [spam, id, sender, body, body]',
    ].join('\n');
    for (const problem of [
      /data\.features\[0\]\.column: is the label \(data\.label\)/,
      /data\.features\[1\]\.column: is also in data\.ignore/,
      /data\.features\[2\]\.column: is data\.split\.key/,
      /data\.features\[4\]\.column: is listed twice \(also data\.features\[3\]\)/,
    ]) {
      expect(parse(text)).toThrow(problem);
    }
  });
});
