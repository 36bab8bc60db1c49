// The Sätteri adapters, through Sätteri itself (Astro 7's default processor, which parses real MDX).
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { BrokenLinkError } from './link-check.ts';
import { satteriGlossary, satteriPlaybookLinks } from './satteri.ts';

const PAGES = new Set([
  '/',
  '/methodology/',
  '/reports/',
  '/playbooks/electronics-pickup/web-order/',
  '/playbooks/electronics-pickup/service-desk-queue/',
  '/playbooks/electronics-pickup/pickup-code/',
]);
const WEB_ORDER = pathToFileURL('/work/main/content/touchpoints/electronics-pickup/web-order.mdx');

const plugins = (base = '/polku/') => [satteriPlaybookLinks({ base, pages: PAGES }), satteriGlossary({ base })];

/** The plugins are synchronous, so Sätteri returns its result directly. */
function sync<T>(result: T | Promise<T>): T {
  if (result instanceof Promise) throw new Error('expected a synchronous compile');
  return result;
}

function html(markdown: string, fileURL: URL = WEB_ORDER): string {
  return sync(markdownToHtml(markdown, { mdastPlugins: plugins(), fileURL })).html;
}

function mdx(source: string, fileURL: URL = WEB_ORDER): string {
  return sync(mdxToJs(source, { mdastPlugins: plugins(), fileURL, jsx: true })).code;
}

function failure(run: () => unknown): BrokenLinkError {
  try {
    run();
  } catch (error) {
    if (error instanceof BrokenLinkError) return error;
    throw error;
  }
  throw new Error('expected the links to be broken');
}

describe('satteriGlossary', () => {
  it('links the first occurrence of each term, not in headings, links or code', () => {
    expect(html('## NPS\n\nKatso [NPS-opas](https://example.com) ja `NPS`. NPS:n muutos, NPS uudelleen ja tunnekäyrällä.\n')).toBe(
      '<h2>NPS</h2>\n<p>Katso <a href="https://example.com">NPS-opas</a> ja <code>NPS</code>. ' +
        '<a href="/polku/methodology/#nps" title="Methodology: NPS">NPS:n</a> muutos, NPS uudelleen ja ' +
        '<a href="/polku/methodology/#emotion" title="Methodology: emotion curve">tunnekäyrällä</a>.</p>\n',
    );
  });

  it('starts afresh for every document', () => {
    expect(html('CSAT')).toContain('#csat');
    expect(html('CSAT')).toContain('#csat');
  });

  it('leaves JSX attributes, expressions and <a> children alone in real MDX, and links inside components', () => {
    const code = mdx('<Callout title="NPS" note={NPS}>\nThe <a href="/reports/">NPS</a> and {CSAT}, then CSAT.\n</Callout>\n');
    expect(code).toContain('title="NPS"');
    expect(code).toContain('note={NPS}');
    expect(code).toContain('<a href="/polku/reports/">{"NPS"}</a>');
    expect(code).toContain('{CSAT}');
    expect(code).toContain('<_components.a href="/polku/methodology/#csat" title="Methodology: CSAT">{"CSAT"}</_components.a>');
    expect(code.match(/#nps/g)).toBeNull();
  });
});

describe('satteriPlaybookLinks', () => {
  it('rewrites links that work under the base, and leaves external ones', () => {
    expect(html('[Jono](../service-desk-queue) ja [posti](mailto:a@example.com) ja [web](https://example.com).')).toBe(
      '<p><a href="/polku/playbooks/electronics-pickup/service-desk-queue/">Jono</a> ja <a href="mailto:a@example.com">posti</a> ja <a href="https://example.com">web</a>.</p>\n',
    );
  });

  it('fails the document with file, line, column and a suggestion', () => {
    const error = failure(() => html('Hei.\n\nKatso [jono](../servce-desk-queue/).\n'));
    expect(error.message).toBe(
      'content/touchpoints/electronics-pickup/web-order.mdx:3:7: link "../servce-desk-queue/" goes to ' +
        '/playbooks/electronics-pickup/servce-desk-queue/, which is not a page of this site. Did you mean ../service-desk-queue/?',
    );
    expect([error.line, error.column]).toEqual([3, 7]);
  });

  it('checks the href of JSX <a> in MDX', () => {
    expect(mdx('Go <a href="../pickup-code">here</a>.')).toContain('<a href="/polku/playbooks/electronics-pickup/pickup-code/">{"here"}</a>');
    expect(failure(() => mdx('\nGo <a href="../pikcup-code/">here</a>.')).message).toMatch(/web-order\.mdx:2:4: link "\.\.\/pikcup-code\/" .* Did you mean \.\.\/pickup-code\/\?$/);
  });

  it('does nothing in files that are not playbooks', () => {
    expect(html('[x](../nope/)', pathToFileURL('/work/main/src/pages/about.mdx'))).toBe('<p><a href="../nope/">x</a></p>\n');
  });
});
