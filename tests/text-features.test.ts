/**
 * Text features: terms cut as scikit-learn's analyzers cut them, a vocabulary learned on the
 * training rows, TF-IDF weights with sublinear TF and L2 norm equal to TfidfVectorizer's, short
 * text read by character n-grams, the hashing fallback, and a spec that encodes identically once
 * saved and read back.
 */
import { describe, expect, test } from '@jest/globals';
import type { RawTable, RawValue } from '../src/data/types.js';
import { fitPreprocessing, transformFeatures } from '../src/model/preprocess.js';
import {
  fitTextEncoding,
  forEachTerm,
  writeTextFeature,
  type TextAnalyzer,
  type TextEncoding,
  type TextSettings,
} from '../src/model/text-features.js';
import { TermIndex } from '../src/model/term-index.js';
import { createRng } from '../src/util/random.js';

function termsOf(text: string, analyzer: TextAnalyzer, ngram: [number, number]): string[] {
  const terms: string[] = [];
  forEachTerm(text, analyzer, ngram, (source, start, end) => terms.push(source.slice(start, end)));
  return terms;
}

function encode(encoding: TextEncoding, value: RawValue): number[] {
  const out = new Float32Array(encoding.idf.length);
  writeTextFeature(encoding, value, out, 0);
  return Array.from(out);
}

describe('terms', () => {
  // scikit-learn 1.2.1: TfidfVectorizer(analyzer=…, ngram_range=…).build_analyzer()(text).
  const text = 'Ab c  Déjà-vu x2_y';
  test.each<[TextAnalyzer, [number, number], string[]]>([
    ['word', [1, 2], ['ab', 'déjà', 'vu', 'x2_y', 'ab déjà', 'déjà vu', 'vu x2_y']],
    [
      'char',
      [2, 3],
      [
        ...['ab', 'b ', ' c', 'c ', ' d', 'dé', 'éj', 'jà', 'à-', '-v', 'vu', 'u ', ' x', 'x2'],
        ...['2_', '_y', 'ab ', 'b c', ' c ', 'c d', ' dé', 'déj', 'éjà', 'jà-', 'à-v', '-vu'],
        ...['vu ', 'u x', ' x2', 'x2_', '2_y'],
      ],
    ],
    [
      'char_wb',
      [2, 3],
      [
        ...[' a', 'ab', 'b ', ' ab', 'ab ', ' c', 'c ', ' c ', ' d', 'dé', 'éj', 'jà', 'à-', '-v'],
        ...['vu', 'u ', ' dé', 'déj', 'éjà', 'jà-', 'à-v', '-vu', 'vu ', ' x', 'x2', '2_', '_y'],
        ...['y ', ' x2', 'x2_', '2_y', '_y '],
      ],
    ],
  ])('%s %j cuts terms as scikit-learn does', (analyzer, ngram, expected) => {
    expect(termsOf(text, analyzer, ngram)).toEqual(expected);
  });

  test('a letter outside the basic plane is one character of a word', () => {
    expect(termsOf('𝒜 𝒜𝒷 a', 'word', [1, 1])).toEqual(['𝒜𝒷']);
  });
});

describe('TF-IDF', () => {
  const corpus = ['the cat sat', 'the dog sat sat', 'a bird'];
  const encoding = fitTextEncoding('note', corpus, { analyzer: 'word', min_df: 1 });

  test('keeps terms by corpus frequency, ties by rows then text', () => {
    expect(encoding.slots).toEqual({
      kind: 'vocabulary',
      terms: ['sat', 'the', 'bird', 'cat', 'dog'],
    });
  });

  test('equals TfidfVectorizer(sublinear_tf=True): smoothed IDF, 1 + ln tf, unit length', () => {
    // scikit-learn 1.2.1 on the same corpus; its columns are bird, cat, dog, sat, the.
    const sklearn = [
      [0.0, 0.680919, 0.0, 0.517856, 0.517856],
      [0.0, 0.0, 0.555854, 0.715763, 0.422741],
      [1.0, 0.0, 0.0, 0.0, 0.0],
    ];
    const order = [3, 4, 0, 1, 2]; // sat, the, bird, cat, dog
    corpus.forEach((row, i) => {
      const ours = encode(encoding, row);
      order.forEach((column, slot) => {
        expect(ours[slot]).toBeCloseTo(sklearn[i]?.[column] as number, 6);
      });
    });
  });

  test('missing text and text of unknown terms encode to zeros', () => {
    expect(encode(encoding, null)).toEqual([0, 0, 0, 0, 0]);
    expect(encode(encoding, 'zebra!')).toEqual([0, 0, 0, 0, 0]);
  });

  test('min_df drops terms in fewer rows (a count, or a share of rows); max_features keeps the most frequent', () => {
    const twice = fitTextEncoding('note', corpus, { analyzer: 'word', min_df: 2 });
    expect(twice.slots).toEqual({ kind: 'vocabulary', terms: ['sat', 'the'] });
    const share = fitTextEncoding('note', corpus, { analyzer: 'word', min_df: 0.5 });
    expect(share.slots).toEqual(twice.slots);
    const top = fitTextEncoding('note', corpus, { analyzer: 'word', min_df: 1, max_features: 3 });
    expect(top.slots).toEqual({ kind: 'vocabulary', terms: ['sat', 'the', 'bird'] });
  });

  test('short text gets character n-grams by default, longer text words', () => {
    expect(fitTextEncoding('name', ['Maria', 'Jonas', 'Ana Sofia']).analyzer).toBe('char_wb');
    const prose = ['a long sentence about the weather', 'another long sentence about food'];
    expect(fitTextEncoding('note', prose)).toMatchObject({ analyzer: 'word', ngram: [1, 1] });
  });

  test('past the distinct terms it may count, a column hashes its terms into max_features buckets', () => {
    const rng = createRng(5);
    const letters = () =>
      Array.from({ length: 200 }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join('');
    const rows = Array.from({ length: 50 }, letters);
    const settings: TextSettings = { analyzer: 'char', ngram: [4, 4], max_features: 64 };
    // About 10,000 distinct 4-grams: counted in full under the default limit, hashed past 1,000.
    expect(fitTextEncoding('blob', rows, { ...settings, min_df: 1 }).slots.kind).toBe('vocabulary');
    const hashed = fitTextEncoding('blob', rows, settings, 1000);
    expect(hashed.slots).toEqual({ kind: 'hashing', buckets: 64 });
    expect(hashed.idf).toHaveLength(64);
    const vector = encode(hashed, rows[0] as string);
    expect(vector.filter((v) => v > 0).length).toBeGreaterThan(40);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    // Each bucket's IDF counts the rows with a term in it, as a vocabulary slot's does.
    const bucket = vector.findIndex((v) => v > 0);
    expect(hashed.idf[bucket]).toBeGreaterThanOrEqual(1);
  });
});

describe('the spec saved and read back', () => {
  const rng = createRng(11);
  const words = ['refund', 'late', 'great', 'broken', 'thanks', 'order', 'parcel', 'never'];
  const note = () =>
    Array.from({ length: 3 + Math.floor(rng() * 8) }, () => words[Math.floor(rng() * 8)]).join(' ');
  const table: RawTable = {
    source: 'data.csv',
    columns: ['note', 'name', 'y'],
    rows: Array.from({ length: 200 }, (_, i) => [
      i % 17 === 0 ? null : note(),
      `N${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i * 7) % 26))}o`,
      i % 2 ? 'a' : 'b',
    ]),
    lines: Array.from({ length: 200 }, (_, i) => i + 2),
  };
  const rows = Array.from({ length: 200 }, (_, i) => i);
  const features = [
    { column: 'note', kind: 'text' as const },
    { column: 'name', kind: 'text' as const },
  ];
  const label = { column: 'y', task: 'binary' as const, classes: ['a', 'b'] as [string, string] };

  test('encodes every row identically, byte for byte', () => {
    const spec = fitPreprocessing(table, rows.slice(0, 150), features, label);
    expect(spec.features.map((f) => (f.kind === 'text' ? f.analyzer : f.kind))).toEqual([
      'word',
      'char_wb',
    ]);
    const loaded = JSON.parse(JSON.stringify(spec, null, 2)) as typeof spec;
    const before = transformFeatures(spec, table, rows);
    const after = transformFeatures(loaded, table, rows);
    expect(Buffer.from(after.buffer).equals(Buffer.from(before.buffer))).toBe(true);
    expect(before.some((v) => v !== 0)).toBe(true);
  });
});

describe('TermIndex', () => {
  test('finds terms by a range of another string, through growth', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `t${i}`);
    const index = TermIndex.of(terms);
    expect(index.size).toBe(5000);
    const source = `xx t4321 yy`;
    expect(index.find(source, 3, 8)).toBe(4321);
    expect(index.find(source, 3, 7)).toBe(432);
    expect(index.find(source, 0, 2)).toBe(-1);
    expect(index.add(source, 0, 2)).toBe(5000);
    expect(index.term(5000)).toBe('xx');
  });
});
