// Counting the physical lines parsed rows stand on: a quoted field may hold line breaks.

/** The character counted as a line: '\r' in a file of Mac line ends, else '\n' (also of '\r\n'). */
export const breakMark = (linebreak: string) => (linebreak === '\r' ? '\r' : '\n');

export function countBreaks(row: string[], linebreak: string): number {
  const mark = breakMark(linebreak);
  let breaks = 0;
  for (const field of row) {
    let at = field.indexOf(mark);
    while (at !== -1) {
      breaks++;
      at = field.indexOf(mark, at + 1);
    }
  }
  return breaks;
}

/**
 * The text handed to papaparse that it has not consumed yet. A batch of rows is counted in lines with
 * one scan of the text it came from, instead of a search of each of its fields: when the text holds
 * as many line breaks as rows that end in one, no field holds a line break and every row is one line.
 */
export class FedText {
  private pieces: string[] = [];
  /** Offset, in the text fed so far, of pieces[0], and of the end of what papaparse has consumed. */
  private start = 0;
  private consumed = 0;

  add(text: string): void {
    this.pieces.push(text);
  }

  /** The text papaparse has not consumed: the record it holds until the record ends. */
  rest(): string {
    return this.pieces.join('').slice(this.consumed - this.start);
  }

  /** Line breaks (`mark`) up to papaparse's cursor since the last call, and whether that text ends with one. */
  consume(cursor: number, mark: string): { breaks: number; endsWithBreak: boolean } {
    let breaks = 0;
    let endsWithBreak = false;
    let offset = this.start;
    let dropped = 0;
    for (const piece of this.pieces) {
      const end = offset + piece.length;
      const from = Math.max(this.consumed, offset) - offset;
      const to = Math.min(cursor, end) - offset;
      for (let at = piece.indexOf(mark, from); at !== -1 && at < to; at = piece.indexOf(mark, at + 1)) breaks++;
      if (to > from) endsWithBreak = piece.charAt(to - 1) === mark;
      if (end > cursor) break;
      dropped++;
      offset = end;
    }
    if (dropped) this.pieces.splice(0, dropped);
    this.start = offset;
    this.consumed = cursor;
    return { breaks, endsWithBreak };
  }
}
