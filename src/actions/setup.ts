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
}

/** The config for a run and the folder its relative paths start from. */
export async function resolveConfig(
  request: ConfigRequest,
  fs: FileSystem,
): Promise<{ config: Config; baseDir: string }> {
  const { cwd, overrides } = request;
  const configPath = path.resolve(cwd, request.config || DEFAULT_CONFIG);
  const hasFile = await fs.exists(configPath);
  if (request.config && !hasFile)
    throw new UsageError(`config: ${request.config} not found (looked in ${cwd}).`);
  const envBackend = backendSchema.safeParse(request.env.MLOPS_BACKEND);
  const effective: ConfigOverrides = {
    ...(envBackend.success ? { backend: envBackend.data } : {}),
    ...overrides,
    ...(overrides.data ? { data: path.resolve(cwd, overrides.data) } : {}),
  };
  if (hasFile) {
    const text = await fs.readText(configPath);
    const config = parseConfig(text, path.relative(cwd, configPath) || configPath);
    return { config: applyOverrides(config, effective), baseDir: path.dirname(configPath) };
  }
  if (overrides.data && overrides.label) {
    const config = configFromFlags({ data: overrides.data, label: overrides.label });
    return { config: applyOverrides(config, effective), baseDir: cwd };
  }
  if (request.needsData === false) {
    return { config: configFromFlags({ data: '(none)', label: '(none)' }), baseDir: cwd };
  }
  throw new UsageError(
    `no ${DEFAULT_CONFIG} in ${cwd}: give a config file, or both data and label.`,
  );
}
