/** `mlops promote NAME VERSION --to STAGE`: a stage tag `NAME#STAGE#N` on the version's commit. */
import { planPromotion, type PromotionRequest } from '../registry/plan.js';
import type { StepContext } from './context.js';
import { recordEvent } from './record-event.js';

export interface PromoteRequest extends PromotionRequest {
  /** Why, recorded in the tag message. */
  reason?: string | undefined;
}

export interface PromotionOutcome {
  name: string;
  version: string;
  stage: string;
  tag: string;
  commit: string;
  /** The version that held the stage before, if any (unknown when `existing`). */
  previous: string | null;
  /** True when someone promoted the same version to the same stage meanwhile: `tag` is theirs. */
  existing: boolean;
}

/** Assigns `stage` to a registered version by creating the next stage tag. */
export async function runPromote(
  ctx: StepContext,
  request: PromoteRequest,
): Promise<PromotionOutcome> {
  const { deps, config } = ctx;
  const { name, stage } = request;
  const result = await recordEvent(deps, {
    plan: (state, records) => planPromotion(state, records, request, config.registry.stages),
    describe: ({ version, previous }) => ({
      summary: `Promote ${name} v${version} to ${stage}`,
      details: { name, version, stage, previous },
    }),
    reason: request.reason,
  });
  if (result.existing) {
    const { tag, commit } = result.event;
    const { version } = result.lost;
    deps.log.info(`${name} v${version} was promoted to ${stage} meanwhile by ${tag}`);
    return { name, version, stage, tag, commit, previous: null, existing: true };
  }
  const { plan, commit } = result;
  const { version, previous } = plan;
  deps.log.info(
    `${plan.tag}: ${name} v${version} is now in ${stage}${previous ? ` (was v${previous})` : ''}`,
  );
  return { name, version, stage, tag: plan.tag, commit, previous, existing: false };
}
