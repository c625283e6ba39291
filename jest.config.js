// ESM + @swc/jest: see shared/TOOLCHAIN.md. Type checking is `npm run typecheck` (tsc 7).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }],
  },
  testTimeout: 60000,
  // most suites wait on git, ssh and child processes, not on the CPU: two workers on two cores halve the wall time
  maxWorkers: 2,
};
