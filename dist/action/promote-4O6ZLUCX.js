import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  planPromotion,
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

// src/steps/promote.ts
async function runPromote(ctx, request) {
  const { deps, config } = ctx;
  const { name, stage } = request;
  const result = await recordEvent(deps, {
    plan: (state, records) => planPromotion(state, records, request, config.registry.stages),
    describe: ({ version: version2, previous: previous2 }) => ({
      summary: `Promote ${name} v${version2} to ${stage}`,
      details: { name, version: version2, stage, previous: previous2 }
    }),
    reason: request.reason
  });
  if (result.existing) {
    const { tag, commit: commit2 } = result.event;
    const { version: version2 } = result.lost;
    deps.log.info(`${name} v${version2} was promoted to ${stage} meanwhile by ${tag}`);
    return { name, version: version2, stage, tag, commit: commit2, previous: null, existing: true };
  }
  const { plan, commit } = result;
  const { version, previous } = plan;
  deps.log.info(
    `${plan.tag}: ${name} v${version} is now in ${stage}${previous ? ` (was v${previous})` : ""}`
  );
  return { name, version, stage, tag: plan.tag, commit, previous, existing: false };
}
export {
  runPromote
};
