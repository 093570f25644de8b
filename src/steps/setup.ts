/** Finding and loading the config for a run, the same way for the CLI and the actions. */
import path from 'node:path';
import type { FileSystem } from '../adapters/fs.js';
import {
  applyOverrides,
  configFromFlags,
  parseConfig,
  type ConfigOverrides,
} from '../config/load.js';
import { backendSchema, type Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { confine, isInGitFolder, isInside } from '../safety/paths.js';

export const DEFAULT_CONFIG = 'mlops.yml';

export interface ConfigRequest {
  cwd: string;
  /** An explicit config path; else `mlops.yml` in `cwd` when present. */
  config?: string;
  /** Flags that override the file (data and label alone make a zero-config run). */
  overrides: ConfigOverrides;
  /** `MLOPS_BACKEND` and friends. */
  env: Record<string, string | undefined>;
  /** Commands that never read data (promote, registry ls) work without config. */
  needsData?: boolean;
  /**
   * In an action, the checkout: the config file must resolve inside it (outside `.git`) before it
   * is read, since a pull request may make it a link to the runner's secrets.
   */
  workspace?: string;
}

/** The config for a run and the folder its relative paths start from. */
export async function resolveConfig(
  request: ConfigRequest,
  fs: FileSystem,
): Promise<{ config: Config; baseDir: string; configFile: string | null }> {
  const { cwd, overrides } = request;
  const configPath = path.resolve(cwd, request.config || DEFAULT_CONFIG);
  const hasFile = await fs.exists(configPath);
  if (request.config && !hasFile)
    throw new UsageError(`config: ${request.config} not found (looked in ${cwd}).`);
  const envBackend = request.env.MLOPS_BACKEND
    ? backendSchema.safeParse(request.env.MLOPS_BACKEND)
    : null;
  if (envBackend && !envBackend.success) {
    throw new UsageError(
      `MLOPS_BACKEND=${request.env.MLOPS_BACKEND}: expected one of ${backendSchema.options.join(', ')}.`,
    );
  }
  const baseDir = hasFile ? path.dirname(configPath) : cwd;
  const effective: ConfigOverrides = {
    ...(envBackend?.success ? { backend: envBackend.data } : {}),
    ...overrides,
    // Kept relative to the config's folder, so hashes and outputs do not name this machine's paths.
    ...(overrides.data
      ? { data: path.relative(baseDir, path.resolve(cwd, overrides.data)) || '.' }
      : {}),
    ...(overrides.schema
      ? { schema: path.relative(baseDir, path.resolve(cwd, overrides.schema)) || '.' }
      : {}),
  };
  if (hasFile) {
    if (request.workspace) {
      await confine(configPath, {
        workspace: request.workspace,
        realPath: fs.realPath,
        what: 'config',
      });
    }
    const text = await fs.readText(configPath);
    const config = parseConfig(text, path.relative(cwd, configPath) || configPath);
    return { config: applyOverrides(config, effective), baseDir, configFile: configPath };
  }
  if (effective.data && overrides.label) {
    const config = configFromFlags({ data: effective.data, label: overrides.label });
    return { config: applyOverrides(config, effective), baseDir, configFile: null };
  }
  if (request.needsData === false) {
    return {
      // A data file without a label is still named: `mlops predict --data` scores it.
      config: configFromFlags({ data: effective.data ?? '(none)', label: '(none)' }),
      baseDir: cwd,
      configFile: null,
    };
  }
  throw new UsageError(
    `no ${DEFAULT_CONFIG} in ${cwd}: give a config file, or both data and label.`,
  );
}

/**
 * Refuses an output folder that holds the user's own files: steps overwrite and remove files
 * there (model/, report.md, …), so it must not be the project folder or contain the inputs.
 */
export function checkOutputFolder(
  out: string,
  config: Config,
  owned: { baseDir: string; repo: string },
): void {
  const inputs = [config.data.train, config.schema].map((file) =>
    path.resolve(owned.baseDir, file),
  );
  const clash =
    [owned.baseDir, owned.repo].find((dir) => isInside(out, dir)) ??
    inputs.find((file) => isInside(out, file));
  if (clash) {
    throw new UsageError(
      `--out ${out}: the output folder would hold ${clash}; give mlops a folder of its own (the default is .mlops).`,
    );
  }
}

/**
 * Refuses an output folder inside `.git` (after links: git keeps refs and hooks there) or one that
 * exists and is not a folder; for the CLI and the action alike. `what` names the flag or input.
 */
export async function checkOutputTarget(out: string, fs: FileSystem, what: string): Promise<void> {
  if (isInGitFolder(await fs.realPath(out))) {
    throw new UsageError(
      `${what} ${out}: the output folder is inside .git, where git keeps refs, hooks and config; give mlops a folder of its own (the default is .mlops).`,
    );
  }
  if ((await fs.exists(out)) && !(await fs.isFolder(out))) {
    throw new UsageError(
      `${what} ${out}: this is a file, not a folder; give a folder for the outputs (the default is .mlops).`,
    );
  }
}

/**
 * In an action, the output folder must be a real folder of the workspace: inside it, outside
 * `.git`, reached without symbolic links (a pull request could commit `.mlops` as a link).
 */
export async function confineOutputFolder(
  out: string,
  workspace: string,
  fs: FileSystem,
): Promise<void> {
  await confine(out, { workspace, realPath: fs.realPath, what: 'out', links: 'refuse' });
  await checkOutputTarget(out, fs, 'out');
}

/**
 * In an action, every path the config names must stay in the workspace and out of `.git`, where
 * actions/checkout keeps the token: a config from a pull request must not read or publish it,
 * directly or through a symbolic link.
 */
export async function confineConfigPaths(
  config: Config,
  baseDir: string,
  workspace: string,
  fs: FileSystem,
): Promise<void> {
  const named = {
    'data.train': config.data.train,
    schema: config.schema,
    'registry.releases': config.registry.releases,
  };
  for (const [what, file] of Object.entries(named)) {
    await confine(path.resolve(baseDir, file), { workspace, realPath: fs.realPath, what });
  }
}
