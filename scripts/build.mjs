#!/usr/bin/env node
/**
 * Builds dist/: `action/` (everything bundled, as a GitHub runner has no node_modules for an
 * action: `index.js` for the umbrella action, one thin entry per step action, shared chunks each
 * loaded when a step needs it, and the TensorFlow.js .wasm files), committed; and `cli/`
 * (dependencies stay in node_modules, so an installed tfjs-node is shared), built on install by
 * `prepare` and not committed. It also writes every action.yml and step README from the step
 * table. `--check` builds to a temp folder and fails when a committed file differs, so a stale
 * bundle or action.yml cannot land.
 */
import { build } from 'esbuild';
import { copyFile, mkdtemp, readFile, readdir, rm, mkdir, writeFile } from 'node:fs/promises';
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
// The file names get names of their own, as some bundled ES modules declare `var __filename`.
const banner = {
  js: [
    "import { createRequire as __createRequire } from 'node:module';",
    "import { dirname as __pathDirname } from 'node:path';",
    "import { fileURLToPath as __fileURLToPath } from 'node:url';",
    'const require = __createRequire(import.meta.url);',
    'const __bundleFilename = __fileURLToPath(import.meta.url);',
    'const __bundleDirname = __pathDirname(__bundleFilename);',
  ].join(' '),
};
const define = { __filename: '__bundleFilename', __dirname: '__bundleDirname' };
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
// Split so each command loads its steps (and TensorFlow.js) only when it runs. `mlops tune run`
// starts its worker threads on tune-worker.js (src/adapters/tune-workers.ts finds it).
await build({
  ...common,
  entryPoints: {
    cli: 'src/cli/index.ts',
    'tune-worker': 'src/adapters/tune-worker.ts',
    // `mlops validate` reads a large CSV file on worker threads (src/steps/parallel-scan.ts).
    'scan-worker': 'src/data/scan-worker.ts',
  },
  outdir: path.join(outdir, 'cli'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
});
const manifest = await loadManifest();
const steps = manifest.actionSteps();
// Each step action's entry is two lines, made here rather than kept as seven files.
const stepEntries = {
  name: 'step-entries',
  setup(plugin) {
    plugin.onResolve({ filter: /^step-entry:/ }, (args) => ({
      path: args.path.slice('step-entry:'.length),
      namespace: 'step-entry',
    }));
    plugin.onLoad({ filter: /.*/, namespace: 'step-entry' }, (args) => ({
      contents: `import { main } from './src/action/main.ts';\nawait main(${JSON.stringify(args.path)});\n`,
      resolveDir: root,
      loader: 'ts',
    }));
  },
};
// @actions/core imports its OIDC client (and with it @actions/http-client and undici, ~800 KB)
// for getIDToken alone, which no step calls: a stub that says so keeps them out of every start.
const noOidc = {
  name: 'no-oidc',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]/.test(args.importer)
        ? { path: 'oidc-utils', namespace: 'no-oidc' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'no-oidc' }, () => ({
      contents:
        "export class OidcClient { static getIDToken() { throw new Error('mlops-actions does not bundle OIDC'); } }",
      loader: 'js',
    }));
  },
};
// zod's namespace carries every locale's messages (360 KB); the action speaks English only.
const englishOnly = {
  name: 'english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)
        ? {
            path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'),
            namespace: 'english-only',
          }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};
await build({
  ...common,
  entryPoints: {
    index: 'src/action/entry.ts',
    'scan-worker': 'src/data/scan-worker.ts',
    ...Object.fromEntries(steps.map((name) => [name, `step-entry:${name}`])),
  },
  outdir: path.join(outdir, 'action'),
  splitting: true,
  chunkNames: '[name]-[hash]',
  banner,
  define,
  plugins: [stepEntries, noOidc, englishOnly],
  // `mlops serve` is CLI-only and loads its gRPC API only with --grpc-port: grpc-js and
  // protobufjs stay out of the committed bundle (the CLI reads proto/ from the package root).
  external: ['@tensorflow/tfjs-node', '@grpc/grpc-js', '@grpc/proto-loader'],
});
const wasmDir = path.dirname(
  createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'),
);
for (const file of await readdir(wasmDir)) {
  if (file.endsWith('.wasm'))
    await copyFile(path.join(wasmDir, file), path.join(outdir, 'action', file));
}

const generated = manifest.manifestFiles();
if (check) {
  const stale = [];
  const committed = path.join(root, 'dist', 'action');
  const built = path.join(outdir, 'action');
  const files = new Set([...(await readdir(built)), ...(await readdir(committed).catch(() => []))]);
  for (const file of [...files].sort()) {
    const [a, b] = await Promise.all([
      readFile(path.join(built, file)).catch(() => null),
      readFile(path.join(committed, file)).catch(() => null),
    ]);
    if (!a || !b || !a.equals(b)) stale.push(`dist/action/${file}`);
  }
  for (const { path: file, text } of generated) {
    const current = await readFile(path.join(root, file), 'utf8').catch(() => null);
    if (current !== text) stale.push(file);
  }
  await rm(outdir, { recursive: true, force: true });
  if (stale.length) {
    console.error(`stale (${stale.join(', ')}): run \`npm run build\` and commit the result.`);
    process.exit(1);
  }
  console.log('dist/ and the action.yml files are up to date');
} else {
  for (const { path: file, text } of generated) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

/** The step table's renderers, compiled from TypeScript for this script. */
async function loadManifest() {
  // Inside the repository, so the compiled module resolves its imports from node_modules.
  await mkdir(path.join(root, 'node_modules', '.cache'), { recursive: true });
  const dir = await mkdtemp(path.join(root, 'node_modules', '.cache', 'mlops-manifest-'));
  const file = path.join(dir, 'manifest.mjs');
  try {
    await build({
      ...common,
      entryPoints: ['src/action/manifest.ts'],
      outfile: file,
      packages: 'external',
    });
    return await import(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
