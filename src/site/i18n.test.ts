import { describe, expect, it } from 'vitest';
import { formatter } from './i18n.ts';

describe('formatter', () => {
  it('writes numbers in the site language, the same every time it is asked', () => {
    const fi = formatter('fi');
    const nbsp = '\u00a0'; // Finnish groups digits and sets % apart with a no-break space
    for (let i = 0; i < 2; i++) {
      expect(fi.integer(1234)).toBe(`1${nbsp}234`);
      expect(fi.decimal(1234.56)).toBe(`1${nbsp}234,6`);
      expect(fi.percent(0.452, 1)).toBe(`45,2${nbsp}%`);
      expect(fi.signed(-0.25, 2)).toBe('−0,25');
    }
    const en = formatter('en');
    expect([en.integer(1234), en.decimal(2.25, 2), en.signed(5), en.signedPercent(0.031, 1)]).toEqual(['1,234', '2.25', '+5', '+3.1%']);
  });

  it('keeps 0 and -0 apart as Intl does, whichever comes first', () => {
    const en = formatter('en');
    expect(en.decimal(-0)).toBe(new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(-0).replace('-', '\u2212'));
    expect(en.decimal(0)).toBe('0.0');
    expect(en.signed(0)).toBe('0');
  });

  it('writes one minus sign, U+2212, in English as in Finnish, and changes of shares in percentage points', () => {
    const en = formatter('en');
    const fi = formatter('fi');
    expect([en.signed(-5), en.decimal(-1.25, 2), en.integer(-1234), en.percent(-0.05), en.signedPercent(-0.031, 1)]).toEqual(['\u22125', '\u22121.25', '\u22121,234', '\u22125%', '\u22123.1%']);
    expect([en.signedPoints(0.04), en.signedPoints(-0.031, 1), en.signedPoints(0)]).toEqual(['+4 pp', '\u22123.1 pp', '0 pp']);
    expect([fi.signedPoints(0.04), fi.signedPoints(-0.031, 1)]).toEqual(['+4 %-yks.', '\u22123,1 %-yks.']);
  });
});
