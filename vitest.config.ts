import { defineConfig } from 'vitest/config';

// Unit and integration tests, next to the code. TEST_DB=pglite|postgres picks the database
// each test file creates for itself (npm test runs both).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
