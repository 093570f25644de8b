/**
 * Calendar features of dates: month, day of week and (with times) time of day as points on a
 * circle beside the trend, so a label that depends only on the season is learned.
 */
import { describe, expect, test } from '@jest/globals';
import { calendarWidth, hasTimeOfDay, writeCalendar } from '../src/model/calendar.js';
import { createRng } from '../src/util/random.js';
import { mlops, readJson } from './support/cli.js';
import { makeRepo } from './support/repo.js';

function calendar(iso: string, timeOfDay = false): number[] {
  const out = new Float32Array(calendarWidth(timeOfDay));
  writeCalendar(Date.parse(iso), timeOfDay, out, 0);
  return Array.from(out);
}

describe('calendar features', () => {
  test('the year turns through the months: New Year at the top, July at the bottom', () => {
    const [sin = NaN, cos = NaN] = calendar('2024-01-01T00:00:00Z');
    expect([sin, cos]).toEqual([0, 1]);
    const [julySin = NaN, julyCos = NaN] = calendar('2023-07-01T00:00:00Z');
    expect(julySin).toBeCloseTo(0, 6);
    expect(julyCos).toBeCloseTo(-1, 6);
    // 31 December sits next to 1 January, not a year away.
    const [decSin = NaN, decCos = NaN] = calendar('2023-12-31T00:00:00Z');
    expect(Math.hypot(decSin - sin, decCos - cos)).toBeLessThan(0.02);
  });

  test('the week turns from Sunday, and times of day get their own turn', () => {
    expect(calendar('2024-03-03T00:00:00Z').slice(2)).toEqual([0, 1]); // a Sunday
    const wednesday = calendar('2024-03-06T00:00:00Z').slice(2);
    const turn = 2 * Math.PI * (3 / 7);
    expect(wednesday).toEqual([Math.sin(turn), Math.cos(turn)].map(Math.fround));
    const [hourSin = NaN, hourCos = NaN] = calendar('2024-03-06T06:00:00Z', true).slice(4);
    expect(hourSin).toBeCloseTo(1, 6);
    expect(hourCos).toBeCloseTo(0, 6);
  });

  test('times of day count only when some value is not midnight', () => {
    expect(hasTimeOfDay([Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 3)])).toBe(false);
    expect(hasTimeOfDay([Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 3, 13, 5)])).toBe(true);
    expect(hasTimeOfDay([Date.UTC(1960, 0, 1, 23)])).toBe(true);
  });
});

test('a label that depends only on the season is learned from the date alone', async () => {
  const rng = createRng(8);
  const lines = ['day,season'];
  for (let i = 0; i < 500; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rng() * 3650) * 86_400_000);
    const month = day.getUTCMonth();
    // Warm from April to September, in every one of ten years: no trend to follow.
    lines.push(`${day.toISOString().slice(0, 10)},${month >= 3 && month <= 8 ? 'warm' : 'cold'}`);
  }
  const config = [
    'name: seasons',
    'data:',
    '  train: days.csv',
    '  label: season',
    'model:',
    '  epochs: 40',
    '  learning_rate: 0.01',
    '  hidden: [16]',
  ].join('\n');
  const dir = makeRepo({ 'mlops.yml': config, 'days.csv': `${lines.join('\n')}\n` });
  for (const step of ['train', 'evaluate']) {
    const run = await mlops(dir, [step]);
    if (run.code !== 0) throw new Error(`mlops ${step} failed:\n${run.stderr}`);
  }
  const { evaluation } = readJson<{ evaluation: { overall: Record<string, number> } }>(
    dir,
    '.mlops/evaluation.json',
  );
  expect(evaluation.overall.accuracy).toBeGreaterThanOrEqual(0.9);
  expect(evaluation.overall.auc).toBeGreaterThanOrEqual(0.95);
});
