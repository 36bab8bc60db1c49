import { describe, expect, it } from 'vitest';
import { translator } from './i18n.ts';
import { suppressionLabel } from './suppression-label.ts';

describe('suppressionLabel', () => {
  it('gives the real reason a cell is hidden, in the site language', () => {
    const en = translator('en');
    expect(suppressionLabel(en, 10, { suppressedFor: 'fewRespondents' })).toBe('n < 10');
    expect(suppressionLabel(en, 10, { suppressedFor: 'protection' })).toBe('hidden to protect another group');
    expect(suppressionLabel(en, 10, { suppressedFor: 'noData' })).toBe('no feedback yet');
    expect(suppressionLabel(en, 10, { suppressedFor: 'personalData' })).toBe('hidden: its name held personal data');
    expect(suppressionLabel(translator('fi'), 10, { suppressedFor: 'protection' })).toBe('piilotettu toisen ryhmän suojaamiseksi');
  });
});
