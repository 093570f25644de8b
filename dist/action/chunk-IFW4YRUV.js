import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  nextStageCounter,
  replayTags,
  requireModel
} from "./chunk-YR2GBVOP.js";
import {
  deprecateTag,
  deregisterTag,
  stageTag,
  unassignTag
} from "./chunk-H7KIXIMF.js";
import {
  require_semver
} from "./chunk-6N7CCY5D.js";
import {
  RegistryConflict,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/registry/plan.ts
var import_semver = __toESM(require_semver(), 1);
var NoChange = class extends RegistryConflict {
  event;
  constructor(message, event) {
    super(message);
    this.event = event;
  }
};
function planPromotion(state, records, request, stages) {
  const { name, stage } = request;
  if (!stages.includes(stage)) throw unknownStage(stage, stages);
  const model = requireModel(state, name);
  const entry = requireVersion(model, request.version);
  if (entry.deregistered) {
    throw new UsageError(
      `${name} v${entry.version} was deregistered, so it cannot be promoted: promote a registered version (${liveVersions(model)}).`
    );
  }
  checkStageTagResolves(
    model,
    entry,
    `Promote that version instead, or register v${entry.version} from its own commit.`
  );
  const holder = model.stages.find((assignment) => assignment.stage === stage);
  if (holder?.version === entry.version) {
    throw noChange(
      `${name} v${entry.version} is already in ${stage} (tag ${holder.tag}); nothing to do.`,
      model.history.findLast((event) => event.tag === holder.tag)
    );
  }
  return {
    tag: stageTag(name, stage, nextStageCounter(records, name)),
    commit: entry.commit,
    version: entry.version,
    previous: holder?.version ?? null
  };
}
function planDeregister(state, records, request) {
  const { name } = request;
  const model = requireModel(state, name);
  const entry = requireVersion(model, request.version);
  const { version } = entry;
  if (entry.deregistered) {
    throw noChange(
      `${name} v${version} is already deregistered; nothing to do.`,
      model.history.findLast((event) => event.kind === "deregister" && event.version === version)
    );
  }
  return {
    tag: simpleOrCounted(
      records,
      name,
      deregisterTag(name, version),
      (counter) => deregisterTag(name, version, counter)
    ),
    commit: entry.commit,
    version,
    freed: model.stages.filter((s) => s.version === version).map((s) => s.stage)
  };
}
function planDeprecate(state, records, request) {
  const { name } = request;
  const model = requireModel(state, name);
  if (model.deprecated) {
    throw noChange(
      `${name} is already deprecated; nothing to do.`,
      model.history.findLast((event) => event.kind === "deprecate")
    );
  }
  const newest = model.history.at(-1);
  return {
    tag: simpleOrCounted(
      records,
      name,
      deprecateTag(name),
      (counter) => deprecateTag(name, counter)
    ),
    commit: newest.commit
  };
}
function planUnassign(state, records, request, stages) {
  const { name, stage } = request;
  const expected = request.version?.replace(/^v/, "");
  const model = requireModel(state, name);
  const holder = model.stages.find((assignment) => assignment.stage === stage);
  if (!holder) {
    const used = model.history.some((event) => event.stage === stage);
    if (!stages.includes(stage) && !used) throw unknownStage(stage, stages);
    throw noChange(
      `no version of ${name} is in ${stage}; nothing to do.`,
      model.history.findLast(
        (event) => event.kind === "unassign" && event.stage === stage || event.kind === "deregister" && event.version === expected
      )
    );
  }
  if (expected !== void 0 && holder.version !== expected) {
    throw new RegistryConflict(
      `${name} v${expected} is not in ${stage}: v${holder.version} is (tag ${holder.tag}). Check \`mlops registry show\` and run the command again for the version you mean.`
    );
  }
  const entry = requireVersion(model, holder.version);
  checkStageTagResolves(
    model,
    entry,
    `Deregister v${entry.version}, or promote another version to ${stage}.`
  );
  return {
    tag: unassignTag(name, stage, nextStageCounter(records, name)),
    commit: entry.commit,
    version: entry.version
  };
}
function requireVersion(model, version) {
  const wanted = version.replace(/^v/, "");
  const entry = model.versions.find((candidate) => candidate.version === wanted);
  if (entry) return entry;
  throw new UsageError(
    `${model.name} has no registered version ${wanted}; it has: ${liveVersions(model)}.`
  );
}
function liveVersions(model) {
  const live = model.versions.filter((v) => !v.deregistered).map((v) => v.version);
  return live.join(", ") || "none";
}
function checkStageTagResolves(model, entry, remedy) {
  const higher = model.versions.find(
    (v) => v.commit === entry.commit && !v.deregistered && import_semver.default.compareBuild(v.version, entry.version) > 0
  );
  if (higher) {
    throw new UsageError(
      `${model.name} v${entry.version} shares commit ${entry.commit.slice(0, 7)} with v${higher.version}, so a stage tag there would apply to v${higher.version}. ${remedy}`
    );
  }
}
function simpleOrCounted(records, name, simple, counted) {
  const taken = records.some((record) => record.tag === simple);
  return taken ? counted(nextStageCounter(records, name)) : simple;
}
function unknownStage(stage, stages) {
  return new UsageError(
    `stage "${stage}" is not a stage of this registry: registry.stages is [${stages.join(", ")}]. Pick one of those, or add it to registry.stages in mlops.yml.`
  );
}
function noChange(message, event) {
  return event ? new NoChange(message, event) : new RegistryConflict(message);
}

// src/steps/record-event.ts
var RACE_RETRIES = 3;
var RACE_ADVICE = "To make such runs on one branch queue instead of racing, give the workflow `concurrency: { group: mlops-registry-${{ github.ref }}, cancel-in-progress: false }`.";
async function recordEvent(deps, spec) {
  let records = await deps.tags.list();
  let lost;
  for (let retry = 0; ; retry++) {
    let plan;
    try {
      plan = spec.plan(replayTags(records), records, lost);
    } catch (error) {
      if (lost && error instanceof NoChange) return { existing: true, event: error.event, lost };
      throw error;
    }
    try {
      const record = await deps.tags.create(plan.tag, eventMessage(deps, spec, plan), plan.commit);
      await deps.tags.push([plan.tag]);
      return { existing: false, plan, commit: record.commit };
    } catch (error) {
      if (!(error instanceof RegistryConflict)) throw error;
      if (retry === RACE_RETRIES) {
        throw new RegistryConflict(
          `${plan.tag}: each of ${RACE_RETRIES + 1} attempts found the tag it planned taken; nothing was recorded. Last: ${error.message}
Run the command again once the other runs have finished. ${RACE_ADVICE}`
        );
      }
      lost = plan;
      deps.log.info(
        `${plan.tag} was taken meanwhile; reading the registry again (retry ${retry + 1} of ${RACE_RETRIES}). ${RACE_ADVICE}`
      );
      records = await deps.tags.list();
    }
  }
}
function eventMessage(deps, spec, plan) {
  const { summary, details } = spec.describe(plan);
  const json = {
    ...details,
    ...deps.actor ? { who: deps.actor } : {},
    ...spec.reason ? { reason: spec.reason } : {},
    at: deps.now().toISOString(),
    ...deps.runUrl ? { runUrl: deps.runUrl } : {}
  };
  return `${summary}

${JSON.stringify(json, null, 2)}
`;
}

export {
  planPromotion,
  planDeregister,
  planDeprecate,
  planUnassign,
  RACE_ADVICE,
  recordEvent
};
