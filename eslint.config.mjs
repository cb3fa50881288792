// ESLint: typescript-eslint's recommended rules plus what the design review asks the tooling to keep:
// no import cycles, no unused imports or variables. `npm run lint` (run by `npm test`).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
      '**/*.generated.ts',
      'bench/inputs/**',
    ],
  },
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts', '**/*.mts'],
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'test/e2e/tsconfig.json'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The server's composition root (server.ts) is imported by its entry point (main.ts) only: features/*, node/*
    // and the server's modules take their types from context.ts, so no module depends on the one that wires them.
    files: ['server/src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './server/src/**/!(main).ts',
              from: './server/src/server.ts',
              message: 'Only main.ts imports the composition root; import types from context.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every function in server/src fits on a screen (issue 16): at most 80 lines of code, blank lines and
    // comments not counted. A function that must stay longer carries
    // `// eslint-disable-next-line max-lines-per-function -- <why>`.
    files: ['server/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
