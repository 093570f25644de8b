import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  gitHubFailure,
  httpStatus
} from "./chunk-QQD5QRTO.js";
import "./chunk-YEV7L4AC.js";
import "./chunk-WG7UCFDQ.js";
import "./chunk-BKOIQZVU.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/adapters/github-comments.ts
var PER_PAGE = 100;
var TRUSTED_ASSOCIATIONS = /* @__PURE__ */ new Set(["OWNER", "MEMBER", "COLLABORATOR"]);
function isReportComment(comment, marker) {
  const trusted = comment.user?.type === "Bot" || TRUSTED_ASSOCIATIONS.has(comment.author_association);
  return trusted && (comment.body ?? "").startsWith(marker);
}
function createGitHubCommentStore(client, repo) {
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
      const call = (action, fn) => fn().catch((error) => {
        throw gitHubFailure(`${action} the report comment on ${what}`, error, permission(target));
      });
      const find = async () => (await call("list comments to find", () => api.list())).filter((comment) => isReportComment(comment, marker)).sort((a, b) => a.id - b.id);
      let matches = await find();
      let created = null;
      if (matches.length === 0) {
        created = await call("create", () => api.create(body));
        matches = await find();
        if (!matches.some((comment) => comment.id === created?.id)) matches.push(created);
      }
      const [keep, ...extra] = matches;
      const kept = keep.id === created?.id ? keep : await call("update", () => api.update(keep.id, body));
      for (const duplicate of extra) {
        await api.remove(duplicate.id).catch((error) => {
          if (httpStatus(error) !== 404) throw gitHubFailure(`remove a duplicate of`, error);
        });
      }
      return { url: kept.html_url, created: keep.id === created?.id };
    }
  };
}
function commentApi(client, repo, target) {
  const { rest } = client;
  if (target.kind === "issue") {
    const issue = { ...repo, issue_number: target.number };
    return {
      list: () => client.paginate(rest.issues.listComments, { ...issue, per_page: PER_PAGE }),
      create: async (body) => (await rest.issues.createComment({ ...issue, body })).data,
      update: async (id, body) => (await rest.issues.updateComment({ ...repo, comment_id: id, body })).data,
      remove: async (id) => {
        await rest.issues.deleteComment({ ...repo, comment_id: id });
      }
    };
  }
  const commit = { ...repo, commit_sha: target.sha };
  return {
    list: () => client.paginate(rest.repos.listCommentsForCommit, { ...commit, per_page: PER_PAGE }),
    create: async (body) => (await rest.repos.createCommitComment({ ...commit, body })).data,
    update: async (id, body) => (await rest.repos.updateCommitComment({ ...repo, comment_id: id, body })).data,
    remove: async (id) => {
      await rest.repos.deleteCommitComment({ ...repo, comment_id: id });
    }
  };
}
function describe(target) {
  return target.kind === "issue" ? `#${target.number}` : `commit ${target.sha.slice(0, 7)}`;
}
function permission(target) {
  return target.kind === "issue" ? ["pull-requests: write", "issues: write"] : ["contents: write"];
}
export {
  createGitHubCommentStore
};
