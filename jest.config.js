/** Jest runs the TypeScript sources as native ESM (see the `test` script's NODE_OPTIONS). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript' },
          // Keeps `with { type: 'json' }` on JSON imports, which Node's ESM loader requires.
          experimental: { keepImportAttributes: true },
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/cleanup.ts'],
  testTimeout: 120000,
  // Jest's default on 2 cores is one worker; most suites wait on git and child processes, so two
  // workers overlap that waiting.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
};
