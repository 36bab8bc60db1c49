// A cell's figures as table text, one way everywhere: "–" when a figure does not exist.
import type { Figures } from '../lib/figures';
import { fmt } from './model';

type MaybeFigures = Figures | null | undefined;

export const figureText = {
  /** "+23", or "+23 ± 6" with the margin of error. */
  nps: (f: MaybeFigures, withMargin = false) => (f?.nps ? (withMargin ? `${fmt.signed(f.nps.value)} ± ${fmt.decimal(f.nps.margin, 0)}` : fmt.signed(f.nps.value)) : '–'),
  csat: (f: MaybeFigures) => (f?.csat ? fmt.percent(f.csat.satisfied.value) : '–'),
  ces: (f: MaybeFigures) => (f?.ces?.mean ? fmt.decimal(f.ces.mean.value, 2) : '–'),
  emotion: (f: MaybeFigures) => (f?.emotion?.mean ? fmt.signed(f.emotion.mean.value, 2) : '–'),
  gap: (f: MaybeFigures) => (f?.gap?.mean ? fmt.signed(f.gap.mean.value, 2) : '–'),
};
