import { describe, expect, it } from 'vitest';
import { SlugError, toSlug } from './slug.ts';

describe('toSlug', () => {
  it('accepts allow-listed ids unchanged', () => {
    expect(toSlug('checkout', 'touchpoint id')).toBe('checkout');
    expect(toSlug('asiakaspalvelu-puhelin-2', 'touchpoint id')).toBe('asiakaspalvelu-puhelin-2');
    expect(toSlug('a'.repeat(80), 'touchpoint id')).toBe('a'.repeat(80));
  });

  it('trims and lowercases, nothing else', () => {
    expect(toSlug('  Checkout-Flow ', 'touchpoint id')).toBe('checkout-flow');
    expect(toSlug('NPS', 'survey id')).toBe('nps');
  });

  const rejected: [string, string][] = [
    ['../etc', 'path traversal'],
    ['%2e%2e%2f', 'percent-encoded traversal'],
    ['a\u0000b', 'NUL byte'],
    ['/abs/path', 'absolute path'],
    ['C:\\x', 'Windows path'],
    ['..', 'parent directory'],
    ['.', 'current directory'],
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['ä', 'non-ASCII letter (no transliteration)'],
    ['päivä', 'word with non-ASCII letter'],
    ['customer service', 'inner space (no replacing)'],
    ['-checkout', 'leading hyphen'],
    ['checkout-', 'trailing hyphen'],
    ['check--out', 'double hyphen'],
    ['check_out', 'underscore'],
    ['a.b', 'dot'],
    ['a'.repeat(81), 'too long'],
  ];
  for (const [value, label] of rejected) {
    it(`rejects ${label}: ${JSON.stringify(value).slice(0, 30)}`, () => {
      expect(() => toSlug(value, 'touchpoint id')).toThrow(SlugError);
    });
  }

  it('explains what, which value and how to fix it', () => {
    let error: unknown;
    try {
      toSlug('../etc', 'touchpoint id');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SlugError);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('touchpoint id');
    expect(message).toContain(JSON.stringify('../etc'));
    expect(message).toContain('a-z');
    expect(message).toContain('0-9');
    expect(message).toMatch(/fix/i);
    expect((error as Error).name).toBe('SlugError');
  });

  it('quotes control characters visibly in the message', () => {
    expect(() => toSlug('a\u0000b', 'journey id')).toThrow(/journey id "a\\u0000b"/);
  });
});
