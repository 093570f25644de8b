import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  loadBundleVersion
} from "./chunk-DBYODIWP.js";
import {
  InvalidRequest,
  ServingCore,
  quoted,
  singleVersionSet
} from "./chunk-BR5RGRYM.js";
import "./chunk-UR326N5E.js";
import {
  withFetchedBundle
} from "./chunk-VWJNTXGM.js";
import {
  resolveModelRef
} from "./chunk-YEB6Y2FP.js";
import {
  selectBackend
} from "./chunk-YQDBKPXL.js";
import "./chunk-KX5X2Y5F.js";
import "./chunk-YQZQDQHW.js";
import {
  csvCell,
  readOptions
} from "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import "./chunk-MBINXEGZ.js";
import {
  readTable
} from "./chunk-4Y3A6PT4.js";
import "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import {
  bundlePin,
  findModel,
  replayTags
} from "./chunk-YR2GBVOP.js";
import {
  resolveInput
} from "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import {
  versionTag
} from "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import "./chunk-TE2M4OOS.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/serve/predict-file.ts
import path from "node:path";
var ROWS_PER_CALL = 4096;
async function runPredictFile(ctx, request) {
  const { deps, config } = ctx;
  const format = outputFormat(request.out);
  await selectBackend(config.model.backend, deps.backend);
  const { served, via } = await loadModel(ctx, request.model);
  const spec = served.loaded.preprocessing;
  const file = resolveInput(ctx, config.data.train);
  const table = await readTable(deps.fs.stream(file), {
    ...readOptions(ctx, () => void 0),
    naValues: spec.input.naValues,
    decimal: spec.input.decimal,
    maxErrors: 0
  });
  const added = predictionColumns(spec.label);
  const clash = added.find((column) => table.columns.includes(column));
  if (clash) {
    throw new UsageError(
      `${config.data.train} already has a column ${quoted(clash)}, which the predictions would add; rename it (or score the file before it was scored).`
    );
  }
  const core = new ServingCore({ maxInstances: ROWS_PER_CALL });
  core.swap(singleVersionSet(served));
  try {
    const predictions = await scoreTable(core, served, table, config.data.train);
    const text = format === "csv" ? csvText(table, added, predictions, spec.label) : jsonlText(table, added, predictions, spec.label);
    await deps.fs.write(request.out, text);
  } finally {
    core.close();
  }
  deps.log.info(
    `scored ${table.rows.length} rows of ${config.data.train} with ${served.name} v${served.version} (${via}) into ${request.out}`
  );
  return {
    model: served.name,
    version: served.version,
    via,
    data: file,
    rows: table.rows.length,
    out: request.out
  };
}
async function loadModel(ctx, model) {
  const { deps } = ctx;
  const dir = path.resolve(ctx.baseDir, model);
  if (await deps.fs.isFolder(dir)) {
    return { served: await loadBundleVersion(deps, dir), via: "bundle folder" };
  }
  if (!/[#@]/.test(model)) {
    throw new UsageError(
      `--model ${model}: no such bundle folder, and not a registry ref (NAME#STAGE, NAME@vX.Y.Z or NAME@latest).`
    );
  }
  const state = replayTags(await deps.tags.list());
  const { name, version, via } = resolveModelRef(state, model);
  const pin = bundlePin(findModel(state, name)?.versions.find((v) => v.version === version));
  const served = await withFetchedBundle(
    ctx,
    { name, version, pin },
    (fetched) => loadBundleVersion(deps, fetched, { name, version, tag: versionTag(name, version), pin })
  );
  return { served, via };
}
async function scoreTable(core, served, table, source) {
  const predictions = [];
  for (let start = 0; start < table.rows.length; start += ROWS_PER_CALL) {
    const rows = table.rows.slice(start, start + ROWS_PER_CALL);
    const instances = rows.map(
      (row) => Object.fromEntries(table.columns.map((column, c) => [column, row[c] ?? null]))
    );
    try {
      const result = await core.predict(served.name, null, instances, {
        unknownFields: "ignore",
        requestId: `rows-${start + 1}`
      });
      predictions.push(...result.predictions);
    } catch (error) {
      if (!(error instanceof InvalidRequest) || error.index === void 0) throw error;
      const line = table.lines[start + error.index];
      const column = error.field === void 0 ? "" : ` (column ${quoted(error.field)})`;
      throw new DataError(`${source}:${line}${column}: ${error.problem}`);
    }
  }
  return predictions;
}
function outputFormat(out) {
  if (/\.csv$/i.test(out)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(out)) return "jsonl";
  throw new UsageError(`--out ${out}: name the output .csv or .jsonl, which says its format.`);
}
function predictionColumns(label) {
  if (label.task === "binary") return ["prediction", "score"];
  if (label.task === "multiclass")
    return ["prediction", ...label.classes.map((c) => `probability_${c}`)];
  return ["prediction"];
}
function predictionCells(prediction, label) {
  if ("value" in prediction) return [prediction.value];
  if ("score" in prediction) return [prediction.label, prediction.score];
  return [
    prediction.label,
    ...(label.task === "multiclass" ? label.classes : []).map(
      (c) => prediction.probabilities[c] ?? null
    )
  ];
}
function csvText(table, added, predictions, label) {
  const lines = [[...table.columns, ...added].map(csvCell).join(",")];
  table.rows.forEach((row, i) => {
    const prediction = predictions[i];
    lines.push([...row, ...predictionCells(prediction, label)].map(csvValue).join(","));
  });
  return `${lines.join("\n")}
`;
}
function jsonlText(table, added, predictions, label) {
  return table.rows.map((row, i) => {
    const cells = [...row, ...predictionCells(predictions[i], label)];
    const entries = [...table.columns, ...added].map((column, c) => [column, cells[c] ?? null]);
    return `${JSON.stringify(Object.fromEntries(entries))}
`;
  }).join("");
}
function csvValue(value) {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? value : csvCell(value);
}
export {
  runPredictFile
};
