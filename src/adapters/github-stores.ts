/** The stores a run gets from GitHub when it has a token and knows its repository. */
import { unavailableCommentStore, type CommentStore } from '../report/comment.js';
import type { ReleaseStore } from '../registry/store.js';
import { createGitHubCommentStore } from './github-comments.js';
import { createGitHubReleaseStore } from './github-releases.js';
import { createGitHubClient, DEFAULT_API_URL, parseRepo } from './github.js';
import { createLocalReleaseStore } from './local-releases.js';
import type { Logger } from './log.js';

export interface GitHubAccessRequest {
  token?: string | undefined;
  /** `OWNER/REPO`. */
  repository?: string | undefined;
  /** Where `repository` came from, for the error when it is malformed. */
  repositorySource: string;
  apiUrl?: string | undefined;
  /** The web root release pages are linked under (`GITHUB_SERVER_URL`). */
  webUrl?: string | undefined;
}

export interface RunStores {
  releases: ReleaseStore;
  comments: CommentStore;
  /** Where releases live, for the log: `OWNER/REPO on GitHub` or the local folder. */
  releasesAt: string;
}

/**
 * GitHub releases and comments when the run has a token and knows its repository; otherwise the
 * local release folder `releasesDir`, and comments that fail saying what is missing.
 */
export function createRunStores(
  request: GitHubAccessRequest,
  releasesDir: string,
  log: Logger,
): RunStores {
  const { token, repository } = request;
  if (!token || !repository) {
    const missing = token
      ? 'no repository (set GITHUB_REPOSITORY or pass --github OWNER/REPO)'
      : 'no GitHub token (set GITHUB_TOKEN)';
    return {
      releases: createLocalReleaseStore(releasesDir),
      comments: unavailableCommentStore(missing),
      releasesAt: releasesDir,
    };
  }
  const repo = parseRepo(repository, request.repositorySource);
  const client = createGitHubClient({
    token,
    baseUrl: request.apiUrl || DEFAULT_API_URL,
    log,
  });
  return {
    releases: createGitHubReleaseStore(client, repo, log, request.webUrl),
    comments: createGitHubCommentStore(client, repo),
    releasesAt: `${repo.owner}/${repo.repo} on GitHub`,
  };
}
