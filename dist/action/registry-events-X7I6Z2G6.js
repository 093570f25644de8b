import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  planDeprecate,
  planDeregister,
  planUnassign,
  recordEvent
} from "./chunk-IFW4YRUV.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/steps/registry-events.ts
async function runDeregister(ctx, request) {
  const { deps } = ctx;
  const { name } = request;
  const result = await recordEvent(deps, {
    plan: (state, records) => planDeregister(state, records, request),
    describe: ({ version, freed }) => ({
      summary: `Deregister ${name} v${version}`,
      details: { name, version, freed }
    }),
    reason: request.reason
  });
  if (result.existing) {
    const { tag, commit: commit2 } = result.event;
    const { version } = result.lost;
    deps.log.info(`${name} v${version} was deregistered meanwhile by ${tag}`);
    return { name, version, tag, commit: commit2, freed: [], existing: true };
  }
  const { plan, commit } = result;
  const left = plan.freed.length > 0 ? `; it left ${plan.freed.join(", ")}` : "";
  deps.log.info(`${plan.tag}: ${name} v${plan.version} is deregistered${left}`);
  return {
    name,
    version: plan.version,
    tag: plan.tag,
    commit,
    freed: plan.freed,
    existing: false
  };
}
async function runDeprecate(ctx, request) {
  const { deps } = ctx;
  const { name } = request;
  const result = await recordEvent(deps, {
    plan: (state, records) => planDeprecate(state, records, request),
    describe: () => ({ summary: `Deprecate ${name}`, details: { name } }),
    reason: request.reason
  });
  if (result.existing) {
    const { tag, commit: commit2 } = result.event;
    deps.log.info(`${name} was deprecated meanwhile by ${tag}`);
    return { name, tag, commit: commit2, existing: true };
  }
  const { plan, commit } = result;
  deps.log.info(`${plan.tag}: ${name} is deprecated`);
  return { name, tag: plan.tag, commit, existing: false };
}
async function runUnassign(ctx, request) {
  const { deps, config } = ctx;
  const { name, stage } = request;
  const result = await recordEvent(deps, {
    // A retry must not take the stage from a version promoted meanwhile: it pins the first holder.
    plan: (state, records, lost) => planUnassign(state, records, { name, stage, version: lost?.version }, config.registry.stages),
    describe: ({ version }) => ({
      summary: `Unassign ${stage} from ${name} v${version}`,
      details: { name, version, stage }
    }),
    reason: request.reason
  });
  if (result.existing) {
    const { tag, commit: commit2 } = result.event;
    const { version } = result.lost;
    deps.log.info(`${name} v${version} left ${stage} meanwhile by ${tag}`);
    return { name, stage, version, tag, commit: commit2, existing: true };
  }
  const { plan, commit } = result;
  deps.log.info(`${plan.tag}: ${name} v${plan.version} left ${stage}`);
  return { name, stage, version: plan.version, tag: plan.tag, commit, existing: false };
}
export {
  runDeprecate,
  runDeregister,
  runUnassign
};
