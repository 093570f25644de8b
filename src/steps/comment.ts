/** `mlops comment`: the report as the one sticky comment of its model on a pull request or commit. */
import path from 'node:path';
import { commentBody, commentMarker, type CommentTarget } from '../report/comment.js';
import { modelName } from './identity.js';
import { outputPaths, readStepOutput, readStepText, type StepContext } from './context.js';
import { STEP_OUTPUTS } from './outputs.js';

export interface CommentRequest {
  target: CommentTarget;
  /** The markdown to post; default `<out>/report.md`. */
  file?: string;
  /** The workflow posting it: each workflow keeps its own comment. */
  workflow?: string | null;
  /** The model name for the marker; default the evaluated model's (or the config's). */
  name?: string;
}

export interface CommentOutcome {
  url: string;
  /** False when an earlier comment of this model was edited. */
  created: boolean;
  target: CommentTarget;
}

/** Posts (or edits) the report comment of the evaluated model on `request.target`. */
export async function runComment(
  ctx: StepContext,
  request: CommentRequest,
): Promise<CommentOutcome> {
  const { deps } = ctx;
  const paths = outputPaths(ctx.out);
  const file = request.file ? path.resolve(request.file) : paths.report;
  const report = await readStepText(ctx, file, 'report');
  const name = request.name ?? (await reportedModel(ctx));
  const { target } = request;
  const marker = commentMarker(name, request.workflow ?? undefined);
  const body = commentBody(report, marker, deps.runUrl ?? null);
  const posted = await deps.comments.upsert(target, marker, body);
  deps.log.info(`${posted.created ? 'posted' : 'updated'} the report comment: ${posted.url}`);
  return { ...posted, target };
}

/** The model a report is about: the evaluated model's name, else the config's. */
export async function reportedModel(ctx: StepContext): Promise<string> {
  const file = outputPaths(ctx.out).evaluation;
  const evaluation = (await ctx.deps.fs.exists(file))
    ? await readStepOutput(ctx, file, 'evaluate', STEP_OUTPUTS.evaluation)
    : null;
  return evaluation?.name ?? modelName(ctx.config);
}
