/**
 * Jest runs TypeScript through ts-jest (CommonJS, transpile only: `npm run build` type-checks).
 * openid-client and its two dependencies are ES modules only: Node (20.19+) loads them with
 * require(esm), but Jest's own module system does not before Node 24.9, so ts-jest compiles their
 * files to CommonJS too (ESM_ONLY below: nothing else in node_modules is transformed).
 */
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tests/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  // the libraries' path aliases of tsconfig.json (@app/core, @app/core/scope…)
  moduleNameMapper: { '^@app/(core|database|pdf|rules)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 60000,
};
