/**
 * What a CI run knows about itself, read from the environment GitHub Actions sets (`GITHUB_*`).
 * The action and the CLI share it; @actions/github's `context` reads the same variables, but only
 * `process.env` and only once at import, while the CLI takes its environment as an argument.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { eventHeadSha, type RunEvent } from '../report/comment.js';
import { errorMessage } from '../util/text.js';

export interface RunContext extends RunEvent {
  /** `OWNER/REPO`, when known. */
  repository: string | null;
  /** The workflow's name, which keeps reports of different workflows apart. */
  workflow: string | null;
  /** Who triggered the run, recorded on registry events. */
  actor: string | null;
  /** The run's page (its job summary holds the whole report), when known. */
  runUrl: string | null;
  /** The commit the run is for (a pull request's head) and its page, when known. */
  commit: { sha: string; url: string } | null;
}

/** Reads the run's context; outside Actions every field is empty and the payload `{}`. */
export async function readRunContext(env: NodeJS.ProcessEnv): Promise<RunContext> {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY || null;
  const sha = env.GITHUB_SHA ?? '';
  const event: RunEvent = {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: env.GITHUB_EVENT_PATH ? await readPayload(env.GITHUB_EVENT_PATH) : {},
    sha,
  };
  // A pull request run checks out a merge commit; people know the PR by its head commit.
  const evaluated = eventHeadSha(event) ?? sha;
  return {
    ...event,
    repository,
    workflow: env.GITHUB_WORKFLOW || null,
    actor: env.GITHUB_ACTOR || null,
    runUrl:
      repository && env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : null,
    commit:
      repository && /^[0-9a-f]{40,64}$/.test(evaluated)
        ? { sha: evaluated, url: `${server}/${repository}/commit/${evaluated}` }
        : null,
  };
}

async function readPayload(file: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `GITHUB_EVENT_PATH ${file}: not a readable JSON event (${errorMessage(error)}).`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`GITHUB_EVENT_PATH ${file}: expected a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}
