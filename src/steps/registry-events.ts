/**
 * `mlops deregister`, `mlops deprecate` and `mlops unassign`: GTO's other registry events, each an
 * annotated tag whose message says who did it, why and from which run.
 */
import {
  planDeprecate,
  planDeregister,
  planUnassign,
  type UnassignPlan,
} from '../registry/plan.js';
import type { StepContext } from './context.js';
import { recordEvent } from './record-event.js';

/** Why, recorded in the tag message. */
interface Reason {
  reason?: string | undefined;
}

export interface DeregisterOutcome {
  name: string;
  version: string;
  tag: string;
  commit: string;
  /** The stages the version held and lost (unknown, so empty, when `existing`). */
  freed: string[];
  /** True when someone deregistered it meanwhile: `tag` is theirs. */
  existing: boolean;
}

export interface DeprecateOutcome {
  name: string;
  tag: string;
  commit: string;
  /** True when someone deprecated it meanwhile: `tag` is theirs. */
  existing: boolean;
}

export interface UnassignOutcome {
  name: string;
  stage: string;
  /** The version that left the stage. */
  version: string;
  tag: string;
  commit: string;
  /** True when someone emptied the stage meanwhile: `tag` is theirs. */
  existing: boolean;
}

/** Deregisters a version (`NAME@vX.Y.Z!`): it stays in the history but leaves its stages. */
export async function runDeregister(
  ctx: StepContext,
  request: { name: string; version: string } & Reason,
): Promise<DeregisterOutcome> {
  const { deps } = ctx;
  const { name } = request;
  const result = await recordEvent(deps, {
    plan: (state, records) => planDeregister(state, records, request),
    describe: ({ version, freed }) => ({
      summary: `Deregister ${name} v${version}`,
      details: { name, version, freed },
    }),
    reason: request.reason,
  });
  if (result.existing) {
    const { tag, commit } = result.event;
    const { version } = result.lost;
    deps.log.info(`${name} v${version} was deregistered meanwhile by ${tag}`);
    return { name, version, tag, commit, freed: [], existing: true };
  }
  const { plan, commit } = result;
  const left = plan.freed.length > 0 ? `; it left ${plan.freed.join(', ')}` : '';
  deps.log.info(`${plan.tag}: ${name} v${plan.version} is deregistered${left}`);
  return {
    name,
    version: plan.version,
    tag: plan.tag,
    commit,
    freed: plan.freed,
    existing: false,
  };
}

/** Deprecates the whole model (`NAME@deprecated`) until a later registration or promotion. */
export async function runDeprecate(
  ctx: StepContext,
  request: { name: string } & Reason,
): Promise<DeprecateOutcome> {
  const { deps } = ctx;
  const { name } = request;
  const result = await recordEvent(deps, {
    plan: (state, records) => planDeprecate(state, records, request),
    describe: () => ({ summary: `Deprecate ${name}`, details: { name } }),
    reason: request.reason,
  });
  if (result.existing) {
    const { tag, commit } = result.event;
    deps.log.info(`${name} was deprecated meanwhile by ${tag}`);
    return { name, tag, commit, existing: true };
  }
  const { plan, commit } = result;
  deps.log.info(`${plan.tag}: ${name} is deprecated`);
  return { name, tag: plan.tag, commit, existing: false };
}

/** Empties a stage (`NAME#STAGE!#N` on the commit of the version holding it). */
export async function runUnassign(
  ctx: StepContext,
  request: { name: string; stage: string } & Reason,
): Promise<UnassignOutcome> {
  const { deps, config } = ctx;
  const { name, stage } = request;
  const result = await recordEvent<UnassignPlan>(deps, {
    // A retry must not take the stage from a version promoted meanwhile: it pins the first holder.
    plan: (state, records, lost) =>
      planUnassign(state, records, { name, stage, version: lost?.version }, config.registry.stages),
    describe: ({ version }) => ({
      summary: `Unassign ${stage} from ${name} v${version}`,
      details: { name, version, stage },
    }),
    reason: request.reason,
  });
  if (result.existing) {
    const { tag, commit } = result.event;
    const { version } = result.lost;
    deps.log.info(`${name} v${version} left ${stage} meanwhile by ${tag}`);
    return { name, stage, version, tag, commit, existing: true };
  }
  const { plan, commit } = result;
  deps.log.info(`${plan.tag}: ${name} v${plan.version} left ${stage}`);
  return { name, stage, version: plan.version, tag: plan.tag, commit, existing: false };
}
