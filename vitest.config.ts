import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Two cores on CI: one worker per core keeps the machine responsive.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
