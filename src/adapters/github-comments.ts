/**
 * The sticky report comment on GitHub: every page of comments is read (a busy pull request holds
 * hundreds), the one carrying the marker is edited, and a duplicate left by two racing jobs is
 * folded into the older comment, so a pull request never shows two copies of one report.
 */
import type { CommentStore, CommentTarget } from '../report/comment.js';
import { gitHubFailure, type GitHubClient, type GitHubRepo } from './github.js';

interface RemoteComment {
  id: number;
  body?: string | undefined;
  html_url: string;
}

/** The REST calls for one kind of target, so the upsert logic is written once. */
interface CommentApi {
  list(): Promise<RemoteComment[]>;
  create(body: string): Promise<RemoteComment>;
  update(id: number, body: string): Promise<RemoteComment>;
  remove(id: number): Promise<void>;
}

const PER_PAGE = 100;

/** A CommentStore on the issues, pull requests and commits of `repo`. */
export function createGitHubCommentStore(client: GitHubClient, repo: GitHubRepo): CommentStore {
  return {
    async pullRequestHead(number) {
      try {
        return (await client.rest.pulls.get({ ...repo, pull_number: number })).data.head.sha;
      } catch (error) {
        throw gitHubFailure(`read pull request #${number}`, error);
      }
    },

    async upsert(target, marker, body) {
      const api = commentApi(client, repo, target);
      const what = describe(target);
      const call = <T>(action: string, fn: () => Promise<T>) =>
        fn().catch((error: unknown) => {
          throw gitHubFailure(`${action} the report comment on ${what}`, error, permission(target));
        });
      const mine = (comments: RemoteComment[]) =>
        comments.filter((comment) => comment.body?.includes(marker));
      const existing = mine(await call('list comments to find', () => api.list())).at(-1);
      if (existing) {
        const updated = await call('update', () => api.update(existing.id, body));
        return { url: updated.html_url, created: false };
      }
      const created = await call('create', () => api.create(body));
      // Two jobs that both found nothing both created one: the newer folds into the older.
      const older = mine(await call('list comments to check', () => api.list())).filter(
        (comment) => comment.id < created.id,
      );
      const keep = older.at(-1);
      if (!keep) return { url: created.html_url, created: true };
      const updated = await call('update', () => api.update(keep.id, body));
      await call('remove the duplicate of', () => api.remove(created.id));
      return { url: updated.html_url, created: false };
    },
  };
}

function commentApi(client: GitHubClient, repo: GitHubRepo, target: CommentTarget): CommentApi {
  const { rest } = client;
  if (target.kind === 'issue') {
    const issue = { ...repo, issue_number: target.number };
    return {
      list: () => client.paginate(rest.issues.listComments, { ...issue, per_page: PER_PAGE }),
      create: async (body) => (await rest.issues.createComment({ ...issue, body })).data,
      update: async (id, body) =>
        (await rest.issues.updateComment({ ...repo, comment_id: id, body })).data,
      remove: async (id) => {
        await rest.issues.deleteComment({ ...repo, comment_id: id });
      },
    };
  }
  const commit = { ...repo, commit_sha: target.sha };
  return {
    list: () =>
      client.paginate(rest.repos.listCommentsForCommit, { ...commit, per_page: PER_PAGE }),
    create: async (body) => (await rest.repos.createCommitComment({ ...commit, body })).data,
    update: async (id, body) =>
      (await rest.repos.updateCommitComment({ ...repo, comment_id: id, body })).data,
    remove: async (id) => {
      await rest.repos.deleteCommitComment({ ...repo, comment_id: id });
    },
  };
}

function describe(target: CommentTarget): string {
  return target.kind === 'issue' ? `#${target.number}` : `commit ${target.sha.slice(0, 7)}`;
}

/** The `permissions:` entry a workflow needs to post on this kind of target. */
function permission(target: CommentTarget): string {
  return target.kind === 'issue' ? 'pull-requests: write' : 'contents: write';
}
