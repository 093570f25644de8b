#!/usr/bin/env node
/**
 * Builds dist/: `action.js` (everything bundled, as a GitHub runner has no node_modules for an
 * action) with the TensorFlow.js .wasm files beside it, committed; and `cli/` (dependencies stay
 * in node_modules, so an installed tfjs-node is shared), built on install by `prepare` and not
 * committed. `--check` builds to a temp folder and fails when the committed files differ, so a
 * stale action bundle cannot land.
 */
import { build } from 'esbuild';
import { copyFile, mkdtemp, readFile, readdir, rm, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outdir = check
  ? await mkdtemp(path.join(os.tmpdir(), 'mlops-dist-'))
  : path.join(root, 'dist');

// Bundled CommonJS code (emscripten, octokit) uses require() and __dirname; ESM output needs them.
const banner = {
  js: [
    "import { createRequire as __createRequire } from 'node:module';",
    "import { dirname as __pathDirname } from 'node:path';",
    "import { fileURLToPath as __fileURLToPath } from 'node:url';",
    'const require = __createRequire(import.meta.url);',
    'const __filename = __fileURLToPath(import.meta.url);',
    'const __dirname = __pathDirname(__filename);',
  ].join(' '),
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
// Split so each command loads its steps (and TensorFlow.js) only when it runs.
await build({
  ...common,
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: path.join(outdir, 'cli'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['src/action/entry.ts'],
  outfile: path.join(outdir, 'action.js'),
  banner,
  external: ['@tensorflow/tfjs-node'],
});
const wasmDir = path.dirname(
  createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'),
);
for (const file of await readdir(wasmDir)) {
  if (file.endsWith('.wasm')) await copyFile(path.join(wasmDir, file), path.join(outdir, file));
}

if (check) {
  const committed = path.join(root, 'dist');
  const isCommitted = (file) => file !== 'cli';
  const built = (await readdir(outdir)).filter(isCommitted);
  const present = (await readdir(committed).catch(() => [])).filter(isCommitted);
  const stale = [];
  for (const file of new Set([...built, ...present].sort())) {
    const [a, b] = await Promise.all([
      readFile(path.join(outdir, file)).catch(() => null),
      readFile(path.join(committed, file)).catch(() => null),
    ]);
    if (!a || !b || !a.equals(b)) stale.push(file);
  }
  await rm(outdir, { recursive: true, force: true });
  if (stale.length) {
    console.error(`dist/ is stale (${stale.join(', ')}): run \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log('dist/ is up to date');
}
