// Which measures pages show: those with answers. A measure nobody was asked in a snapshot is left out
// of its tables; a journey's curve, trends and cards show its primary measure (the registry's `curve`
// priority, src/lib/stats/measures.ts), so data without emotion still has a curve.
import type { SnapshotModel } from '../lib/model/site-model';
import { measuresAnswered, primaryMeasure, TABLE_MEASURES, type RegisteredMeasure } from '../lib/stats/measures';

/** The first of the curve measures with answers in the journey (in the whole snapshot when the journey's own figures are hidden). */
export function journeyMeasure(journeyId: string, snapshot: SnapshotModel): RegisteredMeasure {
  const journey = snapshot.journeys.find((j) => j.id === journeyId);
  return primaryMeasure(journey?.cell.figures ?? snapshot.total.figures);
}

/** The table columns of a snapshot: the table measures with answers anywhere in it. */
export function tableMeasures(snapshot: SnapshotModel): RegisteredMeasure[] {
  return measuresAnswered(TABLE_MEASURES, snapshot.total.figures);
}
