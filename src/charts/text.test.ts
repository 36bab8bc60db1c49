import { describe, expect, it } from 'vitest';
import { truncate, wrapText } from './text.ts';

describe('wrapText', () => {
  it('wraps on spaces into lines of at most maxChars', () => {
    expect(wrapText('Service desk queue time', 14, 3)).toEqual({ lines: ['Service desk', 'queue time'], truncated: false });
  });

  it('splits a word longer than a line with a hyphen, before a consonant–vowel pair near the middle', () => {
    expect(wrapText('Asiakaspalvelupuhelin', 14, 3).lines).toEqual(['Asiakaspal-', 'velupuhelin']);
    expect(wrapText('Asiakaspalvelun takaisinsoittopyyntö', 14, 4).lines).toEqual(['Asiakas-', 'palvelun', 'takaisin-', 'soittopyyntö']);
    // No syllable break in reach: cut at the line width.
    expect(wrapText('xxxxxxxxxxxxxxxxxxxx', 8, 3).lines).toEqual(['xxxxxxx-', 'xxxxxxx-', 'xxxxxx']);
  });

  it('ends the last allowed line in "…" and says it truncated', () => {
    const { lines, truncated } = wrapText('one two three four five six seven', 9, 2);
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(lines.every((l) => [...l].length <= 9)).toBe(true);
  });
});

describe('truncate', () => {
  it('keeps text that fits and shortens text that does not', () => {
    expect(truncate('Onboarding', 10)).toBe('Onboarding');
    expect(truncate('Onboarding and setup', 10)).toBe('Onboardin…');
  });
});
