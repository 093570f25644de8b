import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  blessing,
  formatMetrics,
  modelHeading,
  stagesOf
} from "./chunk-WHMDVXYY.js";
import {
  alignColumns
} from "./chunk-KGA7A56M.js";
import {
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

// src/steps/registry-show.ts
var HEADER = ["version", "registered", "commit", "stages", "gates", "metrics"];
async function showModel(tags, name) {
  const model = requireModel(replayTags(await tags.list()), name);
  const rows = [...model.versions].reverse().map((v) => [
    `v${v.version}${v.deregistered ? " (deregistered)" : ""}`,
    v.createdAt.slice(0, 10),
    v.commit.slice(0, 7),
    stagesOf(model, v.version),
    blessing(v),
    formatMetrics(v)
  ]);
  const stages = model.stages.map((s) => `${s.stage}=v${s.version}`).join(" ") || "-";
  const text = [modelHeading(model), `stages: ${stages}`, "", ...alignColumns([HEADER, ...rows])];
  return { model, text: text.join("\n") };
}
export {
  showModel
};
