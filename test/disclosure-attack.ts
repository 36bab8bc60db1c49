// The attacker of the disclosure tests, written apart from the build's audit (src/lib/privacy/disclosure-audit.ts):
// it reads a published open-data file (dist/data/<snapshot>.json), writes down every sum the tables
// obey, and solves two linear programs per suppressed cell for the least and most ratings it can have.
import { highs } from '../src/lib/privacy/lp-solver.ts';

export interface PublishedCell {
  ratings: number | null;
  suppressed: boolean;
  stats: { comments: number; scores: Record<string, { n: number; bins: number[] }> } | null;
}

/** A count the attacker reads from published cells: the ratings unless another is given. */
export type Count = (cell: PublishedCell) => number;
interface PublishedTouchpoint {
  id: string;
  cell: PublishedCell;
  channels: Record<string, PublishedCell>;
  segments: Record<string, PublishedCell>;
}
interface PublishedSnapshot {
  total: PublishedCell;
  journeys: { id: string; cell: PublishedCell; channels: Record<string, PublishedCell>; segments: Record<string, PublishedCell>; stages: { id: string; cell: PublishedCell; touchpoints: PublishedTouchpoint[] }[] }[];
}

export interface Exposure {
  path: string;
  low: number;
  high: number;
}

/** Every suppressed cell of a published snapshot with the range of a count (ratings by default) the published sums leave it. */
export function attackSnapshot(snapshot: PublishedSnapshot, count: Count = (cell) => cell.ratings!): Exposure[] {
  const names = new Map<PublishedCell, string>();
  const name = (cell: PublishedCell, path: string) => (names.set(cell, path), cell);
  const sums: [PublishedCell, PublishedCell[]][] = [];
  const total = name(snapshot.total, 'total');
  sums.push([total, snapshot.journeys.map((j) => name(j.cell, j.id))]);
  for (const j of snapshot.journeys) {
    const channels = Object.entries(j.channels).map(([k, c]) => name(c, `${j.id}/channel:${k}`));
    const segments = Object.entries(j.segments).map(([k, c]) => name(c, `${j.id}/segment:${k}`));
    sums.push([j.cell, j.stages.map((s) => name(s.cell, `${j.id}/${s.id}`))], [j.cell, channels], [j.cell, segments]);
    for (const s of j.stages) {
      sums.push([s.cell, s.touchpoints.map((t) => name(t.cell, `${j.id}/${s.id}/${t.id}`))]);
      for (const t of s.touchpoints) {
        sums.push([t.cell, Object.entries(t.channels).map(([k, c]) => name(c, `${j.id}/${t.id}/channel:${k}`))]);
        sums.push([t.cell, Object.entries(t.segments).map(([k, c]) => name(c, `${j.id}/${t.id}/segment:${k}`))]);
      }
    }
    const touchpoints = j.stages.flatMap((s) => s.touchpoints);
    for (const [k, c] of Object.entries(j.channels)) sums.push([c, touchpoints.flatMap((t) => t.channels[k] ?? [])]);
    for (const [k, c] of Object.entries(j.segments)) sums.push([c, touchpoints.flatMap((t) => t.segments[k] ?? [])]);
  }
  const hidden = [...names.keys()].filter((c) => c.suppressed);
  const variable = new Map(hidden.map((c, i) => [c, `v${i}`]));
  const rows: string[] = [];
  for (const [whole, parts] of sums) {
    const terms: string[] = [];
    let rhs = 0;
    for (const [cell, sign] of [[whole, 1] as const, ...parts.map((p) => [p, -1] as const)]) {
      if (cell.suppressed) terms.push(`${sign > 0 ? '+' : '-'} ${variable.get(cell)}`);
      else rhs -= sign * count(cell);
    }
    if (terms.length) rows.push(` c${rows.length}: ${terms.join(' ')} = ${rhs}`);
  }
  const model = `Subject To\n${rows.join('\n') || ' c0: 0 v0 = 0'}\nBounds\n${hidden.map((c) => ` ${variable.get(c)} >= 0`).join('\n')}\nEnd\n`;
  const solve = (sense: string, v: string) => {
    const s = highs.solve(`${sense}\n obj: ${v}\n${model}`);
    return s.Status === 'Unbounded' ? (sense === 'Maximize' ? Infinity : -Infinity) : s.ObjectiveValue;
  };
  return hidden.map((c) => ({ path: names.get(c)!, low: solve('Minimize', variable.get(c)!), high: solve('Maximize', variable.get(c)!) }));
}
