import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  alignColumns
} from "./chunk-KGA7A56M.js";
import {
  GTO_EVENT_NAMES,
  replayTags,
  requireModel
} from "./chunk-YR2GBVOP.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/steps/registry-history.ts
var HEADER = ["time", "event", "version", "stage", "tag", "commit"];
async function modelHistory(tags, name) {
  const model = requireModel(replayTags(await tags.list()), name);
  const events = model.history.map((event) => ({
    at: event.createdAt,
    event: GTO_EVENT_NAMES[event.kind],
    version: event.version,
    stage: event.stage,
    tag: event.tag,
    commit: event.commit
  }));
  const rows = events.map((entry) => [
    // Second precision in UTC: replay order is tag time, so the time column explains the order.
    entry.at.replace("T", " ").replace(/\.\d+Z$/, "Z"),
    entry.event,
    entry.version ? `v${entry.version}` : "-",
    entry.stage ?? "-",
    entry.tag,
    entry.commit.slice(0, 7)
  ]);
  return {
    history: { name: model.name, events },
    text: alignColumns([HEADER, ...rows]).join("\n")
  };
}
export {
  modelHistory
};
