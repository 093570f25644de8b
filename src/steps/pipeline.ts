/** `mlops run`: validate → train → evaluate → register (when blessed) → report, in one go. */
import { removeStaleOutputs, type StepContext } from './context.js';
import { runEvaluate, type EvaluationOutcome } from './evaluate.js';
import { runRegister, type RegistrationOutcome } from './register.js';
import { runReport, type ReportOutcome } from './report.js';
import { trainWithCache, type CachedTrainOutcome } from './train-cache.js';
import { runValidate, type ValidationOutcome } from './validate.js';

export interface PipelineOptions {
  /** Skip registration even when blessed (e.g. on pull requests). */
  register?: boolean;
  /** Restore the bundle of an identical earlier training (default true; false: --no-cache). */
  cache?: boolean;
}

export interface PipelineOutcome {
  validation: ValidationOutcome;
  training: CachedTrainOutcome | null;
  evaluation: EvaluationOutcome | null;
  registration: RegistrationOutcome | null;
  report: ReportOutcome | null;
  /** True when the data passed validation and the model passed its gates. */
  passed: boolean;
}

/** Runs every step; stops after validation when the data fails it, and registers only blessed models. */
export async function runPipeline(
  ctx: StepContext,
  options: PipelineOptions = {},
): Promise<PipelineOutcome> {
  // An earlier run's evaluation or registration must not leak into this run's report.
  await removeStaleOutputs(ctx);
  const validation = await runValidate(ctx);
  if (!validation.passed) {
    ctx.deps.log.warn('data validation failed: not training. See the data checks in the report.');
    const report = await runReport(ctx);
    return {
      validation,
      training: null,
      evaluation: null,
      registration: null,
      report,
      passed: false,
    };
  }
  const training = await trainWithCache(ctx, { cache: options.cache ?? true });
  const evaluation = await runEvaluate(ctx);
  let registration: RegistrationOutcome | null = null;
  let registrationError: unknown = null;
  if (evaluation.blessed && options.register !== false) {
    registration = await runRegister(ctx).catch((error: unknown) => {
      registrationError = error;
      return null;
    });
  }
  // The report is written even when registration fails, so the run's results are never lost.
  const report = await runReport(ctx);
  if (registrationError) throw registrationError;
  return { validation, training, evaluation, registration, report, passed: evaluation.blessed };
}
