import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { loadConfig } from './config.ts';

const tempFile = useTempFiles('polku-config-');

function configWith(text: string) {
  const file = tempFile('polku.config.jsonc', text);
  return () => loadConfig(dirname(file), {});
}

describe('site languages', () => {
  it('is the default language alone when not set: a single-language site', () => {
    expect(configWith('{ "site": { "lang": "fi" } }')().site.languages).toEqual(['fi']);
  });
  it('puts the default language first, whatever order they are written in', () => {
    expect(configWith('{ "site": { "lang": "fi", "languages": ["en", "fi"] } }')().site.languages).toEqual(['fi', 'en']);
  });
  it('stops a default language that is not among the languages, at its line', () => {
    const load = configWith('{\n  "site": { "lang": "fi", "languages": ["en"] }\n}');
    expect(load).toThrow('"site.languages": expected the default language (site.lang) among site.languages');
    expect(() => load()).toThrow(expect.objectContaining({ location: expect.objectContaining({ line: 2 }) }));
  });
});
