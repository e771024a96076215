/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 30000,
  // Fixtures close what they start, but a child process leaked by a future bug (a Playground, Azurite, a
  // browser) would keep a worker alive and CI would wait forever: once every suite has reported, exit.
  forceExit: true,
};
