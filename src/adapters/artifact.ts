/** Saving files as a workflow artifact from inside the action, when the runner allows it. */
import path from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { errorMessage } from '../util/text.js';
import type { Logger } from './log.js';

/**
 * Uploads `files` as artifact `name` and returns its id, or null when it could not: an upload needs
 * the runner's ACTIONS_RUNTIME_TOKEN, and a missing artifact must never fail the step.
 */
export async function uploadArtifact(
  name: string,
  files: string[],
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<number | null> {
  if (!env.ACTIONS_RUNTIME_TOKEN) {
    log.info(
      `artifact ${name} not saved: no ACTIONS_RUNTIME_TOKEN here (not a GitHub runner). ` +
        'Upload the report with actions/upload-artifact instead.',
    );
    return null;
  }
  try {
    const root = path.dirname(files[0] ?? '.');
    const client = new DefaultArtifactClient();
    // "Re-run jobs" runs in the same workflow run, where the first attempt's artifact holds the name.
    await client.deleteArtifact(name).catch(() => undefined);
    const { id } = await client.uploadArtifact(name, files, root, {
      retentionDays: 14,
    });
    log.info(`saved artifact ${name}`);
    return id ?? null;
  } catch (error) {
    log.warn(`artifact ${name} not saved: ${errorMessage(error)}`);
    return null;
  }
}
