import { describe, expect, it } from 'vitest';
import { compileDateFormat, formatDay, formatsThatRead, isDateFormat, MONTH_YEAR, parseDay, parseScore } from './parse-value.ts';

/** Days since 1970-01-01 of a calendar date (month 1–12). */
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('parseScore', () => {
  it('reads whole numbers with a sign', () => {
    expect(parseScore('7')).toBe(7);
    expect(parseScore('10')).toBe(10);
    expect(parseScore('0')).toBe(0);
    expect(parseScore('-2')).toBe(-2);
    expect(parseScore('+2')).toBe(2);
    expect(parseScore('\u22123')).toBe(-3); // U+2212 MINUS SIGN, as typographic tools write it
    expect(parseScore('007')).toBe(7);
    expect(parseScore(' 7 ')).toBe(7);
  });

  it('reads a decimal comma or point', () => {
    expect(parseScore('1,5')).toBe(1.5);
    expect(parseScore('1.5')).toBe(1.5);
    expect(parseScore('-1,5')).toBe(-1.5);
    expect(parseScore('\u22120,5')).toBe(-0.5);
    expect(parseScore('2,25')).toBe(2.25);
  });

  it('returns null for text that is not a score', () => {
    for (const text of ['', ' ', '-', '+', '1,', '1.', ',5', '.5', '1.2.3', '1,2,3', '1 000', '1e3', 'abc', '7a', '--1', '+-1', '½', 'NaN', 'Infinity']) {
      expect(parseScore(text), JSON.stringify(text)).toBeNull();
    }
  });
});

describe('parseDay', () => {
  it('reads ISO dates, with a time and a zone, as the written calendar day', () => {
    expect(parseDay('2026-03-12')).toBe(day(2026, 3, 12));
    expect(parseDay('2026-03-12T10:45:00+02:00')).toBe(day(2026, 3, 12));
    expect(parseDay('2026-03-12T23:30:00-05:00')).toBe(day(2026, 3, 12)); // not moved to the 13th in UTC
    expect(parseDay('2026-03-12T10:45:00.123Z')).toBe(day(2026, 3, 12));
    expect(parseDay('2026-03-12 10:45')).toBe(day(2026, 3, 12));
    expect(parseDay('2026-03-12 10:45:00+0200')).toBe(day(2026, 3, 12));
    expect(parseDay(' 2026-03-12 ')).toBe(day(2026, 3, 12));
  });

  it('checks the time of a UTC timestamp as strictly on its quick path as with the full pattern', () => {
    expect(parseDay('2026-03-30T19:06:20Z')).toBe(day(2026, 3, 30));
    expect(parseDay('2026-03-30T23:59:60Z')).toBe(day(2026, 3, 30)); // a leap second
    expect(parseDay('2026-03-30T24:06:20Z')).toBeNull();
    expect(parseDay('2026-03-30T19:66:20Z')).toBeNull();
    expect(parseDay('2026-03-30T19:06:61Z')).toBeNull();
    expect(parseDay('2026-03-30T19:06:2xZ')).toBeNull();
    expect(parseDay('2026-03-30X19:06:20Z')).toBeNull();
  });

  it('reads Finnish d.m.yyyy, with an optional time', () => {
    expect(parseDay('12.3.2026')).toBe(day(2026, 3, 12));
    expect(parseDay('01.03.2026')).toBe(day(2026, 3, 1));
    expect(parseDay('12.3.2026 14.30')).toBe(day(2026, 3, 12));
    expect(parseDay('12.3.2026 klo 14.30')).toBe(day(2026, 3, 12));
    expect(parseDay('12.3.2026 14:30:59')).toBe(day(2026, 3, 12));
  });

  it('refuses impossible dates rather than rolling them over', () => {
    expect(parseDay('31.2.2026')).toBeNull();
    expect(parseDay('29.2.2026')).toBeNull();
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('31.4.2026')).toBeNull();
    expect(parseDay('0.3.2026')).toBeNull();
    expect(parseDay('12.13.2026')).toBeNull();
    expect(parseDay('2026-00-10')).toBeNull();
    expect(parseDay('29.2.1900')).toBeNull(); // 1900 is not a leap year
  });

  it('knows leap years', () => {
    expect(parseDay('29.2.2024')).toBe(day(2024, 2, 29));
    expect(parseDay('2024-02-29')).toBe(day(2024, 2, 29));
    expect(parseDay('29.2.2000')).toBe(day(2000, 2, 29));
  });

  it('refuses impossible times and out-of-range years', () => {
    expect(parseDay('12.3.2026 24.00')).toBeNull();
    expect(parseDay('12.3.2026 14.60')).toBeNull();
    expect(parseDay('2026-03-12T25:00')).toBeNull();
    expect(parseDay('1899-12-31')).toBeNull();
    expect(parseDay('3000-01-01')).toBeNull();
    expect(parseDay('12.3.26')).toBeNull(); // two-digit years are not guessed
  });

  it('reads slashed dates only when the mapping gives their order', () => {
    expect(parseDay('3/12/2026')).toBeNull();
    expect(parseDay('3/12/2026', 'auto')).toBeNull();
    expect(parseDay('3/12/2026', 'm/d/yyyy')).toBe(day(2026, 3, 12));
    expect(parseDay('3/12/2026', 'd/m/yyyy')).toBe(day(2026, 12, 3));
    expect(parseDay('3/12/2026 10:45:00', 'm/d/yyyy')).toBe(day(2026, 3, 12)); // Google Sheets
    expect(parseDay('03/12/2026 01:05:44 PM', 'm/d/yyyy')).toBe(day(2026, 3, 12)); // SurveyMonkey
    expect(parseDay('03/12/2026 10:45 AM EET', 'm/d/yyyy')).toBe(day(2026, 3, 12));
    expect(parseDay('13/12/2026', 'm/d/yyyy')).toBeNull();
    expect(parseDay('13/12/2026', 'd/m/yyyy')).toBe(day(2026, 12, 13));
    expect(parseDay('2/29/2026', 'm/d/yyyy')).toBeNull();
  });

  it('ISO and dotted dates do not depend on the slashed order', () => {
    expect(parseDay('2026-03-12', 'm/d/yyyy')).toBe(day(2026, 3, 12));
    expect(parseDay('12.3.2026', 'm/d/yyyy')).toBe(day(2026, 3, 12));
  });

  it('returns null for other text', () => {
    for (const text of ['', 'maaliskuu 2026', '2026/3', '12-03-2026', '20260312', 'eilen']) expect(parseDay(text), text).toBeNull();
  });
});

describe('formatDay', () => {
  it('is the ISO date of a day number', () => {
    expect(formatDay(0)).toBe('1970-01-01');
    expect(formatDay(day(2026, 3, 12))).toBe('2026-03-12');
    expect(formatDay(day(2024, 2, 29))).toBe('2024-02-29');
  });
});

describe('dateFormat with two-digit years and times', () => {
  const day = (text: string, format: string) => {
    const d = parseDay(text, format);
    return d === null ? null : formatDay(d);
  };

  it('reads yy by the POSIX rule: 00–69 are 2000–2069, 70–99 are 1970–1999', () => {
    expect(day('9/8/18 15:29', 'm/d/yy H:mm')).toBe('2018-09-08');
    expect(day('1/2/69 0:00', 'm/d/yy H:mm')).toBe('2069-01-02');
    expect(day('1/2/70 0:00', 'm/d/yy H:mm')).toBe('1970-01-02');
    expect(day('31.12.99', 'd.m.yy')).toBe('1999-12-31');
  });

  it('checks the time the format names, and allows one after a format without a time', () => {
    expect(day('9/8/18 25:29', 'm/d/yy H:mm')).toBeNull();
    expect(day('9/8/18', 'm/d/yy H:mm')).toBeNull();
    expect(day('31/3/2026 10:45:00', 'd/m/yyyy HH:mm:ss')).toBe('2026-03-31');
    expect(day('3/31/2026 10:45 AM', 'm/d/yyyy')).toBe('2026-03-31');
    expect(day('9/8/18 15:29', 'm/d/yyyy')).toBeNull();
  });

  it('refuses a format without a day, a month and a year', () => {
    expect(compileDateFormat('m/yyyy')).toBeNull();
    expect(compileDateFormat('d/m/y')).toBeNull();
    expect(compileDateFormat('d/m/yy hh:mm')).toBeNull();
  });

  it('names the formats that read a date: both orders of day and month when either could be', () => {
    expect(formatsThatRead('9/8/18 15:29')).toEqual(['m/d/yy H:mm', 'd/m/yy H:mm']);
    expect(formatsThatRead('12/31/18')).toEqual(['m/d/yy']);
    expect(formatsThatRead('hello')).toEqual([]);
  });
});

describe('dateFormat "month yyyy": exports that give only the month', () => {
  const day = (text: string) => {
    const d = parseDay(text, MONTH_YEAR);
    return d === null ? null : formatDay(d);
  };

  it('reads English and Finnish month names, abbreviations and m/yyyy as the month\'s first day', () => {
    expect(day('June 2022')).toBe('2022-06-01');
    expect(day('Jun 2022')).toBe('2022-06-01');
    expect(day('sept. 2021')).toBe('2021-09-01');
    expect(day('kesäkuu 2022')).toBe('2022-06-01');
    expect(day('Joulukuuta 2019')).toBe('2019-12-01');
    expect(day('6/2022')).toBe('2022-06-01');
    expect(day('12/2022')).toBe('2022-12-01');
    // ISO dates read whatever the format.
    expect(day('2022-06-15')).toBe('2022-06-15');
  });

  it('reads no month name or number it does not know, and only where the setting says so', () => {
    expect(day('Juni 2022')).toBeNull();
    expect(day('13/2022')).toBeNull();
    expect(day('June 22')).toBeNull();
    expect(parseDay('June 2022')).toBeNull();
    expect(isDateFormat(MONTH_YEAR)).toBe(true);
    expect(formatsThatRead('June 2022')).toEqual([MONTH_YEAR]);
  });
});
