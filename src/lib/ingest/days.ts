// The period of a snapshot: its first and last day, and the median day of its accepted rows.
import type { SnapshotIngest } from './types.ts';

/** A read's days, as data another thread can be sent. */
export interface DaysState {
  first: number;
  last: number;
  rowsByDay: Map<number, number>;
}

/** The days of a read's accepted rows, counted in runs: consecutive rows mostly share a day. */
export class DayTally {
  private first = Infinity;
  private last = -Infinity;
  private readonly rowsByDay = new Map<number, number>();
  private runDay = NaN;
  private runRows = 0;

  add(day: number): void {
    if (day < this.first) this.first = day;
    if (day > this.last) this.last = day;
    if (day !== this.runDay) {
      this.endRun();
      this.runDay = day;
    }
    this.runRows++;
  }

  /** Counts the current run; called when the read ends. */
  endRun(): void {
    if (this.runRows > 0) this.rowsByDay.set(this.runDay, (this.rowsByDay.get(this.runDay) ?? 0) + this.runRows);
    this.runRows = 0;
  }

  state(): DaysState {
    return { first: this.first, last: this.last, rowsByDay: this.rowsByDay };
  }

  absorb(next: DaysState): void {
    this.first = Math.min(this.first, next.first);
    this.last = Math.max(this.last, next.last);
    for (const [day, rows] of next.rowsByDay) this.rowsByDay.set(day, (this.rowsByDay.get(day) ?? 0) + rows);
  }

  period(): SnapshotIngest['period'] {
    return this.first <= this.last ? { first: this.first, last: this.last, median: medianDay(this.rowsByDay) } : null;
  }
}

/** The lower median of days counted with their rows. */
function medianDay(rowsByDay: Map<number, number>): number {
  const days = [...rowsByDay.keys()].sort((a, b) => a - b);
  let rows = 0;
  for (const n of rowsByDay.values()) rows += n;
  let seen = 0;
  for (const day of days) {
    seen += rowsByDay.get(day)!;
    if (seen * 2 >= rows) return day;
  }
  return days.at(-1)!;
}
