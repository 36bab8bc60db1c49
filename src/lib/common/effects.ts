// The side effects of the pipeline's commands that a caller may replace: where their lines go, and
// whether files may be read in worker threads. Passed in as a parameter, never set globally, so a
// test runs a command in its own process and sees what a person at the terminal would.

export interface Logger {
  /** A line of the report (stdout). */
  log(line: string): void;
  /** A line saying what went wrong, or a warning (stderr). */
  error(line: string): void;
}

export interface Effects {
  logger: Logger;
  /** Whether several files may be read side by side in worker threads; false reads them one after another on this thread. */
  workers: boolean;
}

/** The terminal's output streams, and worker threads where they help. */
export const REAL_EFFECTS: Effects = { logger: console, workers: true };
