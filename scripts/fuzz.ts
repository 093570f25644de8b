/**
 * `npm run fuzz [-- --runs N --seed S]`: runs the CLI on generated hostile data until it finds an
 * input that ends in an internal error (a bug: input must only ever give exit 0, 1 or 2 with a
 * clear message). Each finding is kept in a folder to reproduce it. Not part of CI: it runs long.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../src/cli/main.js';
import { randomHostileCase, type HostileCase } from '../tests/support/hostile.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const runs = option('runs', 200);
const firstSeed = option('seed', Date.now() % 1_000_000);
const findings = path.resolve('fuzz-findings');

/** Runs one case in a fresh repository; returns the CLI's stderr when it was an internal error. */
async function tryCase(hostile: HostileCase): Promise<string | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlops-fuzz-'));
  try {
    for (const [name, data] of Object.entries(hostile.files)) {
      await writeFile(path.join(dir, name), data);
    }
    execFileSync('git', ['init', '-q', dir]);
    let stderr = '';
    const code = await runCli(hostile.argv, {
      cwd: dir,
      env: { MLOPS_BACKEND: 'cpu' },
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
    });
    const internal = /internal error/.test(stderr) || ![0, 1, 2].includes(code);
    return internal ? stderr : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let found = 0;
for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
  const hostile = randomHostileCase(seed);
  const failure = await tryCase(hostile);
  if (failure === null) continue;
  found++;
  const keep = path.join(findings, `seed-${seed}`);
  await mkdir(keep, { recursive: true });
  for (const [name, data] of Object.entries(hostile.files))
    await writeFile(path.join(keep, name), data);
  await writeFile(path.join(keep, 'stderr.txt'), failure);
  process.stderr.write(`seed ${seed}: internal error (kept in ${keep})\n`);
}
process.stdout.write(
  `fuzz: ${runs} cases from seed ${firstSeed}, ${found} internal error${found === 1 ? '' : 's'}\n`,
);
process.exitCode = found > 0 ? 1 : 0;
