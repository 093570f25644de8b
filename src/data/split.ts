/** Deterministic train/validation/test splits: by row-content hash, a seeded shuffle, or a key hash. */
import { ConfigError } from '../errors.js';
import { createRng, hashString, shuffleInPlace } from '../util/random.js';
import { compareText } from '../util/text.js';
import type { SplitIndices } from './types.js';

export interface SplitOptions {
  /** Share of rows for testing, from 0 up to (not including) 1. */
  test: number;
  /** Share of rows for validation (early stopping), from 0; test + validation < 1. */
  validation: number;
  seed: number;
  /** One key per row (e.g. an id): a key lands in the same split in every version of the data. */
  keys?: (string | null)[];
  /** The keys as `keyHash` gives them, in place of `keys`: 4 bytes a row for a streamed file. */
  keyHashes?: ArrayLike<number>;
  /**
   * One class per row (the label, for classification), so every split gets each class in about
   * its overall share. Ignored with `keys`, since moving rows to balance classes would break the
   * key's stability.
   */
  stratify?: (string | null)[];
  /**
   * One fingerprint per row (its content): rows are then ordered by a hash of it rather than by a
   * seeded shuffle, so a row keeps its split when rows are added or reordered, and the test rows of
   * a new model were not training rows of the model before it (only rows near a cut may move).
   */
  fingerprints?: string[];
  /** The fingerprints as `contentHash` gives them, in place of `fingerprints`. */
  fingerprintHashes?: ArrayLike<number>;
}

/** What a row's split key stands for in the split: its hash with the seed (row `index` without one). */
export function keyHash(key: string | null, index: number, seed: number): number {
  return mix32(hashString(key ?? `\u0000row ${index}`, seed));
}

/** What a row's content fingerprint (see SplitOptions.fingerprints) stands for in the split. */
export function contentHash(fingerprint: string, seed: number): number {
  return mix32(hashString(fingerprint, seed));
}

/**
 * Row indices of each split, each ascending. Without keys, rows are shuffled with `seed` (and
 * ordered by class when stratifying) and cut: test gets `round(count × test)` rows (half up), at
 * least 1 when test > 0 and there are 2 or more rows; validation likewise with at least 1 from 3
 * rows; train keeps the rest and at least 1 row. With keys, each row goes by the hash of its key
 * and seed: shares are then approximate, and rows without a key are placed by their row number.
 */
export function splitRows(count: number, options: SplitOptions): SplitIndices {
  checkShares(options.test, options.validation);
  const { seed } = options;
  const keys = options.keyHashes ?? options.keys?.map((key, index) => keyHash(key, index, seed));
  const ranks =
    options.fingerprintHashes ?? options.fingerprints?.map((text) => contentHash(text, seed));
  for (const [field, values] of [
    ['keys', keys],
    ['stratify', options.stratify],
    ['fingerprints', ranks],
  ] as const) {
    if (values && values.length !== count) {
      throw new Error(`splitRows: ${values.length} ${field} for ${count} rows`);
    }
  }
  if (keys) return splitByKey(keys, options);
  const arrange = arranger(ranks, seed);
  const order = options.stratify
    ? stratifiedOrder(options.stratify, arrange)
    : arrange(Array.from({ length: count }, (_, i) => i));
  const { test, validation } = splitSizes(count, options.test, options.validation);
  const ascending = (indices: number[]) => indices.sort((a, b) => a - b);
  return {
    train: ascending(order.slice(test + validation)),
    validation: ascending(order.slice(test, test + validation)),
    test: ascending(order.slice(0, test)),
  };
}

function checkShares(test: number, validation: number): void {
  for (const [field, share] of [
    ['data.split.test', test],
    ['data.split.validation', validation],
  ] as const) {
    if (!Number.isFinite(share) || share < 0 || share >= 1) {
      throw new ConfigError(
        `${field} must be a share of rows from 0 up to (not including) 1, e.g. 0.2; got ${share}.`,
      );
    }
  }
  if (test + validation >= 1) {
    throw new ConfigError(
      `data.split.test + data.split.validation must be below 1 so rows remain for training; got ${test} + ${validation}. Lower one of them.`,
    );
  }
}

function splitSizes(count: number, test: number, validation: number) {
  let testRows = Math.round(count * test);
  let validationRows = Math.round(count * validation);
  if (test > 0 && count >= 2) testRows = Math.max(testRows, 1);
  if (validation > 0 && count >= 3) validationRows = Math.max(validationRows, 1);
  testRows = Math.min(testRows, Math.max(count - 1, 0));
  validationRows = Math.min(validationRows, Math.max(count - 1 - testRows, 0));
  return { test: testRows, validation: validationRows };
}

/** Puts row indices in split order: by content hash when given, else a seeded shuffle. */
function arranger(
  rank: ArrayLike<number> | undefined,
  seed: number,
): (indices: number[]) => number[] {
  if (rank) {
    return (indices) => indices.sort((a, b) => (rank[a] as number) - (rank[b] as number) || a - b);
  }
  const rng = createRng(seed);
  return (indices) => shuffleInPlace(indices, rng);
}

/**
 * Rows arranged within each class, then interleaved by their relative rank in their class, so any
 * leading slice holds each class in about its overall share.
 */
function stratifiedOrder(
  strata: (string | null)[],
  arrange: (indices: number[]) => number[],
): number[] {
  const groups = new Map<string | null, number[]>();
  strata.forEach((stratum, index) => {
    const members = groups.get(stratum);
    if (members) members.push(index);
    else groups.set(stratum, [index]);
  });
  // A fixed group order keeps the shuffle's draws, and so the split, the same for the same data.
  const ordered = [...groups.entries()].sort(([a], [b]) => compareStrata(a, b));
  const placed = ordered.flatMap(([, members], group) =>
    arrange(members).map((index, rank) => ({
      index,
      group,
      position: (rank + 0.5) / members.length,
    })),
  );
  placed.sort((a, b) => a.position - b.position || a.group - b.group);
  return placed.map((row) => row.index);
}

function compareStrata(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

/** Each row by its key's hash (see keyHash): shares of the hash range make the splits. */
function splitByKey(
  hashes: ArrayLike<number>,
  options: { test: number; validation: number },
): SplitIndices {
  const split: SplitIndices = { train: [], validation: [], test: [] };
  for (let index = 0; index < hashes.length; index++) {
    const share = (hashes[index] as number) / 2 ** 32;
    if (share < options.test) split.test.push(index);
    else if (share < options.test + options.validation) split.validation.push(index);
    else split.train.push(index);
  }
  return split;
}

/** MurmurHash3's finalizer: FNV-1a leaves near-identical keys (id 1001, 1002…) close together. */
function mix32(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A seeded sample of `size` of `count` rows, as a mask (1: drawn) by row; null when `size` covers
 * them all, so a small table is used whole.
 */
export function sampleRows(count: number, size: number, seed: number): Uint8Array | null {
  if (count <= size) return null;
  const rng = createRng(seed);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const mask = new Uint8Array(count);
  // A partial Fisher–Yates shuffle: its first `size` places are a uniform sample.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (count - i));
    const drawn = order[j] as number;
    order[j] = order[i] as number;
    order[i] = drawn;
    mask[drawn] = 1;
  }
  return mask;
}
