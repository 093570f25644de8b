/**
 * The step table: every step's name, parameters, outputs and pass/fail rule, declared once. The
 * CLI builds its commands from it, the action reads its inputs and sets its outputs from it, and
 * `npm run build` writes each `action.yml` (and its README) from it, so the three cannot disagree.
 * Steps load lazily: a command that does not train never loads TensorFlow.js.
 */
import type { RunContext } from './adapters/run-context.js';
import type { ConfigOverrides } from './config/load.js';
import type { StepContext } from './steps/context.js';
import type { DoctorOutcome } from './steps/doctor.js';
import type { PredictFileOutcome } from './serve/predict-file.js';
import type { ServeOutcome } from './serve/server.js';
import type { EvaluationOutcome } from './steps/evaluate.js';
import type { MonitorOutcome } from './steps/monitor.js';
import type { FetchOutcome } from './steps/fetch.js';
import type { PipelineOutcome } from './steps/pipeline.js';
import type { PromotionOutcome } from './steps/promote.js';
import type { RegistrationOutcome } from './steps/register.js';
import type {
  DeprecateOutcome,
  DeregisterOutcome,
  UnassignOutcome,
} from './steps/registry-events.js';
import type { RefMeaning } from './registry/check-ref.js';
import type { TagStore } from './registry/store.js';
import type { ReportOutcome } from './steps/report.js';
import type { CachedTrainOutcome } from './steps/train-cache.js';
import type { SchemaDiffOutcome } from './steps/schema-diff.js';
import type { ShardOutcome } from './steps/shards.js';
import type { ValidationOutcome } from './steps/validate.js';
import type { CommentOutcome } from './steps/comment.js';
import { UsageError } from './errors.js';
import { describeParams } from './model/tuning.js';
import type { TuneRunOutcome } from './steps/tune-run.js';
import type { CollectOutcome, TrialOutcome, TunePlanOutcome } from './steps/tune.js';
import { formatNumber, summarizeMetrics } from './util/text.js';

/** A parameter as both surfaces know it: a CLI option and/or an action input. */
export interface ParamSpec {
  description: string;
  /** The CLI option in commander's syntax; absent when the CLI does not take it as an option. */
  flag?: string;
  /** The action input's name; absent for a CLI-only parameter. */
  input?: string;
  /** The action input's default, as action.yml states it. */
  default?: string;
  choices?: readonly string[];
  /** `true`/`false` as an action input, a switch on the CLI. */
  boolean?: boolean;
  /** A path: resolved against the working directory (CLI) or the workspace (action). */
  path?: boolean;
  /** Masked in the runner's log before anything can print it. */
  secret?: boolean;
  /** The config setting it overrides; such parameters shape the config, not the step's request. */
  override?: keyof ConfigOverrides;
}

/** Every parameter any step takes. */
export const PARAMS = {
  config: {
    description: 'Path of the mlops.yml config file (default mlops.yml when present).',
    flag: '-c, --config <file>',
    input: 'config',
    default: '',
    path: true,
  },
  data: {
    description:
      'Training data (CSV, JSON Lines or Parquet, the text ones optionally .gz); overrides data.train, or with `label` runs without a config file.',
    flag: '--data <file>',
    input: 'data',
    default: '',
    override: 'data',
  },
  label: {
    description: 'Label column; overrides data.label.',
    flag: '--label <column>',
    input: 'label',
    default: '',
    override: 'label',
  },
  name: {
    description: "Model name; overrides the config's name.",
    flag: '--name <name>',
    input: 'name',
    default: '',
    override: 'name',
  },
  seed: {
    description: 'Seed for the split and training (a whole number); overrides model.seed.',
    flag: '--seed <n>',
    input: 'seed',
    default: '',
    override: 'seed',
  },
  backend: {
    description: 'TensorFlow.js backend: node, wasm or cpu (default: the fastest installed).',
    flag: '--backend <name>',
    choices: ['node', 'wasm', 'cpu'],
    override: 'backend',
  },
  baseline: {
    description:
      'What the data is checked for drift against: auto (the training statistics of the model in the last stage, else its latest version), none, a registry ref (wages#production, wages@v1.2.0), a model bundle folder, or a statistics.json / validation.json; overrides validation.drift.baseline.',
    flag: '--baseline <ref>',
    input: 'baseline',
    default: '',
    override: 'driftBaseline',
  },
  schema: {
    description:
      "The schema to check the data against (and to write with --update-schema); overrides the config's schema.",
    flag: '--schema <file>',
    input: 'schema',
    default: '',
    override: 'schema',
  },
  maxErrors: {
    description:
      'How many bad records (a CSV row with the wrong number of fields, a JSON Lines line that is not a JSON object) to leave out, into <out>/rejects.csv or rejects.jsonl, before one stops the run; overrides data.max_errors (default 0: the first one stops it).',
    flag: '--max-errors <n>',
    input: 'max-errors',
    default: '',
    override: 'maxErrors',
  },
  out: {
    description: 'Folder for the outputs (validation.json, model/, evaluation.json, report.md).',
    flag: '-o, --out <dir>',
    input: 'out',
    default: '.mlops',
    path: true,
  },
  repo: {
    description: 'Git repository holding the registry tags (default: the current one).',
    flag: '--repo <dir>',
  },
  remote: {
    description: 'Git remote to fetch and push registry tags.',
    flag: '--remote <name>',
  },
  github: {
    description:
      'GitHub repository for releases and comments (default: GITHUB_REPOSITORY; needs GITHUB_TOKEN).',
    flag: '--github <owner/repo>',
  },
  githubToken: {
    description:
      'GitHub token for the REST API (release assets, comments), masked in the log. Registry tags are pushed with the credentials actions/checkout stored.',
    input: 'github-token',
    default: '${{ github.token }}',
    secret: true,
  },
  json: { description: 'Print the result as JSON on stdout.', flag: '--json' },
  quiet: { description: 'No progress logs on stderr.', flag: '-q, --quiet' },
  updateSchema: {
    description: 'Write the inferred schema to the configured schema path.',
    flag: '--update-schema',
    boolean: true,
  },
  register: {
    description:
      'Register a blessed model as a new version: auto registers except on pull_request events.',
    flag: '--no-register',
    input: 'register',
    default: 'auto',
    choices: ['auto', 'true', 'false'],
  },
  version: {
    description: 'The version to register, like 1.2.0 (default: bump the latest).',
    flag: '--version <semver>',
    input: 'version',
    default: '',
  },
  force: {
    description: 'Register even when the gates did not bless the model (needs a reason).',
    flag: '--force',
    input: 'force',
    default: 'false',
    boolean: true,
  },
  reason: {
    description: 'Why, recorded in the tag message.',
    flag: '--reason <text>',
    input: 'reason',
    default: '',
  },
  stage: {
    description: 'The stage, one of registry.stages (like production).',
    flag: '--to <stage>',
    input: 'stage',
    default: '',
  },
  ref: {
    description:
      'A registered version: NAME#STAGE, NAME@vX.Y.Z or NAME@latest (like wages#production).',
    input: 'ref',
    default: '',
  },
  path: {
    description: 'A new folder to unpack the bundle into.',
    flag: '--to <dir>',
    input: 'path',
    default: '',
    path: true,
  },
  comment: {
    description:
      'Post the report as a sticky comment (edited in place on re-runs): auto on pull requests (or when target is set), always, or never. Needs permissions pull-requests: write; a fork PR falls back to the job summary.',
    input: 'comment',
    default: 'auto',
    choices: ['auto', 'always', 'never'],
  },
  target: {
    description:
      "Where to comment instead of the event's pull request or commit: pr/N, issue/N or commit/SHA.",
    flag: '--target <where>',
    input: 'target',
    default: '',
  },
  file: {
    description: 'The markdown to post (default: <out>/report.md).',
    flag: '--file <report>',
    path: true,
  },
  fix: {
    description:
      "Push local-only tags, take the remote's where they differ, complete releases from <out>/model.",
    flag: '--fix',
    boolean: true,
  },
  oldSchema: {
    description:
      "The schema before the change, like the base branch's (git show origin/main:mlops/schema.json).",
    path: true,
  },
  newSchema: { description: 'The schema after the change.', path: true },
  shard: {
    description:
      'Compute only part i of n of the statistics (like 2/4: the second quarter of the rows, a contiguous range) into <out>/statistics.part-i-of-n.json, without the schema and drift checks; `mlops stats merge` combines the parts and runs them.',
    flag: '--shard <i/n>',
    input: 'shard',
    default: '',
  },
  parts: {
    description:
      'The statistics parts written by `validate --shard i/n`, every part of one run (a folder: the parts in it); default: the parts in <out>.',
    path: true,
  },
  trial: {
    description: 'The trial to train, as `tune plan` names it (like t03): `${{ matrix.trial }}`.',
    input: 'trial',
    default: '',
  },
  results: {
    description:
      "The trials' result files (<out>/tune/ID/trial.json); default: every planned trial's under <out>/tune.",
    path: true,
  },
  workers: {
    description:
      'Worker threads training trials at once (default: one per core; 1 trains in turn).',
    flag: '--workers <n>',
  },
  cache: {
    description:
      'Use the training cache: when the data, the effective config, the committed schema, the mlops-actions version and the backend are those of an earlier training, restore its bundle instead of training again (--no-cache, or `cache: false`, trains).',
    flag: '--no-cache',
    input: 'cache',
    default: 'true',
    boolean: true,
  },
  models: {
    description:
      'The models to serve (default: the models serving.json routes, else every registered model).',
  },
  port: {
    description:
      "Port to listen on (default serving.json's server.port, else 8501, TensorFlow Serving's REST port; 0 picks a free one).",
    flag: '--port <n>',
  },
  grpcPort: {
    description:
      "Also serve the gRPC API (TensorFlow Serving's PredictionService.Predict, and grpc.health.v1.Health) on this port (TF Serving's is 8500; 0 picks a free one); default serving.json's server.grpc_port, else off.",
    flag: '--grpc-port <n>',
  },
  host: {
    description: 'Address to listen on (default 127.0.0.1; 0.0.0.0 in a container).',
    flag: '--host <address>',
  },
  serving: {
    description:
      'The serving config: A/B routes and server limits (default: serving.json beside mlops.yml).',
    flag: '--serving <file>',
    path: true,
  },
  logDir: {
    description: 'Folder of the prediction and feedback logs (default: <out>/serving/logs).',
    flag: '--log-dir <dir>',
    input: 'log-dir',
    default: '',
    path: true,
  },
  offline: {
    description:
      'Serve only the bundles already in <out>/serving/bundles/NAME/vX.Y.Z (as `mlops fetch --to` or an earlier serve left them), reading no tags and downloading nothing: for a container without the git repository. Stages come from NAME/stages.json there ({"production": "1.2.0"}, as deploy.yml writes it); without it a model holds no stage and answers with its latest version.',
    flag: '--offline',
    boolean: true,
  },
  since: {
    description:
      'How far back the logs are read: a duration like 7d, 12h or 2w, or an ISO date or date-time (default: monitor.window of mlops.yml, 7d).',
    flag: '--since <when>',
    input: 'since',
    default: '',
  },
  model: {
    description:
      'The model to score with: a registry ref (NAME#STAGE, NAME@vX.Y.Z, NAME@latest) or a bundle folder.',
    flag: '--model <ref>',
    input: 'model',
    default: '',
  },
  predictions: {
    description:
      "The file to write: the data's rows and their prediction columns, as .csv or .jsonl.",
    flag: '--out <file>',
    input: 'predictions',
    default: '',
    path: true,
  },
} as const satisfies Record<string, ParamSpec>;

export type ParamName = keyof typeof PARAMS;

/** A step's use of a parameter, where it differs from the parameter's own declaration. */
export interface ParamUse {
  param: ParamName;
  /** On the CLI a positional argument (`<name>`, or `[name]` when optional). */
  argument?: string;
  /** The step cannot run without it (a required action input). */
  required?: boolean;
  flag?: string;
  description?: string;
}

/** Every output any step sets. */
export const OUTPUTS = {
  'report-path': 'Path of the markdown report.',
  'comment-url': 'URL of the report comment, when one was posted or edited.',
  blessed: '"true" when the data passed validation and the model passed every gate.',
  verdict: "The gates' verdict: BLESSED or NOT_BLESSED.",
  passed: '"true" when the data passed validation (no ERROR anomaly).',
  anomalies: 'How many anomalies validation found (errors and warnings).',
  'model-dir': 'Folder of the trained model bundle.',
  version:
    'The version concerned: registered (also when an identical earlier run registered it), promoted, fetched or named by the ref; empty when none.',
  name: 'The model name.',
  tag: 'The registry tag made, reused or read.',
  previous: 'The version that held the stage before, if any.',
  event:
    "The ref's registry event: registration, deregistration, assignment, unassignment or deprecation.",
  stage: 'The stage of an assignment or unassignment, else empty.',
  sha256: 'sha256 of the downloaded bundle.',
  path: 'Folder the bundle was unpacked into.',
  'cache-hit': '"true" when the model bundle was restored from the training cache, not trained.',
  matrix:
    'The trials as matrix JSON, {"include": [{"trial": "t01", "params": {…}}, …]}, for `strategy.matrix: ${{ fromJSON(…) }}`.',
  trial: 'The best trial, whose bundle is now in <out>/model.',
  retrain: '"true" when the serving logs call for retraining (drift, decay, new data, schedule).',
  reason: 'Why to retrain (each trigger that fired), or why not, in one line.',
} as const;

export type OutputName = keyof typeof OUTPUTS;

/** What a step's run receives besides its context: the request parameters, already parsed. */
export interface StepArgs {
  updateSchema?: boolean;
  register?: boolean;
  version?: string;
  force?: boolean;
  reason?: string;
  name?: string;
  stage?: string;
  ref?: string;
  path?: string;
  target?: string;
  file?: string;
  fix?: boolean;
  oldSchema?: string;
  newSchema?: string;
  shard?: string;
  parts?: string[];
  cache?: boolean;
  trial?: string;
  results?: string[];
  workers?: string;
  models?: string[];
  port?: string;
  grpcPort?: string;
  host?: string;
  serving?: string;
  logDir?: string;
  offline?: boolean;
  since?: string;
  model?: string;
  predictions?: string;
}

/** The CLI's command groups (`mlops registry ls`, `mlops schema diff`): a step's first word of two. */
export const COMMAND_GROUPS: Readonly<Record<string, string>> = {
  registry: 'Read the model registry.',
  schema: 'Review changes to the data schema.',
  stats: 'Combine statistics computed in parts (validate --shard).',
  tune: 'Tune hyper-parameters over the Actions matrix: plan the trials, train one, collect the best.',
};

/** Which surfaces offer a step: its own action (actions/NAME), the umbrella's `command`, the CLI. */
export interface Surfaces {
  action: boolean;
  umbrella: boolean;
}

/** One step: declared once, run by the CLI and the actions alike. */
export interface StepSpec<O = unknown> {
  /** The command words: `promote`, or `registry check-ref`. */
  command: string;
  description: string;
  params: readonly (ParamName | ParamUse)[];
  /** The action outputs it sets, each read from the outcome. */
  outputs: Partial<Record<OutputName, (outcome: O) => string>>;
  /** The failure message when the outcome fails the step (exit 1, a failed check), else null. */
  verdict: (outcome: O) => string | null;
  /** What the CLI prints for people. */
  summary: (outcome: O) => string;
  /** What `--json` prints (default: the whole outcome). */
  json?: (outcome: O) => unknown;
  /** It reads data, so it needs a config or `data` + `label`. */
  needsData: boolean;
  /** It loads TensorFlow.js. */
  trains: boolean;
  surfaces: Surfaces;
  /** When the step fails (the CLI exits 1, the action fails), for people; absent: only on errors. */
  fails?: string;
  /** The workflow `permissions:` its action needs. */
  permissions?: readonly string[];
  /** The `with:` of a workflow step using its action, for its README. */
  example?: Readonly<Record<string, string>>;
  /** A command line using it, shown by `--help`. */
  cliExample?: string;
  run: (ctx: StepContext, args: StepArgs, run: RunContext) => Promise<O>;
}

const passes = () => null;
const CLI_ONLY: Surfaces = { action: false, umbrella: false };
const EVERYWHERE: Surfaces = { action: true, umbrella: true };
/** Parameters of every step that reads the data. */
const DATA: readonly ParamName[] = [
  'config',
  'data',
  'label',
  'name',
  'seed',
  'backend',
  'maxErrors',
  'out',
];
/** Parameters of every step that reads or writes the registry. */
const REGISTRY: readonly ParamName[] = ['repo', 'remote', 'github', 'githubToken'];
/** Parameters of every registry command that reads no data. */
const REGISTRY_ONLY: readonly ParamName[] = ['config', ...REGISTRY];

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new UsageError(`${what} is required.`);
  return value;
}

/** Keeps the outcome type of each step while the table holds them side by side. */
function step<O>(spec: StepSpec<O>): StepSpec<O> {
  return spec;
}

/** A registry command that writes one event tag and sets no outputs: CLI only, no data, no training. */
function registryEvent<O>(
  spec: Pick<StepSpec<O>, 'command' | 'description' | 'params' | 'summary' | 'run'>,
): StepSpec<O> {
  return step({
    ...spec,
    outputs: {},
    verdict: passes,
    needsData: false,
    trains: false,
    surfaces: CLI_ONLY,
  });
}

/** A `registry` command that reads the tags and prints what `read` makes of them. */
function registryReader<K extends string>(
  command: string,
  description: string,
  argument: '[name]' | '<name>',
  /** The part of the result `--json` prints. */
  key: K,
  read: (
    tags: TagStore,
    name: string | undefined,
  ) => Promise<Record<K, unknown> & { text: string }>,
): StepSpec<Record<K, unknown> & { text: string }> {
  return step({
    command,
    description,
    params: [
      {
        param: 'name',
        argument,
        description: argument === '[name]' ? 'Only this model.' : 'Model name.',
      },
      ...REGISTRY_ONLY,
    ],
    outputs: {},
    verdict: passes,
    summary: (o) => o.text,
    json: (o) => o[key],
    needsData: false,
    trains: false,
    surfaces: CLI_ONLY,
    run: (ctx, args) => read(ctx.deps.tags, args.name),
  });
}

const validationSummary = (o: ValidationOutcome) =>
  `validation ${o.passed ? 'passed' : 'failed'}: ${o.anomalies.length} anomalies (${o.anomalies.filter((a) => a.severity === 'ERROR').length} errors)`;

const existing = (outcome: { existing: boolean }, already: string, done: string) =>
  outcome.existing ? already : done;

const collectSummary = ({ leaderboard, bundleDir, files }: CollectOutcome) =>
  [
    `best: trial ${leaderboard.best} of ${leaderboard.trials.length + leaderboard.missing.length}, validation ${leaderboard.metric} ${formatNumber(leaderboard.trials[0]?.value)}`,
    `model bundle: ${bundleDir}`,
    `leaderboard: ${files.markdown}`,
    ...(files.config ? [`winning config: ${files.config}`] : []),
  ].join('\n');

/** What the summary adds when training was skipped for the cache. */
const restoredNote = ({ cache }: CachedTrainOutcome) =>
  cache.hit ? `, restored from cache (key ${cache.key})` : '';

export const STEPS = {
  validate: step<ValidationOutcome | ShardOutcome>({
    command: 'validate',
    description: 'Compute statistics, check the data against the schema, list anomalies.',
    params: [...DATA, 'schema', 'baseline', ...REGISTRY, 'updateSchema', 'shard'],
    // A shard checks nothing yet: `stats merge` does, on the merged statistics.
    outputs: {
      passed: (o) => ('part' in o ? 'true' : String(o.passed)),
      anomalies: (o) => ('part' in o ? '0' : String(o.anomalies.length)),
    },
    verdict: (o) =>
      'part' in o || o.passed ? null : 'data validation failed: see the anomalies above',
    summary: (o) =>
      'part' in o
        ? `statistics part ${o.shard.index} of ${o.shard.count} (rows ${o.range.start + 1}–${o.range.end} of ${o.range.total}): ${o.part}`
        : validationSummary(o),
    needsData: true,
    trains: false,
    fails: 'when an ERROR anomaly is found (WARNING ones only annotate)',
    permissions: ['contents: read'],
    example: { config: 'mlops.yml' },
    cliExample: 'mlops validate --data data/train.csv --label income',
    surfaces: EVERYWHERE,
    run: async (ctx, args) => {
      if (!args.shard) {
        return (await import('./steps/validate.js')).runValidate(ctx, {
          updateSchema: args.updateSchema ?? false,
        });
      }
      if (args.updateSchema) {
        throw new UsageError('--update-schema needs the whole file: use it without --shard.');
      }
      return (await import('./steps/shards.js')).runValidateShard(ctx, args.shard);
    },
  }),
  train: step<CachedTrainOutcome>({
    command: 'train',
    description: 'Train the model and write its bundle to <out>/model.',
    params: [...DATA, 'cache'],
    outputs: { 'model-dir': (o) => o.bundleDir, 'cache-hit': (o) => String(o.cache.hit) },
    verdict: passes,
    summary: (o) => `model bundle: ${o.bundleDir}${restoredNote(o)}`,
    needsData: true,
    trains: true,
    permissions: ['contents: read'],
    example: { config: 'mlops.yml' },
    cliExample: 'mlops train --seed 7',
    surfaces: EVERYWHERE,
    run: async (ctx, args) =>
      (await import('./steps/train-cache.js')).trainWithCache(ctx, { cache: args.cache ?? true }),
  }),
  evaluate: step<EvaluationOutcome>({
    command: 'evaluate',
    description: 'Evaluate the trained model on the test split against the baseline and gates.',
    params: [...DATA, ...REGISTRY],
    outputs: { blessed: (o) => String(o.blessed), verdict: (o) => o.gates.verdict },
    verdict: (o) => (o.blessed ? null : `${o.name}: ${o.gates.verdict}`),
    summary: (o) => `${o.name}: ${o.gates.verdict}`,
    needsData: true,
    trains: true,
    fails: 'when the model is NOT_BLESSED: a gate failed',
    permissions: ['contents: read'],
    example: { config: 'mlops.yml' },
    cliExample: 'mlops evaluate',
    surfaces: EVERYWHERE,
    run: async (ctx) => (await import('./steps/evaluate.js')).runEvaluate(ctx),
  }),
  report: step<ReportOutcome & { commentUrl?: string }>({
    command: 'report',
    description: 'Render the markdown report (the PR comment) to <out>/report.md.',
    params: ['config', 'out', 'comment', 'target', 'githubToken'],
    outputs: { 'report-path': (o) => o.path, 'comment-url': (o) => o.commentUrl ?? '' },
    verdict: passes,
    summary: (o) => `report: ${o.path}`,
    needsData: false,
    trains: false,
    permissions: ['pull-requests: write'],
    example: { config: 'mlops.yml' },
    cliExample: 'mlops report && cat .mlops/report.md',
    surfaces: EVERYWHERE,
    run: async (ctx) => (await import('./steps/report.js')).runReport(ctx),
  }),
  register: step<RegistrationOutcome>({
    command: 'register',
    description: 'Register the evaluated model as NAME@vX.Y.Z (annotated tag + release).',
    params: [...DATA, ...REGISTRY, 'version', 'force', 'reason'],
    outputs: { version: (o) => o.version, tag: (o) => o.tag },
    verdict: passes,
    summary: (o) => `${existing(o, 'already registered', 'registered')} ${o.tag}`,
    needsData: true,
    trains: false,
    permissions: ['contents: write'],
    example: { config: 'mlops.yml' },
    cliExample: 'mlops register --version 1.0.0',
    surfaces: EVERYWHERE,
    run: async (ctx, args) =>
      (await import('./steps/register.js')).runRegister(ctx, {
        ...(args.version ? { version: args.version } : {}),
        force: args.force ?? false,
        ...(args.reason ? { reason: args.reason } : {}),
      }),
  }),
  promote: step<PromotionOutcome>({
    command: 'promote',
    description: 'Assign a stage to a registered version (tag NAME#STAGE#N).',
    params: [
      { param: 'name', argument: '<name>', required: true, description: 'The model to promote.' },
      {
        param: 'version',
        argument: '<version>',
        required: true,
        description: 'The registered version, like 1.2.0.',
      },
      { param: 'stage', required: true },
      'reason',
      ...REGISTRY_ONLY,
    ],
    outputs: { tag: (o) => o.tag, version: (o) => o.version, previous: (o) => o.previous ?? '' },
    verdict: passes,
    summary: (o) =>
      existing(
        o,
        `${o.name} v${o.version} is already in ${o.stage} (${o.tag})`,
        `${o.tag}: ${o.name} v${o.version} → ${o.stage}`,
      ),
    needsData: false,
    trains: false,
    permissions: ['contents: write'],
    example: { name: 'wages', version: '${{ inputs.version }}', stage: 'production' },
    cliExample: "mlops promote wages 1.2.0 --to production --reason 'beats v1.1 on fresh data'",
    surfaces: EVERYWHERE,
    run: async (ctx, args) =>
      (await import('./steps/promote.js')).runPromote(ctx, {
        name: required(args.name, 'the model name'),
        version: required(args.version, 'the version'),
        stage: required(args.stage, 'the stage'),
        reason: args.reason,
      }),
  }),
  deregister: registryEvent<DeregisterOutcome>({
    command: 'deregister',
    description: 'Deregister a version (tag NAME@vX.Y.Z!); it leaves its stages.',
    params: [
      { param: 'name', argument: '<name>', description: 'Model name.' },
      { param: 'version', argument: '<version>', description: 'Registered version, like 1.2.0.' },
      'reason',
      ...REGISTRY_ONLY,
    ],
    summary: (o) =>
      existing(
        o,
        `${o.name} v${o.version} is already deregistered (${o.tag})`,
        `${o.tag}: ${o.name} v${o.version} deregistered${o.freed.length > 0 ? ` (left ${o.freed.join(', ')})` : ''}`,
      ),
    run: async (ctx, args) =>
      (await import('./steps/registry-events.js')).runDeregister(ctx, {
        name: required(args.name, 'the model name'),
        version: required(args.version, 'the version'),
        reason: args.reason,
      }),
  }),
  deprecate: registryEvent<DeprecateOutcome>({
    command: 'deprecate',
    description: 'Deprecate a model (tag NAME@deprecated) until it is used again.',
    params: [
      { param: 'name', argument: '<name>', description: 'Model name.' },
      'reason',
      ...REGISTRY_ONLY,
    ],
    summary: (o) =>
      existing(o, `${o.name} is already deprecated (${o.tag})`, `${o.tag}: ${o.name} deprecated`),
    run: async (ctx, args) =>
      (await import('./steps/registry-events.js')).runDeprecate(ctx, {
        name: required(args.name, 'the model name'),
        reason: args.reason,
      }),
  }),
  unassign: registryEvent<UnassignOutcome>({
    command: 'unassign',
    description: 'Take a stage from the version holding it (tag NAME#STAGE!#N).',
    params: [
      { param: 'name', argument: '<name>', description: 'Model name.' },
      {
        param: 'stage',
        flag: '--from <stage>',
        required: true,
        description: 'The stage to empty.',
      },
      'reason',
      ...REGISTRY_ONLY,
    ],
    summary: (o) =>
      existing(
        o,
        `${o.name} v${o.version} already left ${o.stage} (${o.tag})`,
        `${o.tag}: ${o.name} v${o.version} left ${o.stage}`,
      ),
    run: async (ctx, args) =>
      (await import('./steps/registry-events.js')).runUnassign(ctx, {
        name: required(args.name, 'the model name'),
        stage: required(args.stage, 'the stage'),
        reason: args.reason,
      }),
  }),
  fetch: step<FetchOutcome>({
    command: 'fetch',
    description: 'Download, verify and unpack the bundle of a registered model version.',
    params: [
      { param: 'ref', argument: '<ref>', required: true },
      { param: 'path', required: true },
      ...REGISTRY_ONLY,
    ],
    outputs: {
      version: (o) => o.version,
      tag: (o) => o.tag,
      path: (o) => o.dir,
      sha256: (o) => o.sha256,
    },
    verdict: passes,
    summary: (o) => `${o.tag} (${o.via}) → ${o.dir}`,
    needsData: false,
    trains: false,
    permissions: ['contents: read'],
    example: { ref: 'wages#production', path: 'model' },
    cliExample: 'mlops fetch wages#production --to ./model',
    surfaces: EVERYWHERE,
    run: async (ctx, args) =>
      (await import('./steps/fetch.js')).runFetch(ctx, {
        ref: required(args.ref, 'the ref'),
        to: required(args.path, 'the folder to unpack into'),
      }),
  }),
  comment: step<CommentOutcome>({
    command: 'comment',
    description: 'Post the report as the sticky comment of its model (needs GITHUB_TOKEN).',
    params: ['config', 'out', 'target', 'file', ...REGISTRY],
    outputs: { 'comment-url': (o) => o.url },
    verdict: passes,
    summary: (o) => `${o.created ? 'posted' : 'updated'} ${o.url}`,
    needsData: false,
    trains: false,
    cliExample: 'mlops comment --target pr/12',
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args, run) => {
      const { runComment } = await import('./steps/comment.js');
      const { chooseCommentTarget } = await import('./report/comment.js');
      const target = chooseCommentTarget(args.target, run);
      if (!target) {
        throw new UsageError(
          `no pull request or commit to comment on${run.eventName ? ` for a ${run.eventName} event` : ''}: pass --target pr/N, issue/N or commit/SHA.`,
        );
      }
      return runComment(ctx, {
        target,
        ...(args.file ? { file: args.file } : {}),
        workflow: run.workflow,
      });
    },
  }),
  run: step<PipelineOutcome & { commentUrl?: string }>({
    command: 'run',
    description:
      'Run the whole pipeline: validate, train, evaluate, register when blessed, report.',
    params: [...DATA, 'schema', 'baseline', ...REGISTRY, 'register', 'comment', 'target', 'cache'],
    outputs: {
      'report-path': (o) => o.report?.path ?? '',
      'comment-url': (o) => o.commentUrl ?? '',
      blessed: (o) => String(o.passed),
      version: (o) => o.registration?.version ?? '',
      'cache-hit': (o) => String(o.training?.cache.hit ?? false),
    },
    verdict: (o) =>
      o.passed ? null : 'the pipeline did not pass: see the report in the job summary',
    summary: (o) =>
      [
        `validation: ${o.validation.passed ? 'passed' : 'failed'}`,
        o.training && `model: ${o.training.bundleDir}${restoredNote(o.training)}`,
        o.evaluation &&
          `evaluation: ${o.evaluation.gates.verdict} (${summarizeMetrics(o.evaluation.evaluation.overall)})`,
        o.registration &&
          `${o.registration.existing ? 'already registered' : 'registered'}: ${o.registration.tag}`,
        o.report && `report: ${o.report.path}`,
      ]
        .filter(Boolean)
        .join('\n'),
    needsData: true,
    trains: true,
    fails: 'when the data fails validation or the model is NOT_BLESSED',
    cliExample: 'mlops run --data data/train.csv --label income',
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./steps/pipeline.js')).runPipeline(ctx, {
        register: args.register ?? true,
        cache: args.cache ?? true,
      }),
  }),
  'check-ref': step<{ meaning: RefMeaning; text: string }>({
    command: 'registry check-ref',
    description: 'Say what a registry tag means (for workflows on tag pushes).',
    params: [
      {
        param: 'ref',
        argument: '<ref>',
        required: true,
        description: 'A registry tag like wages#production#3 or refs/tags/wages@v1.2.0.',
      },
      ...REGISTRY_ONLY,
    ],
    outputs: {
      event: (o) => o.meaning.event,
      name: (o) => o.meaning.name,
      version: (o) => o.meaning.version ?? '',
      stage: (o) => o.meaning.stage ?? '',
      tag: (o) => o.meaning.tag,
    },
    verdict: passes,
    summary: (o) => o.text,
    json: (o) => o.meaning,
    needsData: false,
    trains: false,
    cliExample: "mlops registry check-ref 'wages#production#3'",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./steps/registry-check-ref.js')).describeRef(
        ctx.deps.tags,
        required(args.ref, 'the ref'),
      ),
  }),
  ls: registryReader(
    'registry ls',
    'List models, versions and stages.',
    '[name]',
    'state',
    async (tags, name) =>
      (await import('./steps/registry-ls.js')).listRegistry(tags, name || undefined),
  ),
  show: registryReader(
    'registry show',
    'Show one model: every version with its commit, stages and verdict.',
    '<name>',
    'model',
    async (tags, name) =>
      (await import('./steps/registry-show.js')).showModel(tags, required(name, 'the model name')),
  ),
  history: registryReader(
    'registry history',
    "List a model's events in replay order, in GTO's words.",
    '<name>',
    'history',
    async (tags, name) =>
      (await import('./steps/registry-history.js')).modelHistory(
        tags,
        required(name, 'the model name'),
      ),
  ),
  'schema-diff': step<SchemaDiffOutcome>({
    command: 'schema diff',
    description:
      'Show what changes between two schemas (features, kinds, presence, ranges, values, label), for review; exit 0 whatever changed.',
    params: [
      { param: 'oldSchema', argument: '<old>' },
      { param: 'newSchema', argument: '<new>' },
    ],
    outputs: {},
    verdict: passes,
    summary: (o) => o.text,
    json: ({ text: _text, ...outcome }) => outcome,
    needsData: false,
    trains: false,
    cliExample:
      'git show origin/main:mlops/schema.json > /tmp/old.json && mlops schema diff /tmp/old.json mlops/schema.json',
    surfaces: CLI_ONLY,
    run: async (ctx, args) =>
      (await import('./steps/schema-diff.js')).runSchemaDiff(ctx, {
        old: required(args.oldSchema, 'the old schema'),
        new: required(args.newSchema, 'the new schema'),
      }),
  }),
  'stats-merge': step<ValidationOutcome>({
    command: 'stats merge',
    description:
      'Merge the statistics parts of `validate --shard i/n` and run the checks validate runs (schema, anomalies, drift), writing validation.json.',
    params: [
      { param: 'parts', argument: '[parts...]' },
      ...DATA,
      'schema',
      'baseline',
      ...REGISTRY,
    ],
    outputs: {
      passed: (o) => String(o.passed),
      anomalies: (o) => String(o.anomalies.length),
    },
    verdict: (o) => (o.passed ? null : 'data validation failed: see the anomalies above'),
    summary: validationSummary,
    needsData: true,
    trains: false,
    fails: 'when an ERROR anomaly is found, as validate',
    cliExample: 'mlops stats merge parts/statistics.part-*-of-4.json --out .mlops',
    // The umbrella's merge job downloads the parts into `out` and merges them there.
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./steps/shards.js')).runStatsMerge(ctx, args.parts ?? []),
  }),
  'tune-plan': step<TunePlanOutcome>({
    command: 'tune plan',
    description:
      "Turn the config's tuning space into trials: matrix JSON for `strategy.matrix` (at most 256 jobs, GitHub's limit).",
    params: ['config', 'seed'],
    outputs: { matrix: (o) => JSON.stringify(o.matrix) },
    verdict: passes,
    summary: (o) =>
      [
        `${o.trials.length} trials (${o.search} search, ranked by validation ${o.metric}):`,
        ...o.trials.map((trial) => `  ${trial.id}: ${describeParams(trial.params)}`),
      ].join('\n'),
    json: (o) => o.matrix,
    needsData: true,
    trains: false,
    cliExample: 'mlops tune plan --json',
    surfaces: { action: false, umbrella: true },
    run: async (ctx) => (await import('./steps/tune.js')).runTunePlan(ctx),
  }),
  'tune-trial': step<TrialOutcome>({
    command: 'tune trial',
    description:
      'Train one trial of the plan (one matrix job) into <out>/tune/ID: its bundle, and trial.json with its validation metrics.',
    params: [{ param: 'trial', argument: '<trial>', required: true }, ...DATA, 'cache'],
    outputs: {},
    verdict: passes,
    summary: (o) =>
      `trial ${o.result.trial}: validation ${o.metric} ${formatNumber(o.value)}${o.cached ? ' (restored from cache)' : ''}; result: ${o.file}`,
    needsData: true,
    trains: true,
    cliExample: 'mlops tune trial t03',
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./steps/tune.js')).runTuneTrial(ctx, required(args.trial, 'the trial'), {
        cache: args.cache ?? true,
      }),
  }),
  'tune-collect': step<CollectOutcome>({
    command: 'tune collect',
    description:
      "Rank the trials by the validation metric: the leaderboard and the winning config go to <out>/tune, the winner's bundle to <out>/model for evaluate.",
    params: [{ param: 'results', argument: '[results...]' }, ...DATA],
    outputs: { 'model-dir': (o) => o.bundleDir, trial: (o) => o.leaderboard.best },
    verdict: passes,
    summary: (o) => collectSummary(o),
    needsData: true,
    trains: false,
    cliExample: 'mlops tune collect && mlops evaluate',
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./steps/tune.js')).runTuneCollect(ctx, args.results ?? []),
  }),
  'tune-run': step<TuneRunOutcome>({
    command: 'tune run',
    description:
      'Plan, train every trial in worker threads and collect the best, on this machine (the matrix without GitHub).',
    params: [...DATA, 'workers', 'cache'],
    outputs: {},
    verdict: passes,
    summary: (o) =>
      `${collectSummary(o)}${o.failed.length > 0 ? `\nfailed trials: ${o.failed.join(', ')}` : ''}`,
    needsData: true,
    trains: true,
    cliExample: 'mlops tune run --workers 4 && mlops evaluate',
    surfaces: CLI_ONLY,
    run: async (ctx, args) => {
      const { parseWorkers, runTuneRun } = await import('./steps/tune-run.js');
      const { workerPool } = await import('./adapters/tune-workers.js');
      return runTuneRun(ctx, {
        ...(args.workers ? { workers: parseWorkers(args.workers) } : {}),
        cache: args.cache ?? true,
        pool: workerPool,
      });
    },
  }),
  doctor: step<DoctorOutcome & { text: string }>({
    command: 'registry doctor',
    description:
      'Compare local registry tags with the remote and check every release against its tag; exit 1 when a problem remains.',
    params: [...REGISTRY_ONLY, 'out', 'fix'],
    outputs: {},
    verdict: (o) => (o.healthy ? null : 'the registry has problems: see above'),
    summary: (o) => o.text,
    json: ({ text: _text, ...outcome }) => outcome,
    needsData: false,
    trains: false,
    surfaces: CLI_ONLY,
    run: async (ctx, args) => {
      const { runDoctor, formatDoctorReport } = await import('./steps/doctor.js');
      const outcome = await runDoctor(ctx, { fix: args.fix ?? false });
      return { ...outcome, text: formatDoctorReport(outcome) };
    },
  }),
  serve: step<ServeOutcome>({
    command: 'serve',
    description:
      'Serve registered models over HTTP (a REST API shaped like TensorFlow Serving, and gRPC with --grpc-port): A/B routes from serving.json, hot reload on stage moves, a prediction log, /metrics; stops gracefully on SIGTERM.',
    params: [
      { param: 'models', argument: '[names...]' },
      'port',
      'grpcPort',
      'host',
      'serving',
      'logDir',
      'offline',
      'backend',
      {
        param: 'out',
        description:
          'Folder of mlops outputs: served bundles are cached in <out>/serving/bundles, logs kept in <out>/serving/logs.',
      },
      ...REGISTRY_ONLY,
    ],
    outputs: {},
    verdict: passes,
    summary: (o) =>
      `stopped serving ${o.models.join(', ')} at ${o.url} after ${o.requests} requests; logs in ${o.logDir}`,
    needsData: false,
    trains: true,
    cliExample: 'mlops serve churn --port 8501',
    surfaces: CLI_ONLY,
    run: async (ctx, args) => {
      const { runServe, serveRequest } = await import('./serve/server.js');
      return runServe(ctx, serveRequest(ctx, args));
    },
  }),
  predict: step<PredictFileOutcome>({
    command: 'predict',
    description:
      'Score a data file in batch with a registered version or a bundle folder, as the server scores requests.',
    params: [
      { param: 'model', required: true },
      {
        param: 'data',
        description:
          'The rows to score: CSV, JSON Lines or Parquet, the text ones optionally .gz (default: data.train of mlops.yml).',
      },
      { param: 'predictions', required: true },
      'backend',
      ...REGISTRY_ONLY,
    ],
    outputs: { name: (o) => o.model, version: (o) => o.version },
    verdict: passes,
    summary: (o) => `${o.rows} rows scored with ${o.model} v${o.version} (${o.via}) → ${o.out}`,
    needsData: false,
    trains: true,
    permissions: ['contents: read'],
    example: { model: 'churn#production', data: 'data/new.csv', predictions: 'scored.csv' },
    cliExample: 'mlops predict --model churn#production --data new.csv --out scored.csv',
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./serve/predict-file.js')).runPredictFile(ctx, {
        model: required(args.model, 'the model (--model)'),
        out: required(args.predictions, 'the output file (--out)'),
      }),
  }),
  monitor: step<MonitorOutcome>({
    command: 'monitor',
    description:
      'Read the serving logs: live metrics per served version where labels came back (held to the gates), drift of its inputs from its training statistics; decide whether to retrain. Writes <out>/monitor.json and monitor.md.',
    params: ['config', 'name', 'logDir', 'since', 'out', ...REGISTRY],
    outputs: {
      retrain: (o) => String(o.monitor.decision.retrain),
      reason: (o) => o.monitor.decision.reason,
      'report-path': (o) => o.report.path,
    },
    verdict: passes,
    summary: (o) =>
      `retrain=${o.monitor.decision.retrain}: ${o.monitor.decision.reason}\nreport: ${o.report.path}`,
    json: (o) => o.monitor,
    needsData: false,
    trains: false,
    permissions: ['contents: read'],
    example: { 'log-dir': 'serving-logs', since: '7d' },
    cliExample: 'mlops monitor --log-dir .mlops/serving/logs --since 7d',
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) =>
      (await import('./steps/monitor.js')).runMonitor(ctx, {
        ...(args.logDir ? { logDir: args.logDir } : {}),
        ...(args.since ? { since: args.since } : {}),
      }),
  }),
} as const;

export type StepName = keyof typeof STEPS;

/** A step's parameters with its own overrides applied, in declaration order. */
export function stepParams(spec: Pick<StepSpec, 'params'>): (ParamSpec & ParamUse)[] {
  return spec.params.map((use) => {
    const { param, ...own } = typeof use === 'string' ? { param: use } : use;
    return { ...PARAMS[param], param, ...own };
  });
}

/** Every step with its name; outcome types are erased, as each runner passes outcomes through. */
export function stepEntries(): [StepName, StepSpec][] {
  return Object.entries(STEPS) as [StepName, StepSpec][];
}

/** One step by name, outcome type erased. */
export function lookupStep(name: StepName): StepSpec {
  return STEPS[name] as StepSpec;
}
