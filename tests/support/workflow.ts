/**
 * A small GitHub Actions runner for tests: runs a workflow file's jobs in `needs:` order, one at a
 * time, the way the runner decides them, with this repository's actions run from their bundles
 * (tests/support/action.ts) and the marketplace actions the example workflows use emulated:
 * - `actions/checkout@v4`: a fresh folder per job fetching from the bare remote, like checkout v4:
 *   with `fetch-depth: 0` every branch and tag, else (the default, 1) the event's commit alone and
 *   no tags; on the event's branch for push and workflow_dispatch, detached on the commit for a
 *   pull request (GitHub checks out a test merge commit there; the head commit stands in for it).
 * - `actions/upload-artifact@v4` / `actions/download-artifact@v4`: copies into and out of a folder
 *   per workflow run. As in upload-artifact v4.4+, files under a hidden folder or with a hidden
 *   name are left out unless `include-hidden-files: true` (so a `.mlops` path uploads nothing and
 *   the step only warns, `if-no-files-found: warn`); a name uploaded before in the run fails the
 *   step unless `overwrite: true`; downloading a name never uploaded fails the step.
 * - `mlops-actions/mlops-actions/actions/<step>@v1` and `./actions/<step>` (the umbrella:
 *   `mlops-actions/mlops-actions@v1`, `./`): this repository's action.yml, whose `runs.main` bundle
 *   runs with the step's `with:` plus the action.yml defaults (evaluated, `${{ github.token }}`),
 *   as the runner passes them. A `with:` key the action.yml does not declare throws.
 * Expressions (`${{ }}` in strings, `if:`) go through a small interpreter: literals, the contexts
 * `github`, `inputs` (workflow_dispatch inputs with their defaults), `needs` (a job's direct needs:
 * `result`, `outputs`) and `steps` (`outputs`, `outcome`, `conclusion`); `.` and `['…']` property
 * access; `!`, `==`, `!=` (GitHub's loose equality, strings case-insensitive), `&&`, `||`
 * (returning an operand, as in JavaScript) and parentheses; the status functions `always()`,
 * `success()`, `failure()` and `cancelled()` (nothing is cancelled here). An `if:` without a status
 * function means `success() && (…)`, as on GitHub. For a job, success() is "every job it needs,
 * directly or not, succeeded" and failure() "one of them failed"; for a step, whether an earlier
 * step of the job failed. A missing property throws, except a step's or job's unset output (empty,
 * as on GitHub).
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

const root = path.resolve(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Expressions

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

type Node =
  | { type: 'literal'; value: Value }
  | { type: 'context'; name: string; path: string[] }
  | { type: 'call'; name: string }
  | { type: 'not'; arg: Node }
  | { type: 'binary'; op: '==' | '!=' | '&&' | '||'; left: Node; right: Node };

/** What an expression can read: the contexts, and the status its status functions report. */
export interface Scope {
  contexts: Record<string, unknown>;
  status: { success: boolean; failure: boolean };
}

const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled'];
const TOKEN =
  /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_-]*)|(==|!=|&&|\|\||[!().,[\]]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`expression "${text}": cannot read "${text.slice(start).trim()}"`);
    }
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

/** Parses one expression (the text inside `${{ }}`). */
export function parseExpression(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`expression "${text.trim()}": ${what}`);
  };
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined) fail('ends too early');
    if (expected !== undefined && token !== expected) fail(`expected ${expected}, got ${token}`);
    return token as string;
  };
  const binary = (ops: string[], next: () => Node) => (): Node => {
    let left = next();
    while (ops.includes(peek() ?? '')) {
      const op = take() as '==' | '!=' | '&&' | '||';
      left = { type: 'binary', op, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token === '!') return { type: 'not', arg: primary() };
    if (token.startsWith("'"))
      return { type: 'literal', value: token.slice(1, -1).replace(/''/g, "'") };
    if (/^-?\d/.test(token)) return { type: 'literal', value: Number(token) };
    if (!/^[A-Za-z_]/.test(token)) return fail(`unexpected ${token}`);
    if (token === 'true' || token === 'false') return { type: 'literal', value: token === 'true' };
    if (token === 'null') return { type: 'literal', value: null };
    if (peek() === '(') {
      if (!STATUS_FUNCTIONS.includes(token)) fail(`unsupported function ${token}()`);
      take('(');
      take(')');
      return { type: 'call', name: token };
    }
    const names: string[] = [];
    for (;;) {
      if (peek() === '.') {
        take();
        const name = take();
        if (!/^[A-Za-z_]/.test(name)) fail(`unsupported property ${name}`);
        names.push(name);
      } else if (peek() === '[') {
        take();
        const key = take();
        if (!key.startsWith("'")) fail(`unsupported index ${key}`);
        names.push(key.slice(1, -1).replace(/''/g, "'"));
        take(']');
      } else break;
    }
    return { type: 'context', name: token, path: names };
  };
  const and = binary(['&&'], binary(['==', '!='], primary));
  const or = binary(['||'], and);
  const node = or();
  if (at < tokens.length) fail(`unexpected ${tokens[at]}`);
  return node;
}

function usesStatus(node: Node): boolean {
  switch (node.type) {
    case 'call':
      return true;
    case 'not':
      return usesStatus(node.arg);
    case 'binary':
      return usesStatus(node.left) || usesStatus(node.right);
    default:
      return false;
  }
}

function truthy(value: Value): boolean {
  return !(value === false || value === null || value === '' || value === 0 || Number.isNaN(value));
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

function looseEqual(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b && (typeof a !== 'object' || a === null || b === null)) return a === b;
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  return toNumber(a) === toNumber(b);
}

function read(node: Extract<Node, { type: 'context' }>, scope: Scope): Value {
  if (!(node.name in scope.contexts)) throw new Error(`unknown context "${node.name}"`);
  let value = scope.contexts[node.name] as Value;
  let parent = node.name;
  for (const key of node.path) {
    const object =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
    if (object && key in object) value = object[key] as Value;
    else if (object && parent === 'outputs') value = '';
    else throw new Error(`${[node.name, ...node.path].join('.')}: "${key}" is not set`);
    parent = key;
  }
  return value;
}

function evaluateNode(node: Node, scope: Scope): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'context':
      return read(node, scope);
    case 'call':
      if (node.name === 'always') return true;
      if (node.name === 'cancelled') return false;
      return node.name === 'success' ? scope.status.success : scope.status.failure;
    case 'not':
      return !truthy(evaluateNode(node.arg, scope));
    case 'binary': {
      const left = evaluateNode(node.left, scope);
      if (node.op === '&&') return truthy(left) ? evaluateNode(node.right, scope) : left;
      if (node.op === '||') return truthy(left) ? left : evaluateNode(node.right, scope);
      const equal = looseEqual(left, evaluateNode(node.right, scope));
      return node.op === '==' ? equal : !equal;
    }
  }
}

function stringify(value: Value): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A `with:`, `outputs:` or `environment:` value: each `${{ expr }}` replaced by its value. */
export function interpolate(text: string, scope: Scope): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_all, expression: string) =>
    stringify(evaluateNode(parseExpression(expression), scope)),
  );
}

/** An `if:`: one expression, `${{ }}` optional, `success() && (…)` without a status function. */
export function condition(text: string | boolean | number | undefined, scope: Scope): boolean {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return scope.status.success;
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  const expression = wrapped ? (wrapped[1] as string) : trimmed;
  if (expression.includes('${{')) throw new Error(`if: "${trimmed}": text outside \${{ }}`);
  const node = parseExpression(expression);
  const value = truthy(evaluateNode(node, scope));
  return usesStatus(node) ? value : scope.status.success && value;
}

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
 * request: the base branch) changing `changed` files; `branches` and `paths` filters only.
 */
export function triggers(
  workflowFile: string,
  event: { name: string; branch?: string; changed?: string[] },
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
  return (
    matches(filters.branches, event.branch === undefined ? [] : [event.branch]) &&
    matches(filters.paths, event.changed ?? [])
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
export type JobResult = Outcome | 'not-run';

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
  name: string;
  result: JobResult;
  outputs: Record<string, string>;
  steps: StepRecord[];
  /** The job summaries its steps wrote, in order. */
  summary: string;
  token: 'read' | 'write';
  environment?: { name: string; url: string };
  /** A reusable workflow call: what it would be called with. */
  call?: { uses: string; with: Record<string, string> };
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
];
const STEP_KEYS = ['name', 'id', 'uses', 'with', 'if'];

interface WorkflowFile {
  name?: string;
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, JobFile>;
}

interface JobFile {
  needs?: string | string[];
  /** A string, or a YAML boolean or number (`if: false`). */
  if?: string | boolean | number;
  steps?: StepFile[];
  permissions?: unknown;
  outputs?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  uses?: string;
  with?: Record<string, unknown>;
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
    const environment =
      typeof job.environment === 'string' ? { name: job.environment } : job.environment;
    const environmentName = environment ? interpolate(environment.name, jobScope) : undefined;
    // The runner's empty workspace, GITHUB_WORKSPACE.
    const workspace = path.join(folder, 'jobs', jobName);
    mkdirSync(workspace, { recursive: true });
    const steps: Record<string, unknown> = {};
    let failed = false;
    for (const [index, step] of (job.steps ?? []).entries()) {
      checkKeys(step, STEP_KEYS, `${where} jobs.${jobName}.steps[${index}]`);
      if (!step.uses) throw new Error(`${where} jobs.${jobName}.steps[${index}]: no uses`);
      const scope: Scope = {
        contexts: { github, inputs, needs, steps },
        status: { success: !failed, failure: failed },
      };
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
        const context: StepRun = {
          workspace,
          artifacts,
          event,
          github,
          runId,
          workflow: name,
          setup,
        };
        await runStep(stepRecord, context);
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
    const done: Scope = { contexts: { github, inputs, needs, steps }, status: jobScope.status };
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
  checkKeys(step.with, ['name', 'path'], step.uses);
  const { name } = step.with;
  if (!name) throw new Error(`${step.uses}: downloading every artifact is not supported`);
  const source = path.join(run.artifacts, name);
  if (!existsSync(source)) {
    step.messages.push(`Unable to download artifact(s): Artifact not found for name: ${name}`);
    step.outcome = 'failure';
    return;
  }
  cpSync(source, path.resolve(run.workspace, step.with.path ?? '.'), { recursive: true });
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
