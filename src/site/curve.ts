// A journey's curve in one snapshot, as data for the chart and its table: touchpoints in journey
// order with the mean of the journey's primary measure and its interval, target and (on the emotion
// curve) expected experience, suppression.
import type { CurvePoint, EmotionCurveData } from '../charts';
import type { SnapshotModel } from '../lib/model/site-model';
import { answered, type Measure, type RegisteredMeasure } from '../lib/stats/measures';
import { journeyMeasure } from './shown-measures';
import { targetOf } from '../lib/project/targets';
import { scaleRange } from './figure-text';
import { valueText, type Formats } from './number-text';
import { model, type PageLanguage } from './model';

/** The curve's name: the emotion curve, or the journey curve of the measure it shows. */
export const curveName = ({ t }: PageLanguage, m: RegisteredMeasure) => (m.metric === 'emotion' ? t('emotionCurve') : `${t('journeyCurve')} (${t(m.label)})`);

/** The y axis: the measure and its scale, "Emotion, −3…+3". */
export const axisTitle = ({ t, fmt }: PageLanguage, m: RegisteredMeasure) => `${t(m.label)}, ${scaleRange(fmt, m.curve!.scale(model.scales))}`;

/** A target in its measure's format with at most one decimal: "+1.5", "4.2", "+20". */
export const targetText = (fmt: Formats, m: Measure, x: number, digits = Math.min(1, m.format.digits)) => valueText(fmt, { ...m.format, digits }, x);

export function curvePoints(l: PageLanguage, journeyId: string, snapshot: SnapshotModel, m = journeyMeasure(journeyId, snapshot)): CurvePoint[] {
  const { t, journeyInfo } = l;
  const info = journeyInfo(journeyId);
  const data = snapshot.journeys.find((j) => j.id === journeyId);
  const emotion = m.metric === 'emotion';
  return info.stages.flatMap((stage) =>
    stage.touchpoints.map((tp) => {
      const cell = data?.stages.find((s) => s.id === stage.id)?.touchpoints.find((x) => x.id === tp.id)?.cell;
      const mean = cell?.figures ? m.of(cell.figures) : null;
      // Expected experience from the data when customers were asked, else as written in content; on the emotion scale only.
      const expected = emotion ? (cell?.figures?.expectation?.mean?.value ?? tp.expected ?? null) : null;
      return {
        id: tp.id,
        title: tp.title,
        stageId: stage.id,
        mean: mean?.value ?? null,
        low: mean?.low ?? null,
        high: mean?.high ?? null,
        // A touchpoint nobody rated is no hidden group: it has no feedback, and says so.
        suppressed: (cell?.suppressed ?? false) && cell?.suppressedFor !== 'noData',
        // Published figures without this measure: not asked here; no figures and not hidden: nobody answered.
        note: cell?.figures && !answered(m, cell.figures) ? t('notAsked') : t('noFeedback'),
        target: targetOf(tp, m),
        expected,
      };
    }),
  );
}

export function curveData(
  l: PageLanguage,
  journeyId: string,
  snapshot: SnapshotModel,
  annotations: EmotionCurveData['annotations'] = [],
): EmotionCurveData & { measure: RegisteredMeasure } {
  const { t, fmt } = l;
  const info = l.journeyInfo(journeyId);
  const m = journeyMeasure(journeyId, snapshot);
  const points = curvePoints(l, journeyId, snapshot, m);
  const below = points.filter((p) => p.mean !== null && p.target !== null && p.mean < p.target);
  const lowest = points.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!)[0];
  const name = curveName(l, m);
  const description = [
    `${name}: ${info.title}, ${snapshot.id}.`,
    // The value in brackets, so its last digit is not followed by the sentence's full stop.
    lowest ? t('curveLowest', { title: lowest.title, value: targetText(fmt, m, lowest.mean!) }) : '',
    // Which ones: the chart's marks and its table; a list here would repeat the curve in prose.
    below.length ? t('curveBelowTarget', { count: below.length, total: points.filter((p) => p.mean !== null).length }) : '',
  ].filter(Boolean).join(' ');
  return {
    title: `${name}: ${info.title} (${snapshot.id})`,
    description,
    measure: m,
    scale: m.curve!.scale(model.scales),
    stages: info.stages.map((s) => ({ id: s.id, title: s.title })),
    points,
    annotations,
  };
}
