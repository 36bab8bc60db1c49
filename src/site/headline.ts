// The headline figures of a cell as readers see them: value, interval and change, in the site's
// page's language. Pages and components only place these strings; the measures are those of the registry
// (src/lib/stats/measures.ts) marked `headline`.
import { answered, HEADLINE_MEASURES, type Changes, type Measure, type RegisteredMeasure } from '../lib/stats/measures';
import type { Metric } from '../lib/stats/metrics';
import type { CellModel } from '../lib/model/site-model';
import type { ChangeTest } from '../lib/stats/stats';
import { changeMark, scaleRange } from './figure-text';
import { changeDirection, deltaText, valueText } from './number-text';
import { model, type PageLanguage } from './model';

export interface HeadlineFigure {
  key: Metric | 'gap';
  label: string;
  value: string;
  /** The 95% interval in words, or why there is no figure. */
  detail: string;
  /** The scale where it is not obvious ("scale 1–7" for CES, "scale −3…+3" for emotion), else null. */
  scale: string | null;
  /** `mark`: the change with " *" when significant, as tables write it. */
  change: { text: string; mark: string; direction: 'up' | 'down' | 'flat'; significant: boolean; title: string } | null;
}

function change({ t, fmt }: PageLanguage, m: Measure, test: ChangeTest | null | undefined, since: string | null): HeadlineFigure['change'] {
  if (!test || !since) return null;
  const direction = changeDirection(m.format, test.delta);
  return {
    text: deltaText(fmt, m.format, test.delta),
    mark: changeMark(fmt, m, test),
    direction,
    significant: test.significant,
    title: `${t('changeSince')} ${since}: ${test.significant ? t('significant') : t('notSignificant')}`,
  };
}

/** Scales readers do not know by heart: NPS is −100…+100 and shares are percentages, as everyone writes them. */
function scaleText({ t, fmt }: PageLanguage, metric: Metric | 'gap'): string | null {
  if (metric !== 'ces' && metric !== 'emotion') return null;
  return t('scaleOf', { range: scaleRange(fmt, model.scales[metric]) });
}

/** `measures`: the cards to show; by default every headline measure, so lists of cells line up. */
export function headlineFigures(
  l: PageLanguage,
  cell: CellModel,
  previous: string | null,
  measures: readonly RegisteredMeasure[] = HEADLINE_MEASURES,
): HeadlineFigure[] {
  const { t, fmt, hiddenText } = l;
  const f = cell.figures;
  const published = !cell.suppressed && f;
  return measures.map((m, i) => {
    const head = { key: m.metric, label: t(m.label), scale: scaleText(l, m.metric) };
    if (!published) return { ...head, value: '–', detail: hiddenText(cell), change: null };
    const x = m.of(f);
    // A measure with no answers in this cell was not asked here; one with answers but no figure has too few.
    if (!x) return { ...head, value: '–', detail: answered(m, f) ? t('noFeedback') : t('notAsked'), change: null };
    // Shares show their Wilson interval; scores and means their ± margin, which the first card names.
    const detail = m.format.style === 'percent'
      ? `${valueText(fmt, m.format, x.low)}–${valueText(fmt, m.format, x.high)}`
      : `± ${fmt.decimal(x.margin, m.format.digits)}${i === 0 ? ` (${t('interval')})` : ''}`;
    return { ...head, value: valueText(fmt, m.format, x.value), detail, change: change(l, m, cell.change?.[m.id as keyof Changes], previous) };
  });
}
