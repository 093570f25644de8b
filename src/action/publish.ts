/**
 * Where the action puts a report: the `report-path` output, the job summary, and the sticky
 * comment on the pull request or commit. A token that may not comment (a fork's pull request)
 * leaves the comment pending in an artifact, which a trusted `workflow_run` job posts.
 */
import * as core from '@actions/core';
import type { RunContext } from '../adapters/run-context.js';
import { writeJobSummary } from '../adapters/runner.js';
import { PermissionDenied, UsageError } from '../errors.js';
import {
  chooseCommentTarget,
  eventHeadSha,
  isForkPullRequest,
  isPullRequestEvent,
  parseCommentTarget,
  parsePendingComment,
  triggeringRun,
  type CommentTarget,
  type PendingComment,
  type TriggeringRun,
} from '../report/comment.js';
import { reportedModel, runComment, type CommentOutcome } from '../steps/comment.js';
import { outputPaths, readStepText, writeJson, type StepContext } from '../steps/context.js';
import type { ReportOutcome } from '../steps/report.js';
import type { ActionInputs } from './inputs.js';

/** The artifact a report is saved in when it could not be posted. */
export const REPORT_ARTIFACT = 'mlops-report';

export interface PublishContext {
  inputs: ActionInputs;
  ctx: StepContext;
  run: RunContext;
  env: NodeJS.ProcessEnv;
}

/** How the report is commented on: the `comment` input's values. */
export type CommentMode = 'auto' | 'always' | 'never';

/**
 * Writes the job summary and, as `mode` says, posts the sticky comment; returns the comment's
 * URL when one was posted or edited.
 */
export async function publishReport(
  report: ReportOutcome,
  where: PublishContext,
  mode = (where.inputs.comment ?? 'auto') as CommentMode,
): Promise<string | undefined> {
  const { inputs, ctx, run } = where;
  await writeJobSummary(report.markdown);
  const explicit = Boolean(inputs.target);
  if (mode === 'never' || (mode === 'auto' && !explicit && !isPullRequestEvent(run))) {
    return undefined;
  }
  if (mode === 'auto' && !inputs.githubToken) {
    ctx.deps.log.info('no github-token: the report is in the job summary only');
    return undefined;
  }
  const target = chooseCommentTarget(inputs.target || undefined, run);
  if (!target) {
    ctx.deps.log.warn(
      `no pull request or commit to comment on for a ${run.eventName || 'local'} event: set the target input (pr/N, issue/N or commit/SHA)`,
    );
    return undefined;
  }
  try {
    const posted = await runComment(ctx, { target, file: report.path, workflow: run.workflow });
    return posted.url;
  } catch (error) {
    // Only a fork's pull request is expected to lack the permission; elsewhere it is a setup error.
    if (!(error instanceof PermissionDenied) || !isForkPullRequest(run)) throw error;
    await leavePending(report, target, where);
    return undefined;
  }
}

/**
 * The `comment` command: posts `<out>/report.md`. When the folder holds a pending comment (a fork's
 * report, downloaded as an artifact), everything in it is the fork's word: it is posted only from a
 * `workflow_run` job, only on a pull request whose head is the very commit and fork the triggering
 * run tested, and under that run's workflow name as GitHub reports it.
 */
export async function postReport(where: PublishContext): Promise<CommentOutcome | null> {
  const { inputs, ctx, run } = where;
  const paths = outputPaths(ctx.out);
  const report = { path: paths.report, markdown: await readStepText(ctx, paths.report, 'report') };
  const pendingFile = paths.pendingComment;
  if (inputs.target || !(await ctx.deps.fs.exists(pendingFile))) {
    await writeJobSummary(report.markdown);
    const target = chooseCommentTarget(inputs.target || undefined, run);
    if (!target) {
      throw new UsageError(
        `no pull request or commit to comment on for a ${run.eventName || 'local'} event: set the target input (pr/N, issue/N or commit/SHA).`,
      );
    }
    return runComment(ctx, { target, file: report.path, workflow: run.workflow });
  }
  const pending = parsePendingComment(await ctx.deps.fs.readText(pendingFile), pendingFile);
  const tested = triggeringRun(run);
  if (!tested) {
    throw new UsageError(
      'a pending comment (comment.json, from a fork) is posted by a workflow_run job only, which ' +
        'knows the commit the pull request run tested; see examples/workflows/fork-report.yml.',
    );
  }
  const target = parseCommentTarget(pending.target);
  if (target.kind !== 'issue' || !(await isPullRequestOf(target.number, tested, pending, ctx))) {
    return null;
  }
  await writeJobSummary(report.markdown);
  return runComment(ctx, {
    target,
    file: report.path,
    workflow: tested.workflow,
    name: pending.name,
  });
}

/**
 * True when pull request `number` is the one the triggering run tested: its head comes from the
 * same repository and is the same commit. Another pull request is refused (a fork naming someone
 * else's); one pushed to since gets a notice, since its newer run reports instead.
 */
async function isPullRequestOf(
  number: number,
  tested: TriggeringRun,
  pending: PendingComment,
  ctx: StepContext,
): Promise<boolean> {
  const head = await ctx.deps.comments.pullRequestHead(number);
  if (pending.headSha !== tested.sha || head.repository !== tested.repository) {
    throw new UsageError(
      `not posting: comment.json names pull request #${number} (head ${head.sha.slice(0, 7)} from ` +
        `${head.repository ?? 'a deleted repository'}), but the run that triggered this workflow ` +
        `tested ${tested.sha.slice(0, 7)} from ${tested.repository ?? 'an unknown repository'}.`,
    );
  }
  if (head.sha !== tested.sha) {
    core.notice(
      `Not posting the report of ${tested.sha.slice(0, 7)}: pull request #${number} has moved on to ` +
        `${head.sha.slice(0, 7)}, whose own run reports.`,
    );
    return false;
  }
  return true;
}

/** Saves the report and a pending comment as an artifact, after a one-line notice. */
async function leavePending(
  report: ReportOutcome,
  target: CommentTarget,
  { ctx, run, env }: PublishContext,
): Promise<void> {
  core.notice(
    'The token may not comment here (a pull request from a fork gets a read-only token): the ' +
      `report is in the job summary and in the artifact ${REPORT_ARTIFACT}, which ` +
      'examples/workflows/fork-report.yml posts.',
  );
  const files = [report.path];
  const head = eventHeadSha(run);
  if (target.kind === 'issue' && head) {
    const pending: PendingComment = {
      schema: 'mlops-actions/pending-comment/v1',
      target: `pr/${target.number}`,
      name: await reportedModel(ctx),
      workflow: run.workflow,
      headSha: head,
    };
    const file = outputPaths(ctx.out).pendingComment;
    await writeJson(ctx, file, pending);
    files.push(file);
  }
  // The artifact client is large and only a fork's pull request needs it.
  const { uploadArtifact } = await import('../adapters/artifact.js');
  await uploadArtifact(REPORT_ARTIFACT, files, env, ctx.deps.log);
}
