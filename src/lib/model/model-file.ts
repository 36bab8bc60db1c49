// The site model as scripts/build.ts hands it to Astro: one line of JSON for the settings and
// content, then two lines per snapshot: the snapshot without its touchpoints' breakdowns by channel
// and segment, then those breakdowns. Written and read a snapshot at a time, so neither side holds
// the whole text (~100 MB at 40 snapshots) beside the objects.
//
// The breakdowns are nine tenths of a snapshot, and only a touchpoint's own report and the snapshot's
// open data show them: they stay on disk until a page asks for one, a snapshot's worth at a time.
// The pages then hold 0.75 MB of model objects a snapshot instead of 3.2 MB (measured at 41
// snapshots: 30 MB, where all of it read before the first page was 132 MB).
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Breakdown, SiteModel, SnapshotModel, TouchpointModel } from './site-model.ts';

type Breakdowns = Pick<TouchpointModel, 'channels' | 'segments'>;

/** Snapshots whose breakdowns are kept in memory once read: pages ask for one snapshot's after another. */
const BREAKDOWNS_KEPT = 2;

/** Writes the model; returns each snapshot's id and the SHA-256 of its two lines (the keys of kept pages). */
export function writeModelFile(path: string, model: SiteModel): { id: string; sha256: string }[] {
  const { snapshots, ...rest } = model;
  const digests: { id: string; sha256: string }[] = [];
  // Readable by this user only: the model holds comments and the names redaction looks for.
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(rest)}\n`);
    for (const snapshot of snapshots) {
      const breakdowns: Breakdowns[] = [];
      const withoutBreakdowns = {
        ...snapshot,
        journeys: snapshot.journeys.map((j) => ({
          ...j,
          // Null in their place: the reader puts them back there, so that keys keep their order.
          stages: j.stages.map((s) => ({ ...s, touchpoints: s.touchpoints.map((t) => (breakdowns.push({ channels: t.channels, segments: t.segments }), { ...t, channels: null, segments: null })) })),
        })),
      };
      const lines = `${JSON.stringify(withoutBreakdowns)}\n${JSON.stringify(breakdowns)}\n`;
      writeSync(fd, lines);
      digests.push({ id: snapshot.id, sha256: createHash('sha256').update(lines).digest('hex') });
    }
  } finally {
    closeSync(fd);
  }
  return digests;
}

/**
 * Reads the model; each touchpoint's `channels` and `segments` are read from the file when first asked
 * for (so the file must stay until the pages are built): the same values, keys in the same order.
 */
export function readModelFile(path: string): SiteModel {
  const lines: unknown[] = [];
  const breakdownLines: { start: number; end: number }[] = [];
  // Line 0 is the settings; after it, a snapshot's line and its breakdowns' line, in turn.
  const isBreakdowns = (index: number) => index > 0 && index % 2 === 0;
  eachLine(path, (index) => !isBreakdowns(index), (index, start, end, text) => {
    if (isBreakdowns(index)) breakdownLines.push({ start, end });
    else lines.push(JSON.parse(text!));
  });
  if (lines.length !== breakdownLines.length + 1) throw new Error(`${path}: the site model file ends in the middle of a snapshot`);
  const [rest, ...snapshots] = lines as [Omit<SiteModel, 'snapshots'>, ...SnapshotModel[]];
  const kept = new Map<number, Breakdowns[]>();
  const breakdownsOf = (index: number): Breakdowns[] => {
    let found = kept.get(index);
    if (!found) {
      const { start, end } = breakdownLines[index]!;
      found = JSON.parse(readRange(path, start, end)) as Breakdowns[];
      if (kept.size >= BREAKDOWNS_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.delete(index);
    kept.set(index, found);
    return found;
  };
  // The same two getters for every touchpoint, on objects made afresh key by key (an accessor put in
  // place of a property would turn each into a slow dictionary): they share one shape, as pages read
  // touchpoints by the thousand.
  const places = new WeakMap<object, { snapshot: number; at: number }>();
  const getter = (key: keyof Breakdowns) =>
    function (this: TouchpointModel): Breakdown {
      const { snapshot, at } = places.get(this)!;
      return breakdownsOf(snapshot)[at]![key];
    };
  const accessors = { channels: { get: getter('channels'), enumerable: true }, segments: { get: getter('segments'), enumerable: true } };
  snapshots.forEach((snapshot, index) => {
    let at = 0;
    for (const j of snapshot.journeys) {
      for (const s of j.stages) {
        s.touchpoints = s.touchpoints.map((written) => {
          const t: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(written)) {
            if (key === 'channels' || key === 'segments') Object.defineProperty(t, key, accessors[key]);
            else t[key] = value;
          }
          places.set(t, { snapshot: index, at: at++ });
          return t as unknown as TouchpointModel;
        });
      }
    }
  });
  return { ...rest, snapshots };
}

const READ_BYTES = 1 << 20;

/**
 * Calls `line` with each line's number, its byte range (newline excluded) and, when `wanted` says so,
 * its text. Every line ends with a newline: JSON.stringify escapes those inside a value.
 */
function eachLine(path: string, wanted: (index: number) => boolean, line: (index: number, start: number, end: number, text: string | null) => void): void {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    let index = 0;
    // The bytes of the current line read so far, if wanted.
    let pieces: Buffer[] = [];
    let lineStart = 0;
    let position = 0;
    for (let n; (n = readSync(fd, chunk, 0, READ_BYTES, position)) > 0; position += n) {
      const bytes = chunk.subarray(0, n);
      let from = 0;
      for (let at; (at = bytes.indexOf(0x0a, from)) !== -1; from = at + 1) {
        const text = wanted(index) ? Buffer.concat([...pieces, bytes.subarray(from, at)]).toString('utf8') : null;
        line(index++, lineStart, position + at, text);
        pieces = [];
        lineStart = position + at + 1;
      }
      // Copied: the chunk is reused for the next read.
      if (from < n && wanted(index)) pieces.push(Buffer.from(bytes.subarray(from)));
    }
    if (lineStart < position) throw new Error(`${path}: the site model file ends without a newline, cut short`);
  } finally {
    closeSync(fd);
  }
}

function readRange(path: string, start: number, end: number): string {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(end - start);
    for (let read = 0, n; read < bytes.length; read += n) {
      n = readSync(fd, bytes, read, bytes.length - read, start + read);
      if (n === 0) throw new Error(`${path}: the site model file is shorter than when it was read`);
    }
    return bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
