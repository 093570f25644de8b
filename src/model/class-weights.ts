/** Class weights: how much each class's rows count in the loss, for imbalanced labels. */
import { ConfigError } from '../errors.js';
import type { LabelEncoding } from './task.js';

/** Classes an error lists before it says how many there are. */
const MAX_CLASSES_SHOWN = 20;

/** `model.class_weight`: every row the same, sklearn's `balanced`, or a weight per class name. */
export type ClassWeightSetting = 'none' | 'balanced' | Readonly<Record<string, number>>;

/**
 * The loss weight of each class index, or null when every row counts the same. `balanced` gives
 * class c the weight n / (k · n_c) over the training labels, as scikit-learn does, so the classes
 * weigh the same in total and the mean weight stays 1; a map gives the named classes their weight
 * and the others 1.
 */
export function resolveClassWeights(
  setting: ClassWeightSetting,
  encoding: LabelEncoding,
  trainLabels: Float32Array,
): number[] | null {
  if (setting === 'none') return null;
  if (encoding.task === 'regression') {
    throw new ConfigError(
      'model.class_weight: class weights apply to binary and multiclass labels, and this label is ' +
        'a regression target; remove model.class_weight.',
    );
  }
  const { classes } = encoding;
  if (setting === 'balanced') {
    const counts = new Array<number>(classes.length).fill(0);
    for (const label of trainLabels) counts[label] = (counts[label] ?? 0) + 1;
    const present = counts.filter((n) => n > 0).length;
    // A class absent from the training rows never reaches the loss; its weight does not matter.
    return counts.map((n) => (n > 0 ? trainLabels.length / (present * n) : 1));
  }
  const unknown = Object.keys(setting).filter((name) => !classes.includes(name));
  if (unknown.length > 0) {
    const shown = classes.slice(0, MAX_CLASSES_SHOWN).map((c) => JSON.stringify(c));
    const more = classes.length > shown.length ? `, … (${classes.length} in all)` : '';
    throw new ConfigError(
      `model.class_weight: ${JSON.stringify(unknown[0])} is not a class of the training labels; ` +
        `the classes are ${shown.join(', ')}${more}.`,
    );
  }
  return classes.map((name) => setting[name] ?? 1);
}
