/**
 * The sticky report comment, as pure functions: where it goes (a pull request, an issue or a
 * commit, from an explicit target or the triggering event), the hidden marker that finds it again,
 * and its body cut to GitHub's limit with a link to the whole report.
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { isValidName } from '../registry/tags.js';
import { parseJson } from '../util/json.js';
import { commentText } from '../safety/markdown.js';
import { COMMENT_LIMIT, cutAtLine, reportMarker } from './render.js';

/** Where a comment is posted: a pull request or issue by number, or a commit by SHA. */
export type CommentTarget = { kind: 'issue'; number: number } | { kind: 'commit'; sha: string };

/** Posts the one comment carrying a marker on a target (GitHub, or a test double). */
export interface CommentStore {
  /** Edits the comment holding `marker` on `target`, or creates it; never leaves two. */
  upsert(
    target: CommentTarget,
    marker: string,
    body: string,
  ): Promise<{ url: string; created: boolean }>;
  /** The head of pull request `number` (commit and repository), to check what a report is about. */
  pullRequestHead(number: number): Promise<{ sha: string; repository: string | null }>;
}

/** The parts of a workflow run's event that decide where a report is posted. */
export interface RunEvent {
  eventName: string;
  /** The event payload (`GITHUB_EVENT_PATH`'s JSON); `{}` outside Actions. */
  payload: Record<string, unknown>;
  /** The commit the run is for (`GITHUB_SHA`). */
  sha: string;
}

/** `pr/N`, `issue/N` or `commit/SHA` as a CommentTarget; a UsageError for anything else. */
export function parseCommentTarget(text: string): CommentTarget {
  const match = /^(pr|issue|commit)\/(.+)$/.exec(text.trim());
  const [, kind, value = ''] = match ?? [];
  if ((kind === 'pr' || kind === 'issue') && /^[1-9][0-9]{0,9}$/.test(value)) {
    return { kind: 'issue', number: Number(value) };
  }
  if (kind === 'commit' && /^[0-9a-f]{7,64}$/i.test(value)) {
    return { kind: 'commit', sha: value.toLowerCase() };
  }
  throw new UsageError(
    `target "${text}": expected pr/NUMBER, issue/NUMBER or commit/SHA (like pr/12 or commit/1a2b3c4).`,
  );
}

/**
 * The comment target of a run: the pull request of a `pull_request`, `pull_request_target`,
 * `issue_comment` or `workflow_run` event, the commit of a `push`; null when there is none (a
 * `workflow_run` of a fork's PR lists no pull request: pass its number explicitly).
 */
export function eventCommentTarget(event: RunEvent): CommentTarget | null {
  const payload = event.payload;
  const number = (value: unknown): CommentTarget | null =>
    Number.isSafeInteger(value) && (value as number) > 0
      ? { kind: 'issue', number: value as number }
      : null;
  switch (event.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return number(field(payload, 'pull_request', 'number') ?? payload.number);
    case 'issue_comment':
    case 'issues':
      return number(field(payload, 'issue', 'number'));
    case 'workflow_run': {
      const pulls = field(payload, 'workflow_run', 'pull_requests');
      return Array.isArray(pulls) ? number(field(pulls[0], 'number')) : null;
    }
    case 'push':
      return /^[0-9a-f]{40,64}$/.test(event.sha) ? { kind: 'commit', sha: event.sha } : null;
    default:
      return null;
  }
}

/** The explicit target when given (`pr/N`, `issue/N`, `commit/SHA`), else the event's, else null. */
export function chooseCommentTarget(
  explicit: string | undefined,
  event: RunEvent,
): CommentTarget | null {
  return explicit ? parseCommentTarget(explicit) : eventCommentTarget(event);
}

/** True when the run is for a pull request: `comment: auto` posts there, `register: auto` does not. */
export function isPullRequestEvent(event: RunEvent): boolean {
  if (event.eventName.startsWith('pull_request')) return true;
  return event.eventName === 'workflow_run' && eventCommentTarget(event) !== null;
}

/** True for a pull request from a fork, whose token is read-only by GitHub's rules. */
export function isForkPullRequest(event: RunEvent): boolean {
  return field(event.payload, 'pull_request', 'head', 'repo', 'fork') === true;
}

/** The hidden marker of one model's report from one workflow; workflows never edit each other's. */
export function commentMarker(name: string, workflow?: string): string {
  if (!workflow) return reportMarker(name);
  // `--` would end the HTML comment early; commentText keeps line ends and brackets out.
  const safe = commentText(workflow).replace(/-{2,}/g, '-');
  return `<!-- mlops-actions report ${commentText(name)} workflow: ${safe} -->`;
}

/**
 * The comment body: the report with its own marker replaced by `marker`, cut under GitHub's limit
 * with a visible note pointing at the whole report when it does not fit.
 */
export function commentBody(
  report: string,
  marker: string,
  fullReport: string | null,
  limit = COMMENT_LIMIT,
): string {
  const text = report.replace(/^<!-- mlops-actions report [^\n]*-->\n?/, '');
  const body = `${marker}\n${text}`;
  if (body.length <= limit) return body;
  const where = fullReport ? `[the whole report](${fullReport})` : 'the whole report (report.md)';
  const note = `\n\n> ⚠️ This comment was cut to fit GitHub's ${limit}-character limit: see ${where}.\n`;
  return cutAtLine(body, limit - note.length) + note;
}

/** `payload[a][b]…` when each step is an object, else undefined. */
function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A CommentStore for runs without GitHub access: posting fails with `reason`, nothing else does. */
export function unavailableCommentStore(reason: string): CommentStore {
  const refuse = () => Promise.reject(new UsageError(`cannot post the report comment: ${reason}`));
  return { upsert: refuse, pullRequestHead: refuse };
}

/**
 * A comment a job could not post (a fork's read-only token), saved beside the report so a trusted
 * `workflow_run` job can post it. Everything in it came from the fork: it is checked field by field.
 */
export const pendingCommentSchema = z.object({
  schema: z.literal('mlops-actions/pending-comment/v1'),
  target: z.string().regex(/^pr\/[1-9][0-9]{0,9}$/, 'expected pr/NUMBER'),
  name: z.string().refine(isValidName, 'expected a model name'),
  workflow: z.string().max(200).nullable(),
  /** The pull request head the report was made from; the poster checks the PR still has it. */
  headSha: z.string().regex(/^[0-9a-f]{40,64}$/, 'expected a commit SHA'),
});

export type PendingComment = z.infer<typeof pendingCommentSchema>;

/** Parses a pending comment file; a UsageError names the file and the bad field. */
export function parsePendingComment(text: string, file: string): PendingComment {
  const result = pendingCommentSchema.safeParse(
    parseJson(text, file, 'It is written by the job that could not comment.'),
  );
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`);
}

/** The head commit a pull request run tested (the PR's head, not the merge commit), or null. */
export function eventHeadSha(event: RunEvent): string | null {
  return sha(field(event.payload, 'pull_request', 'head', 'sha'));
}

/** What a `workflow_run` event says, from GitHub, about the run that triggered it. */
export interface TriggeringRun {
  /** The head commit it tested and the repository that commit came from (a fork's). */
  sha: string;
  repository: string | null;
  /** Its workflow's name, which keeps its comment apart from other workflows'. */
  workflow: string | null;
}

/** The triggering run of a `workflow_run` event, or null for any other event. */
export function triggeringRun(event: RunEvent): TriggeringRun | null {
  if (event.eventName !== 'workflow_run') return null;
  const head = sha(field(event.payload, 'workflow_run', 'head_sha'));
  if (!head) return null;
  const repository = field(event.payload, 'workflow_run', 'head_repository', 'full_name');
  const workflow = field(event.payload, 'workflow_run', 'name');
  return {
    sha: head,
    repository: typeof repository === 'string' ? repository : null,
    workflow: typeof workflow === 'string' ? workflow : null,
  };
}

function sha(value: unknown): string | null {
  return typeof value === 'string' && /^[0-9a-f]{40,64}$/.test(value) ? value : null;
}
