/** What names a repository on GitHub, without the REST client (so naming one loads no octokit). */
import { UsageError } from '../errors.js';

/** The repository calls are made on. */
export interface GitHubRepo {
  owner: string;
  repo: string;
}

/** The default REST root, used when `GITHUB_API_URL` is not set (outside Actions). */
export const DEFAULT_API_URL = 'https://api.github.com';

/** `OWNER/REPO` as a GitHubRepo; a UsageError naming `source` when it is not of that form. */
export function parseRepo(text: string, source: string): GitHubRepo {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  if (!match?.[1] || !match[2] || match[2] === '.' || match[2] === '..') {
    throw new UsageError(`${source}: expected OWNER/REPO, got "${text}".`);
  }
  return { owner: match[1], repo: match[2] };
}

/** The web page of `repo`'s release for `tag`. */
export function releasePageUrl(
  webUrl = 'https://github.com',
  repo: GitHubRepo,
  tag: string,
): string {
  return `${webUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}/releases/tag/${encodeURIComponent(tag)}`;
}
