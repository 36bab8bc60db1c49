// Loud when data is lost: the terminal's report fails a snapshot with no accepted row, lists the
// commonest reasons with a fix when a file loses more than its share of rows, and strict mode fails
// on unmapped columns. Accounts come from real reads of small exports, counted by hand.
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { ingestSnapshot, type SnapshotIngest } from '../ingest/ingest.ts';
import { ingestWithDuckDb } from '../ingest/duckdb-ingest.ts';
import { withOpenFile } from '../ingest/open-file.ts';
import { builtInRedactor } from '../privacy/redact.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { dataLossFailure, dataLossWarnings, strictFailure } from './data-report.ts';
import type { SiteModel } from './site-model.ts';

const tempFile = useTempFiles('polku-data-report-');

async function read(name: string, csv: string, mappingFile: MappingFile = {}): Promise<SnapshotIngest> {
  const path = tempFile(name, csv);
  return ingestSnapshot({ path, file: `data/snapshots/${name}`, id: name.slice(0, -4), mapping: mappingFor(mappingFile, 'x', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: () => 's' });
}

/** The parts of a site model the report reads: each snapshot's id and account. */
const modelOf = (...ingests: SnapshotIngest[]) => ({ snapshots: ingests.map((i) => ({ id: i.id, account: i.account })) }) as unknown as SiteModel;

// An airline's wide export: 14 services rated 1–5 with 0 for "did not use"; here 2 services, 5 passengers.
const AIRLINE = ['id,Check-in,Food', 'P1,4,0', 'P2,0,3', 'P3,5,5', 'P4,,', 'P5,2,4', ''].join('\n');
const airline = (notApplicable: string[] = []): MappingFile => ({
  layout: 'wide',
  columns: { response_id: 'id' },
  constants: { journey: 'flight' },
  notApplicable,
  questions: [{ touchpoint: 'check-in', csat: 'Check-in' }, { touchpoint: 'food', csat: 'Food' }],
});

describe('dataLossWarnings', () => {
  it('lists the top reasons with a fix when more than the share of rows is rejected: 0 → notApplicable', async () => {
    // P1 and P2 rejected for their 0s, P4 is a blank response: 2 of 5 rows (40%) rejected.
    const i = await read('2026-q1.csv', AIRLINE, airline());
    expect(i.account).toMatchObject({ rowsRead: 5, accepted: 2, rejected: 2, empty: 1 });
    expect(dataLossWarnings(modelOf(i), 0.05)).toEqual([
      [
        'data/snapshots/2026-q1.csv: 2 of 5 rows (40%) are rejected, more than 5.0% ("checks": {"maxRejectedShare"} in polku.config.jsonc). The commonest reasons:',
        '  2 × csat 0 out of range (40% of rows), e.g. line 2: csat: 0 is outside the scale 1 to 5',
        '    How to fix: if 0 means "not applicable" in column "Food", add "notApplicable": ["0"] to data/mapping.jsonc (for one column: {"column": ..., "notApplicable": ["0"]}).',
      ].join('\n'),
    ]);
    expect(dataLossWarnings(modelOf(i), 0.4)).toEqual([]);
  });

  it('says that DuckDB gives no lines, and how to see them, for a snapshot it read', async () => {
    // 8.9.2018 is not an ISO date: the SQL rejects it (Polku's reader, with "dateFormat": "auto", reads it).
    const path = tempFile('2018-q3.csv', 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment\nR1,8.9.2018,j,a,,,9,,,,,\nR2,2018-09-09,j,a,,,7,,,,,\n');
    const i = await withOpenFile(path, (fd) => ingestWithDuckDb({ path, fd, file: 'data/snapshots/2018-q3.csv', id: '2018-q3', mapping: mappingFor({ engine: 'duckdb' }, 'x', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stages: [], redact: builtInRedactor() }));
    expect(dataLossWarnings(modelOf(i), 0.05)).toEqual([
      [
        'data/snapshots/2018-q3.csv: 1 of 2 rows (50%) are rejected, more than 5.0% ("checks": {"maxRejectedShare"} in polku.config.jsonc). The commonest reasons:',
        '  1 × date not understood (50% of rows)',
        '  read by DuckDB ("engine": "duckdb"): the lines of rejected rows are not known; without the setting, Polku\'s reader lists them with a fix for each.',
      ].join('\n'),
    ]);
  });

  it('says nothing once 0 is "not applicable"', async () => {
    const i = await read('2026-q1.csv', AIRLINE, airline(['0']));
    expect(i.account).toMatchObject({ rowsRead: 5, accepted: 4, rejected: 0, empty: 1 });
    expect(dataLossWarnings(modelOf(i), 0.05)).toEqual([]);
  });
});

describe('dataLossFailure', () => {
  it('fails a snapshot with no accepted row, naming the file and the top reason with its fix', async () => {
    const i = await read('2018-q3.csv', 'response_id,submitted_at,journey,touchpoint,nps\nR1,9/8/18 15:29,j,a,9\nR2,9/9/18 8:01,j,a,7\n', { dateFormat: 'm/d/yyyy' });
    expect(dataLossFailure(modelOf(i))).toBe(
      [
        'data/snapshots/2018-q3.csv: no row is accepted, all 2 rejected. The commonest reasons:',
        '  2 × date not understood (100% of rows), e.g. line 2: submitted_at: "9/8/18 15:29" is not a date in the format m/d/yyyy set by "dateFormat"',
        '    How to fix: "9/8/18 15:29" reads with "dateFormat": "m/d/yy H:mm" or "dateFormat": "d/m/yy H:mm" (whichever order of day and month the export writes) in data/mapping.jsonc instead of "m/d/yyyy".',
      ].join('\n'),
    );
  });

  it('fails a snapshot of blank responses only, and passes one with an accepted row', async () => {
    const blank = await read('blank.csv', 'id,Check-in,Food\nP1,,\nP2,,\n', airline());
    expect(dataLossFailure(modelOf(blank))).toBe(
      'data/snapshots/blank.csv: no row is accepted: all 2 rows are empty responses. Remove the file from the snapshots folder, or check that the mapping names the columns that hold the answers.',
    );
    const good = await read('2026-q1.csv', AIRLINE, airline(['0']));
    expect(dataLossFailure(modelOf(good))).toBeNull();
  });
});

describe('strictFailure', () => {
  it('fails on an unmapped column, not on blank responses', async () => {
    const i = await read('2026-q2.csv', 'response_id,journey,touchpoint,nps,emotio\nR1,j,a,9,1\nR2,j,a,,\n');
    expect(i.account).toMatchObject({ accepted: 1, rejected: 0, empty: 1, unmappedCount: 1 });
    expect(strictFailure(modelOf(i))).toBe(
      'strict mode: data/snapshots/2026-q2.csv has 1 unmapped column. Fix the rows and columns listed above, or build without strict mode (unset POLKU_STRICT, or "strict": false in polku.config.jsonc).',
    );
    const ignored = await read('2026-q2.csv', 'response_id,journey,touchpoint,nps,emotio\nR1,j,a,9,1\nR2,j,a,,\n', { ignore: ['emotio'] });
    expect(strictFailure(modelOf(ignored))).toBeNull();
  });
});
