// readCsv on its own: the fields as decoded, the physical line each row starts on, papaparse's
// complaints, and detection of the delimiter from the header line.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { NotUtf8Error, type Encoding } from './decode.ts';
import { PolkuError } from '../common/errors.ts';
import { detectDelimiter } from './csv-delimiter.ts';
import { readCsv, type CsvFormat, type CsvOptions, type CsvSummary } from './read-csv.ts';
import { readCsvThreaded } from '../ingest/read-csv-threaded.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

interface Read {
  header: string[];
  headerLine: number;
  rows: string[][];
  lines: number[];
  problems: Map<number, string>; // by line
  summary: CsvSummary;
  /** Bytes read so far, as the last progress call reported them. */
  bytesRead: number;
}

/** readCsv, or with `worker` given readCsvThreaded (in a worker thread when true), collecting what the sink is given. */
async function read(path: string, options: Partial<CsvOptions> = {}, worker?: boolean): Promise<Read> {
  const out = { header: [] as string[], headerLine: 0, rows: [] as string[][], lines: [] as number[], problems: new Map<number, string>(), bytesRead: 0 };
  const all: CsvOptions = { encoding: 'auto', delimiter: 'auto', ...options };
  const sink = {
    header(fields: string[], line: number) {
      out.header = fields;
      out.headerLine = line;
    },
    rows(rows: string[][], lines: ArrayLike<number>, problems: Map<number, string>) {
      for (const [i, p] of problems) out.problems.set(lines[i]!, p);
      out.rows.push(...rows);
      out.lines.push(...Array.from(lines));
    },
    progress(bytesRead: number) {
      out.bytesRead = bytesRead;
    },
  };
  const summary = await (worker === undefined ? readCsv(path, 'test.csv', all, sink) : readCsvThreaded(path, 'test.csv', all, sink, worker));
  return { ...out, summary };
}

const fixture = (name: string, options?: Partial<CsvOptions>) => read(join(FIXTURES, name), options);

describe('readCsv: the delimiter', () => {
  it("takes Excel's sep= line before the header, keeping the lines' numbers", async () => {
    for (const sep of ['sep=;', '"sep=;"']) {
      const r = await read(tempFile('sep.csv', `${sep}\r\nid;nps;comment\r\nR1;9;hyvä, nopea\r\nR2;7;ok\r\n`));
      expect(r.summary.delimiter).toBe(';');
      expect(r.header).toEqual(['id', 'nps', 'comment']);
      expect(r.headerLine).toBe(2);
      expect(r.lines).toEqual([3, 4]);
      expect(r.rows[0]).toEqual(['R1', '9', 'hyvä, nopea']);
    }
    // Only a first line: after a blank line "sep=;" is text, and no line is lost.
    const later = await read(tempFile('sep-later.csv', '\nsep=;\nid;nps\n'));
    expect([later.header, later.headerLine, later.rows]).toEqual([['sep=', ''], 2, [['id', 'nps']]]);
    // With the delimiter set in the mapping the line is still not the header.
    const explicit = await read(tempFile('sep-explicit.csv', 'sep=;\nid;nps\nR1;9\n'), { delimiter: ';' });
    expect([explicit.header, explicit.headerLine]).toEqual([['id', 'nps'], 2]);
  });

  it('leaves out the header rows after the first (Qualtrics writes three), counting them, with lines kept', async () => {
    const text = 'ResponseId,Q1\n\nResponse ID,How likely…\n"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"\nR1,9\nR2,7\n';
    for (const worker of [undefined, true]) {
      const r = await read(tempFile('qualtrics.csv', text), { headerRows: 3 }, worker);
      expect([r.header, r.headerLine]).toEqual([['ResponseId', 'Q1'], 1]);
      expect(r.rows).toEqual([['R1', '9'], ['R2', '7']]);
      expect(r.lines).toEqual([5, 6]);
      expect([r.summary.extraHeaderRows.map((h) => h.line), r.summary.blankLines]).toEqual([[3, 4], 1]);
    }
  });

  it('reads a semicolon file whose headers hold more commas than semicolons', async () => {
    const text = 'Vastaustunnus;Kuinka helppoa oli, asteikolla 1-7;Tunne, -3…3;Kommentti, vapaa\nR1;4,5;2;Hyvä, nopea\nR2;6;-1;Jono\n';
    const r = await read(tempFile('commas-in-headers.csv', text));
    expect(r.summary.delimiter).toBe(';');
    expect(r.header).toHaveLength(4);
    expect(r.rows).toEqual([['R1', '4,5', '2', 'Hyvä, nopea'], ['R2', '6', '-1', 'Jono']]);
  });
});

const tempFile = useTempFiles('polku-readcsv-');

describe('detectDelimiter', () => {
  it('picks the delimiter that splits the header most often', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('Vastaustunnus;Päivämäärä;Polku')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a|b|c')).toBe('|');
    expect(detectDelimiter('a;b,c;d')).toBe(';');
  });
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"x, y, z";b;c')).toBe(';');
    expect(detectDelimiter('Timestamp,"Miltä nouto tuntui, kun hait paketin? (1–7)",Vapaa palaute')).toBe(',');
  });
  it('prefers the candidate that splits the lines after the header as it splits the header', () => {
    // Finnish Excel quotes fields with ';' only: commas in the headers stay, decimal commas in the rows vary.
    const header = 'Vastaustunnus;Kuinka helppoa oli, asteikolla 1-7;Tunne, -3…3;Kommentti, vapaa';
    const rows = ['R1;4,5;2;Hyvä, nopea', 'R2;6;-1;Jono, pitkä, hidas', 'R3;7;3;'];
    expect(detectDelimiter(header)).toBe(','); // the header alone misleads
    expect(detectDelimiter(header, rows)).toBe(';');
    // A comma file with semicolons in its comments stays a comma file.
    expect(detectDelimiter('id,nps,comment', ['R1,9,"ok; good"', 'R2,7,fine; slow'])).toBe(',');
    // Nothing fits every line (a quoted newline cut one): the header decides.
    expect(detectDelimiter('id,nps,comment', ['R1,9,"two', 'lines"'])).toBe(',');
  });
  it('is null for a line without any', () => {
    expect(detectDelimiter('Palaute')).toBeNull();
    expect(detectDelimiter('')).toBeNull();
  });
  it('takes the first candidate on a tie (comma before semicolon)', () => {
    expect(detectDelimiter('a,b;c')).toBe(',');
  });
});

describe('readCsv on the fixtures', () => {
  it('excel-fi-1252.csv: auto reads it as windows-1252 in the same read, as when the mapping says so', async () => {
    expect(await fixture('excel-fi-1252.csv')).toEqual(await fixture('excel-fi-1252.csv', { encoding: 'windows-1252' }));
  });

  it('excel-fi-1252.csv: "utf-8" refuses it (NotUtf8Error), and so does a range of it with auto', async () => {
    await expect(fixture('excel-fi-1252.csv', { encoding: 'utf-8' })).rejects.toBeInstanceOf(NotUtf8Error);
    await expect(fixture('excel-fi-1252.csv', { range: { start: 0, end: 400 } })).rejects.toBeInstanceOf(NotUtf8Error);
  });

  it('excel-fi-1252.csv as windows-1252: ä, å, €, – and the Alt+Enter newline decoded', async () => {
    const r = await fixture('excel-fi-1252.csv', { encoding: 'windows-1252' });
    expect(r.summary).toMatchObject({ encoding: 'windows-1252' satisfies Encoding, delimiter: ';', blankLines: 1, lines: 13 });
    expect(r.headerLine).toBe(1);
    expect(r.header).toHaveLength(12);
    expect(r.header[1]).toBe('Päivämäärä');
    expect(r.header[5]).toBe('Asiakasryhmä');
    expect(r.lines).toEqual([2, 3, 4, 6, 8, 9, 10, 11, 12, 13]);
    expect(r.rows[1]![11]).toBe('Jono kassalle oli pitkä; odotin 20 min, eikä kukaan ehtinyt auttaa.');
    expect(r.rows[2]![11]).toBe('Kätevää, kiitos!\nLisää tällaisia palveluja.');
    expect(r.rows[3]).toHaveLength(15); // the ;;; padding
    expect(r.rows[3]!.slice(11)).toEqual(['Ok, ei moitittavaa', '', '', '']);
    expect(r.rows[5]![11]).toBe('Åsa från Åland: paketti ei ollut valmis, vaikka viesti sanoi niin. Noutomaksu 2 € – miksi?');
    expect(r.rows[3]![9]).toBe('0,5');
    expect(r.problems.size).toBe(0);
    expect(r.bytesRead).toBe(1138);
    expect(r.summary.sha256).toBe(createHash('sha256').update(readFileSync(join(FIXTURES, 'excel-fi-1252.csv'))).digest('hex'));
  });

  it('bom-crlf.csv: the BOM is gone, doubled quotes are one, the quoted CRLF is kept', async () => {
    const r = await fixture('bom-crlf.csv');
    expect(r.summary).toMatchObject({ encoding: 'utf-8', delimiter: ',', blankLines: 0, lines: 7 });
    expect(r.header[0]).toBe('response_id');
    expect(r.rows[0]![11]).toBe('Sanoi "vau" ääneen');
    expect(r.rows[2]![11]).toBe('Ensimmäinen rivi\r\ntoinen rivi');
    expect(r.lines).toEqual([2, 3, 4, 6, 7]);
  });

  it('tab.tsv: commas and semicolons stay inside their fields', async () => {
    const r = await fixture('tab.tsv');
    expect(r.summary.delimiter).toBe('\t');
    expect(r.rows.map((row) => row.length)).toEqual([12, 12, 12, 12, 12, 12]);
    expect(r.rows[0]![11]).toBe('Nopea, selkeä; hyvä');
    expect(r.rows[2]![9]).toBe('\u22122');
  });

  it('malformed-rows.csv: a stray quote inside an unquoted field is text; a broken quoted field is a problem', async () => {
    const r = await fixture('malformed-rows.csv');
    expect(r.rows.length).toBe(16);
    expect(r.rows[9]![11]).toBe('Sanoi 5" näyttö oli hyvä'); // line 11
    expect(r.rows[10]![11]).toBe('Kassalla sanottiin "ei onnistu"'); // line 12
    expect(r.rows[6]).toHaveLength(5); // line 8
    expect([...r.problems]).toEqual([[14, 'Trailing quote on quoted field is malformed']]);
    expect(r.rows[12]![11]).toBe('kommentti "lainaus" tässä'); // papaparse still returns its best reading
  });

  it('wide-google-forms.csv: the quoted header with a comma is one field', async () => {
    const r = await fixture('wide-google-forms.csv');
    expect(r.header).toEqual([
      'Timestamp',
      'Asiakastyyppi',
      'Miltä verkkotilaus tuntui? (1–7)',
      'Miltä nouto tuntui, kun hait paketin? (1–7)',
      'Kuinka todennäköisesti suosittelisit noutoa ystävällesi? (0–10)',
      'Vapaa palaute',
    ]);
    expect(r.lines).toEqual([2, 3, 4, 5, 6, 7, 9]);
  });

  it('an explicit delimiter overrides detection', async () => {
    const r = await read(tempFile('pipe-in-header.csv', 'a|b,c,d\n1|2,3,4\n'), { delimiter: '|' });
    expect(r.header).toEqual(['a', 'b,c,d']);
    expect(r.summary.delimiter).toBe('|');
  });
});

describe('readCsv across the 1 MiB read boundary', () => {
  const MiB = 1 << 20;

  /** Filler lines of `row` up to `target` bytes, then `tail`; returns the text and the tail's first line. */
  function fill(header: string, eol: string, target: number): { text: string; nextLine: number } {
    const parts = [header + eol];
    let size = Buffer.byteLength(parts[0]!);
    let line = 2;
    for (;;) {
      const row = `F${line},1,2${eol}`;
      if (size + row.length > target - 40) break;
      parts.push(row);
      size += row.length;
      line++;
    }
    // A last filler row padded to end exactly at `target`.
    const base = `P${line},1,`;
    parts.push(base + 'x'.repeat(target - size - base.length - eol.length) + eol);
    line++;
    const text = parts.join('');
    expect(Buffer.byteLength(text)).toBe(target);
    return { text, nextLine: line };
  }

  it('a two-byte ä at bytes 1,048,575–1,048,576 survives', async () => {
    const { text, nextLine } = fill('id,a,comment', '\n', MiB - 20);
    const tail = `Ä1,1,${'y'.repeat(13)}ä loppu\nÄ2,1,viimeinen\n`;
    const bytes = Buffer.from(text + tail, 'utf8');
    expect(bytes.subarray(MiB - 1, MiB + 1).toString('utf8')).toBe('ä');
    const r = await read(tempFile('split-a.csv', bytes));
    expect(r.summary.encoding).toBe('utf-8');
    const i = r.rows.findIndex((row) => row[0] === 'Ä1');
    expect(r.rows[i]![2]).toBe(`${'y'.repeat(13)}ä loppu`);
    expect(r.lines[i]).toBe(nextLine);
    expect(r.lines[i + 1]).toBe(nextLine + 1);
    expect(r.summary.lines).toBe(nextLine + 1);
  });

  it('a CRLF split between the two reads is one line end', async () => {
    const { text, nextLine } = fill('id,a,comment', '\r\n', MiB - 11);
    const tail = 'S1,1,abcde\r\nS2,1,ok\r\n'; // its \r is byte 1,048,575 and \n byte 1,048,576
    const bytes = Buffer.from(text + tail, 'utf8');
    expect(bytes[MiB - 1]).toBe(0x0d);
    expect(bytes[MiB]).toBe(0x0a);
    const r = await read(tempFile('split-crlf.csv', bytes));
    const i = r.rows.findIndex((row) => row[0] === 'S1');
    expect(r.rows[i]).toEqual(['S1', '1', 'abcde']);
    expect(r.rows[i + 1]).toEqual(['S2', '1', 'ok']);
    expect(r.lines.slice(i)).toEqual([nextLine, nextLine + 1]);
    expect(r.summary.blankLines).toBe(0);
    expect(r.rows.every((row) => row.length === 3)).toBe(true);
  });

  it('a quoted newline that spans the two reads still counts as one more line', async () => {
    const { text, nextLine } = fill('id,a,comment', '\n', MiB - 10);
    const tail = 'Q1,1,"eka\ntoka rivi"\nQ2,1,ok\n';
    const r = await read(tempFile('split-quote.csv', Buffer.from(text + tail, 'utf8')));
    const i = r.rows.findIndex((row) => row[0] === 'Q1');
    expect(r.rows[i]![2]).toBe('eka\ntoka rivi');
    expect(r.lines.slice(i)).toEqual([nextLine, nextLine + 2]);
    expect(r.summary.lines).toBe(nextLine + 2);
  });
});

describe('readCsv line numbers over many batches', () => {
  // Batches of rows without a line break in any field are counted from the text they came from, the
  // others field by field: lines must come out the same either way, as a count of the file's lines.
  for (const eol of ['\n', '\r\n', '\r']) {
    for (const ending of ['eol', 'none', 'blank lines']) {
      it(`${JSON.stringify(eol)} line ends, file ending with ${ending}`, async () => {
        const parts = [`id,n,comment${eol}`];
        const expected: number[] = [];
        let line = 2;
        for (let i = 0; i < 30_000; i++) {
          // Quoted line breaks in a stretch of rows in the middle, a blank line now and then.
          const broken = i > 12_000 && i < 12_050 && i % 7 === 0;
          const comment = broken ? `"eka${eol}toka${eol}kolmas"` : i % 5 === 0 ? `"quoted, ${i}"` : `plain ${i}`;
          if (i % 4_999 === 0) (parts.push(eol), line++);
          parts.push(`r${i},${i % 11},${comment}`, i === 29_999 && ending === 'none' ? '' : eol);
          expected.push(line);
          line += broken ? 3 : 1;
        }
        if (ending === 'blank lines') (parts.push(eol, eol), (line += 2));
        const r = await read(tempFile(`lines-${eol.length}-${ending}.csv`, parts.join('')));
        expect(r.rows).toHaveLength(30_000);
        expect(r.lines).toEqual(expected);
        expect(r.summary.lines).toBe(line - 1);
        expect(r.rows[12_005]![2]).toBe(`eka${eol}toka${eol}kolmas`);
      });
    }
  }
});

describe('readCsv line numbers of mixed line ends', () => {
  it('a CRLF file whose last line ends in a bare LF has as many lines as line ends', async () => {
    const r = await read(tempFile('crlf-lf.csv', 'id,b\r\nc,d\n'));
    // papaparse splits rows at CRLF only: the bare LF stays in the last field (trimmed when read).
    expect(r.rows).toEqual([['c', 'd\n']]);
    expect(r.lines).toEqual([2]);
    expect(r.summary.lines).toBe(2);
  });
});

describe('readCsv refusals', () => {
  it('a file of only delimiters has no header', async () => {
    const error = await read(tempFile('commas.csv', ',,,,\n,,,,\n\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolkuError);
    expect((error as PolkuError).message).toBe('the file has no header line (it is empty or blank)');
  });
});

describe('readCsvThreaded in a worker thread', () => {
  const outcome = (path: string, options: Partial<CsvOptions>, worker?: boolean) =>
    read(path, options, worker).then(
      (r) => ({ ...r, problems: [...r.problems] }),
      (error: unknown) => ({ error: error?.constructor?.name, message: (error as Error).message, location: (error as PolkuError).location, hint: (error as PolkuError).hint }),
    );
  const files = [
    ...readdirSync(FIXTURES).filter((name) => /\.(csv|tsv)$/.test(name)),
    ...readdirSync(join(FIXTURES, 'fatal')).map((name) => join('fatal', name)),
  ];

  it.each(files.flatMap((name) => [[name, 'auto'], [name, 'windows-1252']] as const))('gives the sink what readCsv gives it: %s (%s)', async (name, encoding) => {
    const path = join(FIXTURES, name);
    const inThread = await outcome(path, { encoding });
    expect(await outcome(path, { encoding }, true)).toEqual(inThread);
  });

  it('passes many batches in order, with quoted newlines, problems and the hash', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => (i % 97 === 0 ? `r${i},"two\nlines, ""quoted"""` : i % 1001 === 0 ? `r${i},"broken"x"` : `r${i},ok ${i} ä`));
    const path = tempFile('many.csv', `id,comment\n${rows.join('\n')}\n`);
    const inThread = await outcome(path, {});
    const inWorker = await outcome(path, {}, true);
    expect(inWorker).toEqual(inThread);
    // 40,000 rows: many 64 KiB batches.
    expect('rows' in inWorker && inWorker.rows.length).toBe(40_000);
    expect('problems' in inWorker && inWorker.problems.length).toBeGreaterThan(0);
  });

  it("stops the worker when the sink throws, and reports the sink's error", async () => {
    const path = tempFile('sink-throws.csv', `id,comment\n${'a,b\n'.repeat(50_000)}`);
    const failing = readCsvThreaded(path, 'test.csv', { encoding: 'auto', delimiter: 'auto' }, {
      header() {},
      rows() {
        throw new PolkuError('the sink refuses', { file: 'test.csv', line: 2 });
      },
    }, true);
    await expect(failing).rejects.toThrow('the sink refuses');
  });
});

describe('readCsv and a stray quote that a later quote closes', () => {
  const header = 'response_id,journey,touchpoint,nps,comment';
  const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `R${from + i},j,t,9,ok`);

  it('stops with the line of the stray quote instead of rejecting hundreds of rows as one', async () => {
    // Line 52 opens a quote that nothing closes until line 152's quoted comment: 101 lines in one record.
    const text = [header, ...rows(1, 50), 'R51,j,t,9,"Jono oli pitkä', ...rows(52, 150), 'R152,j,t,9,"Tila ""noudettavissa"" vasta illalla"', ...rows(153, 200)].join('\n');
    for (const worker of [undefined, true]) {
      const error = await read(tempFile('stray-quote.csv', `${text}\n`), {}, worker).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PolkuError);
      expect((error as PolkuError).location).toEqual({ file: 'test.csv', line: 52 });
      expect((error as PolkuError).message).toMatch(/^a record starts on line 52 and runs over 101 lines, to line 152, and is malformed/);
      expect((error as PolkuError).hint).toMatch(/double it/);
    }
  });

  it('stops at a stray quote that the next line closes: two rows would be one rejection', async () => {
    // A hostile-input test's case: R2's comment opens a quote and R3's closing quote ends it.
    const text = [header, 'R1,j,t,9,ok', 'R2,j,t,9,"Great" service', 'R3,j,t,9,"ok, fine"', 'R4,j,t,9,ok'].join('\n');
    for (const worker of [undefined, true]) {
      const error = await read(tempFile('two-lines.csv', `${text}\n`), {}, worker).catch((e: unknown) => e);
      expect((error as PolkuError).location).toEqual({ file: 'test.csv', line: 3 });
      expect((error as PolkuError).message).toMatch(/^a record starts on line 3 and runs over 2 lines, to line 4, and is malformed/);
    }
  });

  it('stops at a well-formed record whose quoted field holds the next row (the quote closed at its end)', async () => {
    // A review's case: R5's comment opens a quote, R6's comment ends with 65" and closes it.
    const text = [header, 'R4,j,t,9,ok', 'R5,j,t,9,"Nopea toimitus', 'R6,j,t,7,Ostin television 65"', 'R7,j,t,9,ok'].join('\n');
    for (const worker of [undefined, true]) {
      const error = await read(tempFile('row-in-comment.csv', `${text}\n`), {}, worker).catch((e: unknown) => e);
      expect((error as PolkuError).location).toEqual({ file: 'test.csv', line: 3 });
      expect((error as PolkuError).message).toContain('line 4 inside a quoted field has as many fields as a row');
    }
    // A comment over two lines with a comma or two is text.
    const r = await read(tempFile('two-line-comment.csv', `${header}\nR1,j,t,9,"Hyvä, nopea\nja ystävällinen, kiitos"\n`));
    expect(r.rows).toHaveLength(1);
  });

  it('keeps a well-formed comment over many lines, a row with an extra field, and a malformed record on one line', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `rivi ${i + 1}`).join('\n');
    const text = [header, `R1,j,t,9,"${long}"`, 'R2,j,t,9,ok,extra', 'R3,j,t,9,"broken"x"', 'R4,j,t,9,"closes it"', 'R5,j,t,9,ok'].join('\n');
    const r = await read(tempFile('long-comment.csv', `${text}\n`));
    expect(r.rows.map((row) => row[0])).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(r.lines).toEqual([2, 32, 33, 34, 35]);
    expect(r.rows[0]![4]).toBe(long);
    expect([...r.problems.keys()]).toEqual([33]);
  });
});

describe('readCsv: a range of the file', () => {
  it('reads the lines before a cut, and after it with the header and format found at the start: together, the whole read', async () => {
    const text = `id;nps;comment\r\n${Array.from({ length: 400 }, (_, i) => `R${i};${i % 11};${i % 7 === 0 ? '"kaksi\r\nriviä; ""lainaus"""' : `ok ${i}`}`).join('\r\n')}\r\n\r\n`;
    const path = tempFile('range.csv', text);
    const whole = await read(path);
    const cut = Buffer.byteLength(text.slice(0, text.indexOf('\r\nR200;') + 2));
    let format: CsvFormat | null = null;
    const first = { rows: [] as string[][], lines: [] as number[] };
    const head = await readCsv(path, 'test.csv', { encoding: 'auto', delimiter: 'auto', range: { start: 0, end: cut } }, {
      header: (_fields, _line, f) => (format = f),
      rows: (rows, lines) => (first.rows.push(...rows), first.lines.push(...Array.from(lines))),
    });
    expect(format).toEqual({ delimiter: ';', encoding: 'utf-8', linebreak: '\r\n' });
    const rest = await read(path, { encoding: format!.encoding, delimiter: format!.delimiter, range: { start: cut, end: Buffer.byteLength(text) }, after: { header: whole.header, linebreak: format!.linebreak } });
    expect([...first.rows, ...rest.rows]).toEqual(whole.rows);
    // The range's lines count from its start: moved on by the lines before the cut, they are the file's.
    expect([...first.lines, ...rest.lines.map((line) => line + head.lines)]).toEqual(whole.lines);
    expect(head.lines + rest.summary.lines).toBe(whole.summary.lines);
    expect(rest.summary.blankLines).toBe(whole.summary.blankLines);
    // A range's hash is of its bytes.
    expect(head.sha256).toBe(createHash('sha256').update(readFileSync(path).subarray(0, cut)).digest('hex'));
  });

  it('hashes nothing with sha256: false (a range of a file hashed elsewhere)', async () => {
    const path = tempFile('unhashed.csv', 'id,nps\nR1,9\nR2,3\n');
    const { summary, rows } = await read(path, { encoding: 'auto', delimiter: 'auto', sha256: false });
    expect(rows).toEqual([['R1', '9'], ['R2', '3']]);
    expect(summary.sha256).toBe('');
  });

  it('stops at a batch longer than maxBatchChars: a record that long', async () => {
    const path = tempFile('long-record.csv', `id,comment\nR1,"${'x'.repeat(300_000)}"\nR2,ok\n`);
    await expect(read(path, { maxBatchChars: 256 << 10 })).rejects.toThrow(/^a batch of 3\d{5} characters before line \d+$/);
    expect((await read(path)).rows).toHaveLength(2);
  });
});
