/** `mlops run`: validate → train → evaluate → register (when blessed) → report, in one go. */
import { outputPaths, type StepContext } from './context.js';
import { runEvaluate, type EvaluationOutcome } from './evaluate.js';
import { runRegister, type RegistrationOutcome } from './register.js';
import { runReport, type ReportOutcome } from './report.js';
import { runTrain, type TrainOutcome } from './train.js';
import { runValidate, type ValidationOutcome } from './validate.js';

export interface PipelineOptions {
  /** Skip registration even when blessed (e.g. on pull requests). */
  register?: boolean;
}

export interface PipelineOutcome {
  validation: ValidationOutcome;
  training: TrainOutcome | null;
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
  // Outputs of an earlier run must not leak into this run's report (e.g. an old registration).
  const paths = outputPaths(ctx.out);
  for (const stale of [paths.evaluation, paths.registration, paths.report, paths.model]) {
    await ctx.deps.fs.remove(stale);
  }
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
  const training = await runTrain(ctx);
  const evaluation = await runEvaluate(ctx);
  const registration =
    evaluation.blessed && options.register !== false ? await runRegister(ctx) : null;
  const report = await runReport(ctx);
  return { validation, training, evaluation, registration, report, passed: evaluation.blessed };
}
