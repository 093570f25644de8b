/**
 * Free text as TF-IDF features: a vocabulary of word or character n-grams learned on the training
 * rows (terms in at least `min_df` rows, the `max_features` most frequent), each row's counts
 * weighted by sublinear TF (1 + ln tf) times smoothed IDF, then L2-normalised per column, as
 * scikit-learn's TfidfVectorizer(sublinear_tf=True) does. A column with more distinct terms than
 * can be counted falls back to hashing its terms into `max_features` buckets.
 */
import { isAbsent } from '../data/missing.js';
import type { RawValue } from '../data/types.js';
import { hashString } from '../util/random.js';
import { compareText } from '../util/text.js';
import { TermIndex } from './term-index.js';

/** How text is cut into terms: words, character n-grams, or character n-grams within words. */
export const TEXT_ANALYZERS = ['word', 'char', 'char_wb'] as const;
export type TextAnalyzer = (typeof TEXT_ANALYZERS)[number];

/** data.features[].text: every setting optional, the defaults below filling the rest. */
export interface TextSettings {
  analyzer?: TextAnalyzer;
  /** Smallest and largest n-gram length, in words (word) or characters (char, char_wb). */
  ngram?: [number, number];
  /** Rows a term must appear in: a count (≥ 1), or a share of the training rows (below 1). */
  min_df?: number;
  /** Most terms kept, the most frequent in the training rows first. */
  max_features?: number;
}

/** Longest n-gram a setting may ask for. */
export const MAX_NGRAM = 8;
/** Most terms a text column may keep: each is an input of the network, for every row. */
export const MAX_TEXT_FEATURES = 50_000;
export const DEFAULT_TEXT_FEATURES = 1000;
export const DEFAULT_MIN_DF = 2;
const DEFAULT_NGRAM: Record<TextAnalyzer, [number, number]> = {
  word: [1, 1],
  char: [2, 4],
  char_wb: [2, 4],
};
/**
 * A column where most rows have at most this many words is short text (names, product codes,
 * short labels): its words rarely repeat, so its character n-grams carry what it says.
 */
const SHORT_TEXT_WORDS = 3;
/** Distinct terms counted before a column falls back to hashing, to bound the memory of fitting. */
const MAX_COUNTED_TERMS = 1_000_000;

/** Where each term goes: a learned vocabulary, or (for a huge one) hash buckets. */
export type TextSlots =
  { kind: 'vocabulary'; terms: string[] } | { kind: 'hashing'; buckets: number };

export interface TextEncoding {
  kind: 'text';
  column: string;
  analyzer: TextAnalyzer;
  ngram: [number, number];
  slots: TextSlots;
  /** Inverse document frequency of each slot: ln((1 + rows) / (1 + rows with it)) + 1. */
  idf: number[];
}

/**
 * Learns a text column's vocabulary and IDF weights from its training values; past
 * `maxCountedTerms` distinct terms, hash buckets with their IDF weights instead.
 */
export function fitTextEncoding(
  column: string,
  values: readonly RawValue[],
  settings: TextSettings = {},
  maxCountedTerms = MAX_COUNTED_TERMS,
): TextEncoding {
  const documents = values.map((value) => (isAbsent(value) ? '' : String(value)));
  const analyzer = settings.analyzer ?? defaultAnalyzer(documents);
  const ngram = settings.ngram ?? DEFAULT_NGRAM[analyzer];
  const maxFeatures = settings.max_features ?? DEFAULT_TEXT_FEATURES;
  const minDf = settings.min_df ?? DEFAULT_MIN_DF;
  const minRows = minDf < 1 ? Math.ceil(minDf * documents.length) : minDf;
  const base = { kind: 'text', column, analyzer, ngram } as const;
  const counted = countTerms(documents, analyzer, ngram, maxCountedTerms);
  if (!counted) {
    const frequencies = bucketFrequencies(documents, analyzer, ngram, maxFeatures);
    return {
      ...base,
      slots: { kind: 'hashing', buckets: maxFeatures },
      idf: idfOf(frequencies, documents.length),
    };
  }
  const kept = Array.from(counted.rows.keys())
    .filter((id) => (counted.rows[id] as number) >= minRows)
    .sort(
      (a, b) =>
        (counted.total[b] as number) - (counted.total[a] as number) ||
        (counted.rows[b] as number) - (counted.rows[a] as number) ||
        compareText(counted.terms.term(a), counted.terms.term(b)),
    )
    .slice(0, maxFeatures);
  return {
    ...base,
    slots: { kind: 'vocabulary', terms: kept.map((id) => counted.terms.term(id)) },
    idf: idfOf(
      kept.map((id) => counted.rows[id] as number),
      documents.length,
    ),
  };
}

/** Character n-grams for short text, words otherwise (see SHORT_TEXT_WORDS). */
function defaultAnalyzer(documents: readonly string[]): TextAnalyzer {
  let present = 0;
  let short = 0;
  for (const document of documents) {
    if (document === '') continue;
    present++;
    if (isShort(document)) short++;
  }
  return present > 0 && short * 2 >= present ? 'char_wb' : 'word';
}

/** Whether `text` has at most SHORT_TEXT_WORDS words, looking no further than needed. */
function isShort(text: string): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = SPACE.test(text[i] as string);
    if (!space && !inWord && ++words > SHORT_TEXT_WORDS) return false;
    inWord = !space;
  }
  return true;
}

function idfOf(rowsWithTerm: ArrayLike<number>, rows: number): number[] {
  return Array.from(rowsWithTerm, (df) => Math.log((1 + rows) / (1 + df)) + 1);
}

interface TermCounts {
  terms: TermIndex;
  /** Rows each term appears in. */
  rows: Int32Array;
  /** Times each term appears in all rows. */
  total: Float64Array;
}

/** Every term's row and total counts; null past `limit` distinct terms. */
function countTerms(
  documents: readonly string[],
  analyzer: TextAnalyzer,
  ngram: [number, number],
  limit: number,
): TermCounts | null {
  const terms = new TermIndex();
  let rows = new Int32Array(1024);
  let total = new Float64Array(1024);
  let lastRow = new Int32Array(1024).fill(-1);
  for (let row = 0; row < documents.length; row++) {
    forEachTerm(documents[row] as string, analyzer, ngram, (source, start, end) => {
      const id = terms.add(source, start, end);
      if (id === rows.length) {
        rows = grow(rows);
        total = grow(total);
        lastRow = grow(lastRow, -1);
      }
      total[id] = (total[id] as number) + 1;
      if (lastRow[id] !== row) {
        lastRow[id] = row;
        rows[id] = (rows[id] as number) + 1;
      }
    });
    if (terms.size > limit) return null;
  }
  return { terms, rows: rows.subarray(0, terms.size), total };
}

/** Rows whose terms fall into each hash bucket. */
function bucketFrequencies(
  documents: readonly string[],
  analyzer: TextAnalyzer,
  ngram: [number, number],
  buckets: number,
): Int32Array {
  const rows = new Int32Array(buckets);
  const lastRow = new Int32Array(buckets).fill(-1);
  documents.forEach((document, row) => {
    forEachTerm(document, analyzer, ngram, (source, start, end) => {
      const bucket = bucketOf(source, start, end, buckets);
      if (lastRow[bucket] === row) return;
      lastRow[bucket] = row;
      rows[bucket] = (rows[bucket] as number) + 1;
    });
  });
  return rows;
}

function bucketOf(source: string, start: number, end: number, buckets: number): number {
  return hashString(source.slice(start, end)) % buckets;
}

/** A copy of `array` twice as long, the new half filled with `fill`. */
function grow<T extends Int32Array | Float64Array>(array: T, fill = 0): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

/** Receives a term as the range [start, end) of `source`, so no term is cut out to be looked up. */
type TermVisitor = (source: string, start: number, end: number) => void;

const SPACES = /\s+/g;
const SPACE = /\s/;

/** Calls `visit` with each term of `text`, lower-cased, as the analyzer and n-gram range cut it. */
export function forEachTerm(
  text: string,
  analyzer: TextAnalyzer,
  [low, high]: [number, number],
  visit: TermVisitor,
): void {
  if (text === '') return;
  const lower = text.toLowerCase();
  switch (analyzer) {
    case 'word':
      visitWordGrams(lower, low, high, visit);
      return;
    case 'char':
      visitCharGrams(lower.replace(SPACES, ' '), low, high, visit);
      return;
    case 'char_wb':
      for (const word of lower.split(SPACES)) {
        if (word === '') continue;
        const padded = ` ${word} `;
        for (let n = low; n <= high; n++) {
          // A word shorter than n counts once, whole, as scikit-learn's char_wb does.
          if (padded.length <= n) {
            visit(padded, 0, padded.length);
            break;
          }
          visitCharGrams(padded, n, n, visit);
        }
      }
      return;
  }
}

function visitCharGrams(text: string, low: number, high: number, visit: TermVisitor): void {
  for (let n = low; n <= high; n++) {
    for (let i = 0; i + n <= text.length; i++) visit(text, i, i + n);
  }
}

/** Word starts and ends of the current text; reused (encoding never re-enters). */
let wordStarts = new Int32Array(1024);
let wordEnds = new Int32Array(1024);

/**
 * Word n-grams: words are runs of two or more letters, digits or `_` (scikit-learn's default token
 * pattern); an n-gram of several words is the words joined by one space.
 */
function visitWordGrams(text: string, low: number, high: number, visit: TermVisitor): void {
  let count = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (!isWordUnit(text, i, code)) {
      i++;
      continue;
    }
    const start = i;
    let characters = 0;
    while (i < length && isWordUnit(text, i, (code = text.charCodeAt(i)))) {
      // A letter outside the BMP is two code units and one character.
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      characters++;
    }
    if (characters < 2) continue;
    if (low === 1) visit(text, start, i);
    if (high === 1) continue;
    if (count === wordStarts.length) [wordStarts, wordEnds] = [grow(wordStarts), grow(wordEnds)];
    wordStarts[count] = start;
    wordEnds[count++] = i;
  }
  for (let n = Math.max(low, 2); n <= high; n++) {
    for (let w = 0; w + n <= count; w++) {
      let gram = text.slice(wordStarts[w], wordEnds[w]);
      for (let k = 1; k < n; k++) gram += ` ${text.slice(wordStarts[w + k], wordEnds[w + k])}`;
      visit(gram, 0, gram.length);
    }
  }
}

/** ASCII letters, digits and `_`. */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  /[A-Za-z0-9_]/.test(String.fromCharCode(code)) ? 1 : 0,
);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether the code unit at `text[i]` (`code`) starts a letter, digit or `_`. */
function isWordUnit(text: string, i: number, code: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  const point = text.codePointAt(i) as number;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(point));
}

/** A term's slot in an encoding, or -1 when its vocabulary does not hold it. */
type SlotOf = (source: string, start: number, end: number) => number;

/** Built once per encoding (a spec read from JSON is a new object, so it gets its own). */
const slotLookups = new WeakMap<TextEncoding, SlotOf>();

function slotLookup(encoding: TextEncoding): SlotOf {
  let lookup = slotLookups.get(encoding);
  if (!lookup) {
    const { slots } = encoding;
    if (slots.kind === 'hashing') {
      lookup = (source, start, end) => bucketOf(source, start, end, slots.buckets);
    } else {
      const index = TermIndex.of(slots.terms);
      lookup = (source, start, end) => index.find(source, start, end);
    }
    slotLookups.set(encoding, lookup);
  }
  return lookup;
}

/** The slots one row touched and their weights; reused by every row (encoding never re-enters). */
let touched = new Int32Array(256);
let weights = new Float64Array(256);

/**
 * Writes a value's TF-IDF vector into `out` from `at`, whose `encoding.idf.length` slots must be
 * zero: counts first, then each count becomes (1 + ln count) × idf and the vector is scaled to
 * unit length. Missing text, or text with no known term, stays all zero.
 */
export function writeTextFeature(
  encoding: TextEncoding,
  value: RawValue,
  out: Float32Array,
  at: number,
): void {
  if (isAbsent(value)) return;
  const slotOf = slotLookup(encoding);
  let count = 0;
  forEachTerm(String(value), encoding.analyzer, encoding.ngram, (source, start, end) => {
    const slot = slotOf(source, start, end);
    if (slot < 0) return;
    if (out[at + slot] === 0) {
      if (count === touched.length) [touched, weights] = [grow(touched), grow(weights)];
      touched[count++] = slot;
    }
    out[at + slot] = (out[at + slot] as number) + 1;
  });
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const slot = touched[i] as number;
    const weight = (1 + Math.log(out[at + slot] as number)) * (encoding.idf[slot] as number);
    weights[i] = weight;
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares);
  for (let i = 0; i < count; i++) out[at + (touched[i] as number)] = (weights[i] as number) / norm;
}
