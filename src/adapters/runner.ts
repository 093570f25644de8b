/** The GitHub Actions runner adapter: logs, outputs, secrets and the job summary via @actions/core. */
import * as core from '@actions/core';
import type { Logger } from './log.js';

/** A Logger on the runner's log: `::group::` folds, `::warning::` annotations. */
export const runnerLogger: Logger = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  group: (name, fn) => core.group(name, fn),
};

/** Appends markdown to the job summary page. */
export async function writeJobSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown, true).write();
}
