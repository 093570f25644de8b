/**
 * A registry to serve in tests: one tiny model trained, evaluated and registered once through the
 * CLI (churn v0.1.0), then the same bundle registered again as other versions on new commits, as a
 * real registration would (release folder, pinned annotated tag), so no test trains twice.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeFileSystem } from '../../src/adapters/fs.js';
import { createLocalReleaseStore } from '../../src/adapters/local-releases.js';
import { createConsoleLogger, type Logger } from '../../src/adapters/log.js';
import { createLocalDeps } from '../../src/cli/deps.js';
import { formatTagMessage, parseTagMessage } from '../../src/registry/metadata.js';
import { bundleAssetName, versionTag } from '../../src/registry/tags.js';
import { packVerifiedBundle } from '../../src/steps/bundle-io.js';
import type { StepContext } from '../../src/steps/context.js';
import { resolveConfig } from '../../src/steps/setup.js';
import { CPU, mlops, tagMessage, tinyConfig } from './cli.js';
import { makeCsv } from './data.js';
import { git, makeRepo } from './repo.js';

/** A repository whose tiny binary model is registered as churn v0.1.0; its bundle folder. */
export interface ServingRepo {
  dir: string;
  bundle: string;
}

/** Trains, evaluates and registers the tiny model (once per test file: a few seconds). */
export async function servingRepo(): Promise<ServingRepo> {
  const dir = makeRepo({
    'data.csv': makeCsv('binary', 120, { seed: 3 }),
    'mlops.yml': tinyConfig(),
    '.gitignore': '.mlops/\n',
  });
  for (const step of ['train', 'evaluate', 'register']) {
    const run = await mlops(dir, [step]);
    if (run.code !== 0) throw new Error(`mlops ${step} failed:\n${run.stderr}`);
  }
  return { dir, bundle: path.join(dir, '.mlops/model') };
}

/**
 * Registers the repository's bundle again as churn `version` on a new commit: its release in the
 * local release folder and an annotated tag pinning it, with the first version's metadata.
 */
export async function registerAgain(repo: ServingRepo, version: string): Promise<void> {
  const { dir } = repo;
  git(dir, ['commit', '-q', '--allow-empty', '-m', `retrain ${version}`]);
  const packed = await packVerifiedBundle(nodeFileSystem, repo.bundle);
  const tag = versionTag('churn', version);
  await createLocalReleaseStore(path.join(dir, '.mlops/releases')).publish({
    tag,
    name: tag,
    notes: packed.card,
    assets: [{ name: bundleAssetName('churn', version), data: packed.archive }],
  });
  const first = parseTagMessage(tagMessage(dir, 'churn@v0.1.0'));
  if (!first) throw new Error('churn@v0.1.0 has no metadata');
  const message = formatTagMessage({
    ...first,
    version,
    createdAt: new Date().toISOString(),
    bundleSha256: packed.sha256,
  });
  execFileSync('git', ['tag', '-a', '--cleanup=verbatim', '-m', message, tag], {
    cwd: dir,
    env: { ...process.env, GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

/** Moves `stage` to churn `version` through the CLI. */
export async function promote(repo: ServingRepo, version: string, stage: string): Promise<void> {
  const run = await mlops(repo.dir, ['promote', 'churn', version, '--to', stage]);
  if (run.code !== 0) throw new Error(`promote failed:\n${run.stderr}`);
}

/** The context `mlops serve` runs in, in `dir`, with its log lines kept in `lines`. */
export async function servingContext(dir: string, lines: string[] = []): Promise<StepContext> {
  const { config, baseDir, configFile } = await resolveConfig(
    { cwd: dir, overrides: {}, env: CPU, needsData: false },
    nodeFileSystem,
  );
  const log: Logger = createConsoleLogger({ write: (text) => lines.push(text) });
  const out = path.join(dir, '.mlops');
  const deps = createLocalDeps({
    repo: dir,
    config,
    baseDir,
    log,
    github: { repositorySource: 'GITHUB_REPOSITORY' },
    cache: { env: CPU, cwd: dir, out },
  });
  return { config, baseDir, configFile, out, deps };
}

/** One raw row as a client sends it, valid for the tiny model. */
export function instance(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'Annual Income ($)': 52000,
    'age, years': 41,
    city: 'Porto',
    'member?': true,
    'signup date': '2024-03-05',
    comment: 'great service very good',
    ...overrides,
  };
}

/** Waits until `check` holds (polling every 25 ms, 10 s at most), else fails saying `what`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what = 'the condition',
): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

/** `mlops serve` running as its own process: where it listens, what it printed, and its stop. */
export interface ServeProcess {
  url: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `mlops ARGS` from source (tsx) in `cwd` with exactly `env`; resolves once it listens. */
export async function startServeProcess(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ServeProcess> {
  const loader = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(
    process.execPath,
    ['--import', loader, path.join(ROOT, 'src/cli/index.ts'), ...args],
    options,
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then(() => reject(new Error(`mlops ${args.join(' ')} exited:\n${stderr}`)));
  });
  return {
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
