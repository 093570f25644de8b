/** The `mlops` command line: every pipeline step, run locally with the same config file. */
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { Command, CommanderError, Option } from 'commander';
import { unsupportedSettings, type ConfigOverrides } from '../config/load.js';
import { nodeFileSystem } from '../adapters/fs.js';
import { readRunContext, type RunContext } from '../adapters/run-context.js';
import { inertLines } from '../safety/log.js';
import { createConsoleLogger } from '../adapters/log.js';
import { checkOutputFolder, checkOutputTarget, resolveConfig } from '../steps/setup.js';
import type { StepContext } from '../steps/context.js';
import { CHECK_FAILED_EXIT_CODE, MlopsError, UsageError } from '../errors.js';
import { errorMessage } from '../util/text.js';
import {
  COMMAND_GROUPS,
  PARAMS,
  stepEntries,
  stepParams,
  type StepArgs,
  type StepName,
  type StepSpec,
} from '../step-table.js';

/** The flags any command may have; each command declares only those the step table gives it. */
interface CliFlags {
  config?: string;
  data?: string;
  label?: string;
  name?: string;
  out?: string;
  repo?: string;
  remote?: string;
  github?: string;
  seed?: number;
  maxErrors?: number;
  backend?: ConfigOverrides['backend'];
  schema?: string;
  baseline?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Where the CLI writes; injected so tests run it in-process. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' ? 0 : 2;
    }
    if (error instanceof MlopsError) {
      // Messages quote input (a column name, a path): no line of them may act as a command.
      io.stderr(`error: ${inertLines(error.message)}\n`);
      // A script reading --json output gets the failure in the same form as a result.
      if (argv.includes('--json')) {
        const failure = {
          error: { type: error.name, message: error.message, exitCode: error.exitCode },
        };
        io.stdout(`${JSON.stringify(failure, null, 2)}\n`);
      }
      return error.exitCode;
    }
    io.stderr(
      `internal error: ${inertLines(error instanceof Error ? (error.stack ?? error.message) : errorMessage(error))}\n`,
    );
    return 2;
  }
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('mlops')
    .version(packageJson.version, '-V, --version')
    // `register --version X` is the subcommand's own flag, not the program's.
    .enablePositionalOptions()
    .description(
      'GitHub-native CI/CD for machine learning: validate, train, evaluate, report, register.',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  // `registry ls`, `schema diff`: the first word of two names a group, made once.
  const groups = new Map<string, Command>();
  const parentOf = (words: string[]): Command => {
    if (words.length === 1) return program;
    const group = words[0] as string;
    let parent = groups.get(group);
    if (!parent) {
      parent = program
        .command(group)
        .description(COMMAND_GROUPS[group] ?? '')
        .exitOverride();
      groups.set(group, parent);
    }
    return parent;
  };
  for (const [name, spec] of stepEntries()) {
    const words = spec.command.split(' ');
    const command = parentOf(words)
      .command(words.at(-1) as string)
      .description(spec.description)
      .exitOverride();
    addParams(command, spec);
    command.action(async (...received: unknown[]) => {
      const flags = (received.at(-1) as Command).opts<CliFlags>();
      const args = stepArgs(spec, received, flags, io);
      const { ctx, run } = await createContext(flags, io, { needsData: spec.needsData });
      const outcome = await spec.run(await withActor(name, ctx, args, flags, io), args, run);
      if (flags.json) io.stdout(`${JSON.stringify(spec.json?.(outcome) ?? outcome, null, 2)}\n`);
      else io.stdout(`${spec.summary(outcome)}\n`);
      setExit(spec.verdict(outcome) === null ? 0 : CHECK_FAILED_EXIT_CODE);
    });
  }
  return program;
}

/** The step's arguments and options, then `--json` and `--quiet`, which every command takes. */
function addParams(command: Command, spec: StepSpec): void {
  const sentence = (text: string) => text.replace(/\.$/, '');
  for (const param of stepParams(spec)) {
    if (param.argument) {
      command.argument(param.argument, sentence(param.description));
      continue;
    }
    if (!param.flag) continue;
    const option = new Option(param.flag, sentence(param.description));
    if (param.choices && !param.input) option.choices(param.choices);
    if (param.param === 'seed') option.argParser(parseSeed);
    if (param.param === 'maxErrors') option.argParser(parseMaxErrors);
    if (param.param === 'out') option.default(PARAMS.out.default);
    if (param.required) option.makeOptionMandatory();
    command.addOption(option);
  }
  command
    .option(PARAMS.json.flag, sentence(PARAMS.json.description))
    .option(PARAMS.quiet.flag, sentence(PARAMS.quiet.description));
  if (spec.cliExample) command.addHelpText('after', `\nExample:\n  $ ${spec.cliExample}`);
}

/** The request a step runs with, from its positional arguments and its options. */
function stepArgs(spec: StepSpec, received: unknown[], flags: CliFlags, io: CliIo): StepArgs {
  const args: Record<string, unknown> = {};
  const params = stepParams(spec);
  params
    .filter((param) => param.argument)
    .forEach((param, index) => {
      const value = received[index];
      // A variadic argument (`<parts...>`) arrives as an array.
      const resolve = (item: unknown) =>
        param.path && typeof item === 'string' ? path.resolve(io.cwd, item) : item;
      args[param.param] = Array.isArray(value) ? value.map(resolve) : resolve(value);
    });
  for (const param of params) {
    if (param.argument || !param.flag) continue;
    // `--to <dir>` is the `path` parameter: commander names the value after the flag.
    const value = (flags as Record<string, unknown>)[new Option(param.flag).attributeName()];
    if (value === undefined) continue;
    args[param.param] = param.path ? path.resolve(io.cwd, String(value)) : value;
  }
  return args as StepArgs;
}

/** A forced registration records who forced it: outside GitHub Actions, the git user. */
async function withActor(
  name: StepName,
  ctx: StepContext,
  args: StepArgs,
  flags: CliFlags,
  io: CliIo,
): Promise<StepContext> {
  if (name !== 'register' || !args.force || ctx.deps.actor) return ctx;
  const { gitUser } = await import('../adapters/git.js');
  const actor = await gitUser(path.resolve(io.cwd, flags.repo ?? '.'));
  return actor ? { ...ctx, deps: { ...ctx.deps, actor } } : ctx;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed))
    throw new UsageError(`--seed: expected a whole number, got "${value}"`);
  return seed;
}

function parseMaxErrors(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--max-errors: expected a whole number, 0 or more, got "${value}"`);
  }
  return Number(value);
}

/** Loads the config (file, or flags alone) and builds the context the steps run in. */
async function createContext(
  flags: CliFlags,
  io: CliIo,
  options: { needsData: boolean },
): Promise<{ ctx: StepContext; run: RunContext }> {
  const overrides: ConfigOverrides = {
    ...(flags.data ? { data: flags.data } : {}),
    ...(flags.label ? { label: flags.label } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.maxErrors !== undefined ? { maxErrors: flags.maxErrors } : {}),
    ...(flags.backend ? { backend: flags.backend } : {}),
    ...(flags.schema ? { schema: flags.schema } : {}),
    ...(flags.baseline ? { driftBaseline: await baselineFlag(flags.baseline, io.cwd) } : {}),
  };
  const { config, baseDir, configFile } = await resolveConfig(
    {
      cwd: io.cwd,
      ...(flags.config ? { config: flags.config } : {}),
      overrides,
      env: io.env,
      ...options,
    },
    nodeFileSystem,
  );
  const log = createConsoleLogger({ quiet: flags.quiet ?? false, write: io.stderr });
  unsupportedSettings(config).forEach((warning) => log.warn(warning));
  const repo = path.resolve(io.cwd, flags.repo ?? '.');
  const out = path.resolve(io.cwd, flags.out ?? PARAMS.out.default);
  if (options.needsData) {
    checkOutputFolder(out, config, { baseDir, repo });
    await checkOutputTarget(out, nodeFileSystem, '--out');
  }
  const run = await readRunContext(io.env);
  const { createLocalDeps } = await import('./deps.js');
  const deps = createLocalDeps({
    repo,
    config,
    baseDir,
    log,
    ...(flags.remote ? { remote: flags.remote } : {}),
    github: {
      token: io.env.GITHUB_TOKEN,
      repository: flags.github ?? io.env.GITHUB_REPOSITORY,
      repositorySource: flags.github ? '--github' : 'GITHUB_REPOSITORY',
      apiUrl: io.env.GITHUB_API_URL,
      webUrl: io.env.GITHUB_SERVER_URL,
    },
    run: { ...run, runUrl: io.env.MLOPS_RUN_URL ?? run.runUrl },
    cache: { env: io.env, cwd: io.cwd, out },
  });
  return { ctx: { config, baseDir, configFile, out, deps }, run };
}

/** `--baseline`: a file or folder relative to the working directory, else a registry ref. */
async function baselineFlag(value: string, cwd: string): Promise<string> {
  const file = path.resolve(cwd, value);
  return (await nodeFileSystem.exists(file)) ? file : value;
}
