/**
 * Where the action puts a report: the `report-path` output, the job summary, and the sticky
 * comment on the pull request or commit. A token that may not comment (a fork's pull request)
 * leaves the comment pending in an artifact, which a trusted `workflow_run` job posts.
 */
import * as core from '@actions/core';
import { uploadArtifact } from '../adapters/artifact.js';
import type { RunContext } from '../adapters/run-context.js';
import { writeJobSummary } from '../adapters/runner.js';
import { PermissionDenied, UsageError } from '../errors.js';
import {
  chooseCommentTarget,
  eventHeadSha,
  isPullRequestEvent,
  parseCommentTarget,
  parsePendingComment,
  type CommentTarget,
  type PendingComment,
} from '../report/comment.js';
import { reportedModel, runComment } from '../steps/comment.js';
import { outputPaths, readStepText, writeJson, type StepContext } from '../steps/context.js';
import type { ReportOutcome } from '../steps/report.js';
import { OUTPUTS, type ActionInputs } from './inputs.js';

/** The artifact a report is saved in when it could not be posted. */
export const REPORT_ARTIFACT = 'mlops-report';

export interface PublishContext {
  inputs: ActionInputs;
  ctx: StepContext;
  run: RunContext;
  env: NodeJS.ProcessEnv;
}

/** Sets `report-path`, writes the job summary and, as `mode` says, posts the sticky comment. */
export async function publishReport(
  report: ReportOutcome,
  where: PublishContext,
  mode: ActionInputs['comment'] = where.inputs.comment,
): Promise<void> {
  const { inputs, ctx, run } = where;
  core.setOutput(OUTPUTS.reportPath, report.path);
  await writeJobSummary(report.markdown);
  const explicit = inputs.target !== '';
  if (mode === 'never' || (mode === 'auto' && !explicit && !isPullRequestEvent(run))) return;
  if (mode === 'auto' && !inputs.githubToken) {
    ctx.deps.log.info('no github-token: the report is in the job summary only');
    return;
  }
  const target = chooseCommentTarget(inputs.target || undefined, run);
  if (!target) {
    ctx.deps.log.warn(
      `no pull request or commit to comment on for a ${run.eventName || 'local'} event: set the target input (pr/N, issue/N or commit/SHA)`,
    );
    return;
  }
  try {
    const posted = await runComment(ctx, { target, file: report.path, workflow: run.workflow });
    core.setOutput(OUTPUTS.commentUrl, posted.url);
  } catch (error) {
    if (!(error instanceof PermissionDenied)) throw error;
    await leavePending(report, target, where);
  }
}

/**
 * The `comment` command: posts `<out>/report.md`; when the folder holds a pending comment (from a
 * fork's run, downloaded as an artifact), only from a `workflow_run` of the very commit it reports.
 */
export async function postReport(where: PublishContext): Promise<void> {
  const { inputs, ctx, run } = where;
  const paths = outputPaths(ctx.out);
  const report = { path: paths.report, markdown: await readStepText(ctx, paths.report, 'report') };
  const pendingFile = paths.pendingComment;
  if (inputs.target || !(await ctx.deps.fs.exists(pendingFile))) {
    await publishReport(report, where, 'always');
    return;
  }
  const pending = parsePendingComment(await ctx.deps.fs.readText(pendingFile), pendingFile);
  const head = checkedHead(pending, run);
  core.setOutput(OUTPUTS.reportPath, report.path);
  await writeJobSummary(report.markdown);
  const posted = await runComment(ctx, {
    target: parseCommentTarget(pending.target),
    file: report.path,
    workflow: pending.workflow,
    name: pending.name,
    expectedHead: head,
  });
  core.setOutput(OUTPUTS.commentUrl, posted.url);
}

/** The trusted head commit a pending comment must be about: the workflow_run's, from GitHub. */
function checkedHead(pending: PendingComment, run: RunContext): string {
  const head = run.eventName === 'workflow_run' ? eventHeadSha(run) : null;
  if (!head) {
    throw new UsageError(
      'a pending comment (comment.json, from a fork) is posted by a workflow_run job only, which ' +
        'knows the commit the pull request run tested; see examples/workflows/fork-report.yml.',
    );
  }
  if (head !== pending.headSha) {
    throw new UsageError(
      `not posting: comment.json is about commit ${pending.headSha.slice(0, 7)}, but the run that ` +
        `triggered this workflow tested ${head.slice(0, 7)}.`,
    );
  }
  return head;
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
  await uploadArtifact(REPORT_ARTIFACT, files, env, ctx.deps.log);
}
