/**
 * The sticky report comment on GitHub: every page of comments is read (a busy pull request holds
 * hundreds), the one carrying the marker is edited, and a duplicate left by two racing jobs is
 * folded into the older comment, so a pull request never shows two copies of one report.
 */
import type { CommentStore, CommentTarget } from '../report/comment.js';
import { gitHubFailure, httpStatus, type GitHubClient, type GitHubRepo } from './github.js';

interface RemoteComment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user: { type: string } | null;
  author_association: string;
}

/** The REST calls for one kind of target, so the upsert logic is written once. */
interface CommentApi {
  list(): Promise<RemoteComment[]>;
  create(body: string): Promise<RemoteComment>;
  update(id: number, body: string): Promise<RemoteComment>;
  remove(id: number): Promise<void>;
}

const PER_PAGE = 100;
/** Who may have written our comment: a bot token (GITHUB_TOKEN, an App), or a maintainer's PAT. */
const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * True when `comment` is this report's: it starts with the marker and was written by a bot or a
 * maintainer, so a stranger quoting the marker in a comment of their own never takes it over.
 */
function isReportComment(comment: RemoteComment, marker: string): boolean {
  const trusted =
    comment.user?.type === 'Bot' || TRUSTED_ASSOCIATIONS.has(comment.author_association);
  return trusted && (comment.body ?? '').startsWith(marker);
}

/** A CommentStore on the issues, pull requests and commits of `repo`. */
export function createGitHubCommentStore(client: GitHubClient, repo: GitHubRepo): CommentStore {
  return {
    async pullRequestHead(number) {
      try {
        const { head } = (await client.rest.pulls.get({ ...repo, pull_number: number })).data;
        return { sha: head.sha, repository: head.repo?.full_name ?? null };
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
      const find = async () =>
        (await call('list comments to find', () => api.list()))
          .filter((comment) => isReportComment(comment, marker))
          .sort((a, b) => a.id - b.id);
      let matches = await find();
      let created: RemoteComment | null = null;
      if (matches.length === 0) {
        created = await call('create', () => api.create(body));
        // Jobs racing each create one; all of them then keep the oldest, so they agree.
        matches = await find();
        if (!matches.some((comment) => comment.id === created?.id)) matches.push(created);
      }
      const [keep, ...extra] = matches as [RemoteComment, ...RemoteComment[]];
      const kept =
        keep.id === created?.id ? keep : await call('update', () => api.update(keep.id, body));
      for (const duplicate of extra) {
        await api.remove(duplicate.id).catch((error: unknown) => {
          // Another racing job removed it first: the outcome is the same.
          if (httpStatus(error) !== 404) throw gitHubFailure(`remove a duplicate of`, error);
        });
      }
      return { url: kept.html_url, created: keep.id === created?.id };
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
function permission(target: CommentTarget): string[] {
  return target.kind === 'issue' ? ['pull-requests: write', 'issues: write'] : ['contents: write'];
}
