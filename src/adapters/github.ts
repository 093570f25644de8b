/**
 * The GitHub REST client: octokit from @actions/github with retries (5xx, network) and
 * rate-limit handling, its base URL from `GITHUB_API_URL` so GitHub Enterprise works, and
 * GitHub's errors turned into MlopsErrors that name the permission or setting to fix.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { MlopsError, PermissionDenied } from '../errors.js';
import { errorMessage } from '../util/text.js';
import type { Logger } from './log.js';

/** An authenticated octokit with the REST methods and pagination. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export { DEFAULT_API_URL, parseRepo, type GitHubRepo } from './github-repo.js';

export interface GitHubClientOptions {
  token: string;
  /** REST API root; `GITHUB_API_URL` on a runner (https://api.github.com, or /api/v3 on GHES). */
  baseUrl: string;
  log: Logger;
  /** Base wait between retries, in ms (octokit's default 1000): tests shorten it. */
  retryBaseMs?: number;
  /**
   * Space writes as GitHub asks (1 s apart, 3 s for those that notify people) to stay clear of
   * secondary rate limits; default true. Tests against a local server turn it off.
   */
  spaceWrites?: boolean;
}

/** Rate-limited requests are retried this often before the error reaches the caller. */
const RATE_LIMIT_RETRIES = 2;
/** Waiting longer than this for a rate limit to reset is worse than failing with a clear error. */
const MAX_RATE_LIMIT_WAIT_S = 120;

/** An octokit that retries server errors and waits out rate limits, logging each wait. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { log } = options;
  const base = options.retryBaseMs ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      const wait = retryAfter <= MAX_RATE_LIMIT_WAIT_S && count < RATE_LIMIT_RETRIES;
      log.warn(
        `GitHub ${kind} hit on ${request.method} ${request.url}: ` +
          (wait ? `retrying in ${retryAfter} s` : 'giving up'),
      );
      return wait;
    };
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      retry: { retryAfterBaseValue: base },
      throttle: {
        retryAfterBaseValue: base,
        ...(options.spaceWrites === false ? unspacedWrites() : {}),
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
      // octokit logs every failed request itself; our errors say it once, with the remedy.
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    },
    retry,
    throttling,
  );
}

/** Limiter groups that let writes through back to back (the plugin's own are shared and spaced). */
function unspacedWrites() {
  const group = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return { write: group(), notifications: group() };
}

/** The HTTP status of an octokit RequestError, or null for any other error. */
export function httpStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('status' in error)) return null;
  return typeof error.status === 'number' ? error.status : null;
}

/** GitHub's message for a failed request (the `message` of its JSON body), for our own errors. */
function gitHubMessage(error: unknown): string {
  const response = (error as { response?: { data?: unknown } }).response;
  const data = response?.data as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : errorMessage(error);
  const details = Array.isArray(data?.errors)
    ? data.errors
        .map((e: unknown) =>
          typeof e === 'object' && e !== null
            ? ((e as { message?: string; code?: string }).message ??
              (e as { code?: string }).code ??
              '')
            : String(e),
        )
        .filter(Boolean)
    : [];
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

/**
 * A failed GitHub call as an MlopsError: what was attempted, GitHub's answer, and the fix for the
 * usual causes (bad token, missing `permissions:` entry, unknown repository).
 */
export function gitHubFailure(
  action: string,
  error: unknown,
  permissions: string[] = [],
): MlopsError {
  const status = httpStatus(error);
  const answer = status === null ? errorMessage(error) : `${status} ${gitHubMessage(error)}`;
  let advice = '';
  if (status === 403 && permissions.length > 0 && !/rate limit/i.test(answer)) {
    const grant = permissions.map((p) => `\`permissions: ${p}\``).join(' or ');
    return new PermissionDenied(
      `GitHub refused to ${action}: ${answer}. The token may not do this: grant ${grant} ` +
        'to the job (a pull request from a fork never gets it).',
    );
  }
  if (status === 401) {
    advice = ' The token was refused: check GITHUB_TOKEN (or the github-token input).';
  } else if (status === 404) {
    advice =
      ' Check the repository name, and that the token can see it (a 404 also hides missing access).';
  }
  return new MlopsError(`GitHub could not ${action}: ${answer}.${advice}`);
}
