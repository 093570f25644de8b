/** Entry point of the umbrella action: inputs → the chosen step → outputs and job summary. */
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { createFileSystem } from '../adapters/fs.js';
import { hasRemote } from '../adapters/git.js';
import { createStepDeps } from '../adapters/step-deps.js';
import { readRunContext, type RunContext } from '../adapters/run-context.js';
import { runnerLogger } from '../adapters/runner.js';
import { findWasmDir } from '../adapters/wasm.js';
import { unsupportedSettings } from '../config/load.js';
import { isPullRequestEvent } from '../report/comment.js';
import { errorMessage } from '../util/text.js';
import { outputPaths, type StepContext } from '../steps/context.js';
import { runEvaluate } from '../steps/evaluate.js';
import { OUTPUTS, readInputs, type ActionInputs } from './inputs.js';
import { postReport, publishReport } from './publish.js';
import { runPipeline } from '../steps/pipeline.js';
import { runRegister } from '../steps/register.js';
import { runReport, type ReportOutcome } from '../steps/report.js';
import {
  checkOutputFolder,
  confineConfigPaths,
  confineOutputFolder,
  resolveConfig,
} from '../steps/setup.js';
import { runTrain } from '../steps/train.js';
import { runValidate } from '../steps/validate.js';

/** The identity registry tags are made with when the checkout has no git user configured. */
const ACTIONS_TAGGER = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** Runs the action; every failure ends in `setFailed` with the error's message. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs();
    const run = await readRunContext(env);
    const ctx = await createActionContext(inputs, run, env);
    await runCommand(inputs, ctx, run, env);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

async function createActionContext(
  inputs: ActionInputs,
  run: RunContext,
  env: NodeJS.ProcessEnv,
): Promise<StepContext> {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const tmpRoot = env.RUNNER_TEMP ?? os.tmpdir();
  // A pull request controls the checkout, links included: every file is confined by real path.
  const fs = createFileSystem({ workspace, scratch: tmpRoot });
  const { config, baseDir, configFile } = await resolveConfig(
    {
      cwd: workspace,
      workspace,
      ...(inputs.config ? { config: inputs.config } : {}),
      overrides: {
        ...(inputs.data ? { data: inputs.data } : {}),
        ...(inputs.label ? { label: inputs.label } : {}),
      },
      env,
      // Posting a report needs no data: a workflow_run job posts a fork's report without checkout.
      needsData: inputs.command !== 'comment',
    },
    fs,
  );
  const out = path.resolve(workspace, inputs.out);
  await confineOutputFolder(out, workspace, fs);
  checkOutputFolder(out, config, { baseDir, repo: workspace });
  await confineConfigPaths(config, baseDir, workspace, fs);
  unsupportedSettings(config).forEach((warning) => runnerLogger.warn(warning));
  const wasmDir = findWasmDir();
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
    run,
  });
  return { config, baseDir, configFile, out, deps: { ...stepDeps, fs } };
}

async function runCommand(
  inputs: ActionInputs,
  ctx: StepContext,
  run: RunContext,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const where = { inputs, ctx, run, env };
  const publish = (report: ReportOutcome) => publishReport(report, where);
  switch (inputs.command) {
    case 'validate': {
      const outcome = await runValidate(ctx);
      if (!outcome.passed) core.setFailed('data validation failed: see the anomalies above');
      return;
    }
    case 'train':
      await runTrain(ctx);
      return;
    case 'evaluate': {
      const outcome = await runEvaluate(ctx);
      core.setOutput(OUTPUTS.blessed, String(outcome.blessed));
      if (!outcome.blessed) core.setFailed(`${outcome.name}: ${outcome.gates.verdict}`);
      return;
    }
    case 'report':
      await publish(await runReport(ctx));
      return;
    case 'comment':
      await postReport(where);
      return;
    case 'register': {
      const outcome = await runRegister(ctx);
      core.setOutput(OUTPUTS.version, outcome.version);
      return;
    }
    case 'run': {
      // Pull requests evaluate and report; only pushes and manual runs register by default.
      const register =
        inputs.register === 'auto' ? !isPullRequestEvent(run) : inputs.register === 'true';
      const outcome = await runPipeline(ctx, { register }).catch(async (error: unknown) => {
        // A run that fails late (e.g. pushing the tag) has still written its report: show it.
        const file = outputPaths(ctx.out).report;
        if (await ctx.deps.fs.exists(file)) {
          // The run's own error is the one to show; a failed comment only gets a warning.
          await publish({ path: file, markdown: await ctx.deps.fs.readText(file) }).catch(
            (publishError: unknown) => ctx.deps.log.warn(errorMessage(publishError)),
          );
        }
        throw error;
      });
      core.setOutput(OUTPUTS.blessed, String(outcome.passed));
      core.setOutput(OUTPUTS.version, outcome.registration?.version ?? '');
      if (outcome.report) await publish(outcome.report);
      if (!outcome.passed)
        core.setFailed('the pipeline did not pass: see the report in the job summary');
      return;
    }
  }
}
