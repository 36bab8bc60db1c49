// The emotion curve of a journey in one snapshot, as data for the chart and its table: touchpoints in
// journey order with mean emotion and interval, target and expected experience, suppression.
import type { CurvePoint, EmotionCurveData } from '../charts';
import type { SnapshotModel } from '../lib/model/site-model';
import { model, type PageLanguage } from './model';

export function curvePoints({ journeyInfo }: PageLanguage, journeyId: string, snapshot: SnapshotModel): CurvePoint[] {
  const info = journeyInfo(journeyId);
  const data = snapshot.journeys.find((j) => j.id === journeyId);
  return info.stages.flatMap((stage) =>
    stage.touchpoints.map((tp) => {
      const cell = data?.stages.find((s) => s.id === stage.id)?.touchpoints.find((x) => x.id === tp.id)?.cell;
      const mean = cell?.figures?.emotion?.mean ?? null;
      // Expected experience from the data when customers were asked, else as written in content.
      const expected = cell?.figures?.expectation?.mean?.value ?? tp.expected;
      return {
        id: tp.id,
        title: tp.title,
        stageId: stage.id,
        mean: mean?.value ?? null,
        low: mean?.low ?? null,
        high: mean?.high ?? null,
        // A touchpoint nobody rated is no hidden group: it has no feedback, and says so.
        suppressed: (cell?.suppressed ?? false) && cell?.suppressedFor !== 'noData',
        target: tp.target,
        expected,
      };
    }),
  );
}

export function curveData(l: PageLanguage, journeyId: string, snapshot: SnapshotModel, annotations: EmotionCurveData['annotations'] = []): EmotionCurveData {
  const { t, fmt } = l;
  const info = l.journeyInfo(journeyId);
  const points = curvePoints(l, journeyId, snapshot);
  const below = points.filter((p) => p.mean !== null && p.mean < p.target);
  const lowest = points.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!)[0];
  const description = [
    `${t('emotionCurve')}: ${info.title}, ${snapshot.id}.`,
    // The value in brackets, so its last digit is not followed by the sentence's full stop.
    lowest ? t('curveLowest', { title: lowest.title, value: fmt.signed(lowest.mean!, 1) }) : '',
    // Which ones: the chart's marks and its table; a list here would repeat the curve in prose.
    below.length ? t('curveBelowTarget', { count: below.length, total: points.filter((p) => p.mean !== null).length }) : '',
  ].filter(Boolean).join(' ');
  return {
    title: `${t('emotionCurve')}: ${info.title} (${snapshot.id})`,
    description,
    scale: model.scales.emotion,
    stages: info.stages.map((s) => ({ id: s.id, title: s.title })),
    points,
    annotations,
  };
}
