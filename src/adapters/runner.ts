/** The GitHub Actions runner adapter: logs, outputs, secrets and the job summary via @actions/core. */
import path from 'node:path';
import * as core from '@actions/core';
import { fitSummary } from '../report/render.js';
import { printData } from '../safety/log.js';
import type { Logger } from './log.js';

/**
 * A Logger on the runner's log: `::group::` folds, `::warning::` annotations. Messages carry data
 * (column names, values), so info lines never act as workflow commands; core.warning and
 * core.group escape their text themselves (`%`, CR and LF, read back by the runner).
 */
export const runnerLogger: Logger = {
  info: (message) => printData(core.info, message),
  warn: (message) => core.warning(message),
  // @actions/core escapes the message and the properties (title, file) of an annotation.
  // GitHub places an annotation by the file's path in the repository.
  annotate: ({ severity, title, message, file }) =>
    (severity === 'error' ? core.error : core.warning)(message, {
      title,
      file: path.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), file),
    }),
  group: (name, fn) => core.group(name, fn),
};

/** Appends markdown to the job summary page, cut to the size GitHub accepts. */
export async function writeJobSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(fitSummary(markdown)).write();
}
