// The data-quality report for the terminal: per file, rows read = accepted + rejected + empty, the
// reasons, and each rejected row with its file:line, so an analyst can fix the export. Loud when data
// is lost: a file with no accepted row fails the build, and one that loses more than a share of its
// rows gets its top reasons with a fix for each.
import { formatLocation } from '../common/errors.ts';
import type { FileAccount } from '../ingest/ingest.ts';
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
    out.push(`${a.file}  [${s.id}, ${period}, ${a.encoding}, "${a.delimiter === '\t' ? '\\t' : a.delimiter}", ${a.layout} layout${a.engine === 'duckdb' ? ', read by DuckDB' : ''}]`);
    out.push(`  rows read ${a.rowsRead} = accepted ${a.accepted} + rejected ${a.rejected} + empty ${a.empty}   (${a.ratings} ratings, ${s.total.respondents ?? `< ${model.privacy.minRespondents}`} respondents)`);
    if (a.ownRespondentRows > 0) out.push(`  ${a.ownRespondentRows} accepted rows without a respondent id, each counted as a respondent of its own`);
    if (a.placeholderComments > 0) out.push(`  ${a.placeholderComments} comments not quoted: placeholder texts ("commentPlaceholders")`);
    if (a.shortComments > 0) out.push(`  ${a.shortComments} comments not quoted: too short ("minCommentChars")`);
    if (a.droppedTerms) out.push(`  ${a.droppedTerms} term counts dropped: over the cap on words a read counts for comment themes (README, "Comment themes")`);
    const { primary, secondary, audit } = s.suppression;
    out.push(`  suppressed cells: ${primary} with fewer than ${model.privacy.minRespondents} respondents, ${secondary} beside them, ${audit} after the disclosure audit`);
    for (const [reason, count] of Object.entries(a.rejectedByReason).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
      out.push(`    ${String(count).padStart(7)} × ${reason}`);
    }
    for (const r of a.rejections.slice(0, maxListed)) {
      out.push(`  ${formatLocation({ file: a.file, line: r.line, column: r.column, columnName: r.columnName })}: ${r.reason}`);
    }
    if (a.engine === 'duckdb' && a.rejected > 0) out.push(`  ${DUCKDB_LINES}`);
    else if (a.rejected > maxListed) out.push(`  … and ${a.rejected - maxListed} more rejected rows (npm run validate -- --all lists them)`);
  }
  for (const w of model.warnings) out.push(`warning: ${w}`);
  const totals = model.snapshots.reduce((t, s) => ({ read: t.read + s.account.rowsRead, accepted: t.accepted + s.account.accepted, rejected: t.rejected + s.account.rejected, empty: t.empty + s.account.empty }), { read: 0, accepted: 0, rejected: 0, empty: 0 });
  out.push(`${model.snapshots.length} snapshots, ${totals.read} rows read, ${totals.accepted} accepted, ${totals.rejected} rejected, ${totals.empty} empty, ${model.warnings.length} warnings.`);
  return out.join('\n');
}

/** What a read by the DuckDB engine cannot say about rejected rows, and how to see it. */
const DUCKDB_LINES = 'read by DuckDB ("engine": "duckdb"): the lines of rejected rows are not known; without the setting, Polku\'s reader lists them with a fix for each';

/** Reasons shown with their fix when a file loses more than its share of rows. */
const TOP_REASONS = 3;

/** A file's commonest reasons for rejection, each with its count, share and the fix for its first row. */
function topReasons(a: FileAccount): string[] {
  const reasons = Object.entries(a.rejectedByReason)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, TOP_REASONS)
    .map(([reason, n]) => {
      const example = a.rejections.find((r) => r.line === a.linesByReason[reason]?.[0]);
      const fix = a.fixByReason[reason];
      return `  ${n} × ${reason} (${percent(n / a.rowsRead)} of rows)${example ? `, e.g. line ${example.line}: ${example.reason}` : ''}${fix ? `\n    How to fix: ${fix}` : ''}`;
    });
  return a.engine === 'duckdb' ? [...reasons, `  ${DUCKDB_LINES}.`] : reasons;
}

const percent = (share: number) => `${(100 * share).toFixed(share < 0.1 ? 1 : 0)}%`;

/** Files that lose more than `maxShare` of their rows to rejection: their top reasons and how to fix each (checks.maxRejectedShare). */
export function dataLossWarnings(model: SiteModel, maxShare: number): string[] {
  return model.snapshots
    .map((s) => s.account)
    .filter((a) => a.accepted > 0 && a.rejected > maxShare * a.rowsRead)
    .map((a) => [`${a.file}: ${a.rejected} of ${a.rowsRead} rows (${percent(a.rejected / a.rowsRead)}) are rejected, more than ${percent(maxShare)} ("checks": {"maxRejectedShare"} in polku.config.jsonc). The commonest reasons:`, ...topReasons(a)].join('\n'));
}

/** A snapshot that no row of was accepted fails the build: it would publish an empty report. */
export function dataLossFailure(model: SiteModel): string | null {
  const empty = model.snapshots.map((s) => s.account).filter((a) => a.accepted === 0 && a.layout !== 'aggregate');
  if (empty.length === 0) return null;
  return empty
    .map((a) =>
      a.rejected === 0
        ? `${a.file}: no row is accepted: ${a.rowsRead === 0 ? 'the file has no rows' : `all ${a.rowsRead} rows are empty responses`}. Remove the file from the snapshots folder, or check that the mapping names the columns that hold the answers.`
        : [`${a.file}: no row is accepted, all ${a.rejected} rejected${a.empty ? ` (and ${a.empty} empty)` : ''}. The commonest reasons:`, ...topReasons(a)].join('\n'),
    )
    .join('\n');
}

/** In strict mode any rejected row, and any header neither mapped nor ignored, fails the build. */
export function strictFailure(model: SiteModel): string | null {
  const problems = model.snapshots.flatMap(({ account: a }) => [
    ...(a.rejected > 0 ? [`${a.file} has ${a.rejected} rejected rows`] : []),
    ...(a.unmappedCount > 0 ? [`${a.file} has ${a.unmappedCount} unmapped column${a.unmappedCount === 1 ? '' : 's'}`] : []),
  ]);
  if (problems.length === 0) return null;
  return `strict mode: ${problems.join('; ')}. Fix the rows and columns listed above, or build without strict mode (unset POLKU_STRICT, or "strict": false in polku.config.jsonc).`;
}
