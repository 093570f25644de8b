/**
 * The four pull requests that once passed as "validation passed: 0 anomalies" against a committed
 * schema and a registered model: a feature ×10, 90 % of a feature blanked, half of one class's
 * labels flipped, a feature column dropped. Each now fails `mlops run` with the anomaly named as
 * TFDV names it, and registers nothing; the unchanged data and a fresh resample still pass.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidationOutcome } from '../src/steps/validate.js';
import { configYaml, LABEL, mlops, readJson, tags } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { git, makeRepo, tempDir } from './support/repo.js';

const ROWS = 400;
const AGE = 'age, years';
const INCOME = 'Annual Income ($)';

/** The rows of a CSV made by makeCsv (CRLF lines), split into cells (no cell holds a line break). */
function parseCsv(text: string): string[][] {
  const cells = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  return text
    .trimEnd()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(cells)].slice(0, -1).map((match) => match[1] as string));
}

function writeCsv(rows: string[][]): string {
  return `${rows.map((row) => row.join(',')).join('\n')}\n`;
}

/** `data` with `change` applied to every data row's cells, by column name. */
function edit(
  data: string,
  change: (cells: Record<string, string>, index: number) => void,
): string {
  const [header = [], ...rows] = parseCsv(data);
  const names = header.map((name) => name.replace(/^"|"$/g, '').replace(/""/g, '"'));
  return writeCsv([
    header,
    ...rows.map((row, index) => {
      const cells = Object.fromEntries(names.map((name, i) => [name, row[i] ?? '']));
      change(cells, index);
      return names.map((name) => cells[name] ?? '');
    }),
  ]);
}

function dropColumn(data: string, column: string): string {
  const [header = [], ...rows] = parseCsv(data);
  const drop = header.findIndex((name) => name.replace(/^"|"$/g, '') === column);
  return writeCsv([header, ...rows].map((row) => row.filter((_, i) => i !== drop)));
}

let registered: string;
const original = makeCsv('binary', ROWS);

beforeAll(async () => {
  registered = makeRepo({ 'mlops.yml': configYaml(), 'data.csv': original });
  const schema = await mlops(registered, ['validate', '--update-schema', '-q']);
  expect(schema.code).toBe(0);
  git(registered, ['add', '-A']);
  git(registered, ['commit', '-q', '-m', 'schema']);
  const run = await mlops(registered, ['run', '-q']);
  expect(run.code).toBe(0);
  expect(tags(registered)).toEqual(['churn@v0.1.0']);
}, 120_000);

/** A copy of the registered repository with `data.csv` replaced, committed, then `mlops run`. */
async function runOn(data: string) {
  const dir = path.join(tempDir(), 'repo');
  cpSync(registered, dir, { recursive: true });
  writeFileSync(path.join(dir, 'data.csv'), data);
  git(dir, ['commit', '-q', '-am', 'new data']);
  const result = await mlops(dir, ['run', '-q']);
  const validation = readJson<ValidationOutcome>(dir, '.mlops/validation.json');
  const errors = validation.anomalies.filter((a) => a.severity === 'ERROR');
  return { ...result, dir, validation, errors: errors.map((a) => [a.type, a.column]) };
}

describe('pull requests that broke the data fail validation and register nothing', () => {
  test('a feature multiplied by 10 (still integers): out of range and drifted', async () => {
    const result = await runOn(
      edit(original, (cells) => {
        if (cells[AGE] !== 'NA') cells[AGE] = String(Number(cells[AGE]) * 10);
      }),
    );
    expect(result.code).toBe(1);
    expect(result.errors).toContainEqual(['INT_TYPE_BIG_INT', AGE]);
    expect(
      result.errors.some(([type, column]) => /^COMPARATOR_/.test(type ?? '') && column === AGE),
    ).toBe(true);
    expect(tags(result.dir)).toEqual(['churn@v0.1.0']);
  }, 60_000);

  test('90 % of a feature blanked: presence far below the schema', async () => {
    const result = await runOn(
      edit(original, (cells, index) => {
        if (index % 10 !== 0) cells[INCOME] = '';
      }),
    );
    expect(result.code).toBe(1);
    expect(result.errors).toContainEqual(['FEATURE_TYPE_LOW_FRACTION_PRESENT', INCOME]);
    expect(tags(result.dir)).toEqual(['churn@v0.1.0']);
  }, 60_000);

  test("half of one class's labels flipped: the label drifted", async () => {
    let flip = false;
    const result = await runOn(
      edit(original, (cells) => {
        if (cells[LABEL] !== 'yes') return;
        flip = !flip;
        if (flip) cells[LABEL] = 'no';
      }),
    );
    expect(result.code).toBe(1);
    const label = result.validation.drift?.report.features.find((f) => f.feature === LABEL);
    expect(label).toMatchObject({ drifted: true, severity: 'ERROR' });
    expect(
      result.errors.some(([type, column]) => /^COMPARATOR_/.test(type ?? '') && column === LABEL),
    ).toBe(true);
    expect(tags(result.dir)).toEqual(['churn@v0.1.0']);
  }, 60_000);

  test('a feature column dropped: missing, an error', async () => {
    const result = await runOn(dropColumn(original, 'city'));
    expect(result.code).toBe(1);
    expect(result.errors).toContainEqual(['SCHEMA_MISSING_COLUMN', 'city']);
    expect(tags(result.dir)).toEqual(['churn@v0.1.0']);
  }, 60_000);
});

describe('data that did not break passes', () => {
  test('a fresh sample of the same source: no error, compared with v0.1.0', async () => {
    const result = await runOn(makeCsv('binary', ROWS, { seed: 99 }));
    expect(result.errors).toEqual([]);
    expect(result.validation.drift?.baseline.label).toContain('churn v0.1.0');
    expect(result.code).toBe(0);
  }, 60_000);
});
