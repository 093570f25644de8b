import { describe, expect, test } from '@jest/globals';
import { detectDelimiter, readCsvRecords } from '../src/data/csv.js';
import type { CsvRecord } from '../src/data/csv.js';
import { DataError, UsageError } from '../src/errors.js';
import { createRng } from '../src/util/random.js';

async function* chunksOf<T>(parts: T[]): AsyncGenerator<T> {
  yield* parts;
}

async function read(
  parts: (string | Uint8Array)[] | string,
  options: { source?: string; delimiter?: string } = {},
): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  const chunks = chunksOf(typeof parts === 'string' ? [parts] : parts);
  for await (const record of readCsvRecords(chunks, { source: 'data.csv', ...options })) {
    records.push(record);
  }
  return records;
}

function fieldsOf(records: CsvRecord[]): string[][] {
  return records.map((record) => record.fields);
}

function splitAt(text: string, at: number[]): string[] {
  const bounds = [0, ...at, text.length];
  return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
}

function bytesSplitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

// Quotes, "" escapes, a delimiter and a CRLF inside quotes, CRLF line ends, multi-byte text, a
// blank line and no final newline: a chunk boundary anywhere in here must not change the result.
const TRICKY =
  'id,name,note\r\n1,"Smith, Ana","said ""hi""\r\nthen left"\r\n\r\n2,Zoë 😀,""\r\n3,"",x';
const TRICKY_RECORDS: CsvRecord[] = [
  { line: 1, fields: ['id', 'name', 'note'] },
  { line: 2, fields: ['1', 'Smith, Ana', 'said "hi"\r\nthen left'] },
  { line: 4, fields: [''] },
  { line: 5, fields: ['2', 'Zoë 😀', ''] },
  { line: 6, fields: ['3', '', 'x'] },
];

describe('readCsvRecords', () => {
  test('reads quoted fields with escaped quotes and embedded delimiters and newlines', async () => {
    expect(await read(TRICKY)).toEqual(TRICKY_RECORDS);
  });

  test('gives the same records when the text is split in two at every position', async () => {
    for (let at = 0; at <= TRICKY.length; at++) {
      expect(await read(splitAt(TRICKY, [at]))).toEqual(TRICKY_RECORDS);
    }
  });

  test('gives the same records when the bytes are split into chunks of every size', async () => {
    const bytes = new TextEncoder().encode(TRICKY);
    for (let size = 1; size <= bytes.length; size++) {
      expect(await read(bytesSplitEvery(bytes, size))).toEqual(TRICKY_RECORDS);
    }
  });

  test('decodes multi-byte UTF-8 characters split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('city,emoji\nZürich,😀\nKraków,🚀\n');
    for (let at = 1; at < bytes.length; at++) {
      const records = await read([bytes.subarray(0, at), bytes.subarray(at)]);
      expect(fieldsOf(records)).toEqual([
        ['city', 'emoji'],
        ['Zürich', '😀'],
        ['Kraków', '🚀'],
      ]);
    }
  });

  test('numbers records after a multi-line quoted field by the line they start on', async () => {
    const text = 'a,b\n1,"one\ntwo\nthree"\n2,x\n"4\n5",y\n3,z\n';
    expect((await read(text)).map((record) => record.line)).toEqual([1, 2, 5, 6, 8]);
  });

  test('treats CRLF like LF, also when the CR and LF arrive in different chunks', async () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
      ['3', 'x'],
    ];
    expect(fieldsOf(await read(['a,b\r', '\n1,2\r', '\n3,"x"\r', '\n']))).toEqual(expected);
    expect(fieldsOf(await read('a,b\n1,2\n3,x\n'))).toEqual(expected);
  });

  test('keeps a lone CR as data', async () => {
    expect(fieldsOf(await read('a,b\r1\n'))).toEqual([['a', 'b\r1']]);
  });

  test('drops a UTF-8 BOM whether the input is bytes or text', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const rest = new TextEncoder().encode('id,x\n1,2\n');
    const expected = [
      ['id', 'x'],
      ['1', '2'],
    ];
    expect(fieldsOf(await read([bom, rest]))).toEqual(expected);
    expect(fieldsOf(await read('\uFEFFid,x\n1,2\n'))).toEqual(expected);
  });

  test('reads a last line without a newline and adds no record for a final newline', async () => {
    expect(fieldsOf(await read('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf(await read('a,b\n1,2\n'))).toHaveLength(2);
  });

  test('yields nothing for empty input', async () => {
    expect(await read([])).toEqual([]);
    expect(await read('')).toEqual([]);
  });

  test('reads a blank line as one empty field and a trailing delimiter as an empty field', async () => {
    expect(fieldsOf(await read('a,b\n\n1,\n2,'))).toEqual([['a', 'b'], [''], ['1', ''], ['2', '']]);
  });

  test('appends text after a closing quote to the field, like Python csv', async () => {
    expect(fieldsOf(await read('"ab"c,"x"\n'))).toEqual([['abc', 'x']]);
  });

  test('keeps a quote inside an unquoted field', async () => {
    expect(fieldsOf(await read('5" screen,ok\n'))).toEqual([['5" screen', 'ok']]);
  });

  test('uses the given delimiter', async () => {
    expect(fieldsOf(await read('a|b,c\n1|2\n', { delimiter: '|' }))).toEqual([
      ['a', 'b,c'],
      ['1', '2'],
    ]);
  });

  test('detects a semicolon or tab delimiter from the header line', async () => {
    expect(fieldsOf(await read(['a;b;c\n1,5;2;3\n']))).toEqual([
      ['a', 'b', 'c'],
      ['1,5', '2', '3'],
    ]);
    expect(fieldsOf(await read(['a\t', 'b\n1\t2\n']))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  test('detects the delimiter from a header without a newline', async () => {
    expect(fieldsOf(await read(['a;', 'b']))).toEqual([['a', 'b']]);
  });

  test('rejects a delimiter that is not one usable character', async () => {
    for (const delimiter of ['', ';;', '"', '\n']) {
      await expect(read('a,b\n', { delimiter })).rejects.toThrow(UsageError);
    }
  });

  test('throws DataError naming the line where an unterminated quoted field starts', async () => {
    const text = 'a,b\n1,2\n3,"never closed\n4,5\n';
    await expect(read(text)).rejects.toThrow(DataError);
    await expect(read(text)).rejects.toThrow(/^data\.csv:3: a quoted field opened here/);
    await expect(read(text)).rejects.toThrow(/double it/);
  });

  test('throws DataError for bytes that are not UTF-8', async () => {
    const latin1 = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x5a, 0xfc, 0x72, 0x0a]);
    await expect(read([latin1])).rejects.toThrow(/^data\.csv: not valid UTF-8.*iconv/);
  });

  test('agrees with a character-by-character reference parser on random inputs', async () => {
    const rng = createRng(7);
    const pieces = ['a', 'é', ',', '"', '""', '\n', '\r\n', ' ', '😀'];
    for (let trial = 0; trial < 400; trial++) {
      const length = Math.floor(rng() * 30);
      let text = '';
      for (let i = 0; i < length; i++) text += pieces[Math.floor(rng() * pieces.length)];
      const cuts = [Math.floor(rng() * text.length), Math.floor(rng() * text.length)];
      const chunks = splitAt(
        text,
        cuts.sort((x, y) => x - y),
      );
      const expected = referenceParse(text);
      if (expected === 'unterminated') {
        await expect(read(chunks, { delimiter: ',' })).rejects.toThrow(DataError);
      } else {
        expect(await read(chunks, { delimiter: ',' })).toEqual(expected);
      }
    }
  });
});

describe('detectDelimiter', () => {
  test.each([
    ['a,b,c\n', ','],
    ['a;b;c\n', ';'],
    ['a\tb\tc\n', '\t'],
    ['"x;y;z",b\n', ','],
    ['single\n', ','],
    ['a;b,c\nd;e;f;g;h', ','],
  ])('picks the delimiter of %j as %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

/** The same grammar written the slow, obvious way, one character at a time. */
function referenceParse(text: string): CsvRecord[] | 'unterminated' {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      recordLine = ++line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) return 'unterminated';
  if (fieldStarted || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
