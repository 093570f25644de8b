/** Inferring the learning task and the label encoding from the label column. */
import { DataError } from '../errors.js';
import { isAbsent } from '../data/missing.js';
import { parseNumber } from '../data/kinds.js';
import type { RawValue } from '../data/types.js';
import type { Task } from '../evaluate/types.js';
import { meanAndStd, standardize } from '../util/moments.js';
import { compareText } from '../util/text.js';

/** Most distinct labels a classification task may have before it must be set explicitly. */
const MAX_CLASSES = 50;
/** Integer labels with more distinct values than this are taken as a quantity (regression). */
const MAX_INTEGER_CLASSES = 10;
/**
 * Most classes a multiclass model may have, even when model.task says multiclass: outputs,
 * predictions and their evaluation grow with rows × classes.
 */
const MAX_MULTICLASS_CLASSES = 1000;
/** Beyond MAX_CLASSES classes, the training rows each class needs on average to be learnt. */
const MIN_ROWS_PER_CLASS = 10;

/** How labels are turned into numbers and back. */
export type LabelEncoding =
  | { task: 'binary'; classes: [string, string] }
  | { task: 'multiclass'; classes: string[] }
  | { task: 'regression'; mean: number; std: number };

/** Picks binary, multiclass or regression from the label values (ignoring missing ones). */
export function inferTask(labels: RawValue[], labelName: string): Task {
  const present = labels.filter((v) => !isAbsent(v));
  const distinct = new Set(present.map(String));
  if (distinct.size < 2) {
    throw new DataError(
      `label "${labelName}" has ${distinct.size} distinct value(s); a model needs at least two.`,
    );
  }
  if (distinct.size === 2) return 'binary';
  const numbers = present.map(parseNumber);
  const allNumeric = numbers.every((n) => n !== null);
  if (allNumeric) {
    const integral = numbers.every((n) => Number.isInteger(n));
    return integral && distinct.size <= MAX_INTEGER_CLASSES ? 'multiclass' : 'regression';
  }
  if (distinct.size <= MAX_CLASSES) return 'multiclass';
  throw new DataError(
    `label "${labelName}" has ${distinct.size} distinct text values: too many classes to infer a task. ` +
      'Set model.task in mlops.yml, or choose another label.',
  );
}

/** Learns the label encoding from the training labels. */
export function fitLabelEncoding(task: Task, labels: RawValue[], labelName: string): LabelEncoding {
  const present = labels.filter((v) => !isAbsent(v));
  if (task === 'regression') {
    const values = present.map((v) => {
      const n = parseNumber(v);
      if (n === null || !Number.isFinite(n)) {
        throw new DataError(
          `label "${labelName}": regression needs finite numbers, found ${JSON.stringify(v)}.`,
        );
      }
      return n;
    });
    const { mean, std } = meanAndStd(values, labelName);
    return { task, mean, std: std || 1 };
  }
  const classes = sortClasses([...new Set(present.map(String))]);
  if (task === 'binary') {
    if (classes.length !== 2) {
      throw new DataError(
        `label "${labelName}": binary needs exactly two classes in the training data, found ${classes.length} (${classes.slice(0, 5).join(', ')}).`,
      );
    }
    return { task, classes: [classes[0] as string, classes[1] as string] };
  }
  checkClassCount(classes.length, present.length, labelName);
  return { task, classes };
}

/** Throws DataError, before any training, when a label has too many classes to learn. */
function checkClassCount(classes: number, rows: number, labelName: string): void {
  const tooMany =
    classes > MAX_MULTICLASS_CLASSES ||
    (classes > MAX_CLASSES && classes * MIN_ROWS_PER_CLASS > rows);
  if (!tooMany) return;
  throw new DataError(
    `label "${labelName}" has ${classes.toLocaleString('en-US')} classes in ${rows.toLocaleString('en-US')} training rows: ` +
      `too many for a classifier (at most ${MAX_MULTICLASS_CLASSES.toLocaleString('en-US')}, and beyond ${MAX_CLASSES} ` +
      `at least ${MIN_ROWS_PER_CLASS} rows per class). If the label is a quantity, set model.task: regression; ` +
      'otherwise group the classes into fewer (for example rare ones into "other") before training.',
  );
}

/**
 * Orders classes so the positive class of a binary task comes last: numeric labels by value
 * (0 before 1), the usual negatives (false, no, n) first, else by code unit (as in every locale).
 */
export function sortClasses(classes: string[]): string[] {
  const negatives = ['false', 'no', 'n', 'f', 'negative', 'neg'];
  const rank = (c: string) => (negatives.includes(c.toLowerCase()) ? 0 : 1);
  return [...classes].sort((a, b) => {
    const na = parseNumber(a);
    const nb = parseNumber(b);
    if (na !== null && nb !== null) return na - nb;
    return rank(a) - rank(b) || compareText(a, b);
  });
}

/** Encodes one label: class index for classification, standardised value for regression. */
export function encodeLabel(encoding: LabelEncoding, value: RawValue): number | null {
  if (isAbsent(value)) return null;
  if (encoding.task === 'regression') {
    const n = parseNumber(value);
    return n === null ? null : standardize(n, encoding);
  }
  return classIndex(encoding.classes).get(String(value)) ?? null;
}

/** Class → index maps per classes array, built once: a search per row was rows × classes. */
const classIndices = new WeakMap<readonly string[], Map<string, number>>();

/** Each class's index in `classes` (the first, should a class repeat). */
function classIndex(classes: readonly string[]): Map<string, number> {
  let index = classIndices.get(classes);
  if (!index) {
    index = new Map();
    for (const [i, name] of classes.entries()) if (!index.has(name)) index.set(name, i);
    classIndices.set(classes, index);
  }
  return index;
}

/**
 * Standardised regression values back in the label's units, as Float64 so large labels keep
 * their digits (Float32Array.map would round them).
 */
export function decodeRegression(
  encoding: Extract<LabelEncoding, { task: 'regression' }>,
  values: ArrayLike<number>,
): Float64Array {
  return Float64Array.from(values, (v) => v * encoding.std + encoding.mean);
}
