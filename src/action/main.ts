/**
 * The runner adapter: inputs → the step the table names → outputs, log and job summary. The
 * umbrella action picks the step with its `command` input; each per-step action fixes it.
 */
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { actionCacheDir } from '../adapters/cache.js';
import { createFileSystem } from '../adapters/fs.js';
import { hasRemote } from '../adapters/git.js';
import { createStepDeps } from '../adapters/step-deps.js';
import { readRunContext, type RunContext } from '../adapters/run-context.js';
import { runnerLogger } from '../adapters/runner.js';
import { findWasmDir } from '../adapters/wasm.js';
import { unsupportedSettings, type ConfigOverrides } from '../config/load.js';
import { isPullRequestEvent } from '../report/comment.js';
import { errorMessage } from '../util/text.js';
import { outputPaths, type StepContext } from '../steps/context.js';
import type { PipelineOutcome } from '../steps/pipeline.js';
import type { MonitorOutcome } from '../steps/monitor.js';
import type { ReportOutcome } from '../steps/report.js';
import {
  checkOutputFolder,
  confineConfigPaths,
  confineOutputFolder,
  resolveConfig,
} from '../steps/setup.js';
import { lookupStep, stepParams, type StepArgs, type StepName } from '../step-table.js';
import { readCommand, readInputs, type ActionInputs } from './inputs.js';
import { postReport, publishReport, type PublishContext } from './publish.js';

/** The identity registry tags are made with when the checkout has no git user configured. */
const ACTIONS_TAGGER = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/**
 * Runs step `fixed` (a per-step action) or the one the `command` input names (the umbrella);
 * every failure ends in `setFailed` with the error's message.
 */
export async function main(fixed?: StepName, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const name = fixed ?? readCommand();
    const spec = lookupStep(name);
    const inputs = readInputs(name, { umbrella: fixed === undefined });
    const run = await readRunContext(env);
    const ctx = await createActionContext(name, inputs, run, env);
    const where = { inputs, ctx, run, env };
    const outcome = await (ACTION_RUNNERS[name] ?? runStep)(name, where);
    if (outcome === null) return;
    for (const [output, read] of Object.entries(spec.outputs))
      core.setOutput(output, read(outcome));
    runnerLogger.info(spec.summary(outcome));
    const failure = spec.verdict(outcome);
    if (failure) core.setFailed(failure);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

/** Runs a step; null means it had nothing to do (no outputs, no verdict). */
type ActionRunner = (name: StepName, where: PublishContext) => Promise<unknown>;

/** The request a step runs with, from its inputs; paths resolve against the workspace. */
function stepArgs(name: StepName, inputs: ActionInputs, workspace: string): StepArgs {
  const args: Record<string, unknown> = {};
  for (const param of stepParams(lookupStep(name))) {
    const value = inputs[param.param];
    if (value === undefined || value === '') continue;
    if (param.boolean) args[param.param] = value === 'true';
    else args[param.param] = param.path ? path.resolve(workspace, value) : value;
  }
  return args as StepArgs;
}

const runStep: ActionRunner = (name, { inputs, ctx, run, env }) =>
  lookupStep(name).run(ctx, stepArgs(name, inputs, workspaceOf(env)), run);

/** Steps whose action does more than the step: reports reach the summary and the pull request. */
const ACTION_RUNNERS: Partial<Record<StepName, ActionRunner>> = {
  report: async (name, where) => {
    const report = (await runStep(name, where)) as ReportOutcome;
    return { ...report, commentUrl: await publishReport(report, where) };
  },
  comment: (_name, where) => postReport(where),
  // The monitor's report is about serving, not a pull request: the job summary only.
  monitor: async (name, where) => {
    const outcome = (await runStep(name, where)) as MonitorOutcome;
    await publishReport(outcome.report, where, 'never');
    return outcome;
  },
  run: async (name, where) => {
    const { inputs, ctx, run } = where;
    // Pull requests evaluate and report; only pushes and manual runs register by default.
    const register =
      inputs.register === 'auto' ? !isPullRequestEvent(run) : inputs.register === 'true';
    const args = { ...stepArgs(name, inputs, workspaceOf(where.env)), register };
    const outcome = (await lookupStep(name)
      .run(ctx, args, run)
      .catch(async (error: unknown) => {
        // A run that fails late (e.g. pushing the tag) has still written its report: show it.
        const file = outputPaths(ctx.out).report;
        if (await ctx.deps.fs.exists(file)) {
          // The run's own error is the one to show; a failed comment only gets a warning.
          await publishReport(
            { path: file, markdown: await ctx.deps.fs.readText(file) },
            where,
          ).catch((publishError: unknown) => ctx.deps.log.warn(errorMessage(publishError)));
        }
        throw error;
      })) as PipelineOutcome;
    const commentUrl = outcome.report ? await publishReport(outcome.report, where) : undefined;
    return { ...outcome, commentUrl };
  },
};

function workspaceOf(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_WORKSPACE ?? process.cwd();
}

async function createActionContext(
  name: StepName,
  inputs: ActionInputs,
  run: RunContext,
  env: NodeJS.ProcessEnv,
): Promise<StepContext> {
  const spec = lookupStep(name);
  const workspace = workspaceOf(env);
  const tmpRoot = env.RUNNER_TEMP ?? os.tmpdir();
  // A pull request controls the checkout, links included: every file is confined by real path.
  const fs = createFileSystem({ workspace, scratch: tmpRoot });
  const { config, baseDir, configFile } = await resolveConfig(
    {
      cwd: workspace,
      workspace,
      ...(inputs.config ? { config: inputs.config } : {}),
      overrides: configOverrides(inputs),
      env,
      needsData: spec.needsData,
    },
    fs,
  );
  const out = path.resolve(workspace, inputs.out ?? '.mlops');
  await confineOutputFolder(out, workspace, fs);
  checkOutputFolder(out, config, { baseDir, repo: workspace });
  await confineConfigPaths(config, baseDir, workspace, fs);
  unsupportedSettings(config).forEach((warning) => runnerLogger.warn(warning));
  // Only training and evaluation load TensorFlow.js; the others need not find its .wasm files.
  const wasmDir = spec.trains ? findWasmDir() : undefined;
  const stepDeps = createStepDeps({
    git: {
      dir: workspace,
      tagger: ACTIONS_TAGGER,
      // Tags are pushed so the registry of record is the repository on GitHub.
      ...((await hasRemote(workspace, 'origin')) ? { remote: 'origin' } : {}),
    },
    releasesDir: path.resolve(baseDir, config.registry.releases),
    github: {
      token: inputs.githubToken,
      repository: run.repository ?? undefined,
      repositorySource: 'GITHUB_REPOSITORY',
      apiUrl: env.GITHUB_API_URL,
      webUrl: env.GITHUB_SERVER_URL,
    },
    log: runnerLogger,
    backend: wasmDir ? { wasmDir } : {},
    tmpRoot,
    cache: { dir: actionCacheDir(env, workspace, tmpRoot), env },
    run,
  });
  return { config, baseDir, configFile, out, deps: { ...stepDeps, fs } };
}

/** The config settings the inputs override (data, label, name, seed, max-errors, schema). */
function configOverrides(inputs: ActionInputs): ConfigOverrides {
  return {
    ...(inputs.data ? { data: inputs.data } : {}),
    ...(inputs.label ? { label: inputs.label } : {}),
    ...(inputs.name ? { name: inputs.name } : {}),
    ...(inputs.seed ? { seed: Number(inputs.seed) } : {}),
    ...(inputs.maxErrors ? { maxErrors: Number(inputs.maxErrors) } : {}),
    ...(inputs.schema ? { schema: inputs.schema } : {}),
    ...(inputs.baseline ? { driftBaseline: inputs.baseline } : {}),
  };
}
