import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      '*.js',
      '*.mjs',
      'apps/web/src/api/gql/**',
      'apps/web/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // a library is imported by its alias (@app/core, @app/pdf/labels…), never by a relative path
      // from outside it (inside a library, its own files are relative)
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(\\.\\./)?libs/(core|database|pdf|rules)/src',
              message: 'Importez la bibliothèque par son alias : @app/core, @app/database, @app/pdf, @app/rules.',
            },
          ],
        },
      ],
    },
  },
  {
    // the type-checked rules that find bugs (a promise nobody awaits, an await on a non-promise, a
    // switch missing a word of the vocabulary, a thrown non-Error, a
    // promise-returning function where a void callback is expected), on every TypeScript file; each
    // folder's own tsconfig gives the types (the API's at the root, the web app's in apps/web)
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
    },
  },
);
