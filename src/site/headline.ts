// The headline figures of a cell as readers see them: value, interval and change, in the site's
// language. Pages and components only place these strings.
import type { ChangeTest } from '../lib/stats';
import type { CellModel } from '../lib/site-model';
import { fmt, model, t } from './model';

export interface HeadlineFigure {
  key: 'nps' | 'csat' | 'ces' | 'emotion';
  label: string;
  value: string;
  /** The 95% interval in words, or why there is no figure. */
  detail: string;
  change: { text: string; direction: 'up' | 'down' | 'flat'; significant: boolean; title: string } | null;
}

function change(test: ChangeTest | null | undefined, text: (delta: number) => string, since: string | null): HeadlineFigure['change'] {
  if (!test || !since) return null;
  const direction = test.delta > 0 ? 'up' : test.delta < 0 ? 'down' : 'flat';
  return {
    text: text(test.delta),
    direction,
    significant: test.significant,
    title: `${t('changeSince')} ${since}: ${test.significant ? t('significant') : t('notSignificant')}`,
  };
}

export function headlineFigures(cell: CellModel, previous: string | null): HeadlineFigure[] {
  const keys = ['nps', 'csat', 'ces', 'emotion'] as const;
  if (cell.suppressed || !cell.figures) {
    const text = t('suppressed', { min: model.privacy.minRespondents });
    return keys.map((key) => ({ key, label: t(key), value: '–', detail: text, change: null }));
  }
  const f = cell.figures;
  const c = cell.change;
  const none = { value: '–', detail: t('noFeedback'), change: null };
  return [
    f.nps
      ? { key: 'nps', label: t('nps'), value: fmt.signed(f.nps.value), detail: `± ${fmt.decimal(f.nps.margin, 0)} (${t('interval')})`, change: change(c?.nps, (d) => fmt.signed(d), previous) }
      : { key: 'nps', label: t('nps'), ...none },
    f.csat
      ? { key: 'csat', label: t('csat'), value: fmt.percent(f.csat.satisfied.value), detail: `${fmt.percent(f.csat.satisfied.low)}–${fmt.percent(f.csat.satisfied.high)}`, change: change(c?.csatSatisfied, (d) => fmt.signedPercent(d), previous) }
      : { key: 'csat', label: t('csat'), ...none },
    f.ces?.mean
      ? { key: 'ces', label: t('ces'), value: fmt.decimal(f.ces.mean.value, 2), detail: `± ${fmt.decimal(f.ces.mean.margin, 2)}`, change: change(c?.cesMean, (d) => fmt.signed(d, 2), previous) }
      : { key: 'ces', label: t('ces'), ...none },
    f.emotion?.mean
      ? { key: 'emotion', label: t('emotion'), value: fmt.signed(f.emotion.mean.value, 2), detail: `± ${fmt.decimal(f.emotion.mean.margin, 2)}`, change: change(c?.emotionMean, (d) => fmt.signed(d, 2), previous) }
      : { key: 'emotion', label: t('emotion'), ...none },
  ];
}
