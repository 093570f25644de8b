/** `mlops report`: the markdown report from what the earlier steps wrote. */
import path from 'node:path';
import { BUNDLE_FILES } from '../model/bundle.js';
import type { HistoryEpoch } from '../report/charts.js';
import { renderReport } from '../report/render.js';
import { parseJson } from '../util/json.js';
import { modelName } from './identity.js';
import { outputPaths, readStepOutput, readStepText, type StepContext } from './context.js';
import { checkHistory, STEP_OUTPUTS, type StepOutputFormat } from './outputs.js';
import type { EvaluationOutcome } from './evaluate.js';
import type { RegistrationOutcome } from './register.js';
import { tunePaths, TUNE_OUTPUTS } from './tune-files.js';

export interface ReportOutcome {
  path: string;
  markdown: string;
}

/** Renders `report.md` from `evaluation.json` and, when present, validation and training outputs. */
export async function runReport(ctx: StepContext): Promise<ReportOutcome> {
  const paths = outputPaths(ctx.out);
  const optional = async <T>(file: string, step: string, output: StepOutputFormat<T>) =>
    (await ctx.deps.fs.exists(file)) ? readStepOutput(ctx, file, step, output) : null;
  const validated = await optional(paths.validation, 'validate', STEP_OUTPUTS.validation);
  // A run stopped by failed data checks still reports them; otherwise the evaluation is required.
  const evaluation =
    validated && !validated.passed
      ? await optional(paths.evaluation, 'evaluate', STEP_OUTPUTS.evaluation)
      : await readStepOutput(ctx, paths.evaluation, 'evaluate', STEP_OUTPUTS.evaluation);
  // Checks of other data than the evaluated model's would describe the wrong file.
  const validation =
    validated && evaluation && validated.dataHash !== evaluation.dataHash ? null : validated;
  if (validated && !validation) {
    ctx.deps.log.warn(
      `${paths.validation} is about other data than the model: left out of the report`,
    );
  }
  // Without an evaluation (a run stopped at validation), a model in the folder is an earlier run's.
  const trained =
    evaluation &&
    (await optional(path.join(paths.model, BUNDLE_FILES.training), 'train', STEP_OUTPUTS.training));
  const training = trained && trained.modelId === evaluation?.modelId ? trained : null;
  const history =
    training && (await readHistory(ctx, path.join(paths.model, BUNDLE_FILES.history)));
  const registration = await optional(paths.registration, 'register', STEP_OUTPUTS.registration);
  // A leaderboard of an earlier tuning describes another model than the one evaluated.
  const tuned =
    evaluation &&
    (await optional(tunePaths(ctx.out).leaderboard, 'tune collect', TUNE_OUTPUTS.leaderboard));
  const tuning = tuned && tuned.modelId === evaluation?.modelId ? tuned : null;
  // report.md is the whole report; the PR comment is cut to GitHub's limit and points here.
  const markdown = renderReport(
    {
      name: evaluation?.name ?? modelName(ctx.config),
      model: evaluation && {
        task: evaluation.evaluation.task,
        evaluation: evaluation.evaluation,
        baseline: evaluation.baseline,
        comparison: evaluation.comparison,
        gates: evaluation.gates,
        unknownLabels: evaluation.unknownLabels,
        positiveClass: evaluation.positiveClass,
      },
      validation: validation && {
        rows: validation.rows,
        unlabeled: validation.unlabeled.count,
        rejected: validation.rejected ?? null,
        anomalies: validation.anomalies,
        passed: validation.passed,
        schemaSource: validation.schemaSource,
        // The histograms' current side is this data's statistics.
        drift: validation.drift && { ...validation.drift, current: validation.statistics },
      },
      training: training && {
        rows: training.rows,
        backend: training.backend,
        epochs: training.epochs.run,
        features: training.features,
        warnings: training.warnings ?? [],
        ...(history ? { history } : {}),
      },
      links: {
        ...(ctx.deps.runUrl ? { runUrl: ctx.deps.runUrl } : {}),
        ...(ctx.deps.commit ? { commit: ctx.deps.commit.sha, commitUrl: ctx.deps.commit.url } : {}),
        ...releaseLink(ctx, registration, evaluation),
      },
      version: registration?.version ?? null,
      tuning,
    },
    Infinity,
  );
  await ctx.deps.fs.write(paths.report, markdown);
  ctx.deps.log.info(`report written to ${paths.report}`);
  return { path: paths.report, markdown };
}

/** The bundle's loss per epoch, checked like a step output; null when the bundle has none. */
async function readHistory(ctx: StepContext, file: string): Promise<HistoryEpoch[] | null> {
  if (!(await ctx.deps.fs.exists(file))) return null;
  const remedy = 'Run `mlops train` again to rewrite it.';
  return checkHistory(
    parseJson(await readStepText(ctx, file, 'train'), file, remedy),
    file,
    remedy,
  );
}

/**
 * A link to the registered version's release, else to the baseline's; only web pages, since a
 * local release folder means nothing to someone reading the comment on GitHub.
 */
function releaseLink(
  ctx: StepContext,
  registration: RegistrationOutcome | null,
  evaluation: EvaluationOutcome | null,
): { release?: { url: string; label: string } } {
  const [tag, label] = registration
    ? [registration.tag, `release ${registration.tag}`]
    : evaluation?.baseline
      ? [evaluation.baseline.tag, `baseline ${evaluation.baseline.tag}`]
      : [null, ''];
  const url = tag === null ? null : ctx.deps.releases.pageUrl(tag);
  return url?.startsWith('https://') ? { release: { url, label } } : {};
}
