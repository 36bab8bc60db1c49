// What Polku's worker threads share: finding a worker's module, and errors that cross from a worker
// to the thread that started it with their class (PolkuError, NotUtf8Error, TooManyRespondents) intact.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type TransferListItem, type WorkerOptions } from 'node:worker_threads';
import { NotUtf8Error } from '../read/decode.ts';
import { PolkuError } from '../common/errors.ts';
import { TooManyRespondents } from './respondent-index.ts';
import { useCompileCache } from '../common/compile-cache.ts';

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
  kind: 'polku' | 'not-utf8' | 'respondents' | 'other';
  message: string;
  location?: PolkuError['location'];
  hint?: string;
  byteOffset?: number;
  announced?: boolean;
  /** Of TooManyRespondents. */
  estimate?: number;
  /** Of other errors: Node's code (ENOENT, EACCES), name and stack. */
  code?: string;
  name?: string;
  stack?: string;
  /** Of a file-system error: the file and the call, which its one-line message (fromSystemError) names. */
  path?: string;
  syscall?: string;
  errno?: number;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof PolkuError) return { kind: 'polku', message: error.message, location: error.location, hint: error.hint };
  if (error instanceof NotUtf8Error) return { kind: 'not-utf8', message: error.message, byteOffset: error.byteOffset, announced: error.announced };
  if (error instanceof TooManyRespondents) return { kind: 'respondents', message: error.message, estimate: error.estimate };
  const e = error instanceof Error ? error : new Error(String(error));
  const { code, path, syscall, errno } = e as NodeJS.ErrnoException;
  return {
    kind: 'other', message: e.message, name: e.name, stack: e.stack,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(typeof syscall === 'string' ? { syscall } : {}),
    ...(typeof errno === 'number' ? { errno } : {}),
  };
}

export function reviveError(e: SerialisedError): Error {
  if (e.kind === 'polku') return new PolkuError(e.message, e.location, e.hint);
  if (e.kind === 'not-utf8') return new NotUtf8Error(e.byteOffset ?? 0, e.announced ?? false);
  if (e.kind === 'respondents') return new TooManyRespondents(e.estimate ?? 0);
  const error: NodeJS.ErrnoException = new Error(e.message);
  if (e.name) error.name = e.name;
  if (e.code) error.code = e.code;
  if (e.path !== undefined) error.path = e.path;
  if (e.syscall !== undefined) error.syscall = e.syscall;
  if (e.errno !== undefined) error.errno = e.errno;
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * Every worker's young generation. Reading CSV makes a string per field, nearly all garbage at once:
 * V8's own sizing (up to 128 MB) read a cold build's files about 10% faster than 48 MB, and 25% faster
 * than 16 MB, but raised the build's peak RSS, reached later while Astro renders, by 110–150 MB (10
 * snapshots: 712–740 MB with 48 MB, 845–891 MB without). A limit from the command line (the build's
 * --max-semi-space-size) overrides this one: see scripts/build-flags.ts.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 48 };

/**
 * A new worker thread of the module at `url`. Workers load Polku's modules through Node's compile
 * cache (NODE_COMPILE_CACHE, or Node's default in the temporary directory), which keeps the code with
 * its TypeScript types stripped: without it, each worker strips them itself with a WebAssembly
 * compiler of its own, about 30 MB more RSS a worker (measured with the reading workers' modules).
 */
function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  useCompileCache();
  return new Worker(url, { ...options, resourceLimits: WORKER_LIMITS }).on('error', afterSettling);
}

/**
 * Runs the worker module at `url` with `input` and settles once: `onMessage` handles each message in
 * turn and ends the run by returning a value (resolve) or throwing (reject); a worker error or an
 * exit before that rejects, as does `stop` (the worker is stopped). The worker is stopped either way.
 * `transfer`: what `input` holds that moves to the worker (a MessagePort).
 */
export function runWorker<T, M>(url: URL, input: unknown, onMessage: (message: M) => T | undefined, what: string, stop?: AbortSignal, transfer?: TransferListItem[]): Promise<T> {
  const thread = startWorker(url, { workerData: input, transferList: transfer });
  stop?.addEventListener('abort', () => void thread.terminate(), { once: true });
  return untilSettled(thread, onMessage, what, () => void thread.terminate());
}

/**
 * A worker's error after its task has settled (it failed late, or while being stopped): the task's
 * outcome stands, and the worker exits. Without a listener Node would throw it in this thread.
 */
function afterSettling(): void {}

/**
 * Workers of the module at `url` kept from one task to the next, so that each starts (loads and
 * compiles its modules, warms up) once and not once per task. A task is a message posted to an idle
 * worker, settled as in runWorker; a worker whose task failed is stopped, not reused. Tasks run side by
 * side as far as the caller starts them: each takes an idle worker or starts one.
 */
export class WorkerPool<T, M> {
  private readonly idle: Worker[] = [];
  private readonly started = new Set<Worker>();
  private readonly url: URL;
  private readonly onMessage: (message: M) => T | undefined;

  constructor(url: URL, onMessage: (message: M) => T | undefined) {
    this.url = url;
    this.onMessage = onMessage;
  }

  run(input: unknown, what: string): Promise<T> {
    const thread = this.idle.pop() ?? this.start();
    try {
      // Before any listener: an input that cannot be posted (DataCloneError) leaves the worker idle.
      thread.postMessage(input);
    } catch (error) {
      thread.unref();
      this.idle.push(thread);
      return Promise.reject(error);
    }
    thread.ref();
    return untilSettled(thread, this.onMessage, what, (ok) => {
      if (ok) {
        // An idle worker does not keep the process alive if close() is never reached.
        thread.unref();
        this.idle.push(thread);
      } else this.stop(thread);
    });
  }

  /** Stops every worker; resolves once they have exited and their memory is freed. */
  async close(): Promise<void> {
    const threads = [...this.started];
    this.idle.length = 0;
    this.started.clear();
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private start(): Worker {
    const thread = startWorker(this.url);
    this.started.add(thread);
    // One that dies while idle is not handed a task it would never answer.
    thread.once('exit', () => {
      this.started.delete(thread);
      const at = this.idle.indexOf(thread);
      if (at !== -1) this.idle.splice(at, 1);
    });
    return thread;
  }

  private stop(thread: Worker): void {
    this.started.delete(thread);
    void thread.terminate();
  }
}

/** Settles on the worker's first answer to the task (see runWorker), then calls `after` and removes the task's listeners. */
function untilSettled<T, M>(thread: Worker, onMessage: (message: M) => T | undefined, what: string, after: (ok: boolean) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = (ok: boolean, finish: () => void) => {
      thread.off('message', message).off('error', error).off('exit', exit);
      after(ok);
      finish();
    };
    const message = (m: M) => {
      let result: T | undefined;
      try {
        result = onMessage(m);
      } catch (e) {
        return settle(false, () => reject(e));
      }
      if (result !== undefined) settle(true, () => resolve(result));
    };
    // An uncaught error in the worker (out of memory, a bug): said with the task it stopped.
    const error = (e: Error) => settle(false, () => reject(new Error(`${what} stopped: ${e.message}`, { cause: e })));
    const exit = (code: number) => settle(false, () => reject(new Error(`${what} stopped early (exit code ${code})`)));
    thread.on('message', message).on('error', error).on('exit', exit);
  });
}
