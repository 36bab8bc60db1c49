import type { Root } from 'mdast';
import { remark } from 'remark';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { remarkGlossary } from './glossary.ts';
import {
  BrokenLinkError,
  levenshtein,
  nearestPage,
  normalisePath,
  playbookLinkChecker,
  playbookUrlOf,
  remarkPlaybookLinks,
  resolveLink,
  type PlaybookLinkOptions,
} from './link-check.ts';

const PAGES = new Set([
  '/',
  '/methodology/',
  '/reports/',
  '/reports/2026-q3/',
  '/journeys/washing-machine/',
  '/journeys/electronics-pickup/',
  '/playbooks/electronics-pickup/web-order/',
  '/playbooks/electronics-pickup/service-desk-queue/',
  '/playbooks/electronics-pickup/pickup-code/',
  '/playbooks/washing-machine/installation/',
  '/playbooks/washing-machine/courier-delivery/',
  '/data/2026-q3.csv',
]);

const WEB_ORDER = '/work/main/content/touchpoints/electronics-pickup/web-order.mdx';

function run(markdown: string, options: Partial<PlaybookLinkOptions> = {}, path = WEB_ORDER): string {
  const file = new VFile({ path, value: markdown, cwd: '/work/main' });
  return String(remark().use(remarkPlaybookLinks, { base: '/', pages: PAGES, ...options }).processSync(file));
}

function failure(markdown: string, options: Partial<PlaybookLinkOptions> = {}, path = WEB_ORDER): BrokenLinkError {
  try {
    run(markdown, options, path);
  } catch (error) {
    if (error instanceof BrokenLinkError) return error;
    throw error;
  }
  throw new Error('expected the links to be broken');
}

describe('playbookUrlOf', () => {
  it('takes the journey and touchpoint from the last two segments under content/touchpoints/', () => {
    expect(playbookUrlOf(WEB_ORDER)).toBe('/playbooks/electronics-pickup/web-order/');
    expect(playbookUrlOf('content/touchpoints/washing-machine/installation.md')).toBe('/playbooks/washing-machine/installation/');
    expect(playbookUrlOf('C:\\site\\content\\touchpoints\\group-trip\\booking.mdx')).toBe('/playbooks/group-trip/booking/');
    expect(playbookUrlOf('/work/main/content/touchpoints/group-trip/booking.mdx?astroPropagatedAssets')).toBe('/playbooks/group-trip/booking/');
  });

  it("gives a translation its touchpoint's page", () => {
    expect(playbookUrlOf('/work/main/content/touchpoints/washing-machine/installation.fi.mdx')).toBe('/playbooks/washing-machine/installation/');
  });

  it("writes a checked link in the playbook's own language where the site asks (pathFor)", () => {
    const finnish = '/work/main/content/touchpoints/electronics-pickup/web-order.fi.mdx';
    const pathFor = (path: string, filePath: string | undefined) => (filePath?.endsWith('.fi.mdx') ? `/fi${path}` : path);
    expect(run('[jono](../service-desk-queue/)', { pathFor }, finnish)).toContain('](/fi/playbooks/electronics-pickup/service-desk-queue/)');
    expect(run('[queue](../service-desk-queue/)', { pathFor })).toContain('](/playbooks/electronics-pickup/service-desk-queue/)');
  });

  it('is null for files that are not playbooks', () => {
    expect(playbookUrlOf('/work/main/src/pages/about.mdx')).toBeNull();
    expect(playbookUrlOf('/work/main/content/touchpoints/loose.mdx')).toBeNull();
    expect(playbookUrlOf('/work/main/content/journeys/washing-machine.yaml')).toBeNull();
  });
});

describe('resolveLink', () => {
  const page = '/playbooks/electronics-pickup/web-order/';
  it('resolves relative, bare and absolute links to trailing-slash paths without base', () => {
    expect(resolveLink('../service-desk-queue', page, '/')).toEqual({ kind: 'internal', path: '/playbooks/electronics-pickup/service-desk-queue/', suffix: '' });
    expect(resolveLink('./', page, '/')).toEqual({ kind: 'internal', path: page, suffix: '' });
    expect(resolveLink('service-desk-queue/', page, '/')).toEqual({ kind: 'internal', path: `${page}service-desk-queue/`, suffix: '' });
    expect(resolveLink('/methodology#nps', page, '/')).toEqual({ kind: 'internal', path: '/methodology/', suffix: '#nps' });
    expect(resolveLink('/polku/reports/?s=1#top', page, '/polku/')).toEqual({ kind: 'internal', path: '/reports/', suffix: '?s=1#top' });
    expect(resolveLink('/reports/index.html', page, '/')).toEqual({ kind: 'internal', path: '/reports/', suffix: '' });
  });

  it('leaves external addresses and same-page anchors alone', () => {
    for (const url of ['https://example.com/', 'http://x', 'mailto:a@example.com', 'tel:+358401234567', 'HTTPS://X', '//cdn.example.com/a', 'javascript:void(0)']) {
      expect(resolveLink(url, page, '/'), url).toEqual({ kind: 'external' });
    }
    expect(resolveLink('#steps', page, '/')).toEqual({ kind: 'same-page' });
  });

  it('keeps files without a trailing slash', () => {
    expect(normalisePath('/data/2026-q3.csv')).toBe('/data/2026-q3.csv');
    expect(normalisePath('/methodology')).toBe('/methodology/');
  });
});

describe('levenshtein and nearestPage', () => {
  it('counts edits', () => {
    expect(levenshtein('servce', 'service')).toBe(1);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('käyrä', 'kayra')).toBe(2);
  });

  it('suggests a page with the same name, then the closest path, and nothing when none is close', () => {
    expect(nearestPage('/playbooks/electronics-pickup/servce-desk-queue/', PAGES)).toBe('/playbooks/electronics-pickup/service-desk-queue/');
    expect(nearestPage('/playbooks/electronics-pickup/web-order/pickup-code/', PAGES)).toBe('/playbooks/electronics-pickup/pickup-code/');
    expect(nearestPage('/playbooks/electronics-pickup/pickup-code.mdx', PAGES)).toBe('/playbooks/electronics-pickup/pickup-code/');
    expect(nearestPage('/methodolgy/', PAGES)).toBe('/methodology/');
    expect(nearestPage('/playbooks/group-trip/arrival/', PAGES)).toBeUndefined();
  });
});

describe('remarkPlaybookLinks', () => {
  it('rewrites a relative link that works to an absolute one under the base, with a trailing slash', () => {
    expect(run('Katso [palvelutiski](../service-desk-queue).\n', { base: '/polku/' })).toBe(
      'Katso [palvelutiski](/polku/playbooks/electronics-pickup/service-desk-queue/).\n',
    );
    expect(run('See [the method](/methodology#nps) and [data](/data/2026-q3.csv).\n', { base: '/polku/' })).toBe(
      'See [the method](/polku/methodology/#nps) and [data](/polku/data/2026-q3.csv).\n',
    );
  });

  it('accepts links that already carry the base, and rewrites them the same way (idempotent)', () => {
    const once = run('[Reports](/polku/reports/)\n', { base: '/polku/' });
    expect(once).toBe('[Reports](/polku/reports/)\n');
    expect(run(once, { base: '/polku/' })).toBe(once);
  });

  it('leaves external links, e-mail, phone and same-page anchors untouched', () => {
    const markdown = '[Site](https://example.com/x), [mail](mailto:verkkokauppa-paivystys@example.com), [soita](tel:+358401234567), [steps](#vaihe-vaiheelta).\n';
    expect(run(markdown, { base: '/polku/' })).toBe(markdown);
  });

  it('fails on a broken link with file, line, column, where it goes and the nearest page', () => {
    const error = failure('---\ntitle: x\n---\n\n## Eskalointi\n\nIlmoita ensin [jonon hoitajalle](../servce-desk-queue/).\n');
    expect(error.message).toBe(
      'content/touchpoints/electronics-pickup/web-order.mdx:7:15: link "../servce-desk-queue/" goes to ' +
        '/playbooks/electronics-pickup/servce-desk-queue/, which is not a page of this site. Did you mean ../service-desk-queue/?',
    );
    expect([error.file, error.line, error.column]).toEqual(['content/touchpoints/electronics-pickup/web-order.mdx', 7, 15]);
    expect(error.links[0]?.suggestion).toBe('../service-desk-queue/');
  });

  it('suggests in the form the author used: absolute for absolute links, keeping the anchor', () => {
    expect(failure('See [NPS](/methodolgy/#nps).').message).toMatch(/:1:5: link "\/methodolgy\/#nps" goes to \/methodolgy\/, .* Did you mean \/methodology\/#nps\?$/);
  });

  it('catches the bare relative link that forgets "../"', () => {
    expect(failure('Next: [pickup code](pickup-code)').message).toMatch(
      /link "pickup-code" goes to \/playbooks\/electronics-pickup\/web-order\/pickup-code\/, which is not a page of this site\. Did you mean \.\.\/pickup-code\/\?$/,
    );
  });

  it('suggests the journey page for "../" (playbooks have no journey folder page)', () => {
    expect(failure('[Polku](../)').message).toMatch(/link "\.\.\/" goes to \/playbooks\/electronics-pickup\/, .* Did you mean \/journeys\/electronics-pickup\/\?$/);
  });

  it('explains a link to the .mdx file', () => {
    expect(failure('[next](./pickup-code.mdx)').message).toMatch(/Link to the page, not to its \.mdx file\. Did you mean \.\.\/pickup-code\/\?$/);
  });

  it('suggests nothing when no page is close', () => {
    const error = failure('[x](/playbooks/group-trip/arrival/)');
    expect(error.links[0]?.suggestion).toBeUndefined();
    expect(error.message).toMatch(/which is not a page of this site\. Check the address/);
  });

  it('lists every broken link of the playbook, including reference definitions and empty links', () => {
    const error = failure('[a](../nope/) and [b][ref] and [c]().\n\n[ref]: /reprots/\n', {}, '/work/main/content/touchpoints/washing-machine/installation.mdx');
    expect(error.message.split('\n')).toEqual([
      'content/touchpoints/washing-machine/installation.mdx:1:1: link "../nope/" goes to /playbooks/washing-machine/nope/, which is not a page of this site. Check the address against the site: playbooks are /playbooks/<journey>/<touchpoint>/.',
      'content/touchpoints/washing-machine/installation.mdx:1:32: this link has no address. Write the page between the brackets: [text](/playbooks/journey/touchpoint/).',
      'content/touchpoints/washing-machine/installation.mdx:3:1: link "/reprots/" goes to /reprots/, which is not a page of this site. Did you mean /reports/?',
    ]);
  });

  it('rewrites reference definitions that work', () => {
    expect(run('[Asennus][asennus]\n\n[asennus]: ../../washing-machine/installation\n', { base: '/polku/' })).toBe(
      '[Asennus][asennus]\n\n[asennus]: /polku/playbooks/washing-machine/installation/\n',
    );
  });

  it('does nothing in files that are not playbooks', () => {
    expect(run('[x](../nope/)\n', {}, '/work/main/src/pages/about.mdx')).toBe('[x](../nope/)\n');
  });

  it('checks the href of JSX <a> elements (hand-built MDX tree; remark-mdx is not installed)', () => {
    const anchor = (href: string) => ({
      type: 'mdxJsxTextElement',
      name: 'a',
      attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: href }],
      children: [{ type: 'text', value: 'x' }],
      position: { start: { line: 3, column: 7, offset: 20 }, end: { line: 3, column: 30, offset: 43 } },
    });
    const tree = { type: 'root', children: [{ type: 'paragraph', children: [anchor('../pickup-code'), anchor('https://example.com')] }] };
    const check = playbookLinkChecker({ base: '/polku/', pages: PAGES });
    expect(check(tree as unknown as Root, WEB_ORDER)).toEqual([]);
    expect(tree.children[0]!.children.map((a) => a.attributes[0]!.value)).toEqual(['/polku/playbooks/electronics-pickup/pickup-code/', 'https://example.com']);

    const broken = { type: 'root', children: [{ type: 'paragraph', children: [anchor('../pikcup-code/')] }] };
    expect(check(broken as unknown as Root, WEB_ORDER)).toMatchObject([{ line: 3, column: 7, suggestion: '../pickup-code/' }]);
  });

  it('checks the links the glossary adds, after it, under the same base', () => {
    const markdown = 'Seuraa NPS:ää.\n';
    const file = () => new VFile({ path: WEB_ORDER, value: markdown });
    const both = (pages: Set<string>) =>
      String(remark().use(remarkGlossary, { base: '/polku/' }).use(remarkPlaybookLinks, { base: '/polku/', pages }).processSync(file()));
    expect(both(PAGES)).toBe('Seuraa [NPS:ää](/polku/methodology/#nps "Methodology: NPS").\n');
    expect(() => both(new Set(['/']))).toThrow(/web-order\.mdx:1:1: link "\/polku\/methodology\/#nps" goes to \/methodology\//);
  });

  it('accepts page paths given without the trailing slash', () => {
    expect(run('[m](/methodology/)\n', { pages: ['/methodology'] })).toBe('[m](/methodology/)\n');
  });

  it('rejects a base without slashes', () => {
    expect(() => run('x', { base: 'polku/' })).toThrow(/base/);
  });
});
