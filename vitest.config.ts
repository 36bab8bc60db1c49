import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/**/*.test.ts'],
          // Builds share Astro's .astro/ folder in the project, so they run one at a time.
          fileParallelism: false,
          // A folder for the builds that several files share (sharedBuild in test/build-site.ts).
          globalSetup: ['test/shared-builds.setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
