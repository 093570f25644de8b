#!/usr/bin/env node
// The CLI is bundled into dist/cli by `npm run build`, which `npm install` runs (prepare).
try {
  await import('../dist/cli/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli'))
    throw error;
  console.error(
    'mlops: the CLI is not built yet: run `npm run build` in the mlops-actions folder.',
  );
  process.exitCode = 2;
}
