import { describe, expect, test } from '@jest/globals';
import { readJsonlRecords } from '../src/data/jsonl.js';
import type { JsonlRecord } from '../src/data/jsonl.js';
import { DataError } from '../src/errors.js';

async function* chunksOf<T>(parts: T[]): AsyncGenerator<T> {
  yield* parts;
}

async function read(parts: (string | Uint8Array)[] | string): Promise<JsonlRecord[]> {
  const records: JsonlRecord[] = [];
  const chunks = chunksOf(typeof parts === 'string' ? [parts] : parts);
  for await (const record of readJsonlRecords(chunks, { source: 'data.jsonl' })) {
    records.push(record);
  }
  return records;
}

const TEXT = '{"a":1,"b":"x"}\r\n\n   \n{"a":2,"nested":{"c":[1,2]}}\n{"name":"Zoë 😀"}';
const RECORDS: JsonlRecord[] = [
  { line: 1, record: { a: 1, b: 'x' } },
  { line: 4, record: { a: 2, nested: { c: [1, 2] } } },
  { line: 5, record: { name: 'Zoë 😀' } },
];

describe('readJsonlRecords', () => {
  test('parses each line as an object, skipping blank lines but counting them', async () => {
    expect(await read(TEXT)).toEqual(RECORDS);
  });

  test('gives the same records when the bytes are split in two at every position', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    for (let at = 0; at <= bytes.length; at++) {
      expect(await read([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(RECORDS);
    }
  });

  test('drops a UTF-8 BOM before the first line', async () => {
    expect(await read('\uFEFF{"a":1}\n')).toEqual([{ line: 1, record: { a: 1 } }]);
  });

  test('yields nothing for empty or blank input', async () => {
    expect(await read([])).toEqual([]);
    expect(await read('\n \n')).toEqual([]);
  });

  test('throws DataError naming the line and the parser reason for invalid JSON', async () => {
    const text = '{"a":1}\n\n{"a":2,}\n';
    await expect(read(text)).rejects.toThrow(DataError);
    await expect(read(text)).rejects.toThrow(/^data\.jsonl:3: not valid JSON \(.+\); each line/);
  });

  test('throws DataError for a truncated last line', async () => {
    await expect(read('{"a":1}\n{"a":')).rejects.toThrow(/^data\.jsonl:2: not valid JSON/);
  });

  test.each([
    ['[1,2]', 'an array'],
    ['42', 'a number'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('throws DataError for a line holding %s instead of an object', async (line, found) => {
    await expect(read(`{"a":1}\n${line}\n`)).rejects.toThrow(
      `data.jsonl:2: expected a JSON object, found ${found}`,
    );
  });
});
