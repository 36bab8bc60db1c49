import { describe, expect, it } from 'vitest';
import { firstLine, listed, quoted } from './errors.ts';

describe('what a message quotes is cut short', () => {
  it('quoted: 60 characters of a value, then …', () => {
    expect(quoted('Kommentti')).toBe('"Kommentti"');
    expect(quoted('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(60)}…"`);
  });

  it('listed: the first 20 items, then how many more', () => {
    expect(listed(['a', 'b'], quoted)).toBe('"a", "b"');
    expect(listed(Array.from({ length: 21 }, (_, i) => i), String, ' and ')).toBe(`${Array.from({ length: 20 }, (_, i) => i).join(' and ')} … and 1 more`);
  });

  it("firstLine: another program's message in one line of at most 200 characters", () => {
    expect(firstLine('Invalid Input Error: bad file\nLINE 1: SELECT …\n        ^')).toBe('Invalid Input Error: bad file');
    expect(firstLine(`Error: ${'y'.repeat(500)}`)).toBe(`Error: ${'y'.repeat(193)}…`);
  });
});
