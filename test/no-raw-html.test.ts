// Strings from data and content are rendered as text everywhere. Astro escapes expressions; the
// ways around that (set:html, D3's .html(), innerHTML) are not used in the site's code, with two
// exceptions: components/Svg.astro writes chart markup made by toSvgString, which allow-lists tags
// and attribute names and escapes every value (src/charts/svg.test.ts); SearchBox.astro writes the
// search loader's script, Polku's own code with its two addresses as escaped string literals
// (src/site/search-loader.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from './build-site.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(astro|ts|mjs|js|mdx)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('raw HTML', () => {
  it('is never injected from a string', () => {
    const allowed = new Set([
      `${join(PROJECT, 'src', 'components', 'Svg.astro')}:<Fragment set:html={toSvgString(node)} />`,
      `${join(PROJECT, 'src', 'components', 'SearchBox.astro')}:<script is:inline set:html={loader}></script>`,
    ]);
    const offenders = sources(join(PROJECT, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/set:html|\.html\(|innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML/.test(line) && !allowed.has(`${file}:${line.trim()}`) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
