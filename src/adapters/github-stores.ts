/** The stores a run gets from GitHub when it has a token and knows its repository. */
import { unavailableCommentStore, type CommentStore } from '../report/comment.js';
import type { ReleaseStore } from '../registry/store.js';
import { DEFAULT_API_URL, parseRepo, releasePageUrl } from './github-repo.js';
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
  // octokit and its plugins load on the first GitHub call, so a run that makes none (a report
  // with `comment: never`, a push job's validate) does not pay for them at start-up.
  let loading: Promise<Pick<RunStores, 'releases' | 'comments'>> | undefined;
  const github = () =>
    (loading ??= (async () => {
      // One after the other: the stores import github.js too, and Jest's ESM loader fails on
      // concurrent imports of one module ("request … is not in cache").
      const { createGitHubClient } = await import('./github.js');
      const { createGitHubReleaseStore } = await import('./github-releases.js');
      const { createGitHubCommentStore } = await import('./github-comments.js');
      const client = createGitHubClient({ token, baseUrl: request.apiUrl || DEFAULT_API_URL, log });
      return {
        releases: createGitHubReleaseStore(client, repo, log, request.webUrl),
        comments: createGitHubCommentStore(client, repo),
      };
    })());
  return {
    releases: {
      publish: async (release) => (await github()).releases.publish(release),
      download: async (tag, asset) => (await github()).releases.download(tag, asset),
      list: async (tag) => (await github()).releases.list(tag),
      pageUrl: (tag) => releasePageUrl(request.webUrl, repo, tag),
    },
    comments: {
      upsert: async (target, marker, body) =>
        (await github()).comments.upsert(target, marker, body),
      pullRequestHead: async (number) => (await github()).comments.pullRequestHead(number),
    },
    releasesAt: `${repo.owner}/${repo.repo} on GitHub`,
  };
}
