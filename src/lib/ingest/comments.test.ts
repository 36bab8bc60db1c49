// Comments worth quoting: the mapping's "commentPlaceholders" and "minCommentChars" keep the tool's
// placeholder texts and one-word answers out of the quoted sample, and count them.
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { commentFilter } from './comments.ts';
import { emptyAccount, mergeAccount } from './types.ts';
import { loadMappingFile, mappingFor, type MappingFile } from '../project/mapping.ts';
import { PolkuError } from '../common/errors.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';

const tempFile = useTempFiles('polku-comments-');

// A Finnish Excel export (semicolons, Windows-1252, CRLF) of one touchpoint: 8 ratings, each with a
// comment. Lines 2 and 5 are the tool's title ("Finnair customer review", any case), lines 3 and 7
// are under 10 characters ("Hyvä!" 5, "ok" 2), line 9 is 10 characters exactly ("Ihan hyvä.") and
// kept, line 8 holds an e-mail address, which must still be redacted.
const EXPORT = [
  'response_id;journey;touchpoint;csat;comment',
  'r1;lento;boarding;5;Finnair customer review',
  'r2;lento;boarding;4;Hyvä!',
  'r3;lento;boarding;2;Jono oli pitkä ja kukaan ei kertonut miksi.',
  'r4;lento;boarding;3;FINNAIR CUSTOMER REVIEW',
  'r5;lento;boarding;5;Portilla palveltiin ystävällisesti.',
  'r6;lento;boarding;4;ok',
  'r7;lento;boarding;1;Kirjoittakaa minulle: matti.virtanen@example.fi',
  'r8;lento;boarding;4;Ihan hyvä.',
  '',
].join('\r\n');

const SETTINGS: MappingFile = { commentPlaceholders: ['^\\w+ customer review$'], minCommentChars: 10 };

function ingest(mapping: MappingFile): Promise<SnapshotIngest> {
  const path = tempFile('2026-q1.csv', Buffer.from(EXPORT, 'latin1'));
  return ingestSnapshot({ path, file: 'data/snapshots/2026-q1.csv', id: '2026-q1', mapping: mappingFor(mapping, '2026-q1', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: () => 's' });
}

const texts = (r: SnapshotIngest) => r.comments.lento!.boarding!.map((c) => c.text).sort();

describe('comments worth quoting', () => {
  it('without the settings every comment is quoted and counted', async () => {
    const r = await ingest({});
    expect(r.account.encoding).toBe('windows-1252');
    expect(texts(r)).toHaveLength(8);
    expect(r.journeys.lento!.touchpoints.boarding!.all.comments).toBe(8);
    expect(r.account).toMatchObject({ placeholderComments: 0, shortComments: 0 });
  });

  it('drops placeholders (any case) and comments under the limit from the sample and the comment count, and counts each rule', async () => {
    const r = await ingest(SETTINGS);
    expect(texts(r)).toEqual(['Ihan hyvä.', 'Jono oli pitkä ja kukaan ei kertonut miksi.', 'Kirjoittakaa minulle: [email]', 'Portilla palveltiin ystävällisesti.']);
    expect(r.account).toMatchObject({ accepted: 8, rejected: 0, ratings: 8, placeholderComments: 2, shortComments: 2 });
    // The ratings stay: only the texts are left out.
    expect(r.journeys.lento!.touchpoints.boarding!.all.comments).toBe(4);
    expect(r.journeys.lento!.touchpoints.boarding!.all.scores.csat.n).toBe(8);
  });

  it('each rule alone', async () => {
    expect((await ingest({ commentPlaceholders: SETTINGS.commentPlaceholders })).account).toMatchObject({ placeholderComments: 2, shortComments: 0 });
    expect((await ingest({ minCommentChars: 10 })).account).toMatchObject({ placeholderComments: 0, shortComments: 2 });
  });

  it('counts characters, not UTF-16 units; a placeholder must match the whole comment when anchored', () => {
    const notWorth = commentFilter({ commentPlaceholders: ['^\\w+ customer review$'], minCommentChars: 3 });
    expect(notWorth('👍👍')).toBe('shortComments'); // 4 UTF-16 units, 2 characters
    expect(notWorth('👍👍👍')).toBeNull();
    expect(notWorth('My Finnair customer review: late again')).toBeNull();
  });

  it('a pattern that is no regular expression stops the build naming the mapping file, line and column', () => {
    const path = tempFile('mapping.jsonc', '{\n  "commentPlaceholders": ["(unclosed"]\n}\n');
    const error = (() => {
      try {
        loadMappingFile(path, 'data/mapping.jsonc');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PolkuError);
    expect((error as PolkuError).location).toMatchObject({ file: 'data/mapping.jsonc', line: 2 });
    expect((error as PolkuError).message).toContain('"(unclosed" is not a regular expression');
  });

  it('reads of halves and passes add their counts', () => {
    const a = { ...emptyAccount('f', 0, 'long'), placeholderComments: 2, shortComments: 1 };
    mergeAccount(a, { ...emptyAccount('f', 0, 'long'), placeholderComments: 3, shortComments: 4 }, 10);
    expect(a).toMatchObject({ placeholderComments: 5, shortComments: 5 });
  });
});
