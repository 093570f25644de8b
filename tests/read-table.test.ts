import { describe, expect, test } from '@jest/globals';
import {
  JSONL_BATCH_ROWS,
  inferFormat,
  readTable,
  readTableBatches,
} from '../src/data/read-table.js';
import { DataError } from '../src/errors.js';

async function* chunksOf<T>(parts: T[]): AsyncGenerator<T> {
  yield* parts;
}

function table(text: string, source = 'data.csv', format?: 'csv' | 'jsonl') {
  return readTable(chunksOf([text]), { source, ...(format ? { format } : {}) });
}

describe('inferFormat', () => {
  test.each([
    ['data/train.jsonl', 'jsonl'],
    ['TRAIN.NDJSON', 'jsonl'],
    ['data/train.csv', 'csv'],
    ['data/train.tsv', 'csv'],
    ['jsonl/train.csv', 'csv'],
    ['data/train.csv.gz', 'csv'],
    ['data/train.TSV.GZ', 'csv'],
    ['data/train.jsonl.gz', 'jsonl'],
    ['data/train.ndjson.gz', 'jsonl'],
    ['data/train.parquet', 'parquet'],
  ])('reads %s as %s', (path, format) => {
    expect(inferFormat(path)).toBe(format);
  });

  test.each(['data/train', 'data/train.txt', 'data/train.gz', 'data/train.xlsx', 'train.csv.zip'])(
    'refuses %s, naming the extensions it reads',
    (path) => {
      expect(() => inferFormat(path)).toThrow(DataError);
      expect(() => inferFormat(path)).toThrow(
        /the file name does not say its format; name it \.csv, \.tsv, \.jsonl, \.ndjson, \.parquet, or \.csv\.gz, .*data\.format/,
      );
    },
  );

  test('says a .parquet.gz should not be compressed', () => {
    expect(() => inferFormat('train.parquet.gz')).toThrow(/Parquet compresses its own pages/);
  });
});

describe('readTable from CSV', () => {
  test('trims header names, names empty ones column_N and keeps cells as read', async () => {
    const result = await table(' id ,,score\n1, a ,0.5\n2,b,1e3\n');
    expect(result).toEqual({
      source: 'data.csv',
      columns: ['id', 'column_2', 'score'],
      rows: [
        ['1', ' a ', '0.5'],
        ['2', 'b', '1e3'],
      ],
      lines: [2, 3],
    });
  });

  test('turns missing tokens into null', async () => {
    const result = await table('a,b,c,d,e,f\n,NA, n/a ,null,?,0\n');
    expect(result.rows).toEqual([[null, null, null, null, null, '0']]);
  });

  test('skips blank lines, before the header too, and keeps true line numbers', async () => {
    const result = await table('\n\na,b\n1,"x\ny"\n\r\n   \n2,z\n');
    expect(result.columns).toEqual(['a', 'b']);
    expect(result.rows).toEqual([
      ['1', 'x\ny'],
      ['2', 'z'],
    ]);
    expect(result.lines).toEqual([4, 8]);
  });

  test('keeps a row whose fields are all empty as a row of nulls', async () => {
    expect((await table('a,b\n,\n1,2\n')).rows).toEqual([
      [null, null],
      ['1', '2'],
    ]);
  });

  test('reads bytes split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('city\nZürich\n');
    const result = await readTable(chunksOf([bytes.subarray(0, 7), bytes.subarray(7)]), {
      source: 'data.csv',
    });
    expect(result.rows).toEqual([['Zürich']]);
  });

  test('detects a semicolon delimiter and uses tab for a .tsv file', async () => {
    expect((await table('a;b\n1,5;2\n')).rows).toEqual([['1,5', '2']]);
    // Detection would pick ',' here; the extension says tab, so this is one column.
    expect((await table('name, title\nSmith, Ana\n', 'data.tsv')).rows).toEqual([['Smith, Ana']]);
  });

  test('throws DataError naming the line of a row with the wrong number of fields', async () => {
    const text = 'a,b,c\n1,2,3\n4,5\n';
    await expect(table(text)).rejects.toThrow(DataError);
    await expect(table(text)).rejects.toThrow(/^data\.csv:3: expected 3 fields, found 2; quote/);
    await expect(table('a,b\n1,2,3\n')).rejects.toThrow('data.csv:2: expected 2 fields, found 3');
  });

  test('throws DataError for a repeated column name', async () => {
    await expect(table('id,x, id\n1,2,3\n')).rejects.toThrow(
      /^data\.csv:1: column name "id" appears twice \(columns 1 and 3\); rename/,
    );
  });

  test('throws DataError for an empty file', async () => {
    await expect(table('')).rejects.toThrow('data.csv: is empty');
    await expect(table('\n\r\n\n')).rejects.toThrow('data.csv: is empty');
  });

  test('throws DataError for a header without data rows', async () => {
    await expect(table('a,b\n\n')).rejects.toThrow('data.csv:1: has a header but no data rows');
  });
});

describe('readTable from JSONL', () => {
  test('takes the union of keys in first-seen order, with null for absent keys', async () => {
    const text = '{"b":1,"a":"x"}\n\n{"c":true,"a":"y"}\n';
    expect(await table(text, 'data.jsonl')).toEqual({
      source: 'data.jsonl',
      columns: ['b', 'a', 'c'],
      rows: [
        [1, 'x', null],
        [null, 'y', true],
      ],
      lines: [1, 3],
    });
  });

  test('keeps numbers and booleans, stringifies objects and arrays, nulls missing values', async () => {
    const text = '{"n":1.5,"t":false,"o":{"k":[1]},"l":[1,"a"],"z":null,"s":"NA","e":""}\n';
    expect((await table(text, 'data.ndjson')).rows).toEqual([
      [1.5, false, '{"k":[1]}', '[1,"a"]', null, null, null],
    ]);
  });

  test('reads JSONL when the format is given, whatever the extension', async () => {
    expect((await table('{"a":1}\n', 'data.txt', 'jsonl')).columns).toEqual(['a']);
  });

  test('throws DataError for an empty file and for records without keys', async () => {
    await expect(table('\n', 'data.jsonl')).rejects.toThrow('data.jsonl: is empty');
    await expect(table('{}\n{}\n', 'data.jsonl')).rejects.toThrow(
      'data.jsonl: no record has any key',
    );
  });

  test('passes on the reader error with its line', async () => {
    await expect(table('{"a":1}\n[1]\n', 'data.jsonl')).rejects.toThrow(
      'data.jsonl:2: expected a JSON object, found an array',
    );
  });
});

describe('encodings', () => {
  test('a UTF-16 file (with or without BOM) is named as such, with the fix', async () => {
    const utf16 = Buffer.from('\ufeffa,b\n1,2\n', 'utf16le');
    const noBom = Buffer.from('a,b\n1,2\n', 'utf16le');
    for (const bytes of [utf16, noBom]) {
      await expect(
        readTable(
          (async function* () {
            yield new Uint8Array(bytes);
          })(),
          { source: 'excel.csv' },
        ),
      ).rejects.toThrow('excel.csv: looks like UTF-16 (or binary), not UTF-8 text');
    }
  });
});

describe('progress', () => {
  test('a long read reports every 100,000 rows, for CSV and JSONL alike', async () => {
    const rows = 250_000;
    const csv = `x\n${'1\n'.repeat(rows)}`;
    const jsonl = '{"x":1}\n'.repeat(rows);
    for (const [text, source] of [
      [csv, 'big.csv'],
      [jsonl, 'big.jsonl'],
    ] as const) {
      const seen: number[] = [];
      const table = await readTable(
        (async function* () {
          yield text;
        })(),
        { source, onProgress: (count) => seen.push(count) },
      );
      expect(table.rows).toHaveLength(rows);
      expect(seen).toEqual([100_000, 200_000]);
    }
  });
});

describe('na_values', () => {
  const csv = 'region,sales\nNA,10\nEU,\nNone,5\n';
  const read = (naValues?: string[]) =>
    readTable(
      (async function* () {
        yield csv;
      })(),
      { source: 'sales.csv', ...(naValues ? { naValues } : {}) },
    );

  test('by default NA and None are missing, like pandas', async () => {
    expect((await read()).rows).toEqual([
      [null, '10'],
      ['EU', null],
      [null, '5'],
    ]);
  });

  test('data.na_values can keep NA (North America) as a value; an empty cell stays missing', async () => {
    expect((await read(['None'])).rows).toEqual([
      ['NA', '10'],
      ['EU', null],
      [null, '5'],
    ]);
  });
});

describe('na_values in JSONL', () => {
  test('a sentinel number or boolean in na_values is missing in JSONL too, as in CSV', async () => {
    const table = await readTable(
      (async function* () {
        yield '{"a":-999,"b":"-999","c":true,"d":5}\n';
      })(),
      { source: 'x.jsonl', naValues: ['-999', 'true'] },
    );
    expect(table.rows).toEqual([[null, null, null, 5]]);
  });
});

describe('JSON Lines keys named like Object.prototype members', () => {
  test('a record without the key reads it as missing, not as the inherited member', async () => {
    const text = '{"toString": "a", "constructor": 1}\n{"x": 2}\n';
    const read = await table(text, 'data.jsonl');
    expect(read.columns).toEqual(['toString', 'constructor', 'x']);
    expect(read.rows).toEqual([
      ['a', 1, null],
      [null, null, 2],
    ]);
  });
});

describe('maxErrors', () => {
  const rejectsOf = async (text: string, source: string, maxErrors: number) => {
    const rejects: unknown[] = [];
    const read = await readTable(chunksOf([text]), {
      source,
      maxErrors,
      onReject: (r) => rejects.push(r),
    });
    return { read, rejects };
  };

  test('a CSV row of the wrong width is left out with its line; the rest keep theirs', async () => {
    const { read, rejects } = await rejectsOf('a,b\n1,2\n3\n4,5\n', 'data.csv', 1);
    expect(read.rows).toEqual([
      ['1', '2'],
      ['4', '5'],
    ]);
    expect(read.lines).toEqual([2, 4]);
    expect(rejects).toEqual([
      { line: 3, error: expect.stringMatching(/^expected 2 fields, found 1/), record: '3' },
    ]);
  });

  test('a JSON Lines line nested too deep is a bad record', async () => {
    const deep = `{"a": ${'['.repeat(200)}${']'.repeat(200)}}`;
    const { read, rejects } = await rejectsOf(`{"a": 1}\n${deep}\n{"a": 2}\n`, 'data.jsonl', 1);
    expect(read.rows).toEqual([[1], [2]]);
    expect(rejects).toEqual([
      { line: 2, error: expect.stringMatching(/nests arrays or objects/), record: deep },
    ]);
  });

  test('0, the default, throws the first bad record as it always did', async () => {
    await expect(rejectsOf('a,b\n1,2\n3\n', 'data.csv', 0)).rejects.toThrow(
      'data.csv:3: expected 2 fields, found 1',
    );
  });
});

describe('JSON Lines in batches', () => {
  const rows = JSONL_BATCH_ROWS * 2 + 7;
  // `late` is first seen in the second batch, `last` on the very last line.
  const text = Array.from({ length: rows }, (_, i) => {
    const record: Record<string, unknown> = { id: i, even: i % 2 === 0 };
    if (i > JSONL_BATCH_ROWS + 3 && i % 3 === 0) record.late = `x${i}`;
    if (i === rows - 1) record.last = 1;
    return JSON.stringify(record);
  }).join('\n');

  async function batchesOf(input: string) {
    const batches = [];
    for await (const batch of readTableBatches(chunksOf([input]), { source: 'data.jsonl' })) {
      batches.push(batch);
    }
    return batches;
  }

  test('stream in batches of at most JSONL_BATCH_ROWS, each with every column seen so far', async () => {
    const batches = await batchesOf(text);
    expect(batches.length).toBe(3);
    for (const batch of batches) {
      expect(batch.rows.length).toBeGreaterThan(0);
      expect(batch.rows.length).toBeLessThanOrEqual(JSONL_BATCH_ROWS);
      expect(batch.lines.length).toBe(batch.rows.length);
      for (const row of batch.rows) expect(row.length).toBe(batch.columns.length);
    }
    expect(batches.map((batch) => batch.columns)).toEqual([
      ['id', 'even'],
      ['id', 'even', 'late'],
      ['id', 'even', 'late', 'last'],
    ]);
    expect(batches.reduce((sum, batch) => sum + batch.rows.length, 0)).toBe(rows);
  });

  test('give the table readTable gives, a row read before a key was seen null for it', async () => {
    const whole = await readTable(chunksOf([text]), { source: 'data.jsonl' });
    const batches = await batchesOf(text);
    const columns = batches.at(-1)?.columns ?? [];
    expect(whole.columns).toEqual(columns);
    const padded = batches.flatMap((batch) =>
      batch.rows.map((row) => [...row, ...Array<null>(columns.length - row.length).fill(null)]),
    );
    expect(whole.rows).toEqual(padded);
    expect(whole.lines).toEqual(batches.flatMap((batch) => batch.lines));
    expect(whole.rows[0]).toEqual([0, true, null, null]);
    expect(whole.rows[rows - 1]).toEqual([rows - 1, true, null, 1]);
  });

  test('records without keys are held until one has a key, still in bounded batches', async () => {
    const input = `${'{}\n'.repeat(JSONL_BATCH_ROWS + 5)}{"a":1}\n`;
    const batches = await batchesOf(input);
    expect(batches.map((batch) => batch.rows.length)).toEqual([JSONL_BATCH_ROWS, 6]);
    expect(batches.map((batch) => batch.columns)).toEqual([['a'], ['a']]);
    expect(batches[0]?.rows[0]).toEqual([null]);
  });
});
