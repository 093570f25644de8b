import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  isAbsent
} from "./chunk-AIUCNH7N.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";

// src/util/random.ts
function createRng(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function shuffleInPlace(items, rng) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
function hashString(text, seed = 0) {
  let hash = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash >>> 0;
}

// src/model/term-index.ts
var TermIndex = class _TermIndex {
  terms = [];
  hashes = new Int32Array(64);
  /** Slot → id + 1, or 0 for an empty slot; its length is a power of two, at most half full. */
  slots = new Int32Array(128);
  /** An index of `terms`, each id its position. */
  static of(terms) {
    const index = new _TermIndex();
    for (const term of terms) index.add(term, 0, term.length);
    return index;
  }
  get size() {
    return this.terms.length;
  }
  /** The term with id `id`. */
  term(id) {
    return this.terms[id];
  }
  /** The id of `source.slice(start, end)`, or -1 when it is not in the index. */
  find(source, start, end) {
    const hash = hashRange(source, start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = slot + 1 & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && equalsRange(this.terms[id], source, start, end)) {
        return id;
      }
    }
  }
  /** The id of `source.slice(start, end)`, added with the next id when it is new. */
  add(source, start, end) {
    const found = this.find(source, start, end);
    if (found >= 0) return found;
    const id = this.terms.length;
    if (id === this.hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.terms.push(source.slice(start, end));
    this.hashes[id] = hashRange(source, start, end);
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id);
    return id;
  }
  place(id) {
    const mask = this.slots.length - 1;
    let slot = this.hashes[id] & mask;
    while (this.slots[slot] !== 0) slot = slot + 1 & mask;
    this.slots[slot] = id + 1;
  }
  rehash(size) {
    this.slots = new Int32Array(size);
    for (let id = 0; id < this.terms.length; id++) this.place(id);
  }
};
function hashRange(source, start, end) {
  let hash = 2654435769 ^ end - start;
  for (let i = start; i < end; i++) {
    hash = Math.imul(hash ^ source.charCodeAt(i), 1540483477);
    hash ^= hash >>> 15;
  }
  return hash;
}
function equalsRange(term, source, start, end) {
  if (term.length !== end - start) return false;
  for (let i = 0; i < term.length; i++) {
    if (term.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  }
  return true;
}

// src/model/text-features.ts
var TEXT_ANALYZERS = ["word", "char", "char_wb"];
var MAX_NGRAM = 8;
var MAX_TEXT_FEATURES = 5e4;
var DEFAULT_TEXT_FEATURES = 1e3;
var DEFAULT_MIN_DF = 2;
var DEFAULT_NGRAM = {
  word: [1, 1],
  char: [2, 4],
  char_wb: [2, 4]
};
var SHORT_TEXT_WORDS = 3;
var MAX_COUNTED_TERMS = 1e6;
function fitTextEncoding(column, values, settings = {}, maxCountedTerms = MAX_COUNTED_TERMS) {
  const documents = values.map((value) => isAbsent(value) ? "" : String(value));
  const analyzer = settings.analyzer ?? defaultAnalyzer(documents);
  const ngram = settings.ngram ?? DEFAULT_NGRAM[analyzer];
  const maxFeatures = settings.max_features ?? DEFAULT_TEXT_FEATURES;
  const minDf = settings.min_df ?? DEFAULT_MIN_DF;
  const minRows = minDf < 1 ? Math.ceil(minDf * documents.length) : minDf;
  const base = { kind: "text", column, analyzer, ngram };
  const counted = countTerms(documents, analyzer, ngram, maxCountedTerms);
  if (!counted) {
    const frequencies = bucketFrequencies(documents, analyzer, ngram, maxFeatures);
    return {
      ...base,
      slots: { kind: "hashing", buckets: maxFeatures },
      idf: idfOf(frequencies, documents.length)
    };
  }
  const kept = Array.from(counted.rows.keys()).filter((id) => counted.rows[id] >= minRows).sort(
    (a, b) => counted.total[b] - counted.total[a] || counted.rows[b] - counted.rows[a] || compareText(counted.terms.term(a), counted.terms.term(b))
  ).slice(0, maxFeatures);
  return {
    ...base,
    slots: { kind: "vocabulary", terms: kept.map((id) => counted.terms.term(id)) },
    idf: idfOf(
      kept.map((id) => counted.rows[id]),
      documents.length
    )
  };
}
function defaultAnalyzer(documents) {
  let present = 0;
  let short = 0;
  for (const document of documents) {
    if (document === "") continue;
    present++;
    if (isShort(document)) short++;
  }
  return present > 0 && short * 2 >= present ? "char_wb" : "word";
}
function isShort(text) {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = SPACE.test(text[i]);
    if (!space && !inWord && ++words > SHORT_TEXT_WORDS) return false;
    inWord = !space;
  }
  return true;
}
function idfOf(rowsWithTerm, rows) {
  return Array.from(rowsWithTerm, (df) => Math.log((1 + rows) / (1 + df)) + 1);
}
function countTerms(documents, analyzer, ngram, limit) {
  const terms = new TermIndex();
  let rows = new Int32Array(1024);
  let total = new Float64Array(1024);
  let lastRow = new Int32Array(1024).fill(-1);
  for (let row = 0; row < documents.length; row++) {
    forEachTerm(documents[row], analyzer, ngram, (source, start, end) => {
      const id = terms.add(source, start, end);
      if (id === rows.length) {
        rows = grow(rows);
        total = grow(total);
        lastRow = grow(lastRow, -1);
      }
      total[id] = total[id] + 1;
      if (lastRow[id] !== row) {
        lastRow[id] = row;
        rows[id] = rows[id] + 1;
      }
    });
    if (terms.size > limit) return null;
  }
  return { terms, rows: rows.subarray(0, terms.size), total };
}
function bucketFrequencies(documents, analyzer, ngram, buckets) {
  const rows = new Int32Array(buckets);
  const lastRow = new Int32Array(buckets).fill(-1);
  documents.forEach((document, row) => {
    forEachTerm(document, analyzer, ngram, (source, start, end) => {
      const bucket = bucketOf(source, start, end, buckets);
      if (lastRow[bucket] === row) return;
      lastRow[bucket] = row;
      rows[bucket] = rows[bucket] + 1;
    });
  });
  return rows;
}
function bucketOf(source, start, end, buckets) {
  return hashString(source.slice(start, end)) % buckets;
}
function grow(array, fill = 0) {
  const bigger = new array.constructor(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}
var SPACES = /\s+/g;
var SPACE = /\s/;
function forEachTerm(text, analyzer, [low, high], visit) {
  if (text === "") return;
  const lower = text.toLowerCase();
  switch (analyzer) {
    case "word":
      visitWordGrams(lower, low, high, visit);
      return;
    case "char":
      visitCharGrams(lower.replace(SPACES, " "), low, high, visit);
      return;
    case "char_wb":
      for (const word of lower.split(SPACES)) {
        if (word === "") continue;
        const padded = ` ${word} `;
        for (let n = low; n <= high; n++) {
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
function visitCharGrams(text, low, high, visit) {
  for (let n = low; n <= high; n++) {
    for (let i = 0; i + n <= text.length; i++) visit(text, i, i + n);
  }
}
var wordStarts = new Int32Array(1024);
var wordEnds = new Int32Array(1024);
function visitWordGrams(text, low, high, visit) {
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
    while (i < length && isWordUnit(text, i, code = text.charCodeAt(i))) {
      i += code >= 55296 && code <= 56319 ? 2 : 1;
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
var ASCII_WORD = new Uint8Array(128).map(
  (_, code) => /[A-Za-z0-9_]/.test(String.fromCharCode(code)) ? 1 : 0
);
var LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
function isWordUnit(text, i, code) {
  if (code < 128) return ASCII_WORD[code] === 1;
  const point = text.codePointAt(i);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(point));
}
var slotLookups = /* @__PURE__ */ new WeakMap();
function slotLookup(encoding) {
  let lookup = slotLookups.get(encoding);
  if (!lookup) {
    const { slots } = encoding;
    if (slots.kind === "hashing") {
      lookup = (source, start, end) => bucketOf(source, start, end, slots.buckets);
    } else {
      const index = TermIndex.of(slots.terms);
      lookup = (source, start, end) => index.find(source, start, end);
    }
    slotLookups.set(encoding, lookup);
  }
  return lookup;
}
var touched = new Int32Array(256);
var weights = new Float64Array(256);
function writeTextFeature(encoding, value, out, at) {
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
    out[at + slot] = out[at + slot] + 1;
  });
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const slot = touched[i];
    const weight = (1 + Math.log(out[at + slot])) * encoding.idf[slot];
    weights[i] = weight;
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares);
  for (let i = 0; i < count; i++) out[at + touched[i]] = weights[i] / norm;
}

export {
  createRng,
  shuffleInPlace,
  hashString,
  TEXT_ANALYZERS,
  MAX_NGRAM,
  MAX_TEXT_FEATURES,
  fitTextEncoding,
  writeTextFeature
};
