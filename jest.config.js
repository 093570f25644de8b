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
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
};
