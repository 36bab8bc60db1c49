// The pages phase of a build split by Astro's own timer: set ASTRO_TIMER_PATH and Astro writes the
// time of its steps there as its build ends (astro/dist/core/config/timer.js). Where a small build's
// time goes (BENCHMARKS.md) is read from this line.
import { readFileSync } from 'node:fs';

type TimerStats = Record<string, { elapsedTime: number } | undefined>;

/**
 * `pages: loading Astro …, setup …, content …, bundling (Vite) …, rendering …` in seconds, from the
 * timer's file; null when Astro wrote none. Setup is the rest of Astro's build: its config, the
 * integrations' hooks and the collection of routes, less the search index (given).
 */
export function pagesBreakdown(timerFile: string, loadSeconds: number, searchSeconds: number): string | null {
  let stats: TimerStats;
  try {
    stats = JSON.parse(readFileSync(timerFile, 'utf8')) as TimerStats;
  } catch {
    return null;
  }
  const s = (name: string) => (stats[name]?.elapsedTime ?? 0) / 1000;
  const bundling = s('Prerender build') + s('SSR build') + s('Client build');
  const setup = s('Total build') - s('Sync content layer') - bundling - s('Static generate') - searchSeconds;
  const f = (x: number) => `${x.toFixed(2)} s`;
  return `pages: loading Astro ${f(loadSeconds)}, setup ${f(setup)}, content ${f(s('Sync content layer'))}, bundling (Vite) ${f(bundling)}, rendering ${f(s('Static generate'))}`;
}
