// The registry runs on Beijing time; chinese-days (the CAL-1 oracle) reads dates with local getters.
process.env.TZ = 'Asia/Shanghai';

// Five projects: pure domain rules, repositories against PostgreSQL (the ledger), workflows on the time-skipping
// server, the whole stack end to end, and the OpenAPI contract (schemathesis against the running API, run last).
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const common = { testTimeout: 60_000, transform: { '^.+\\.ts$': swc }, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  // Global, not per project: Jest ignores testTimeout inside a project's options.
  testTimeout: 60_000,
  testSequencer: '<rootDir>/test/setup/test-sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/activities/**/*.spec.ts', '<rootDir>/test/console/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], globalSetup: '<rootDir>/test/setup/workflow-global-setup.js', globalTeardown: '<rootDir>/test/setup/workflow-global-teardown.js' },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/workflows/**/*.spec.ts'], globalSetup: '<rootDir>/test/setup/workflow-global-setup.js', globalTeardown: '<rootDir>/test/setup/workflow-global-teardown.js' },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], globalSetup: '<rootDir>/test/setup/e2e-global-setup.js', globalTeardown: '<rootDir>/test/setup/e2e-global-teardown.js' },
    // The production topology (Temporal server on PostgreSQL, 2 workers, 2 API replicas) as `npm run up` starts it.
    { ...common, displayName: 'topology', testMatch: ['<rootDir>/test/topology/**/*.topology-spec.ts'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.contract-spec.ts'], globalSetup: '<rootDir>/test/setup/e2e-global-setup.js', globalTeardown: '<rootDir>/test/setup/e2e-global-teardown.js' },
  ],
};
