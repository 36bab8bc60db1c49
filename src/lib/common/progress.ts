// Progress of a long read on the terminal: rows, megabytes and throughput, at most twice a second
// on a TTY (rewriting one line) and every five seconds in a log.

export interface ProgressReporter {
  update(rows: number, bytesRead: number): void;
  done(rows: number, bytesRead: number): void;
}

const MB = 1024 * 1024;

export function terminalProgress(label: string, totalBytes: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  // Small files finish before anyone could read a progress line.
  if (totalBytes < 16 * MB) return { update() {}, done() {} };
  const start = performance.now();
  const interval = stream.isTTY ? 500 : 5000;
  let last = start;
  const line = (rows: number, bytes: number) => {
    const seconds = (performance.now() - start) / 1000;
    return `${label}: ${rows.toLocaleString('en')} rows, ${(bytes / MB).toFixed(1)} / ${(totalBytes / MB).toFixed(1)} MB, ${(bytes / MB / Math.max(seconds, 1e-3)).toFixed(0)} MB/s`;
  };
  return {
    update(rows, bytes) {
      const now = performance.now();
      if (now - last < interval) return;
      last = now;
      stream.write(stream.isTTY ? `\r${line(rows, bytes)}\x1b[K` : `${line(rows, bytes)}\n`);
    },
    done(rows, bytes) {
      stream.write(stream.isTTY ? `\r${line(rows, bytes)}\x1b[K\n` : `${line(rows, bytes)}\n`);
    },
  };
}
