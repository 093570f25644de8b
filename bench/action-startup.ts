/**
 * Action start-up: wall time from spawn to exit of each bundled action (`node dist/action/<entry>.js`
 * with a runner's environment) on inputs prepared once, read against `node -e 0` timed the same
 * way in the same rounds; the JavaScript each entry loads before it runs (its static import
 * closure); and, on stderr, where one `report` start spends its time (a --cpu-prof run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeCsv } from '../tests/support/data.js';
import type { BenchRow } from './types.js';

const ACTION_DIR = fileURLToPath(new URL('../dist/action/', import.meta.url));
/** Timed runs per action after one untimed warm-up; the training steps get fewer. */
const RUNS = 10;
const TRAINING_RUNS = 3;
/** What an action that does not train may take from spawn to exit. */
const TARGET_MS = 300;
const NAME = 'churn';
/** One stage per promote run, so each run assigns a new stage (a new tag, pushed) rather than none. */
const STAGES = Array.from({ length: RUNS + 1 }, (_, i) => `stage${i}`);
const CONFIG = `name: ${NAME}
data: { train: data.csv, label: target label }
model: { epochs: 4, hidden: [16] }
registry: { stages: [${STAGES.join(', ')}] }
`;
const GIT_USER = ['-c', 'user.name=Bench', '-c', 'user.email=b@example.com'];

/** A command timed in the rounds: node's arguments and the action's inputs for run `n` (0: warm-up). */
interface Timed {
  name: string;
  command: (run: number) => { args: string[]; inputs?: Record<string, string> };
  /** Held to the start-up target: an action that does not train. */
  target: boolean;
}

interface Timing {
  median: number;
  p90: number;
}

export function benchActionStartup(): BenchRow[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-action-'));
  try {
    const workspace = makeWorkspace(dir);
    // The ready inputs: validation, model, evaluation, a registered version and its release.
    const prepared = runAction(dir, workspace, 'index', { command: 'run', comment: 'never' });
    const version = prepared.outputs.version;
    if (!version)
      throw new Error(`bench: the prepared run registered nothing:\n${prepared.stdout}`);
    const config = { config: 'mlops.yml' };
    const action =
      (entry: string, inputs: (run: number) => Record<string, string>) => (run: number) => ({
        args: [path.join(ACTION_DIR, `${entry}.js`)],
        inputs: inputs(run),
      });
    const reportFiles = [...staticClosure('report.js')].filter((file) => file !== 'report.js');
    const bare: Timed = {
      name: 'node -e 0, runner env',
      command: () => ({ args: ['-e', '0'] }),
      target: false,
    };
    const actions: Timed[] = [
      {
        name: 'report.js on a ready evaluation, comment: never, push',
        command: action('report', () => ({ ...config, comment: 'never' })),
        target: true,
      },
      {
        name: `report.js's ${reportFiles.length} eager chunks imported, no step run`,
        command: () => ({
          args: [
            '--input-type=module',
            '-e',
            reportFiles
              .map(
                (file) =>
                  `import ${JSON.stringify(pathToFileURL(path.join(ACTION_DIR, file)).href)};`,
              )
              .join('\n'),
          ],
        }),
        target: false,
      },
      {
        name: 'index.js, command: report (as above)',
        command: action('index', () => ({ command: 'report', comment: 'never' })),
        target: true,
      },
      { name: 'validate.js, 400 rows', command: action('validate', () => config), target: true },
      {
        name: 'register.js, already registered',
        command: action('register', () => config),
        target: true,
      },
      {
        name: `fetch.js ${NAME}@v${version} into a new folder`,
        command: action('fetch', (run) => ({
          ...config,
          ref: `${NAME}@v${version}`,
          path: `fetched/${run}`,
        })),
        target: true,
      },
      {
        name: 'promote.js to a new stage (tag made and pushed)',
        command: action('promote', (run) => ({
          ...config,
          name: NAME,
          version,
          stage: STAGES[run] as string,
        })),
        target: true,
      },
    ];
    // Last, as they rewrite the model and evaluation the others read.
    const training: Timed[] = [
      {
        name: 'train.js, 400 rows, 4 epochs',
        command: action('train', () => config),
        target: false,
      },
      { name: 'evaluate.js', command: action('evaluate', () => config), target: false },
    ];
    const times = new Map([
      ...timeRounds([bare, ...actions], RUNS, dir, workspace),
      ...timeRounds(training, TRAINING_RUNS, dir, workspace),
    ]);
    const reference = summarize(times.get(bare) ?? []);
    const rows: BenchRow[] = [
      {
        name: `action start-up: ${bare.name} (median of ${RUNS})`,
        value: reference.median,
        unit: 'ms',
        reference: `p90 ${reference.p90} ms: the reference of the rows below`,
      },
    ];
    for (const timed of [...actions, ...training]) {
      const samples = times.get(timed) ?? [];
      const { median, p90 } = summarize(samples);
      const verdict =
        p90 <= TARGET_MS ? 'met' : median <= TARGET_MS ? 'met at the median only' : 'NOT met';
      rows.push({
        name: `action start-up: ${timed.name} (median of ${samples.length})`,
        value: median,
        unit: 'ms',
        reference:
          `p90 ${p90} ms; node -e 0 ${reference.median} ms` +
          (timed.target ? `; target ≤ ${TARGET_MS} ms ${verdict}` : ''),
      });
    }
    rows.push(
      ...bundleSizes([
        'report',
        'index',
        'validate',
        'register',
        'fetch',
        'promote',
        'train',
        'evaluate',
      ]),
    );
    profileReport(dir, workspace);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every command once per round, round 0 untimed (it warms the file cache); interleaved, so
 * a busy moment on the machine slows every command rather than one. The runner's files are made
 * before the clock starts.
 */
function timeRounds(
  commands: Timed[],
  runs: number,
  dir: string,
  workspace: string,
): Map<Timed, number[]> {
  const times = new Map(commands.map((timed) => [timed, [] as number[]]));
  for (let run = 0; run <= runs; run++) {
    for (const timed of commands) {
      const { args, inputs = {} } = timed.command(run);
      const ms = timeNode(args, workspace, runnerEnv(dir, workspace, inputs));
      if (run > 0) times.get(timed)?.push(ms);
    }
  }
  return times;
}

/** A git repository with the config and data, and a bare `origin` the registry tags go to. */
function makeWorkspace(dir: string): string {
  const workspace = path.join(dir, 'repo');
  const bare = path.join(dir, 'remote.git');
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'mlops.yml'), CONFIG);
  writeFileSync(path.join(workspace, 'data.csv'), makeCsv('binary', 400));
  writeFileSync(path.join(workspace, '.gitignore'), '.mlops/\nfetched/\n');
  const git = (cwd: string, args: string[]) =>
    execFileSync('git', [...GIT_USER, ...args], { cwd, stdio: 'ignore' });
  git(workspace, ['init', '-q', '-b', 'main']);
  git(workspace, ['add', '-A']);
  git(workspace, ['commit', '-q', '-m', 'bench']);
  git(dir, ['init', '-q', '--bare', bare]);
  git(workspace, ['remote', 'add', 'origin', bare]);
  git(workspace, ['push', '-q', 'origin', 'HEAD']);
  return workspace;
}

/**
 * What a runner gives an action on a push: INPUT_* variables (hyphens kept), fresh GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files, an event file, and no token (registry tags go to the local
 * remote, releases to the local folder). As tests/support/action.ts, but synchronous and made
 * before the clock starts, so the figures hold only the action's own process.
 */
function runnerEnv(
  dir: string,
  workspace: string,
  inputs: Record<string, string>,
): NodeJS.ProcessEnv {
  const files = mkdtempSync(path.join(dir, 'runner-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(files, name), text);
    return path.join(files, name);
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: file('output', ''),
    GITHUB_STEP_SUMMARY: file('summary', ''),
    GITHUB_EVENT_PATH: file('event.json', '{}'),
    GITHUB_EVENT_NAME: 'push',
    RUNNER_TEMP: files,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo/churn',
    GITHUB_RUN_ID: '42',
    GITHUB_WORKFLOW: 'mlops',
    GITHUB_ACTOR: 'octocat',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

/** Runs an action to the end; throws when it fails, with its log. */
function runAction(
  dir: string,
  workspace: string,
  entry: string,
  inputs: Record<string, string>,
  nodeArgs: string[] = [],
): { stdout: string; outputs: Record<string, string> } {
  const env = runnerEnv(dir, workspace, inputs);
  const result = spawnSync(process.execPath, [...nodeArgs, path.join(ACTION_DIR, `${entry}.js`)], {
    cwd: workspace,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `bench: ${entry}.js exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  const outputs: Record<string, string> = {};
  const text = readFileSync(env.GITHUB_OUTPUT as string, 'utf8');
  for (const match of text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[match[1] as string] = match[3] as string;
  }
  return { stdout: result.stdout, outputs };
}

/** Milliseconds from spawn to exit; throws when the command fails, as a broken action would. */
function timeNode(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(
      `bench: node ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return ms;
}

/**
 * The JavaScript each entry loads before its first line runs (the entry and the chunks its static
 * imports reach; `import()` loads later, when a step needs it) with its largest packages and its
 * TensorFlow.js share (none, as no step loads it before it trains), and the size of the folder.
 */
function bundleSizes(entries: string[]): BenchRow[] {
  const files = readdirSync(ACTION_DIR);
  const size = (file: string) => statSync(path.join(ACTION_DIR, file)).size;
  const total = (suffix: string) =>
    files.filter((file) => file.endsWith(suffix)).reduce((sum, file) => sum + size(file), 0);
  const js = total('.js');
  const wasm = total('.wasm');
  const rows: BenchRow[] = [];
  for (const entry of entries) {
    const closure = staticClosure(`${entry}.js`);
    const bytes = [...closure].reduce((sum, file) => sum + size(file), 0);
    const packages = new Map<string, number>();
    for (const file of closure) {
      for (const [name, count] of packageBytes(file)) {
        packages.set(name, (packages.get(name) ?? 0) + count);
      }
    }
    const tfjs = [...packages]
      .filter(([name]) => name.startsWith('@tensorflow/'))
      .reduce((sum, [, count]) => sum + count, 0);
    const largest = [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, count]) => `${name} ${kilobytes(count)}`);
    rows.push({
      name: `action bundle: ${entry}.js eager JS (entry + ${closure.size - 1} chunks)`,
      value: Math.round(bytes / 1024),
      unit: 'KB',
      reference: `TensorFlow.js ${kilobytes(tfjs)}; largest ${largest.join(', ')}`,
    });
  }
  rows.push({
    name: 'action bundle: dist/action/*.js + *.wasm',
    value: Math.round((js + wasm) / 1024),
    unit: 'KB',
    reference: `JS ${megabytes(js)} MB + wasm ${megabytes(wasm)} MB`,
  });
  return rows;
}

/** `file` and every file its static `import … from "./x.js"` / `import "./x.js"` reach. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(ACTION_DIR, file), 'utf8');
  // Static imports start a statement; `import("./x.js")` has a parenthesis and is not followed.
  for (const match of text.matchAll(
    /^import\s*(?:[^'"();]*?\bfrom\s*)?["']\.\/([^"']+)["'];?$/gm,
  )) {
    staticClosure(match[1] as string, seen);
  }
  return seen;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function kilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * One `report` start under --cpu-prof: self time by package (from the `// node_modules/…` path
 * comments esbuild leaves before each module in a chunk), our own source folders, node's
 * internals (parsing the chunks apart) and V8's own entries, top 5 printed to stderr. A chunk's
 * "top level" is code before its first module: esbuild's helpers (`__commonJS`, `__toESM`), which
 * run each bundled CommonJS module.
 */
function profileReport(dir: string, workspace: string): void {
  const profileDir = path.join(dir, 'profile');
  const wall = process.hrtime.bigint();
  runAction(dir, workspace, 'report', { config: 'mlops.yml', comment: 'never' }, [
    '--cpu-prof',
    '--cpu-prof-dir',
    profileDir,
  ]);
  const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;
  const [file] = readdirSync(profileDir);
  const profile = JSON.parse(readFileSync(path.join(profileDir, file as string), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const owners = new Map(profile.nodes.map((node) => [node.id, ownerOf(node.callFrame)]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const owner = owners.get(id) ?? '?';
    self.set(owner, (self.get(owner) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const profiled = [...self.values()].reduce((sum, ms) => sum + ms, 0);
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([owner, ms]) => `${owner} ${Math.round(ms)} ms`);
  const [load] = os.loadavg();
  process.stderr.write(
    `bench: report.js under --cpu-prof: ${Math.round(wallMs)} ms wall, ${Math.round(profiled)} ms ` +
      `profiled; top self time: ${top.join(', ')} (load average ${load?.toFixed(1)} on ` +
      `${os.availableParallelism()} cores: above that, start-up times include waiting for a core)\n`,
  );
}

/** Who a profiled function belongs to: a package, a folder of ours, node, or V8. */
function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName, lineNumber } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native ${functionName})`;
  // Parsing a chunk is node's work, but its cost is the size of the chunk: worth its own line.
  if (url.startsWith('node:')) {
    return functionName === 'compileSourceTextModule' ? 'compiling chunks' : 'node internals';
  }
  if (!url.includes('/dist/action/')) return url;
  const chunk = path.basename(fileURLToPath(url));
  const module = modulesOf(chunk).findLast((entry) => entry.line <= lineNumber)?.module;
  return module ? packageOf(module) : `${chunk} top level`;
}

/** Bytes of each package (or folder of ours) in a file of dist/action. */
function packageBytes(file: string): Map<string, number> {
  const lines = readFileSync(path.join(ACTION_DIR, file), 'utf8').split('\n');
  const bytes = new Map<string, number>();
  let owner = `${file} top level`;
  const starts = new Map(modulesOf(file).map((entry) => [entry.line, entry.module]));
  lines.forEach((line, index) => {
    const module = starts.get(index);
    if (module) owner = packageOf(module);
    bytes.set(owner, (bytes.get(owner) ?? 0) + Buffer.byteLength(line) + 1);
  });
  return bytes;
}

const moduleIndex = new Map<string, { line: number; module: string }[]>();

/** Where each module starts in a file of dist/action, from the path comments esbuild writes. */
function modulesOf(file: string): { line: number; module: string }[] {
  let modules = moduleIndex.get(file);
  if (!modules) {
    modules = [];
    const lines = readFileSync(path.join(ACTION_DIR, file), 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      const match = /^\/\/ (\S*node_modules\/\S+|src\/\S+)$/.exec(line);
      if (match) modules.push({ line: index, module: match[1] as string });
    }
    moduleIndex.set(file, modules);
  }
  return modules;
}

/** `node_modules/@scope/name/…` → `@scope/name`; `src/adapters/x.ts` → `src/adapters`. */
function packageOf(module: string): string {
  const parts = module.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `${parts[0]}/${parts[1]}` : module;
  const at = parts.lastIndexOf('node_modules');
  const name = parts[at + 1] ?? module;
  return name.startsWith('@') ? `${name}/${parts[at + 2]}` : name;
}

/** The median (mean of the middle two for an even count) and the nearest-rank 90th percentile. */
function summarize(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = Number.isInteger(middle)
    ? ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
    : (sorted[Math.floor(middle)] ?? NaN);
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1] ?? NaN;
  return { median: Math.round(median), p90: Math.round(p90) };
}
