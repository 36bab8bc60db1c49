import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv-cell.ts';

describe('csvCell', () => {
  it('writes finite numbers plainly', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(0)).toBe('0');
  });

  it('writes null, undefined and non-finite numbers as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('leaves ordinary text alone', () => {
    expect(csvCell('Hyvä palvelu')).toBe('Hyvä palvelu');
    expect(csvCell('')).toBe('');
  });

  it('neutralises formula starts (OWASP CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""click"")"',
    );
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('\n=1')).toBe('"\'\n=1"');
    expect(csvCell('\u0000=1')).toBe("'\u0000=1");
  });

  it('guards "-5" given as a string; callers pass numbers as numbers', () => {
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' lead')).toBe('" lead"');
    expect(csvCell('trail ')).toBe('"trail "');
    expect(csvCell('in side')).toBe('in side');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and no line terminator', () => {
    expect(csvRow(['id', 'score', 'comment'])).toBe('id,score,comment');
    expect(csvRow(['t-1', -5, 0.25, null, undefined, '=1+1', 'a,"b"'])).toBe(
      't-1,-5,0.25,,,\'=1+1,"a,""b"""',
    );
    expect(csvRow([])).toBe('');
  });
});
