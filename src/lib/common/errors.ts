// Errors for people: where (file, line, column), what was expected, how to fix it.

export interface Location {
  file: string;
  /** 1-based physical line in the file. */
  line?: number;
  /** 1-based column: a character column, or a field number when `columnName` is set. */
  column?: number;
  /** Header of the CSV field, when the column is a field number. */
  columnName?: string;
}

export class PolkuError extends Error {
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(message: string, location?: Location, hint?: string) {
    super(message);
    this.name = 'PolkuError';
    this.location = location;
    this.hint = hint;
  }

  /** One message: `file:line:column: what is wrong` and, on the next line, how to fix it. */
  format(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  How to fix: ${this.hint}` : ''}`;
  }
}

export function formatLocation({ file, line, column, columnName }: Location): string {
  let text = file;
  if (line !== undefined) text += `:${line}`;
  if (column !== undefined) {
    text += columnName === undefined ? `:${column}` : ` (column ${column}, ${quoted(columnName)})`;
  }
  return text;
}

/** Characters of a value a message quotes: a field or a header can be a megabyte of text. */
const QUOTED_CHARS = 60;
/** Items of a list a message shows: a header can have 200,000 columns. */
const LISTED_ITEMS = 20;

const cutShort = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars)}…` : text);

/** A value in a message, quoted, and cut short. */
export function quoted(text: string): string {
  return JSON.stringify(cutShort(text, QUOTED_CHARS));
}

/** Another program's own message after ours (`DuckDB says: …`): its first line, cut short. */
export function firstLine(text: string): string {
  return cutShort(text.trim().split('\n', 1)[0]!.trim(), 200);
}

/** The first items of a list in a message, each as `show` writes it, then how many more there are. */
export function listed<T>(items: readonly T[], show: (item: T) => string, separator = ', '): string {
  const shown = items.slice(0, LISTED_ITEMS).map(show).join(separator);
  return items.length > LISTED_ITEMS ? `${shown} … and ${(items.length - LISTED_ITEMS).toLocaleString('en-US')} more` : shown;
}

/** 1-based line and column of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Advice for the file-system errors a project's files give, by code. */
const SYSTEM_ERROR_HINTS: Record<string, string> = {
  EACCES: 'give the user who builds permission to read it (chmod a+r), or remove it.',
  EPERM: 'give the user who builds permission to read it, or remove it.',
  ENOENT: 'it was removed or renamed while the build ran, or a link points nowhere: run the command again, or remove the link.',
  EISDIR: 'a folder stands where a file is expected: remove it or rename it.',
  ELOOP: 'a symbolic link points to itself: remove it.',
};

/**
 * A file-system error raised by a read of an open file (EISDIR, EIO) names no file: it is given the
 * path of the file read, so that fromSystemError can name it.
 */
export function withFilePath(error: unknown, path: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && e.path === undefined) e.path = path;
  return error;
}

/**
 * A file-system error (an unreadable file, one removed while being read) as a PolkuError naming the
 * file relative to `root`; null for any other error, which is a bug to show whole.
 */
export function fromSystemError(error: unknown, root: string): PolkuError | null {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.path !== 'string') return null;
  const file = e.path.startsWith(root + '/') ? e.path.slice(root.length + 1) : e.path;
  const what = e.message.replace(/^[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '');
  return new PolkuError(`cannot ${e.syscall ?? 'read'} the file (${e.code}: ${what})`, { file }, SYSTEM_ERROR_HINTS[e.code] ?? 'check the file and its permissions, or remove it.');
}
