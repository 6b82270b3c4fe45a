/** Jest runs TypeScript through ts-jest (CommonJS, transpile only: `npm run build` type-checks). */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tests/**/*.spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // the libraries' path aliases of tsconfig.json (@app/core, @app/core/scope…)
  moduleNameMapper: { '^@app/(core|database|pdf|rules)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 60000,
};
