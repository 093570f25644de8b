import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  parseSchema
} from "./chunk-XQRPJJDI.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import "./chunk-QXT2EVHB.js";
import {
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";
import {
  UsageError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/data/schema-diff.ts
var VALUES_SHOWN = 10;
function diffSchemas(before, after) {
  const changes = [];
  if ((before.label ?? null) !== (after.label ?? null)) {
    changes.push({ change: "label", before: before.label ?? null, after: after.label ?? null });
  }
  const old = new Map(before.features.map((feature) => [feature.name, feature]));
  const current = new Set(after.features.map((feature) => feature.name));
  for (const feature of before.features) {
    if (!current.has(feature.name))
      changes.push({ change: "removed", feature: feature.name, before: feature });
  }
  for (const feature of after.features) {
    const was = old.get(feature.name);
    if (was) changes.push(...featureChanges(was, feature));
    else changes.push({ change: "added", feature: feature.name, after: feature });
  }
  return changes;
}
function featureChanges(before, after) {
  const feature = after.name;
  const changes = [];
  if (before.kind !== after.kind) {
    changes.push({ change: "kind", feature, before: before.kind, after: after.kind });
  }
  if ((before.integer ?? false) !== (after.integer ?? false)) {
    changes.push({
      change: "integer",
      feature,
      before: before.integer ?? false,
      after: after.integer ?? false
    });
  }
  if (before.minPresence !== after.minPresence) {
    changes.push({
      change: "presence",
      feature,
      before: before.minPresence,
      after: after.minPresence
    });
  }
  const [oldRange, newRange] = [rangeOf(before), rangeOf(after)];
  if (oldRange?.min !== newRange?.min || oldRange?.max !== newRange?.max) {
    changes.push({ change: "range", feature, before: oldRange, after: newRange });
  }
  const [oldValues, newValues] = [before.values, after.values];
  const oldSet = new Set(oldValues ?? []);
  const newSet = new Set(newValues ?? []);
  const added = [...newSet].filter((value) => !oldSet.has(value)).sort(compareText);
  const removed = [...oldSet].filter((value) => !newSet.has(value)).sort(compareText);
  if (added.length > 0 || removed.length > 0 || oldValues === void 0 !== (newValues === void 0)) {
    changes.push({
      change: "domain",
      feature,
      added,
      removed,
      before: oldValues ? oldSet.size : null,
      after: newValues ? newSet.size : null
    });
  }
  return changes;
}
function rangeOf(feature) {
  if (feature.min === void 0 && feature.max === void 0) return null;
  return { min: feature.min ?? null, max: feature.max ?? null };
}
function formatSchemaDiff(changes, label) {
  if (changes.length === 0) return "schema diff: no changes";
  const count = (change) => changes.filter((c) => c.change === change).length;
  const changed = new Set(
    changes.flatMap(
      (c) => c.change === "added" || c.change === "removed" || c.change === "label" ? [] : [c.feature]
    )
  ).size;
  const summary = [
    count("added") > 0 && `${count("added")} added`,
    count("removed") > 0 && `${count("removed")} removed`,
    changed > 0 && `${changed} changed`
  ].filter(Boolean);
  const head = `schema diff: ${summary.length > 0 ? `features ${summary.join(", ")}` : "the label changed"}`;
  return [head, ...changes.map((change) => describeChange(change, label))].join("\n");
}
function describeChange(change, label) {
  if (change.change === "label") {
    const name2 = (value) => value === null ? "none" : quote(value);
    return `~ label: ${name2(change.before)} \u2192 ${name2(change.after)} (the column the model learns to predict)`;
  }
  const name = quote(change.feature);
  switch (change.change) {
    case "added":
      return `+ ${name}: ${describeFeature(change.after)}; data without it fails validation`;
    case "removed":
      return `- ${name}: ${change.before.kind}, no longer checked; data holding it gets a SCHEMA_NEW_COLUMN warning`;
    case "kind":
      return `~ ${name}: kind ${change.before} \u2192 ${change.after}`;
    case "integer":
      return `~ ${name}: ${change.after ? "any number \u2192 integers only (stricter)" : "integers only \u2192 any number (looser)"}`;
    case "presence": {
      const effect = change.after < change.before ? "looser: more missing values pass" : "stricter: fewer missing values pass";
      return `~ ${name}: minPresence ${change.before} \u2192 ${change.after} (${effect})`;
    }
    case "range":
      return `~ ${name}: range ${formatRange(change.before)} \u2192 ${formatRange(change.after)} (${rangeEffect(change.before, change.after)})`;
    case "domain": {
      const noun = change.feature === label ? "classes" : "values";
      if (change.before === null) {
        return `~ ${name}: ${noun} any \u2192 ${change.after} (now checked: ${listValues(change.added)})`;
      }
      if (change.after === null) {
        return `~ ${name}: ${noun} ${change.before} \u2192 any (no longer checked)`;
      }
      const parts = [
        change.added.length > 0 && `+ ${listValues(change.added)}`,
        change.removed.length > 0 && `\u2212 ${listValues(change.removed)}`
      ].filter(Boolean);
      return `~ ${name}: ${noun} ${change.before} \u2192 ${change.after}: ${parts.join("; ")}`;
    }
  }
}
function describeFeature(feature) {
  const parts = [feature.integer ? `${feature.kind}, integer` : feature.kind];
  parts.push(`minPresence ${feature.minPresence}`);
  const range = rangeOf(feature);
  if (range) parts.push(`range ${formatRange(range)}`);
  if (feature.values) parts.push(`${feature.values.length} values`);
  return parts.join(", ");
}
function formatRange(range) {
  if (range === null) return "none";
  return `[${range.min ?? "\u2026"}, ${range.max ?? "\u2026"}]`;
}
function rangeEffect(before, after) {
  if (after === null) return "no longer checked";
  if (before === null) return "now checked";
  const low = (range) => range.min ?? -Infinity;
  const high = (range) => range.max ?? Infinity;
  const wider = low(after) <= low(before) && high(after) >= high(before);
  const narrower = low(after) >= low(before) && high(after) <= high(before);
  if (wider) return "wider: more values pass";
  if (narrower) return "narrower: fewer values pass";
  return "shifted";
}
function listValues(values) {
  const shown = values.slice(0, VALUES_SHOWN).map(quote).join(", ");
  const more = values.length - VALUES_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
function quote(text) {
  return JSON.stringify(excerpt(text));
}

// src/steps/schema-diff.ts
async function runSchemaDiff(ctx, files) {
  const [before, after] = await Promise.all([
    readSchema(ctx, files.old, "old"),
    readSchema(ctx, files.new, "new")
  ]);
  const changes = diffSchemas(before, after);
  return { ...files, changes, text: formatSchemaDiff(changes, after.label ?? before.label) };
}
async function readSchema(ctx, file, which) {
  if (!await ctx.deps.fs.exists(file)) {
    throw new UsageError(
      `${which} schema ${file} not found. For the schema on another branch: git show origin/main:mlops/schema.json > /tmp/old.json`
    );
  }
  const json = parseJson(
    await ctx.deps.fs.readText(file),
    file,
    "Give the path of a schema.json written by `mlops validate`."
  );
  return parseSchema(json, file);
}
export {
  runSchemaDiff
};
