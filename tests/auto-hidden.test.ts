/** `model.hidden: auto`: a network sized to the training rows, and a given one kept as written. */
import { describe, expect, test } from '@jest/globals';
import { parseConfig } from '../src/config/load.js';
import { autoHidden } from '../src/model/auto-hidden.js';
import { fitSettings } from '../src/model/fit-settings.js';
import type { LabelEncoding } from '../src/model/task.js';

const MINIMAL = 'name: m\ndata:\n  train: data.csv\n  label: y\n';

describe('autoHidden', () => {
  test.each([
    [10, [16]],
    [383, [16]],
    [384, [32]],
    [767, [32]],
    [768, [64, 32]],
    [100_000, [64, 32]],
  ])('%d training rows → %j', (rows, hidden) => {
    expect(autoHidden(rows)).toEqual(hidden);
  });
});

describe('fitSettings', () => {
  const rows = (count: number) => ({
    features: new Float32Array(count),
    labels: new Float32Array(count),
    count,
  });
  const binary: LabelEncoding = { task: 'binary', classes: ['no', 'yes'] };
  const settings = (yaml: string, count: number) =>
    fitSettings(parseConfig(`${MINIMAL}${yaml}`, 'mlops.yml').model, binary, rows(count), 1);

  test('hidden defaults to auto, resolved from the training rows', () => {
    expect(parseConfig(MINIMAL, 'mlops.yml').model.hidden).toBe('auto');
    expect(settings('', 374).hidden).toEqual([16]);
    expect(settings('', 5_000).hidden).toEqual([64, 32]);
  });

  test('given layers are used as written, whatever the rows', () => {
    expect(settings('model: { hidden: [8, 8] }\n', 5_000).hidden).toEqual([8, 8]);
    expect(() => parseConfig(`${MINIMAL}model: { hidden: wide }\n`, 'mlops.yml')).toThrow(
      'model.hidden',
    );
  });
});
