import { defineConfig } from 'vitest/config';

/** Browser tests: the real server (started once by e2e/harness.ts) driven by headless Chromium. Run after `vite build`. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/harness.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
