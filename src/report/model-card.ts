/** The model card: the bundle's README.md and the release notes of a version. */
import type { MetricSet } from '../evaluate/types.js';
import type { TrainingInfo } from '../model/bundle.js';
import { codeText, inlineText } from '../safety/markdown.js';
import { formatNumber, markdownTable } from './format.js';

/** Renders the model card of a trained model from what training recorded. */
export function renderModelCard(training: TrainingInfo, metrics: MetricSet): string {
  const { rows, epochs } = training;
  return [
    `# Model card: ${inlineText(training.name)}`,
    '',
    `A ${training.task} model predicting <code>${codeText(training.label)}</code> from ${training.features.length} features, trained by mlops-actions.`,
    '',
    '## Validation metrics',
    '',
    Object.keys(metrics).length
      ? markdownTable(
          ['metric', 'value'],
          Object.entries(metrics).map(([m, v]) => [m, formatNumber(v)]),
        )
      : '_No validation split was configured._',
    '',
    '## Data',
    '',
    markdownTable(
      ['split', 'rows'],
      [
        ['train', String(rows.train)],
        ['validation', String(rows.validation)],
        ['test', String(rows.test)],
        ['dropped (no label)', String(rows.unlabeled)],
      ],
    ),
    '',
    `Data sha256 \`${training.dataHash}\`, config sha256 \`${training.configHash}\`.`,
    '',
    '## Features',
    '',
    markdownTable(
      ['column', 'kind'],
      training.features.map((f) => [f.column, f.kind]),
    ),
    '',
    '## Training',
    '',
    `- backend: ${training.backend}, seed: ${training.seed}`,
    `- epochs run: ${epochs.run}, weights kept from epoch ${epochs.best}${epochs.stoppedEarly ? ' (stopped early)' : ''}`,
    ...(training.warnings ?? []).map((warning) => `- warning: ${inlineText(warning)}`),
    '',
    '## Intended use and limits',
    '',
    'Evaluated on a held-out test split of the same data; check the slice metrics in the evaluation',
    'report before using it on populations that differ from the training data.',
    '',
  ].join('\n');
}
