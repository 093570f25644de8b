import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  alignColumns
} from "./chunk-KGA7A56M.js";
import {
  replayTags,
  requireModel
} from "./chunk-YR2GBVOP.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/steps/registry-ls.ts
async function listRegistry(tags, name) {
  const all = replayTags(await tags.list());
  const state = name ? { models: [requireModel(all, name)] } : all;
  if (state.models.length === 0)
    return { state, text: "no models registered yet: run `mlops register`" };
  return { state, text: state.models.map(renderModel).join("\n\n") };
}
function renderModel(model) {
  const rows = [...model.versions].reverse().map((v) => {
    const marks = [
      v.deregistered && "deregistered",
      blessing(v) === "NOT_BLESSED" && "NOT_BLESSED"
    ];
    const marked = marks.filter(Boolean).join(", ");
    return [
      `v${v.version}${marked ? ` (${marked})` : ""}`,
      v.createdAt.slice(0, 10),
      stagesOf(model, v.version),
      formatMetrics(v, 3)
    ];
  });
  return [modelHeading(model), ...alignColumns(rows, "  ")].join("\n");
}
function modelHeading(model) {
  const latest = model.latest ? `v${model.latest}` : "-";
  return `${model.name}${model.deprecated ? " (deprecated)" : ""}  latest: ${latest}`;
}
function blessing(version) {
  const blessed = version.metadata?.blessed;
  if (blessed === void 0) return "-";
  return blessed ? "BLESSED" : "NOT_BLESSED";
}
function stagesOf(model, version) {
  const held = model.stages.filter((s) => s.version === version).map((s) => s.stage);
  return held.join(",") || "-";
}
function formatMetrics(version, count) {
  return Object.entries(version.metadata?.metrics ?? {}).slice(0, count).map(([metric, value]) => `${metric}=${formatNumber(value)}`).join(" ");
}

export {
  listRegistry,
  renderModel,
  modelHeading,
  blessing,
  stagesOf,
  formatMetrics
};
