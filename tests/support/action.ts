/**
 * Runs a bundled action the way a GitHub runner does: `node dist/<entry>` as its own process with
 * INPUT_* variables (hyphens kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and an event file.
 * Asynchronous, so a local GitHub server in the test's process can answer while the action runs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionEnv {
  /** GITHUB_EVENT_NAME; its payload is written to the file GITHUB_EVENT_PATH names. */
  event?: { name: string; payload?: Record<string, unknown> };
  /** Any other variables (GITHUB_API_URL, GITHUB_SHA …). */
  env?: Record<string, string>;
  /** The bundle to run, relative to dist/action/: a step's name, or `index` for the umbrella. */
  entry?: string;
}

/** Runs the action in `workspace` with `inputs`; resolves when the process exits. */
export async function runAction(
  workspace: string,
  inputs: Record<string, string>,
  options: ActionEnv = {},
): Promise<ActionRun> {
  const files = await mkdtemp(path.join(os.tmpdir(), 'mlops-runner-'));
  try {
    const outputFile = path.join(files, 'output');
    const summaryFile = path.join(files, 'summary');
    const eventFile = path.join(files, 'event.json');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    await writeFile(eventFile, JSON.stringify(options.event?.payload ?? {}));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_EVENT_NAME: options.event?.name ?? 'push',
      RUNNER_TEMP: files,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'octo/wages',
      GITHUB_RUN_ID: '42',
      GITHUB_WORKFLOW: 'mlops',
      GITHUB_ACTOR: 'octocat',
      ...options.env,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const result = await run(
      path.join(root, 'dist', 'action', `${options.entry ?? 'index'}.js`),
      workspace,
      env,
    );
    return {
      ...result,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
    };
  } finally {
    await rm(files, { recursive: true, force: true });
  }
}

function run(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Reads the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}
