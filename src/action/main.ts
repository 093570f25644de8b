/** Entry point of the umbrella action: inputs → the chosen step → outputs and job summary. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { nodeFileSystem } from '../adapters/fs.js';
import { createGitTagStore, hasRemote } from '../adapters/git.js';
import { createLocalReleaseStore } from '../adapters/local-releases.js';
import { runnerLogger, writeJobSummary } from '../adapters/runner.js';
import { findWasmDir } from '../adapters/wasm.js';
import { unsupportedSettings } from '../config/load.js';
import { errorMessage } from '../util/text.js';
import { outputPaths, type StepContext } from '../steps/context.js';
import { runEvaluate } from '../steps/evaluate.js';
import { OUTPUTS, readInputs, type ActionInputs } from './inputs.js';
import { runPipeline } from '../steps/pipeline.js';
import { runRegister } from '../steps/register.js';
import { runReport, type ReportOutcome } from '../steps/report.js';
import { checkOutputFolder, checkWorkspacePaths, resolveConfig } from '../steps/setup.js';
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
    const ctx = await createActionContext(inputs, env);
    await runCommand(inputs, ctx, env);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

async function createActionContext(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
): Promise<StepContext> {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const { config, baseDir, configFile } = await resolveConfig(
    {
      cwd: workspace,
      ...(inputs.config ? { config: inputs.config } : {}),
      overrides: {
        ...(inputs.data ? { data: inputs.data } : {}),
        ...(inputs.label ? { label: inputs.label } : {}),
      },
      env,
    },
    nodeFileSystem,
  );
  const out = path.resolve(workspace, inputs.out);
  checkOutputFolder(out, config, { baseDir, repo: workspace });
  await checkWorkspacePaths(config, baseDir, workspace, nodeFileSystem);
  unsupportedSettings(config).forEach((warning) => runnerLogger.warn(warning));
  const wasmDir = findWasmDir();
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  return {
    config,
    baseDir,
    configFile,
    out,
    deps: {
      fs: nodeFileSystem,
      log: runnerLogger,
      tags: createGitTagStore({
        dir: workspace,
        tagger: ACTIONS_TAGGER,
        // Tags are pushed so the registry of record is the repository on GitHub.
        ...((await hasRemote(workspace, 'origin')) ? { remote: 'origin' } : {}),
      }),
      releases: createLocalReleaseStore(path.resolve(baseDir, config.registry.releases)),
      backend: wasmDir ? { wasmDir } : {},
      tmpDir: () => mkdtemp(path.join(env.RUNNER_TEMP ?? os.tmpdir(), 'mlops-')),
      now: () => new Date(),
      ...(runUrl ? { runUrl } : {}),
    },
  };
}

async function runCommand(
  inputs: ActionInputs,
  ctx: StepContext,
  env: NodeJS.ProcessEnv,
): Promise<void> {
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
      await publishReport(await runReport(ctx));
      return;
    case 'register': {
      const outcome = await runRegister(ctx);
      core.setOutput(OUTPUTS.version, outcome.version);
      return;
    }
    case 'run': {
      // Pull requests evaluate and report; only pushes and manual runs register by default.
      const register =
        inputs.register === 'auto'
          ? !env.GITHUB_EVENT_NAME?.startsWith('pull_request')
          : inputs.register === 'true';
      const outcome = await runPipeline(ctx, { register }).catch(async (error: unknown) => {
        // A run that fails late (e.g. pushing the tag) has still written its report: show it.
        const file = outputPaths(ctx.out).report;
        if (await ctx.deps.fs.exists(file)) {
          await publishReport({ path: file, markdown: await ctx.deps.fs.readText(file) });
        }
        throw error;
      });
      core.setOutput(OUTPUTS.blessed, String(outcome.passed));
      core.setOutput(OUTPUTS.version, outcome.registration?.version ?? '');
      if (outcome.report) await publishReport(outcome.report);
      if (!outcome.passed)
        core.setFailed('the pipeline did not pass: see the report in the job summary');
      return;
    }
  }
}

/** Points the `report-path` output at the report and adds it to the job summary. */
async function publishReport(report: ReportOutcome): Promise<void> {
  core.setOutput(OUTPUTS.reportPath, report.path);
  await writeJobSummary(report.markdown);
}
