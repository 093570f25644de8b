/**
 * The trivial baseline: what a model that learned nothing from the features scores on the same
 * test rows. Classification: every row gets the training class priors as probabilities, so the
 * majority class is predicted (and auc is 0.5); regression: every row gets the training mean.
 * A metric means little until it is read beside this.
 */
import { excerpt } from '../data/bounds.js';
import { DataError } from '../errors.js';
import type { Predictions, TrivialPredictor } from './types.js';

/** What the trivial baseline learns from the training split. */
export type TrainingLabels =
  /** Rows of each class in the training split, in the model's class order. */
  { task: 'binary' | 'multiclass'; classCounts: number[] } | { task: 'regression'; mean: number };

export interface TrivialBaseline {
  predictor: TrivialPredictor;
  /** For the rows and labels of the model's predictions. */
  predictions: Predictions;
}

/** The trivial baseline fitted on `training`, predicting the rows of `p`. */
export function trivialBaseline(p: Predictions, training: TrainingLabels): TrivialBaseline {
  const n = p.labels.length;
  if (p.task === 'regression' || training.task === 'regression') {
    if (p.task !== 'regression' || training.task !== 'regression') {
      throw new Error(`trivial baseline fitted for ${training.task}, asked to predict ${p.task}`);
    }
    return {
      predictor: { kind: 'mean', value: training.mean },
      predictions: { ...p, values: new Float64Array(n).fill(training.mean) },
    };
  }
  const priors = classPriors(training.classCounts);
  // The first of tied classes, as argmax picks it.
  const majority = priors.indexOf(Math.max(...priors));
  const classes = p.task === 'binary' ? (p.classes ?? ['0', '1']) : p.classes;
  const predictor: TrivialPredictor = {
    kind: 'majority',
    class: excerpt(classes[majority] ?? String(majority)),
    share: priors[majority] as number,
  };
  if (p.task === 'binary') {
    return { predictor, predictions: { ...p, scores: new Float64Array(n).fill(priors[1] ?? 0) } };
  }
  // Every row shares one row of priors: nothing is copied per row.
  const row = Float64Array.from(priors);
  return { predictor, predictions: { ...p, probabilities: new Array<Float64Array>(n).fill(row) } };
}

/** Each class's share of the training rows. */
function classPriors(counts: number[]): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (!(total > 0)) throw new DataError('The trivial baseline needs labelled training rows.');
  return counts.map((c) => c / total);
}
