import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
    // Browser tests build and serve the site; they run in their own files, one at a time.
    fileParallelism: true,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
