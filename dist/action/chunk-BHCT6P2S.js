import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  modelName
} from "./chunk-XYKEPJ3A.js";
import {
  STEP_OUTPUTS,
  outputPaths,
  readStepOutput,
  readStepText
} from "./chunk-C2BMDOFT.js";
import {
  commentBody,
  commentMarker
} from "./chunk-WK7L66YU.js";

// src/steps/comment.ts
import path from "node:path";
async function runComment(ctx, request) {
  const { deps } = ctx;
  const paths = outputPaths(ctx.out);
  const file = request.file ? path.resolve(request.file) : paths.report;
  const report = await readStepText(ctx, file, "report");
  const name = request.name ?? await reportedModel(ctx);
  const { target } = request;
  const marker = commentMarker(name, request.workflow ?? void 0);
  const body = commentBody(report, marker, deps.runUrl ?? null);
  const posted = await deps.comments.upsert(target, marker, body);
  deps.log.info(`${posted.created ? "posted" : "updated"} the report comment: ${posted.url}`);
  return { ...posted, target };
}
async function reportedModel(ctx) {
  const file = outputPaths(ctx.out).evaluation;
  const evaluation = await ctx.deps.fs.exists(file) ? await readStepOutput(ctx, file, "evaluate", STEP_OUTPUTS.evaluation) : null;
  return evaluation?.name ?? modelName(ctx.config);
}

export {
  runComment,
  reportedModel
};
