/** The `mlops` command line: every pipeline step, run locally with the same config file. */
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { Command, CommanderError, Option } from 'commander';
import { unsupportedSettings, type ConfigOverrides } from '../config/load.js';
import { backendSchema } from '../config/schema.js';
import { nodeFileSystem } from '../adapters/fs.js';
import { readRunContext } from '../adapters/run-context.js';
import { inertLines } from '../safety/log.js';
import { chooseCommentTarget } from '../report/comment.js';
import { createConsoleLogger } from '../adapters/log.js';
import {
  checkOutputFolder,
  checkOutputTarget,
  DEFAULT_CONFIG,
  resolveConfig,
} from '../steps/setup.js';
import type { StepContext } from '../steps/context.js';
import { CHECK_FAILED_EXIT_CODE, MlopsError, UsageError } from '../errors.js';
import { errorMessage, summarizeMetrics } from '../util/text.js';

/** Steps, tfjs and git load on first use, so `--help` and usage errors answer at once. */
const steps = () => import('./steps.js');
/** The registry commands load git alone: `registry ls` and `promote` never wait for tfjs. */
const registryCommands = () => import('./registry-commands.js');

interface CommonFlags {
  config?: string;
  data?: string;
  label?: string;
  name?: string;
  out: string;
  repo?: string;
  remote?: string;
  github?: string;
  seed?: number;
  backend?: ConfigOverrides['backend'];
  json?: boolean;
  quiet?: boolean;
}

/** The flags of a command that records a registry event. */
interface EventFlags extends CommonFlags {
  reason?: string;
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

  const step = (name: string, description: string) =>
    withCommonFlags(program.command(name).description(description).exitOverride());

  /** Prints the outcome (as JSON with --json) and sets the exit code from `passed`. */
  const finish = (flags: CommonFlags, outcome: unknown, summary: string, passed = true) => {
    if (flags.json) io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
    else io.stdout(`${summary}\n`);
    setExit(passed ? 0 : CHECK_FAILED_EXIT_CODE);
  };

  step('validate', 'Compute statistics, check the data against the schema, list anomalies.')
    .option('--update-schema', 'write the inferred schema to the configured schema path')
    .action(async (flags: CommonFlags & { updateSchema?: boolean }) => {
      const { runValidate } = await steps();
      const outcome = await runValidate(await createContext(flags, io), {
        updateSchema: flags.updateSchema ?? false,
      });
      const errors = outcome.anomalies.filter((a) => a.severity === 'ERROR').length;
      finish(
        flags,
        outcome,
        `validation ${outcome.passed ? 'passed' : 'failed'}: ${outcome.anomalies.length} anomalies (${errors} errors)`,
        outcome.passed,
      );
    });

  step('train', 'Train the model and write its bundle to <out>/model.').action(
    async (flags: CommonFlags) => {
      const { runTrain } = await steps();
      const outcome = await runTrain(await createContext(flags, io));
      finish(flags, outcome, `model bundle: ${outcome.bundleDir}`);
    },
  );

  step(
    'evaluate',
    'Evaluate the trained model on the test split against the baseline and gates.',
  ).action(async (flags: CommonFlags) => {
    const { runEvaluate } = await steps();
    const outcome = await runEvaluate(await createContext(flags, io));
    finish(flags, outcome, `${outcome.name}: ${outcome.gates.verdict}`, outcome.blessed);
  });

  step('report', 'Render the markdown report (the PR comment) to <out>/report.md.').action(
    async (flags: CommonFlags) => {
      const { runReport } = await steps();
      const outcome = await runReport(await createContext(flags, io));
      finish(flags, outcome, `report: ${outcome.path}`);
    },
  );

  step('register', 'Register the evaluated model as NAME@vX.Y.Z (annotated tag + release).')
    .option('--version <semver>', 'the version to register (default: bump the latest)')
    .option('--force', 'register even when the gates did not bless the model (needs --reason)')
    .option(
      '--reason <text>',
      'why a model that failed its gates is registered anyway (in the tag)',
    )
    .action(async (flags: CommonFlags & { version?: string; force?: boolean; reason?: string }) => {
      const { runRegister } = await steps();
      const ctx = await createContext(flags, io);
      // The tag records who forced a registration: outside GitHub Actions, the git user.
      const { gitUser } = await import('../adapters/git.js');
      const repo = path.resolve(io.cwd, flags.repo ?? '.');
      const actor = ctx.deps.actor ?? (flags.force ? await gitUser(repo) : null);
      const outcome = await runRegister(actor ? { ...ctx, deps: { ...ctx.deps, actor } } : ctx, {
        ...(flags.version ? { version: flags.version } : {}),
        force: flags.force ?? false,
        ...(flags.reason ? { reason: flags.reason } : {}),
      });
      finish(
        flags,
        outcome,
        `${outcome.existing ? 'already registered' : 'registered'} ${outcome.tag}`,
      );
    });

  /** A command that records one registry event; it reads no data, so it runs without config. */
  const eventStep = (name: string, description: string) =>
    step(name, description).option('--reason <text>', 'why, recorded in the tag message');
  const registryContext = (flags: CommonFlags) => createContext(flags, io, { needsData: false });

  eventStep('promote', 'Assign a stage to a registered version (tag NAME#STAGE#N).')
    .argument('<name>', 'model name')
    .argument('<version>', 'registered version, like 1.2.0')
    .requiredOption('--to <stage>', 'the stage, one of registry.stages')
    .action(async (name: string, version: string, flags: EventFlags & { to: string }) => {
      const { runPromote } = await registryCommands();
      const outcome = await runPromote(await registryContext(flags), {
        name,
        version,
        stage: flags.to,
        reason: flags.reason,
      });
      const { tag, stage } = outcome;
      finish(
        flags,
        outcome,
        outcome.existing
          ? `${name} v${outcome.version} is already in ${stage} (${tag})`
          : `${tag}: ${name} v${outcome.version} → ${stage}`,
      );
    });

  eventStep('deregister', 'Deregister a version (tag NAME@vX.Y.Z!); it leaves its stages.')
    .argument('<name>', 'model name')
    .argument('<version>', 'registered version, like 1.2.0')
    .action(async (name: string, version: string, flags: EventFlags) => {
      const { runDeregister } = await registryCommands();
      const outcome = await runDeregister(await registryContext(flags), {
        name,
        version,
        reason: flags.reason,
      });
      const left = outcome.freed.length > 0 ? ` (left ${outcome.freed.join(', ')})` : '';
      finish(
        flags,
        outcome,
        outcome.existing
          ? `${name} v${outcome.version} is already deregistered (${outcome.tag})`
          : `${outcome.tag}: ${name} v${outcome.version} deregistered${left}`,
      );
    });

  eventStep('deprecate', 'Deprecate a model (tag NAME@deprecated) until it is used again.')
    .argument('<name>', 'model name')
    .action(async (name: string, flags: EventFlags) => {
      const { runDeprecate } = await registryCommands();
      const outcome = await runDeprecate(await registryContext(flags), {
        name,
        reason: flags.reason,
      });
      finish(
        flags,
        outcome,
        outcome.existing
          ? `${name} is already deprecated (${outcome.tag})`
          : `${outcome.tag}: ${name} deprecated`,
      );
    });

  eventStep('unassign', 'Take a stage from the version holding it (tag NAME#STAGE!#N).')
    .argument('<name>', 'model name')
    .requiredOption('--from <stage>', 'the stage to empty')
    .action(async (name: string, flags: EventFlags & { from: string }) => {
      const { runUnassign } = await registryCommands();
      const outcome = await runUnassign(await registryContext(flags), {
        name,
        stage: flags.from,
        reason: flags.reason,
      });
      const { tag, stage } = outcome;
      finish(
        flags,
        outcome,
        outcome.existing
          ? `${name} v${outcome.version} already left ${stage} (${tag})`
          : `${tag}: ${name} v${outcome.version} left ${stage}`,
      );
    });

  step('fetch', 'Download, verify and unpack the bundle of a registered model version.')
    .argument('<ref>', 'NAME#STAGE, NAME@vX.Y.Z or NAME@latest (like wages#production)')
    .requiredOption('--to <dir>', 'a new folder to unpack the bundle into')
    .action(async (ref: string, flags: CommonFlags & { to: string }) => {
      const { runFetch } = await registryCommands();
      const ctx = await createContext(flags, io, { needsData: false });
      const outcome = await runFetch(ctx, { ref, to: path.resolve(io.cwd, flags.to) });
      finish(flags, outcome, `${outcome.tag} (${outcome.via}) → ${outcome.dir}`);
    });

  step('comment', 'Post the report as the sticky comment of its model (needs GITHUB_TOKEN).')
    .option(
      '--target <where>',
      "pr/N, issue/N or commit/SHA (default: the CI event's PR or commit)",
    )
    .option('--file <report>', 'the markdown to post (default: <out>/report.md)')
    .action(async (flags: CommonFlags & { target?: string; file?: string }) => {
      const { runComment } = await registryCommands();
      const ctx = await createContext(flags, io, { needsData: false });
      const run = await readRunContext(io.env);
      const target = chooseCommentTarget(flags.target, run);
      if (!target) {
        throw new UsageError(
          `no pull request or commit to comment on${run.eventName ? ` for a ${run.eventName} event` : ''}: pass --target pr/N, issue/N or commit/SHA.`,
        );
      }
      const outcome = await runComment(ctx, {
        target,
        ...(flags.file ? { file: path.resolve(io.cwd, flags.file) } : {}),
        workflow: run.workflow,
      });
      finish(flags, outcome, `${outcome.created ? 'posted' : 'updated'} ${outcome.url}`);
    });

  const registry = program
    .command('registry')
    .description('Read the model registry.')
    .exitOverride();
  type RegistryModule = Awaited<ReturnType<typeof registryCommands>>;
  /** A reader's result as printed: `key` is what --json shows, `text` what people read. */
  const shown = <T extends { text: string }>(result: T, key: keyof T) => ({
    json: result[key],
    text: result.text,
  });
  /** A `registry` subcommand that reads the tags and prints what `read` makes of them. */
  const registryReader = (
    name: string,
    description: string,
    argument: [string, string],
    read: (
      module: RegistryModule,
      tags: StepContext['deps']['tags'],
      value: string,
    ) => Promise<{ json: unknown; text: string }>,
  ) =>
    withCommonFlags(registry.command(name).description(description).exitOverride())
      .argument(...argument)
      .action(async (value: string, flags: CommonFlags) => {
        const ctx = await registryContext(flags);
        const result = await read(await registryCommands(), ctx.deps.tags, value);
        finish(flags, result.json, result.text);
      });
  const readers: [string, string, [string, string], Parameters<typeof registryReader>[3]][] = [
    [
      'ls',
      'List models, versions and stages.',
      ['[name]', 'only this model'],
      async (m, t, v) => shown(await m.listRegistry(t, v || undefined), 'state'),
    ],
    [
      'show',
      'Show one model: every version with its commit, stages and verdict.',
      ['<name>', 'model name'],
      async (m, t, v) => shown(await m.showModel(t, v), 'model'),
    ],
    [
      'history',
      "List a model's events in replay order, in GTO's words.",
      ['<name>', 'model name'],
      async (m, t, v) => shown(await m.modelHistory(t, v), 'history'),
    ],
    [
      'check-ref',
      'Say what a registry tag means (for workflows on tag pushes).',
      ['<ref>', 'a tag like wages#production#3 or refs/tags/wages@v1.2.0'],
      async (m, t, v) => shown(await m.describeRef(t, v), 'meaning'),
    ],
  ];
  for (const [name, description, argument, read] of readers) {
    registryReader(name, description, argument, read);
  }
  withCommonFlags(
    registry
      .command('doctor')
      .description(
        'Compare local registry tags with the remote and check every release against its tag; exit 1 when a problem remains.',
      )
      .exitOverride(),
  )
    .option(
      '--fix',
      "push local-only tags, take the remote's where they differ, complete releases from <out>/model",
    )
    .action(async (flags: CommonFlags & { fix?: boolean }) => {
      const { runDoctor, formatDoctorReport } = await registryCommands();
      const outcome = await runDoctor(await registryContext(flags), { fix: flags.fix ?? false });
      finish(flags, outcome, formatDoctorReport(outcome), outcome.healthy);
    });

  step('run', 'Run the whole pipeline: validate, train, evaluate, register when blessed, report.')
    .option('--no-register', 'do not register the model even when blessed')
    .action(async (flags: CommonFlags & { register: boolean }) => {
      const { runPipeline } = await steps();
      const outcome = await runPipeline(await createContext(flags, io), {
        register: flags.register,
      });
      const lines = [
        `validation: ${outcome.validation.passed ? 'passed' : 'failed'}`,
        outcome.training && `model: ${outcome.training.bundleDir}`,
        outcome.evaluation &&
          `evaluation: ${outcome.evaluation.gates.verdict} (${summarizeMetrics(outcome.evaluation.evaluation.overall)})`,
        outcome.registration &&
          `${outcome.registration.existing ? 'already registered' : 'registered'}: ${outcome.registration.tag}`,
        outcome.report && `report: ${outcome.report.path}`,
      ];
      finish(flags, outcome, lines.filter(Boolean).join('\n'), outcome.passed);
    });
  return program;
}

function withCommonFlags(command: Command): Command {
  return command
    .option('-c, --config <file>', `config file (default: ${DEFAULT_CONFIG} when present)`)
    .option('--data <file>', 'training data (CSV or JSONL); overrides data.train')
    .option('--label <column>', 'label column; overrides data.label')
    .option('--name <name>', 'model name; overrides name')
    .option('-o, --out <dir>', 'folder for outputs', '.mlops')
    .option('--repo <dir>', 'git repository holding the registry tags (default: the current one)')
    .option('--remote <name>', 'git remote to fetch and push registry tags')
    .option(
      '--github <owner/repo>',
      'GitHub repository for releases and comments (default: GITHUB_REPOSITORY; needs GITHUB_TOKEN)',
    )
    .option('--seed <n>', 'seed for the split and training', parseSeed)
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend').choices(backendSchema.options),
    )
    .option('--json', 'print the result as JSON on stdout')
    .option('-q, --quiet', 'no progress logs on stderr');
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed))
    throw new UsageError(`--seed: expected a whole number, got "${value}"`);
  return seed;
}

/** Loads the config (file, or flags alone) and builds the context the steps run in. */
async function createContext(
  flags: CommonFlags,
  io: CliIo,
  options: { needsData?: boolean } = {},
): Promise<StepContext> {
  const overrides: ConfigOverrides = {
    ...(flags.data ? { data: flags.data } : {}),
    ...(flags.label ? { label: flags.label } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.backend ? { backend: flags.backend } : {}),
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
  const out = path.resolve(io.cwd, flags.out);
  if (options.needsData !== false) {
    checkOutputFolder(out, config, { baseDir, repo });
    await checkOutputTarget(out, nodeFileSystem, '--out');
  }
  const run = await readRunContext(io.env);
  const deps = (await registryCommands()).createLocalDeps({
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
  });
  return { config, baseDir, configFile, out, deps };
}
