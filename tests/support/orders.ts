/** Orders the model fits from strings, for checking they do not depend on the locale. */
import type { RawTable } from '../../src/data/types.js';
import { fitPreprocessing } from '../../src/model/preprocess.js';
import { fitLabelEncoding, sortClasses } from '../../src/model/task.js';

/** 'äpple' and 'zebra' twice each: a vocabulary tie, and two classes to order. */
const WORDS = ['zebra', 'äpple', 'äpple', 'zebra'];

/** Sorted classes, a binary label's classes (positive last) and a categorical vocabulary. */
export function fittedOrders() {
  const data: RawTable = {
    source: 'data.csv',
    columns: ['fruit'],
    rows: WORDS.map((word) => [word]),
    lines: WORDS.map((_, i) => i + 2),
  };
  const label = fitLabelEncoding('binary', WORDS, 'fruit');
  const spec = fitPreprocessing(data, [0, 1, 2, 3], [{ column: 'fruit', kind: 'categorical' }], {
    column: 'y',
    ...label,
  });
  const feature = spec.features[0];
  return {
    classes: sortClasses(['Zoo', 'äpple', 'zebra', 'apple']),
    binary: label.task === 'binary' ? label.classes : null,
    vocabulary: feature?.kind === 'categorical' ? feature.vocabulary : null,
  };
}
