// The Node flags `npm run build` starts scripts/build.ts with (package.json), for the scripts and
// tests that start it themselves. V8 lets its young generation grow to 64 MB per semi-space while
// Astro renders thousands of pages, garbage it collects anyway: 8 MB keeps a build of 40 snapshots
// under 1 GB (peak RSS 1,038 -> 860 MB measured). A V8 heap limit is fixed when the process starts,
// so this cannot be set from inside build.ts.
export const BUILD_NODE_FLAGS = ['--max-semi-space-size=8'];
