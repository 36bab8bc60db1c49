// What a hidden cell shows instead of its figures: the real reason it is hidden. "n < 10" only for
// too few respondents; a cell hidden beside one, to protect it, says so (it is not small).
import type { CellModel } from '../lib/model/site-model.ts';
import type { translator } from './i18n.ts';

export function suppressionLabel(t: ReturnType<typeof translator>, minRespondents: number, cell: Pick<CellModel, 'suppressedFor'>): string {
  switch (cell.suppressedFor) {
    case 'noData':
      return t('noFeedback');
    case 'protection':
      return t('hiddenToProtect');
    case 'personalData':
      return t('hiddenPersonalData');
    default:
      return t('suppressed', { min: minRespondents });
  }
}
