import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  COMMENT_LIMIT,
  cutAtLine,
  reportMarker
} from "./chunk-DNKOUKO6.js";
import {
  commentText
} from "./chunk-WEDFPIX2.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  isValidName
} from "./chunk-H7KIXIMF.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/report/comment.ts
function parseCommentTarget(text) {
  const match = /^(pr|issue|commit)\/(.+)$/.exec(text.trim());
  const [, kind, value = ""] = match ?? [];
  if ((kind === "pr" || kind === "issue") && /^[1-9][0-9]{0,9}$/.test(value)) {
    return { kind: "issue", number: Number(value) };
  }
  if (kind === "commit" && /^[0-9a-f]{7,64}$/i.test(value)) {
    return { kind: "commit", sha: value.toLowerCase() };
  }
  throw new UsageError(
    `target "${text}": expected pr/NUMBER, issue/NUMBER or commit/SHA (like pr/12 or commit/1a2b3c4).`
  );
}
function eventCommentTarget(event) {
  const payload = event.payload;
  const number = (value) => Number.isSafeInteger(value) && value > 0 ? { kind: "issue", number: value } : null;
  switch (event.eventName) {
    case "pull_request":
    case "pull_request_target":
      return number(field(payload, "pull_request", "number") ?? payload.number);
    case "issue_comment":
    case "issues":
      return number(field(payload, "issue", "number"));
    case "workflow_run": {
      const pulls = field(payload, "workflow_run", "pull_requests");
      return Array.isArray(pulls) ? number(field(pulls[0], "number")) : null;
    }
    case "push":
      return /^[0-9a-f]{40,64}$/.test(event.sha) ? { kind: "commit", sha: event.sha } : null;
    default:
      return null;
  }
}
function chooseCommentTarget(explicit, event) {
  return explicit ? parseCommentTarget(explicit) : eventCommentTarget(event);
}
function isPullRequestEvent(event) {
  if (event.eventName.startsWith("pull_request")) return true;
  return event.eventName === "workflow_run" && eventCommentTarget(event) !== null;
}
function isForkPullRequest(event) {
  return field(event.payload, "pull_request", "head", "repo", "fork") === true;
}
function commentMarker(name, workflow) {
  if (!workflow) return reportMarker(name);
  const safe = commentText(workflow).replace(/-{2,}/g, "-");
  return `<!-- mlops-actions report ${commentText(name)} workflow: ${safe} -->`;
}
function commentBody(report, marker, fullReport, limit = COMMENT_LIMIT) {
  const text = report.replace(/^<!-- mlops-actions report [^\n]*-->\n?/, "");
  const body = `${marker}
${text}`;
  if (body.length <= limit) return body;
  const where = fullReport ? `[the whole report](${fullReport})` : "the whole report (report.md)";
  const note = `

> \u26A0\uFE0F This comment was cut to fit GitHub's ${limit}-character limit: see ${where}.
`;
  return cutAtLine(body, limit - note.length) + note;
}
function field(value, ...keys) {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return void 0;
    current = current[key];
  }
  return current;
}
function unavailableCommentStore(reason) {
  const refuse = () => Promise.reject(new UsageError(`cannot post the report comment: ${reason}`));
  return { upsert: refuse, pullRequestHead: refuse };
}
var pendingCommentSchema = external_exports.object({
  schema: external_exports.literal("mlops-actions/pending-comment/v1"),
  target: external_exports.string().regex(/^pr\/[1-9][0-9]{0,9}$/, "expected pr/NUMBER"),
  name: external_exports.string().refine(isValidName, "expected a model name"),
  workflow: external_exports.string().max(200).nullable(),
  /** The pull request head the report was made from; the poster checks the PR still has it. */
  headSha: external_exports.string().regex(/^[0-9a-f]{40,64}$/, "expected a commit SHA")
});
function parsePendingComment(text, file) {
  const result = pendingCommentSchema.safeParse(
    parseJson(text, file, "It is written by the job that could not comment.")
  );
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(`${file}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}.`);
}
function eventHeadSha(event) {
  return sha(field(event.payload, "pull_request", "head", "sha"));
}
function triggeringRun(event) {
  if (event.eventName !== "workflow_run") return null;
  const head = sha(field(event.payload, "workflow_run", "head_sha"));
  if (!head) return null;
  const repository = field(event.payload, "workflow_run", "head_repository", "full_name");
  const workflow = field(event.payload, "workflow_run", "name");
  return {
    sha: head,
    repository: typeof repository === "string" ? repository : null,
    workflow: typeof workflow === "string" ? workflow : null
  };
}
function sha(value) {
  return typeof value === "string" && /^[0-9a-f]{40,64}$/.test(value) ? value : null;
}

export {
  parseCommentTarget,
  eventCommentTarget,
  chooseCommentTarget,
  isPullRequestEvent,
  isForkPullRequest,
  commentMarker,
  commentBody,
  unavailableCommentStore,
  pendingCommentSchema,
  parsePendingComment,
  eventHeadSha,
  triggeringRun
};
