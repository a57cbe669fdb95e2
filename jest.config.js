/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // @middy/* ships ESM only; jest on Node 20 cannot require ESM, so swc compiles it to CommonJS too.
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/quiet-bundling.ts'],
  // Sets jest's timeout from support/deadlines.ts, the constant the kit's waits derive their deadlines from.
  setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
};
