/**
 * A small GitHub Actions runner for tests: runs a workflow file's jobs in `needs:` order, one at a
 * time, the way the runner decides them, with this repository's actions run from their bundles
 * (tests/support/action.ts) and the marketplace actions the example workflows use emulated:
 * - `actions/checkout@v4`: a fresh folder per job fetching from the bare remote, like checkout v4:
 *   with `fetch-depth: 0` every branch and tag, else (the default, 1) the event's commit alone and
 *   no tags; on the event's branch for push and workflow_dispatch, detached on the commit for a
 *   pull request (GitHub checks out a test merge commit there; the head commit stands in for it).
 * - `actions/upload-artifact@v4` / `actions/download-artifact@v4`: copies into and out of a folder
 *   per workflow run. As upload-artifact v4.4+ documents it, files under a hidden folder or with a
 *   hidden name are left out unless `include-hidden-files: true` (so a `.mlops` path uploads
 *   nothing and the step only warns, `if-no-files-found: warn`; its glob happens to look only from
 *   the given path down, so `.mlops/tune/` would upload there, but the documented rule is the one a
 *   workflow can rely on); a name uploaded before in the run fails the step unless
 *   `overwrite: true`. Downloading a `name` never uploaded fails the step; a `pattern`
 *   downloads every artifact it matches (none is no error) into `path/<name>/`, or all into `path`
 *   with `merge-multiple: true`.
 * - `mlops-actions/mlops-actions/actions/<step>@v1` and `./actions/<step>` (the umbrella:
 *   `mlops-actions/mlops-actions@v1`, `./`): this repository's action.yml, whose `runs.main` bundle
 *   runs with the step's `with:` plus the action.yml defaults (evaluated, `${{ github.token }}`),
 *   as the runner passes them. A `with:` key the action.yml does not declare throws.
 * Expressions (`${{ }}` in strings, `if:`) go through the interpreter of workflow-expressions.ts
 * with the contexts `github`, `inputs` (workflow_dispatch inputs with their defaults), `needs` (a
 * job's direct needs: `result`, `outputs`), `steps` (`outputs`, `outcome`, `conclusion`) and, in a
 * matrix job, `matrix` and `strategy`. For a job, success() is "every job it needs, directly or
 * not, succeeded" and failure() "one of them failed"; for a step, whether an earlier step of the
 * job failed. A job's `name:` is evaluated (with `matrix`).
 * `strategy:` runs a job once per combination of its matrix (workflow-matrix.ts: vectors,
 * `include`, `exclude`, a whole matrix from `${{ fromJSON(…) }}`), one combination at a time, each
 * in its own workspace; `fail-fast` (default true) cancels the combinations after a failed one;
 * `max-parallel` is checked, and running one at a time honours any value. `needs.<job>.result`
 * over a matrix is `failure` when a combination failed, else `cancelled` when one was, else
 * `success`; its outputs combine the combinations' non-empty values, the later one winning, as on
 * GitHub (which runs them in no set order). A matrix that makes no job, or more than 256, fails
 * the job before its steps.
 * The job's GITHUB_TOKEN is `tokens.write` when its `permissions:` (else the workflow's) grant any
 * `write`, else `tokens.read`; tags are pushed to the bare remote without credentials.
 * A job calling a reusable workflow (job-level `uses:`) is not run: its `with:` is evaluated and
 * recorded, its result is `not-run`. `concurrency:` and `runs-on:` are not interpreted.
 * Anything else (another action, a `run:` step, an unknown key, function, operator or context)
 * throws, so a workflow change this runner does not understand fails the test instead of passing.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runAction, type ActionRun } from './action.js';
import { git, tempDir } from './repo.js';
import {
  condition,
  evaluateValue,
  interpolate,
  stringify,
  type Scope,
} from './workflow-expressions.js';
import { expandMatrix, MatrixError, type Combination } from './workflow-matrix.js';

export { condition, interpolate, type Scope } from './workflow-expressions.js';

const root = path.resolve(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Triggers

function globPattern(glob: string): RegExp {
  if (glob.startsWith('!')) throw new Error(`negated filter ${glob} is not supported`);
  const source = glob
    .split(/(\*\*\/?|\*)/)
    .map((part) =>
      part === '**' || part === '**/'
        ? '.*'
        : part === '*'
          ? '[^/]*'
          : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Whether `workflow`'s `on:` starts it for `event` on `branch` (push: the pushed branch; pull
 * request: the base branch) changing `changed` files, of activity type `action` when given;
 * `branches`, `paths` and `types` filters only.
 */
export function triggers(
  workflowFile: string,
  event: { name: string; branch?: string; changed?: string[]; action?: string },
): boolean {
  const on = (parse(readFileSync(workflowFile, 'utf8')) as { on: unknown }).on;
  const events: Record<string, unknown> =
    typeof on === 'string'
      ? { [on]: null }
      : Array.isArray(on)
        ? Object.fromEntries(on.map((name: string) => [name, null]))
        : (on as Record<string, unknown>);
  if (!(event.name in events)) return false;
  const filters = (events[event.name] ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(filters)) {
    if (!['branches', 'paths', 'inputs', 'types'].includes(key)) {
      throw new Error(`${workflowFile}: on.${event.name}.${key} is not supported`);
    }
  }
  const matches = (globs: unknown, values: string[]) =>
    globs === undefined ||
    values.some((value) => (globs as string[]).some((glob) => globPattern(glob).test(value)));
  // GitHub's default types of pull_request: opened, synchronize, reopened.
  const types =
    filters.types ??
    (event.name === 'pull_request' ? ['opened', 'synchronize', 'reopened'] : undefined);
  return (
    matches(filters.branches, event.branch === undefined ? [] : [event.branch]) &&
    matches(filters.paths, event.changed ?? []) &&
    (event.action === undefined ||
      types === undefined ||
      (types as string[]).includes(event.action))
  );
}

// ---------------------------------------------------------------------------------------------
// Jobs and steps

export interface WorkflowEvent {
  /** GITHUB_EVENT_NAME. */
  name: string;
  payload: Record<string, unknown>;
  /** GITHUB_SHA: the commit checked out. */
  sha: string;
  /** GITHUB_REF: refs/heads/main, refs/pull/1/merge … */
  ref: string;
  /** workflow_dispatch inputs as given (defaults are filled from the workflow). */
  inputs?: Record<string, string>;
}

export interface RunnerSetup {
  /** The bare remote actions/checkout fetches from. */
  remote: string;
  /** The local GitHub server's URL (GITHUB_API_URL). */
  apiUrl: string;
  /** Tokens the server knows with read and with write permission. */
  tokens: { read: string; write: string };
  /** GITHUB_RUN_ID (default 1). */
  runId?: number;
  /**
   * The artifact folder of an earlier attempt of the same run: "Re-run all jobs" keeps the run's
   * artifacts, so uploads meet the names uploaded before. Default: a new run, no artifacts.
   */
  artifacts?: string;
}

export type Outcome = 'success' | 'failure' | 'skipped';
/** `cancelled`: a matrix combination fail-fast stopped before it started. */
export type JobResult = Outcome | 'cancelled' | 'not-run';

export interface StepRecord {
  id?: string;
  uses: string;
  with: Record<string, string>;
  outcome: Outcome;
  outputs: Record<string, string>;
  /** The action's process, for this repository's actions. */
  run?: ActionRun;
  /** What the emulated action said (warnings, errors). */
  messages: string[];
}

export interface JobRecord {
  /** The job's id. */
  name: string;
  /** Its name on GitHub: `jobs.<id>.name` evaluated, else the id (and a combination's values). */
  title: string;
  result: JobResult;
  outputs: Record<string, string>;
  steps: StepRecord[];
  /** The job summaries its steps wrote, in order. */
  summary: string;
  token: 'read' | 'write';
  environment?: { name: string; url: string };
  /** A reusable workflow call: what it would be called with. */
  call?: { uses: string; with: Record<string, string> };
  /**
   * A matrix job: one record per combination, in the order they ran. The job's result is
   * `failure` when one failed, else `cancelled` when one was, else `success`; its outputs are
   * theirs combined, a later combination's non-empty value replacing an earlier one's.
   */
  legs?: JobRecord[];
  /** A combination's `matrix` context. */
  matrix?: Combination;
  /** Why the job failed before its steps (a matrix GitHub cannot expand). */
  error?: string;
}

export interface WorkflowRun {
  name: string;
  /** Jobs in the order they ran (skipped ones included). */
  jobs: JobRecord[];
  job(name: string): JobRecord;
  /** The folder holding this run's artifacts, one folder per name. */
  artifacts: string;
  /** GITHUB_RUN_ID. */
  runId: number;
}

const WORKFLOW_KEYS = ['name', 'on', 'permissions', 'concurrency', 'jobs'];
const JOB_KEYS = [
  'name',
  'runs-on',
  'needs',
  'if',
  'steps',
  'permissions',
  'outputs',
  'environment',
  'uses',
  'with',
  'concurrency',
  'strategy',
];
const STRATEGY_KEYS = ['matrix', 'fail-fast', 'max-parallel'];
const STEP_KEYS = ['name', 'id', 'uses', 'with', 'if'];

interface WorkflowFile {
  name?: string;
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, JobFile>;
}

interface JobFile {
  name?: string;
  needs?: string | string[];
  /** A string, or a YAML boolean or number (`if: false`). */
  if?: string | boolean | number;
  steps?: StepFile[];
  permissions?: unknown;
  outputs?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  uses?: string;
  with?: Record<string, unknown>;
  strategy?: unknown;
}

interface StepFile {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string | boolean | number;
}

function checkKeys(object: object, allowed: string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key))
      throw new Error(`${where}: "${key}" is not supported by this runner`);
  }
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `permissions:` granting any write (`write-all` too). */
function writes(permissions: unknown): boolean {
  if (permissions === 'write-all') return true;
  if (permissions === null || typeof permissions !== 'object') return false;
  return Object.values(permissions).some((level) => level === 'write');
}

/** Jobs in an order where each comes after the jobs it needs; file order otherwise. */
function jobOrder(jobs: Record<string, JobFile>, file: string): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new Error(`${file}: jobs need each other (${name})`);
    const job = jobs[name];
    if (!job) throw new Error(`${file}: a job needs "${name}", which does not exist`);
    visiting.add(name);
    asList(job.needs).forEach(visit);
    order.push(name);
  };
  Object.keys(jobs).forEach(visit);
  return order;
}

function ancestors(jobs: Record<string, JobFile>, name: string): Set<string> {
  const found = new Set<string>();
  const walk = (job: string) =>
    asList(jobs[job]?.needs).forEach((need) => {
      if (!found.has(need)) {
        found.add(need);
        walk(need);
      }
    });
  walk(name);
  return found;
}

/** The workflow_dispatch inputs: given values, else defaults, else empty; choices checked. */
function dispatchInputs(
  workflow: WorkflowFile,
  given: Record<string, string>,
): Record<string, string> {
  const declared = ((workflow.on as Record<string, { inputs?: unknown }>)?.workflow_dispatch
    ?.inputs ?? {}) as Record<
    string,
    { required?: boolean; default?: unknown; type?: string; options?: string[] }
  >;
  const inputs: Record<string, string> = {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`workflow_dispatch has no input "${name}"`);
  }
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? (spec.default === undefined ? '' : String(spec.default));
    if (spec.required && value === '') throw new Error(`input "${name}" is required`);
    if (spec.type === 'choice' && !spec.options?.includes(value)) {
      throw new Error(`input "${name}": "${value}" is not one of ${spec.options?.join(', ')}`);
    }
    inputs[name] = value;
  }
  return inputs;
}

/** Runs `file`'s jobs for `event`; resolves when every job has run or been skipped. */
export async function runWorkflow(
  file: string,
  event: WorkflowEvent,
  setup: RunnerSetup,
): Promise<WorkflowRun> {
  const workflow = parse(readFileSync(file, 'utf8')) as WorkflowFile;
  const where = path.basename(file);
  checkKeys(workflow, WORKFLOW_KEYS, where);
  const folder = tempDir('mlops-workflow-');
  const artifacts = setup.artifacts ?? path.join(folder, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const inputs =
    event.name === 'workflow_dispatch' ? dispatchInputs(workflow, event.inputs ?? {}) : {};
  const records = new Map<string, JobRecord>();
  const runNumber = setup.runId ?? 1;
  const runId = String(runNumber);
  const name = workflow.name ?? where;

  for (const jobName of jobOrder(workflow.jobs, where)) {
    const job = workflow.jobs[jobName] as JobFile;
    checkKeys(job, JOB_KEYS, `${where} jobs.${jobName}`);
    const token = writes(job.permissions ?? workflow.permissions) ? 'write' : 'read';
    const github = {
      token: setup.tokens[token],
      server_url: 'https://github.com',
      api_url: setup.apiUrl,
      repository: 'octo/wages',
      repository_owner: 'octo',
      event_name: event.name,
      event: event.payload,
      sha: event.sha,
      ref: event.ref,
      ref_name: event.ref.replace(/^refs\/(heads|tags|pull)\//, ''),
      workflow: name,
      run_id: runId,
      actor: 'octocat',
      job: jobName,
    };
    const needs: Record<string, unknown> = {};
    for (const need of asList(job.needs)) {
      const record = records.get(need) as JobRecord;
      if (record.result === 'not-run')
        throw new Error(`${jobName} needs ${need}, which was not run`);
      needs[need] = { result: record.result, outputs: record.outputs };
    }
    const before = [...ancestors(workflow.jobs, jobName)].map((n) => records.get(n)?.result);
    const jobScope: Scope = {
      contexts: { github, inputs, needs },
      status: {
        success: before.every((result) => result === 'success'),
        failure: before.some((result) => result === 'failure'),
      },
    };
    const record: JobRecord = {
      name: jobName,
      title: jobName,
      result: 'skipped',
      outputs: {},
      steps: [],
      summary: '',
      token,
    };
    records.set(jobName, record);
    if (!condition(job.if, jobScope)) continue;
    if (job.uses) {
      record.result = 'not-run';
      record.call = { uses: job.uses, with: evaluateWith(job.with, jobScope) };
      continue;
    }
    const run = { artifacts, event, github, runId, workflow: name, setup };
    const at = `${where} jobs.${jobName}`;
    // The runner's empty workspace (GITHUB_WORKSPACE), one per job and per matrix combination.
    const workspace = (leg = '') => path.join(folder, 'jobs', `${jobName}${leg}`);
    if (job.strategy === undefined) {
      record.title = job.name === undefined ? jobName : interpolate(job.name, jobScope);
      await runJob(job, jobScope, { ...run, workspace: workspace() }, record, at);
    } else {
      await runMatrix(
        job,
        jobScope,
        (index) => ({ ...run, workspace: workspace(`-${index + 1}`) }),
        record,
        at,
      );
    }
  }
  const jobs = [...records.values()];
  return {
    name,
    jobs,
    artifacts,
    runId: runNumber,
    job: (jobName) => {
      const record = records.get(jobName);
      if (!record) throw new Error(`no job ${jobName}`);
      return record;
    },
  };
}

/** Runs `job`'s steps (one combination's, for a matrix job) in `run.workspace`, into `record`. */
async function runJob(
  job: JobFile,
  jobScope: Scope,
  run: StepRun,
  record: JobRecord,
  at: string,
): Promise<void> {
  const environment =
    typeof job.environment === 'string' ? { name: job.environment } : job.environment;
  const environmentName = environment ? interpolate(environment.name, jobScope) : undefined;
  mkdirSync(run.workspace, { recursive: true });
  const steps: Record<string, unknown> = {};
  const withSteps = (status: Scope['status']): Scope => ({
    contexts: { ...jobScope.contexts, steps },
    status,
  });
  let failed = false;
  for (const [index, step] of (job.steps ?? []).entries()) {
    checkKeys(step, STEP_KEYS, `${at}.steps[${index}]`);
    if (!step.uses) throw new Error(`${at}.steps[${index}]: no uses`);
    const scope = withSteps({ success: !failed, failure: failed });
    const stepRecord: StepRecord = {
      ...(step.id ? { id: step.id } : {}),
      uses: step.uses,
      with: {},
      outcome: 'skipped',
      outputs: {},
      messages: [],
    };
    record.steps.push(stepRecord);
    if (condition(step.if, scope)) {
      stepRecord.with = evaluateWith(step.with, scope);
      await runStep(stepRecord, run);
      if (stepRecord.run) record.summary += stepRecord.run.summary;
      if (stepRecord.outcome === 'failure') failed = true;
    }
    if (step.id) {
      steps[step.id] = {
        outputs: stepRecord.outputs,
        outcome: stepRecord.outcome,
        conclusion: stepRecord.outcome,
      };
    }
  }
  record.result = failed ? 'failure' : 'success';
  const done = withSteps(jobScope.status);
  record.outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([key, value]) => [key, interpolate(value, done)]),
  );
  if (environmentName !== undefined) {
    record.environment = {
      name: environmentName,
      url: environment?.url ? interpolate(environment.url, done) : '',
    };
  }
}

/**
 * Runs a matrix job: `strategy:` evaluated (it may read `github`, `inputs` and `needs`, as on
 * GitHub), one run per combination with the `matrix` and `strategy` contexts, one at a time (which
 * any `max-parallel` allows). With `fail-fast` (the default), the combinations after a failed one
 * are cancelled, as GitHub cancels the queued ones.
 */
async function runMatrix(
  job: JobFile,
  jobScope: Scope,
  runFor: (index: number) => StepRun,
  record: JobRecord,
  at: string,
): Promise<void> {
  const strategy = evaluateValue(job.strategy, jobScope);
  if (strategy === null || typeof strategy !== 'object' || Array.isArray(strategy)) {
    throw new Error(`${at}.strategy: expected a mapping`);
  }
  checkKeys(strategy, STRATEGY_KEYS, `${at}.strategy`);
  const failFast = strategy['fail-fast'] ?? true;
  const maxParallel = strategy['max-parallel'] ?? null;
  if (typeof failFast !== 'boolean') throw new Error(`${at}.strategy.fail-fast: not a boolean`);
  if (maxParallel !== null && !(Number.isInteger(maxParallel) && Number(maxParallel) > 0)) {
    throw new Error(`${at}.strategy.max-parallel: not a whole number above 0`);
  }
  let combinations: Combination[];
  try {
    combinations = expandMatrix(strategy.matrix ?? null);
  } catch (error) {
    if (!(error instanceof MatrixError)) throw error;
    record.result = 'failure';
    record.error = error.message;
    return;
  }
  const legs: JobRecord[] = [];
  record.legs = legs;
  for (const [index, matrix] of combinations.entries()) {
    const scope: Scope = {
      contexts: {
        ...jobScope.contexts,
        matrix,
        strategy: {
          'fail-fast': failFast,
          'job-index': index,
          'job-total': combinations.length,
          'max-parallel': maxParallel ?? combinations.length,
        },
      },
      status: jobScope.status,
    };
    const title =
      job.name === undefined
        ? `${record.name} (${Object.values(matrix).map(stringify).join(', ')})`
        : interpolate(job.name, scope);
    const leg: JobRecord = {
      name: record.name,
      title,
      result: 'cancelled',
      outputs: {},
      steps: [],
      summary: '',
      token: record.token,
      matrix,
    };
    legs.push(leg);
    if (failFast && legs.some((other) => other.result === 'failure')) continue;
    await runJob(job, scope, runFor(index), leg, at);
  }
  const results = legs.map((leg) => leg.result);
  record.result = results.includes('failure')
    ? 'failure'
    : results.includes('cancelled')
      ? 'cancelled'
      : 'success';
  record.outputs = Object.assign(
    {},
    ...legs.map((leg) => Object.fromEntries(Object.entries(leg.outputs).filter(([, v]) => v))),
  ) as Record<string, string>;
  record.summary = legs.map((leg) => leg.summary).join('');
}

function evaluateWith(
  values: Record<string, unknown> | undefined,
  scope: Scope,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [key, interpolate(String(value), scope)]),
  );
}

interface StepRun {
  workspace: string;
  artifacts: string;
  event: WorkflowEvent;
  github: Record<string, unknown>;
  runId: string;
  workflow: string;
  setup: RunnerSetup;
}

async function runStep(step: StepRecord, run: StepRun): Promise<void> {
  const emulated: Record<string, (step: StepRecord, run: StepRun) => void> = {
    'actions/checkout@v4': checkout,
    'actions/upload-artifact@v4': uploadArtifact,
    'actions/download-artifact@v4': downloadArtifact,
  };
  const emulate = emulated[step.uses];
  if (emulate) {
    emulate(step, run);
    if (step.outcome === 'skipped') step.outcome = 'success';
    return;
  }
  const action = ourAction(step.uses);
  if (!action) throw new Error(`uses: ${step.uses} is not supported by this runner`);
  await runOurAction(step, run, action);
}

/** actions/checkout@v4: fetch from the remote into a new folder, then check the commit out. */
function checkout(step: StepRecord, run: StepRun): void {
  checkKeys(step.with, ['fetch-depth'], step.uses);
  const { workspace, event, setup } = run;
  if (readdirSync(workspace).length > 0) throw new Error('checkout: only once per job, first');
  git(workspace, ['init', '-q']);
  git(workspace, ['remote', 'add', 'origin', `file://${setup.remote}`]);
  const branch = /^refs\/heads\/(.+)$/.exec(event.ref)?.[1];
  const tracking = branch ? `refs/remotes/origin/${branch}` : `refs/remotes/${event.ref.slice(5)}`;
  if ((step.with['fetch-depth'] ?? '1') === '0') {
    git(workspace, [
      'fetch',
      '-q',
      '--prune',
      '--tags',
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/tags/*:refs/tags/*',
    ]);
    if (!branch) git(workspace, ['update-ref', tracking, event.sha]);
  } else {
    const depth = step.with['fetch-depth'] ?? '1';
    git(workspace, [
      'fetch',
      '-q',
      '--no-tags',
      `--depth=${depth}`,
      'origin',
      `+${event.sha}:${tracking}`,
    ]);
  }
  if (branch) git(workspace, ['checkout', '-q', '--force', '-B', branch, tracking]);
  else git(workspace, ['checkout', '-q', '--force', '--detach', tracking]);
  if (git(workspace, ['rev-parse', 'HEAD']) !== event.sha) {
    throw new Error(`checkout: ${event.ref} is not at ${event.sha} on the remote`);
  }
}

/** Every file under `dir` (or `dir` itself when a file), as paths relative to `base`. */
function filesUnder(target: string, base: string): string[] {
  if (!existsSync(target)) return [];
  if (!statSync(target).isDirectory()) return [path.relative(base, target)];
  return readdirSync(target, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(base, path.join(entry.parentPath, entry.name)));
}

function uploadArtifact(step: StepRecord, run: StepRun): void {
  const options = step.with;
  checkKeys(
    options,
    ['name', 'path', 'include-hidden-files', 'retention-days', 'overwrite', 'if-no-files-found'],
    step.uses,
  );
  const name = options.name || 'artifact';
  const given = (options.path ?? '').trim();
  if (given === '' || given.includes('\n')) throw new Error(`${step.uses}: one path, please`);
  const source = path.resolve(run.workspace, given);
  const hidden = (file: string) => file.split(path.sep).some((part) => part.startsWith('.'));
  const files = filesUnder(source, run.workspace).filter(
    (file) => options['include-hidden-files'] === 'true' || !hidden(file),
  );
  if (files.length === 0) {
    const ifNone = options['if-no-files-found'] ?? 'warn';
    step.messages.push(
      `No files were found with the provided path: ${given}. No artifacts will be uploaded.`,
    );
    if (ifNone === 'error') step.outcome = 'failure';
    return;
  }
  const target = path.join(run.artifacts, name);
  if (existsSync(target)) {
    if (options.overwrite !== 'true') {
      step.messages.push(`an artifact with this name already exists on the workflow run: ${name}`);
      step.outcome = 'failure';
      return;
    }
    rmSync(target, { recursive: true });
  }
  // The artifact's root is the folder uploaded (or the uploaded file's folder).
  const rootDir = statSync(source).isDirectory() ? source : path.dirname(source);
  for (const file of files) {
    const from = path.join(run.workspace, file);
    cpSync(from, path.join(target, path.relative(rootDir, from)));
  }
}

function downloadArtifact(step: StepRecord, run: StepRun): void {
  checkKeys(step.with, ['name', 'path', 'pattern', 'merge-multiple'], step.uses);
  const { name, pattern } = step.with;
  const target = path.resolve(run.workspace, step.with.path ?? '.');
  if (name) {
    const source = path.join(run.artifacts, name);
    if (!existsSync(source)) {
      step.messages.push(`Unable to download artifact(s): Artifact not found for name: ${name}`);
      step.outcome = 'failure';
      return;
    }
    cpSync(source, target, { recursive: true });
    return;
  }
  if (!pattern) throw new Error(`${step.uses}: downloading every artifact is not supported`);
  // As download-artifact v4: a pattern matching no artifact downloads none and succeeds.
  const merge = step.with['merge-multiple'] === 'true';
  for (const found of readdirSync(run.artifacts)
    .sort()
    .filter((n) => globPattern(pattern).test(n))) {
    cpSync(path.join(run.artifacts, found), merge ? target : path.join(target, found), {
      recursive: true,
    });
  }
}

interface ActionFile {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

/** This repository's action a `uses:` names: its folder, or null for any other action. */
function ourAction(uses: string): string | null {
  const published = /^mlops-actions\/mlops-actions(?:\/actions\/([a-z-]+))?@v1$/.exec(uses);
  const local = /^\.\/(?:actions\/([a-z-]+))?$/.exec(uses);
  const match = published ?? local;
  if (!match) return null;
  return match[1] ? path.join(root, 'actions', match[1]) : root;
}

async function runOurAction(step: StepRecord, run: StepRun, dir: string): Promise<void> {
  const action = parse(readFileSync(path.join(dir, 'action.yml'), 'utf8')) as ActionFile;
  const declared = action.inputs ?? {};
  checkKeys(step.with, Object.keys(declared), `${step.uses} with`);
  const scope: Scope = {
    contexts: { github: run.github },
    status: { success: true, failure: false },
  };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    inputs[name] = step.with[name] ?? interpolate(spec.default ?? '', scope);
  }
  const main = path.resolve(dir, action.runs.main);
  const bundles = path.join(root, 'dist', 'action');
  if (path.dirname(main) !== bundles)
    throw new Error(`${step.uses}: runs.main outside dist/action`);
  const result = await runAction(run.workspace, inputs, {
    entry: path.basename(main, '.js'),
    event: { name: run.event.name, payload: run.event.payload },
    env: {
      GITHUB_API_URL: run.setup.apiUrl,
      GITHUB_SHA: run.event.sha,
      GITHUB_REF: run.event.ref,
      GITHUB_REF_NAME: String(run.github.ref_name),
      GITHUB_WORKFLOW: run.workflow,
      GITHUB_RUN_ID: run.runId,
      GITHUB_JOB: String(run.github.job),
    },
  });
  step.run = result;
  step.outputs = result.outputs;
  step.outcome = result.status === 0 ? 'success' : 'failure';
}
