import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/adapters/github-repo.ts
var DEFAULT_API_URL = "https://api.github.com";
function parseRepo(text, source) {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  if (!match?.[1] || !match[2] || match[2] === "." || match[2] === "..") {
    throw new UsageError(`${source}: expected OWNER/REPO, got "${text}".`);
  }
  return { owner: match[1], repo: match[2] };
}
function releasePageUrl(webUrl = "https://github.com", repo, tag) {
  return `${webUrl.replace(/\/+$/, "")}/${repo.owner}/${repo.repo}/releases/tag/${encodeURIComponent(tag)}`;
}

export {
  DEFAULT_API_URL,
  parseRepo,
  releasePageUrl
};
