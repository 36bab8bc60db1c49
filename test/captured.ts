// The side effects of a command run in the test's process (src/lib/common/effects.ts), with its lines
// kept for the test to read instead of printed.
import { REAL_EFFECTS, type Effects } from '../src/lib/common/effects.ts';

export interface Captured {
  effects: Effects;
  /** What the command printed to stdout, and to stderr, a line each. */
  stdout(): string;
  stderr(): string;
}

export function captured(effects: Partial<Omit<Effects, 'logger'>> = {}): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    effects: { ...REAL_EFFECTS, ...effects, logger: { log: (line) => out.push(line), error: (line) => err.push(line) } },
    stdout: () => out.map((line) => `${line}\n`).join(''),
    stderr: () => err.map((line) => `${line}\n`).join(''),
  };
}
