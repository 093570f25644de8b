import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.mlops/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Steps (and the server built on them) reach git, GitHub and the runner only through the
    // adapters in their context.
    files: ['src/steps/**/*.ts', 'src/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*', '@octokit/*', 'simple-git'],
              message: 'Steps take their effects from StepDeps; see DESIGN.md.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/{config,data,model,evaluate,report,registry,safety,monitor}/**/*.ts'],
    rules: {
      // DESIGN.md: the pure core takes data or an interface, never a side-effecting module.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@actions/*',
                '@octokit/*',
                'simple-git',
                'fs',
                'node:fs',
                'fs/*',
                'node:fs/*',
              ],
              message: 'Core modules take an adapter; see DESIGN.md.',
            },
          ],
        },
      ],
    },
  },
);
