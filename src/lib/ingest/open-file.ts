// A snapshot file is opened once for all that is read of it: its kind, its hash, its read in one
// pass, in passes or in halves. A descriptor is the process's, so the worker threads of a read share
// it; every read through it is positioned, so reads side by side do not disturb each other.
import { closeSync, fstatSync, openSync, statSync } from 'node:fs';
import type { IngestOptions } from './types.ts';

/** `use` given an open descriptor of the file, closed once it is done. */
export async function withOpenFile<T>(path: string, use: (fd: number) => Promise<T>): Promise<T> {
  const fd = openSync(path, 'r');
  try {
    return await use(fd);
  } finally {
    closeSync(fd);
  }
}

/** `use` given the options with a descriptor of the file: theirs, or one opened for it and closed after. */
export function withDescriptor<T>(options: IngestOptions, use: (options: IngestOptions & { fd: number }) => Promise<T>): Promise<T> {
  const { fd } = options;
  if (fd !== undefined) return use({ ...options, fd });
  // Its size first, which a read needs anyway: a file that is gone is told by that call (ENOENT from stat), wherever it is read.
  statSync(options.path);
  return withOpenFile(options.path, (opened) => use({ ...options, fd: opened }));
}

/** The file's size in bytes, from its descriptor when there is one. */
export const fileBytes = (options: Pick<IngestOptions, 'path' | 'fd'>) => (options.fd === undefined ? statSync(options.path) : fstatSync(options.fd)).size;
