import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  alignColumns
} from "./chunk-KGA7A56M.js";
import {
  GTO_EVENT_NAMES,
  findModel,
  replayTags
} from "./chunk-YR2GBVOP.js";
import "./chunk-N3QVR3LN.js";
import {
  parseTag
} from "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-NM5J5SUB.js";
import {
  UsageError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/registry/check-ref.ts
function checkRef(state, ref) {
  const tag = ref.replace(/^refs\/tags\//, "");
  const parsed = parseTag(tag);
  if (!parsed) {
    throw new UsageError(
      `${ref} is not a registry tag: check-ref reads tags like NAME@v1.2.0, NAME#STAGE#3, NAME#STAGE!#4, NAME@v1.2.0! and NAME@deprecated (GTO's grammar). In a workflow, run it for tag pushes only (on: push: tags).`
    );
  }
  const event = findModel(state, parsed.name)?.history.find((candidate) => candidate.tag === tag);
  if (!event) {
    throw new UsageError(
      `${tag} is not an annotated tag of this repository: fetch the tags first (actions/checkout with fetch-depth: 0, or git fetch --tags), or pass --remote origin.`
    );
  }
  return {
    event: GTO_EVENT_NAMES[event.kind],
    name: parsed.name,
    version: event.version,
    stage: event.stage,
    tag,
    commit: event.commit,
    at: event.createdAt
  };
}

// src/steps/registry-check-ref.ts
async function describeRef(tags, ref) {
  const meaning = checkRef(replayTags(await tags.list()), ref);
  const rows = Object.entries(meaning).map(([field, value]) => [field, value ?? "-"]);
  return { meaning, text: alignColumns(rows).join("\n") };
}
export {
  describeRef
};
