// What Polku's worker threads share: finding a worker's module, and errors that cross from a worker
// to the thread that started it with their class (PolkuError, NotUtf8Error) intact.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NotUtf8Error } from './decode.ts';
import { PolkuError } from './errors.ts';

/**
 * The URL of a worker module beside `base` (the caller's import.meta.url), or null where it is not
 * there as a file: when a bundler (Astro's, in `astro dev`) has bundled the pipeline. Callers then do
 * the work in their own thread. `name` is a variable, not a literal in `new URL(...)`, so bundlers do
 * not copy the module as an asset.
 */
export function workerModule(name: string, base: string): URL | null {
  const url = new URL(name, base);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

export interface SerialisedError {
  kind: 'polku' | 'not-utf8' | 'other';
  message: string;
  location?: PolkuError['location'];
  hint?: string;
  byteOffset?: number;
  announced?: boolean;
  /** Of other errors: Node's code (ENOENT, EACCES), name and stack. */
  code?: string;
  name?: string;
  stack?: string;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof PolkuError) return { kind: 'polku', message: error.message, location: error.location, hint: error.hint };
  if (error instanceof NotUtf8Error) return { kind: 'not-utf8', message: error.message, byteOffset: error.byteOffset, announced: error.announced };
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as NodeJS.ErrnoException).code;
  return { kind: 'other', message: e.message, name: e.name, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) };
}

export function reviveError(e: SerialisedError): Error {
  if (e.kind === 'polku') return new PolkuError(e.message, e.location, e.hint);
  if (e.kind === 'not-utf8') return new NotUtf8Error(e.byteOffset ?? 0, e.announced ?? false);
  const error: NodeJS.ErrnoException = new Error(e.message);
  if (e.name) error.name = e.name;
  if (e.code) error.code = e.code;
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * Runs the worker module at `url` with `input` and settles once: `onMessage` handles each message in
 * turn and ends the run by returning a value (resolve) or throwing (reject); a worker error or an
 * exit before that rejects. The worker is stopped either way.
 */
export function runWorker<T, M>(url: URL, input: unknown, onMessage: (message: M) => T | undefined, what: string): Promise<T> {
  const thread = new Worker(url, { workerData: input });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      void thread.terminate();
      finish();
    };
    thread.on('message', (message: M) => {
      if (settled) return;
      try {
        const result = onMessage(message);
        if (result !== undefined) settle(() => resolve(result));
      } catch (error) {
        settle(() => reject(error));
      }
    });
    thread.on('error', (error) => settle(() => reject(error)));
    thread.on('exit', (code) => settle(() => reject(new Error(`${what} stopped early (exit code ${code})`))));
  });
}
