/**
 * CLI start-up: wall time of `node bin/mlops.js --help` (the committed dist/cli.js bundle), read
 * against a bare `node -e 0` measured in the same run, so the difference is what the CLI adds.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types.js';

const RUNS = 5;
const CLI = fileURLToPath(new URL('../bin/mlops.js', import.meta.url));

/** Median of 5 timed runs for each command, after one untimed run that warms the file cache. */
export function benchStartup(): BenchRow[] {
  const cli = [CLI, '--help'];
  const bare = ['-e', '0'];
  timeRun(cli);
  timeRun(bare);
  const cliTimes: number[] = [];
  const bareTimes: number[] = [];
  // Interleaved, so a busy moment on the machine slows both rather than one.
  for (let run = 0; run < RUNS; run++) {
    cliTimes.push(timeRun(cli));
    bareTimes.push(timeRun(bare));
  }
  return [
    {
      name: 'startup: node bin/mlops.js --help (median of 5)',
      value: round(median(cliTimes)),
      unit: 'ms',
      reference: `node -e 0 ${round(median(bareTimes))} ms`,
    },
  ];
}

/** Milliseconds from spawn to exit; throws when the command fails, as a broken CLI would. */
function timeRun(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
  }
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
