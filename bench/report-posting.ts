/**
 * What posting to GitHub costs a job: the bundled action's `report` command with the sticky comment
 * against the local GitHub server, read against the same command with `comment: never`; and how
 * many API requests a push job (release) and a pull-request job (baseline fetch + comment) make.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../tests/support/action.js';
import { makeCsv } from '../tests/support/data.js';
import { startFakeGitHub, type FakeGitHub } from '../tests/support/github-server.js';
import type { BenchRow } from './types.js';

const RUNS = 5;
const TOKEN = 'ghs_bench_token';
const CONFIG = `name: churn
data: { train: data.csv, label: target label }
model: { epochs: 4, hidden: [16] }
`;

/** Median wall times of the report command with and without the comment, and request counts. */
export async function benchReportPosting(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlops-bench-posting-'));
  const server = await startFakeGitHub({ tokens: { [TOKEN]: 'write' } });
  try {
    const workspace = await makeWorkspace(dir);
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' });
    const env = { GITHUB_API_URL: server.url, GITHUB_SHA: sha.trim() };
    const pr = { name: 'pull_request', payload: { number: 1, pull_request: { number: 1 } } };
    const push = await counted(server, () =>
      runAction(
        workspace,
        { command: 'run', 'github-token': TOKEN },
        { event: { name: 'push' }, env },
      ),
    );
    const prJob = await counted(server, () =>
      runAction(workspace, { command: 'run', 'github-token': TOKEN }, { event: pr, env }),
    );
    const withComment: number[] = [];
    const without: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      without.push(
        await timed(() => runAction(workspace, { command: 'report', comment: 'never' }, { env })),
      );
      withComment.push(
        await timed(() =>
          runAction(workspace, { command: 'report', 'github-token': TOKEN }, { event: pr, env }),
        ),
      );
    }
    return [
      {
        name: 'action: report + sticky PR comment, local GitHub server (median of 5)',
        value: Math.round(median(withComment)),
        unit: 'ms',
        reference: `comment: never ${Math.round(median(without))} ms`,
      },
      {
        name: 'action: API requests of a pull-request run (baseline fetch + comment)',
        value: prJob,
        unit: 'requests',
        reference: `push run (release) ${push} requests`,
      },
    ];
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function makeWorkspace(dir: string): Promise<string> {
  const workspace = path.join(dir, 'repo');
  const bare = path.join(dir, 'remote.git');
  await mkdir(workspace);
  await writeFile(path.join(workspace, 'mlops.yml'), CONFIG);
  await writeFile(path.join(workspace, 'data.csv'), makeCsv('binary', 400));
  const git = (cwd: string, args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=b@example.com', ...args], {
      cwd,
      stdio: 'ignore',
    });
  git(workspace, ['init', '-q', '-b', 'main']);
  git(workspace, ['add', '-A']);
  git(workspace, ['commit', '-q', '-m', 'bench']);
  git(dir, ['init', '-q', '--bare', bare]);
  git(workspace, ['remote', 'add', 'origin', bare]);
  git(workspace, ['push', '-q', 'origin', 'HEAD']);
  return workspace;
}

/** Requests the server answered while `job` ran; throws when the job failed. */
async function counted(
  server: FakeGitHub,
  job: () => Promise<{ status: number | null; stdout: string }>,
): Promise<number> {
  const before = server.requests.length;
  const result = await job();
  if (result.status !== 0) throw new Error(`bench job failed:\n${result.stdout}`);
  return server.requests.length - before;
}

async function timed(
  job: () => Promise<{ status: number | null; stdout: string }>,
): Promise<number> {
  const start = process.hrtime.bigint();
  const result = await job();
  if (result.status !== 0) throw new Error(`bench job failed:\n${result.stdout}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
