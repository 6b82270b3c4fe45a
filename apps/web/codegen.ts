import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations: every `graphql(...)` document under src/ is validated against the committed
 * API schema and typed from it. `npm run codegen` writes src/api/gql; `npm run lint` runs it with
 * --check and fails when the committed types are stale or an operation does not validate.
 */
const config: CodegenConfig = {
  schema: 'apps/api/schema.graphql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/api/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'apps/web/src/api/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
