/**
 * How every registry command writes its event: plan from the tags as they are, create the annotated
 * tag, push it; when someone took the tag meanwhile, read the tags again and plan again.
 */
import { RegistryConflict } from '../errors.js';
import { NoChange, type TagPlan } from '../registry/plan.js';
import { replayTags, type RegistryEvent, type RegistryState } from '../registry/state.js';
import type { TagRecord } from '../registry/store.js';
import type { StepDeps } from './context.js';

/** Enough for a burst of CI jobs acting at once; a conflict that outlasts it is reported. */
const RACE_RETRIES = 3;

/** How to stop registry runs racing for one tag, said wherever a lost race is reported. */
export const RACE_ADVICE =
  'To make such runs on one branch queue instead of racing, give the workflow ' +
  '`concurrency: { group: mlops-registry-${{ github.ref }}, cancel-in-progress: false }`.';

/** One registry event to record. */
export interface EventSpec<P extends TagPlan> {
  /**
   * Plans the tag from the registry as it is; throws NoChange when it already is as asked. On a
   * retry, `lost` is the plan whose tag someone else took.
   */
  plan: (state: RegistryState, records: readonly TagRecord[], lost: P | undefined) => P;
  /** The tag message's first line and its JSON; who, why, when and the run URL are added. */
  describe: (plan: P) => { summary: string; details: Record<string, unknown> };
  /** Why, in the user's words. */
  reason?: string | undefined;
}

/**
 * The created tag, or the event through which someone else did the same meanwhile (with `lost`,
 * the plan that lost the race to it).
 */
export type EventResult<P extends TagPlan> =
  { existing: false; plan: P; commit: string } | { existing: true; event: RegistryEvent; lost: P };

/** What recording an event uses of the step's adapters. */
export type EventDeps = Pick<StepDeps, 'tags' | 'log' | 'now' | 'actor' | 'runUrl'>;

/** Records the event as a pushed annotated tag, retrying a lost race up to RACE_RETRIES times. */
export async function recordEvent<P extends TagPlan>(
  deps: EventDeps,
  spec: EventSpec<P>,
): Promise<EventResult<P>> {
  let records = await deps.tags.list();
  let lost: P | undefined;
  for (let retry = 0; ; retry++) {
    let plan: P;
    try {
      plan = spec.plan(replayTags(records), records, lost);
    } catch (error) {
      // Losing a race to someone who did exactly what was asked is not a failure.
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
          `${plan.tag}: each of ${RACE_RETRIES + 1} attempts found the tag it planned taken; nothing ` +
            `was recorded. Last: ${error.message}\nRun the command again once the other runs have ` +
            `finished. ${RACE_ADVICE}`,
        );
      }
      lost = plan;
      // A normal race between CI jobs, as in register: information, not a warning.
      deps.log.info(
        `${plan.tag} was taken meanwhile; reading the registry again (retry ${retry + 1} of ${RACE_RETRIES}). ${RACE_ADVICE}`,
      );
      records = await deps.tags.list();
    }
  }
}

/** A summary line, a blank line, then the event as pretty JSON: readable by `git show TAG`. */
function eventMessage<P extends TagPlan>(deps: EventDeps, spec: EventSpec<P>, plan: P): string {
  const { summary, details } = spec.describe(plan);
  const json = {
    ...details,
    ...(deps.actor ? { who: deps.actor } : {}),
    ...(spec.reason ? { reason: spec.reason } : {}),
    at: deps.now().toISOString(),
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
  };
  return `${summary}\n\n${JSON.stringify(json, null, 2)}\n`;
}
