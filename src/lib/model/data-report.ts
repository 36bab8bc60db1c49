// The data-quality report for the terminal: per file, rows read = accepted + rejected, the reasons,
// and each rejected row with its file:line, so an analyst can fix the export.
import { formatLocation } from '../common/errors.ts';
import type { SiteModel } from './site-model.ts';

export interface ReportOptions {
  /** Rejected rows listed per file; the counts per reason are always complete. */
  maxListed?: number;
}

export function formatDataReport(model: SiteModel, { maxListed = 20 }: ReportOptions = {}): string {
  const out: string[] = [];
  for (const s of model.snapshots) {
    const a = s.account;
    const period = s.period ? `${s.period.first} – ${s.period.last}` : 'no dates';
    out.push(`${a.file}  [${s.id}, ${period}, ${a.encoding}, "${a.delimiter === '\t' ? '\\t' : a.delimiter}", ${a.layout} layout]`);
    out.push(`  rows read ${a.rowsRead} = accepted ${a.accepted} + rejected ${a.rejected}   (${a.ratings} ratings, ${s.total.respondents ?? `< ${model.privacy.minRespondents}`} respondents)`);
    const { primary, secondary, audit } = s.suppression;
    out.push(`  suppressed cells: ${primary} with fewer than ${model.privacy.minRespondents} respondents, ${secondary} beside them, ${audit} after the disclosure audit`);
    for (const [reason, count] of Object.entries(a.rejectedByReason).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
      out.push(`    ${String(count).padStart(7)} × ${reason}`);
    }
    for (const r of a.rejections.slice(0, maxListed)) {
      out.push(`  ${formatLocation({ file: a.file, line: r.line, column: r.column, columnName: r.columnName })}: ${r.reason}`);
    }
    if (a.rejected > maxListed) out.push(`  … and ${a.rejected - maxListed} more rejected rows (npm run validate -- --all lists them)`);
  }
  for (const w of model.warnings) out.push(`warning: ${w}`);
  const totals = model.snapshots.reduce((t, s) => ({ read: t.read + s.account.rowsRead, rejected: t.rejected + s.account.rejected }), { read: 0, rejected: 0 });
  out.push(`${model.snapshots.length} snapshots, ${totals.read} rows read, ${totals.read - totals.rejected} accepted, ${totals.rejected} rejected, ${model.warnings.length} warnings.`);
  return out.join('\n');
}

/** In strict mode any rejected row fails the build. */
export function strictFailure(model: SiteModel): string | null {
  const bad = model.snapshots.filter((s) => s.account.rejected > 0);
  if (bad.length === 0) return null;
  return `strict mode: ${bad.map((s) => `${s.account.file} has ${s.account.rejected} rejected rows`).join('; ')}. Fix the rows listed above, or build without strict mode (unset POLKU_STRICT, or "strict": false in polku.config.jsonc).`;
}
