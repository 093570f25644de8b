import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '../src/util/random.js';
import { makeRepo, tempDir } from './support/repo.js';
import { runAction } from './support/action.js';
import { mlops, readJson } from './support/cli.js';

interface Anomaly {
  column: string | null;
  type: string;
  severity: string;
  description: string;
}

const CONFIG = [
  'name: houses',
  'data:',
  '  train: data.csv',
  '  label: income',
  '  ignore: [id]',
  'model:',
  '  epochs: 2',
  '  hidden: [4]',
].join('\n');

type Row = Record<'id' | 'rooms' | 'price' | 'city' | 'income', string>;

/** Houses: an id, rooms (integers 1–8, 97 % present), price (50–500), city, income class. */
function houses(rows: number, seed: number): Row[] {
  const rng = createRng(seed);
  return Array.from({ length: rows }, (_, i) => {
    const rooms = 1 + Math.floor(rng() * 8);
    const price = 50 + rng() * 450;
    return {
      id: String(1000 + i),
      rooms: i % 100 < 3 ? '' : String(rooms),
      price: price.toFixed(2),
      city: ['Lisbon', 'Porto', 'Braga'][Math.floor(rng() * 3)] as string,
      income: rooms + price / 100 + rng() * 2 > 7 ? '>50K' : '<=50K',
    };
  });
}

function csv(rows: Row[], drop: (keyof Row)[] = []): string {
  const columns = (['id', 'rooms', 'price', 'city', 'income'] as const).filter(
    (column) => !drop.includes(column),
  );
  return `${[columns.join(','), ...rows.map((row) => columns.map((c) => row[c]).join(','))].join('\n')}\n`;
}

/** A repository whose committed schema was inferred from 1,000 rows of houses. */
async function withSchema(): Promise<string> {
  const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': csv(houses(1000, 1)) });
  const inferred = await mlops(dir, ['validate', '--update-schema']);
  expect(inferred.code).toBe(0);
  return dir;
}

const errors = (dir: string) =>
  readJson<{ anomalies: Anomaly[] }>(dir, '.mlops/validation.json').anomalies.filter(
    (a) => a.severity === 'ERROR',
  );

describe('a committed schema catches what breaks models', () => {
  test('the schema holds presence, ranges and the label classes; fresh data passes', async () => {
    const dir = await withSchema();
    const schema = readJson<{ features: Record<string, unknown>[] }>(dir, 'mlops/schema.json');
    expect(schema.features).toEqual([
      { name: 'id', kind: 'numeric', minPresence: 1, integer: true },
      { name: 'rooms', kind: 'numeric', minPresence: 0.95, integer: true, min: 0, max: 9 },
      { name: 'price', kind: 'numeric', minPresence: 1, integer: false, min: 0, max: 550 },
      { name: 'city', kind: 'categorical', minPresence: 1, values: ['Braga', 'Lisbon', 'Porto'] },
      { name: 'income', kind: 'categorical', minPresence: 1, values: ['<=50K', '>50K'] },
    ]);
    // Another sample of the same population, with ids past the first: no error.
    writeFileSync(
      path.join(dir, 'data.csv'),
      csv(houses(800, 2).map((r) => ({ ...r, id: `9${r.id}` }))),
    );
    const result = await mlops(dir, ['validate']);
    expect(result.code).toBe(0);
    expect(errors(dir)).toEqual([]);
  });

  test.each<[string, (rows: Row[]) => string, [string, string]]>([
    [
      'a feature multiplied by 10, still integers',
      (rows) => csv(rows.map((r) => ({ ...r, rooms: r.rooms && String(Number(r.rooms) * 10) }))),
      ['rooms', 'INT_TYPE_BIG_INT'],
    ],
    [
      '90 % of a feature blanked',
      (rows) => csv(rows.map((r, i) => ({ ...r, rooms: i % 10 === 0 ? r.rooms : '' }))),
      ['rooms', 'FEATURE_TYPE_LOW_FRACTION_PRESENT'],
    ],
    ['a dropped feature column', (rows) => csv(rows, ['city']), ['city', 'SCHEMA_MISSING_COLUMN']],
    [
      'a single junk label value',
      (rows) => csv(rows.map((r, i) => (i === 41 ? { ...r, income: '.' } : r))),
      ['income', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES'],
    ],
  ])('mlops run: %s is an error and nothing trains', async (_, write, [column, type]) => {
    const dir = await withSchema();
    writeFileSync(path.join(dir, 'data.csv'), write(houses(1000, 3)));
    const result = await mlops(dir, ['run']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(1);
    expect(errors(dir).map((a) => [a.column, a.type])).toEqual([[column, type]]);
    expect(existsSync(path.join(dir, '.mlops/model'))).toBe(false);
    if (type === 'ENUM_TYPE_UNEXPECTED_STRING_VALUES') {
      // Row 41 is on line 43, after the header.
      expect(errors(dir)[0]?.description).toContain('"." (1) (on line 43)');
    }
  });

  test('an identifier the model skips gets no range, even when data.ignore omits it', async () => {
    const config = CONFIG.replace('  ignore: [id]\n', '');
    const dir = makeRepo({ 'mlops.yml': config, 'data.csv': csv(houses(500, 1)) });
    expect((await mlops(dir, ['validate', '--update-schema'])).code).toBe(0);
    const schema = readJson<{ features: Record<string, unknown>[] }>(dir, 'mlops/schema.json');
    expect(schema.features[0]).toEqual({
      name: 'id',
      kind: 'numeric',
      minPresence: 1,
      integer: true,
    });
    const later = houses(500, 2).map((r) => ({ ...r, id: String(Number(r.id) + 5000) }));
    writeFileSync(path.join(dir, 'data.csv'), csv(later));
    expect((await mlops(dir, ['validate'])).code).toBe(0);
  });

  test('a dropped column listed in data.ignore only warns', async () => {
    const dir = await withSchema();
    writeFileSync(path.join(dir, 'data.csv'), csv(houses(1000, 3), ['id']));
    expect((await mlops(dir, ['validate'])).code).toBe(0);
    const { anomalies } = readJson<{ anomalies: Anomaly[] }>(dir, '.mlops/validation.json');
    expect(anomalies.map((a) => [a.column, a.type, a.severity])).toEqual([
      ['id', 'SCHEMA_MISSING_COLUMN', 'WARNING'],
    ]);
  });
});

describe('--schema FILE', () => {
  test('checks against the given schema instead of the configured one, and writes it', async () => {
    const dir = await withSchema();
    const scaled = houses(1000, 3).map((r) => ({
      ...r,
      rooms: r.rooms && String(Number(r.rooms) * 10),
    }));
    writeFileSync(path.join(dir, 'data.csv'), csv(scaled));
    mkdirSync(path.join(dir, 'next'));
    // Relative to the current folder, like --data; --update-schema writes there.
    const written = await mlops(dir, [
      'validate',
      '--schema',
      'next/schema.json',
      '--update-schema',
    ]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('schema written to');
    const next = readJson<{ features: { name: string; max?: number }[] }>(dir, 'next/schema.json');
    // 10…80 widened by 7.
    expect(next.features.find((f) => f.name === 'rooms')?.max).toBe(87);

    expect((await mlops(dir, ['validate', '--schema', 'next/schema.json'])).code).toBe(0);
    expect(readJson(dir, '.mlops/validation.json')).toMatchObject({ schemaSource: 'committed' });
    // The configured schema still says otherwise.
    expect((await mlops(dir, ['validate'])).code).toBe(1);
  });

  test('a missing --schema file means inference, as a missing configured one does', async () => {
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': csv(houses(200, 1)) });
    const result = await mlops(dir, ['validate', '--schema', 'none.json']);
    expect(result.code).toBe(0);
    expect(readJson(dir, '.mlops/validation.json')).toMatchObject({ schemaSource: 'inferred' });
  });
});

describe('the action input schema', () => {
  test('validate checks against it, confined to the workspace like the configured one', async () => {
    const dir = await withSchema();
    const scaled = houses(1000, 3).map((r) => ({
      ...r,
      rooms: r.rooms && String(Number(r.rooms) * 10),
    }));
    writeFileSync(path.join(dir, 'data.csv'), csv(scaled));
    mkdirSync(path.join(dir, 'next'));
    expect(
      (await mlops(dir, ['validate', '--schema', 'next/schema.json', '--update-schema'])).code,
    ).toBe(0);

    const given = await runAction(
      dir,
      { command: 'validate', schema: 'next/schema.json' },
      { entry: 'validate' },
    );
    expect(given.status).toBe(0);
    const configured = await runAction(dir, { command: 'validate' }, { entry: 'validate' });
    expect(configured.status).toBe(1);
    expect(configured.stdout).toMatch(
      /^::error title=INT_TYPE_BIG_INT \(rooms\),file=data\.csv::/m,
    );
    const escaping = await runAction(dir, { command: 'validate', schema: '.git/config' });
    expect(escaping.status).toBe(1);
    expect(escaping.stdout).toContain('::error::schema: .git/config is outside the workspace');
  });
});

describe('mlops schema diff', () => {
  const before = {
    version: 1,
    label: 'income',
    features: [
      { name: 'rooms', kind: 'numeric', minPresence: 0.95, integer: true, min: 0, max: 9 },
      { name: 'city', kind: 'categorical', minPresence: 1, values: ['Braga', 'Lisbon', 'Porto'] },
      { name: 'old', kind: 'text', minPresence: 0 },
      { name: 'income', kind: 'categorical', minPresence: 1, values: ['<=50K', '>50K'] },
    ],
  };
  const after = {
    version: 1,
    label: 'income',
    features: [
      { name: 'rooms', kind: 'numeric', minPresence: 0.5, integer: true, min: 0, max: 90 },
      { name: 'city', kind: 'categorical', minPresence: 1, values: ['Faro', 'Lisbon', 'Porto'] },
      { name: 'income', kind: 'categorical', minPresence: 1, values: ['.', '<=50K', '>50K'] },
      { name: 'new\nline', kind: 'numeric', minPresence: 1, min: 1, max: 2 },
    ],
  };

  function files(): string {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify(before));
    writeFileSync(path.join(dir, 'new.json'), JSON.stringify(after));
    return dir;
  }

  test('lists each change with its effect, one line each, and exits 0', async () => {
    const result = await mlops(files(), ['schema', 'diff', 'old.json', 'new.json']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'schema diff: features 1 added, 1 removed, 3 changed',
      '- "old": text, no longer checked; data holding it gets a SCHEMA_NEW_COLUMN warning',
      '~ "rooms": minPresence 0.95 → 0.5 (looser: more missing values pass)',
      '~ "rooms": range [0, 9] → [0, 90] (wider: more values pass)',
      '~ "city": values 3 → 3: + "Faro"; − "Braga"',
      '~ "income": classes 2 → 3: + "."',
      '+ "new\\nline": numeric, minPresence 1, range [1, 2]; data without it fails validation',
      '',
    ]);
  });

  test('--json gives the changes', async () => {
    const result = await mlops(files(), ['schema', 'diff', 'old.json', 'new.json', '--json']);
    expect(result.code).toBe(0);
    const { changes } = JSON.parse(result.stdout) as { changes: Record<string, unknown>[] };
    expect(changes).toContainEqual({
      change: 'range',
      feature: 'rooms',
      before: { min: 0, max: 9 },
      after: { min: 0, max: 90 },
    });
    expect(changes).toContainEqual({
      change: 'domain',
      feature: 'income',
      added: ['.'],
      removed: [],
      before: 2,
      after: 3,
    });
    expect(changes.map((c) => c.change)).toEqual([
      'removed',
      'presence',
      'range',
      'domain',
      'domain',
      'added',
    ]);
  });

  test('the same schema: no changes; a missing file: a usage error', async () => {
    const dir = files();
    const same = await mlops(dir, ['schema', 'diff', 'old.json', 'old.json']);
    expect([same.code, same.stdout]).toEqual([0, 'schema diff: no changes\n']);
    const missing = await mlops(dir, ['schema', 'diff', 'gone.json', 'new.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('gone.json not found');
  });

  test('the schema group is listed in --help like the registry group', async () => {
    const help = await mlops(tempDir(), ['--help']);
    expect(help.stdout).toMatch(/schema\s+Review changes to the data schema/);
    expect(help.stdout).toMatch(/registry\s+Read the model registry/);
    const group = await mlops(tempDir(), ['schema', '--help']);
    expect(group.stdout).toMatch(/diff \[options\] <old> <new>/);
  });
});
