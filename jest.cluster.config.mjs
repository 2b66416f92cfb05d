// `npm run test:cluster`: the system tests on a three-server NATS JetStream cluster (test/cluster/),
// one file at a time. Kept out of `npm test`'s projects; .ci/run runs them after it.
import { common } from './jest.config.mjs';

export default {
  testTimeout: 300_000,
  projects: [
    {
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.e2e-spec.ts'],
      slowTestThreshold: 120,
    },
  ],
};
