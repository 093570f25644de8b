/** The report's warning when the baseline's score collapsed on this data (evaluate/collapse.ts). */
import { baselineCollapse, type CollapseInput } from '../evaluate/collapse.js';
import { inlineText } from '../safety/markdown.js';
import { formatNumber } from './format.js';

/**
 * A paragraph for above the metrics comparison when the baseline collapsed on this data, like
 * "⚠️ The production model v1.2.0 scores 0.51 accuracy on this data against 0.86 when it was
 * registered: …"; null otherwise.
 */
export function collapseWarning(outcome: CollapseInput): string | null {
  const collapse = baselineCollapse(outcome);
  if (!collapse) return null;
  const stage = /^(.+) stage$/.exec(collapse.reason)?.[1];
  const model = stage
    ? `The ${inlineText(stage)} model v${inlineText(collapse.version)}`
    : `The baseline v${inlineText(collapse.version)} (${inlineText(collapse.reason)})`;
  return (
    `⚠️ ${model} scores ${formatNumber(collapse.current, 2)} ${inlineText(collapse.metric)} on this data ` +
    `against ${formatNumber(collapse.recorded, 2)} when it was registered: this looks like broken or shifted data, ` +
    'not a better candidate. Check the data checks and drift below before trusting the comparison.'
  );
}
