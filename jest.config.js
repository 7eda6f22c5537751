/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^commerce-foundation$': '<rootDir>/src/index.ts', '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  reporters: ['default', '<rootDir>/test/support/skippedReporter.js'],
  // In CI a connection or server that a failed test left open must not keep the run going until CI's own limit: jest
  // ends once the tests are done, and says it forced the exit. Locally such a leak stays visible as a run that hangs.
  forceExit: process.env.CI === 'true',
};
