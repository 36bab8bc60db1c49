import type { Link, Root } from 'mdast';
import { remark } from 'remark';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { GLOSSARY_TERMS, METHODOLOGY_ANCHORS, glossaryLinker, remarkGlossary, type GlossaryOptions } from './glossary.ts';

/** Runs the plugin through remark and returns the resulting Markdown. */
function run(markdown: string, options: GlossaryOptions = { base: '/' }): string {
  return String(remark().use(remarkGlossary, options).processSync(markdown));
}

/** Runs the plugin through remark and returns the links it made: [text, url]. */
function links(markdown: string, options: GlossaryOptions = { base: '/' }): [string, string][] {
  const processor = remark().use(remarkGlossary, options);
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  const found: [string, string][] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'link') {
      const link = node as Link;
      found.push([link.children.map((c) => ('value' in c ? c.value : '')).join(''), link.url]);
    }
    for (const child of (node.children ?? []) as { type: string }[]) walk(child);
  };
  walk(tree);
  return found;
}

describe('remarkGlossary', () => {
  it('links the first occurrence of a term only, with a title, keeping the text as written', () => {
    expect(run('Our NPS rose. NPS is a ratio.\n\nThe NPS again.\n')).toBe(
      'Our [NPS](/methodology/#nps "Methodology: NPS") rose. NPS is a ratio.\n\nThe NPS again.\n',
    );
  });

  it('puts the base in front of the methodology page', () => {
    expect(links('CSAT and customer effort.', { base: '/polku/' })).toEqual([
      ['CSAT', '/polku/methodology/#csat'],
      ['customer effort', '/polku/methodology/#ces'],
    ]);
  });

  it('treats all forms of a term as one term: "NPS (Net Promoter Score)" links only NPS', () => {
    expect(links('Track NPS (Net Promoter Score). Promoters minus detractors.')).toEqual([
      ['NPS', '/methodology/#nps'],
      ['Promoters', '/methodology/#nps'],
      ['detractors', '/methodology/#nps'],
    ]);
  });

  it('links each methodology section once with oncePer: "anchor"', () => {
    expect(links('Track NPS. Promoters minus detractors. The emotion curve and moments of truth.', { base: '/', oncePer: 'anchor' })).toEqual([
      ['NPS', '/methodology/#nps'],
      ['emotion curve', '/methodology/#emotion'],
    ]);
  });

  it('matches English phrases in any case, across a line break, and prefers the longest form', () => {
    expect(links('The Customer\nSatisfaction score fell; the customer effort score rose; Moments Of Truth.')).toEqual([
      ['Customer\nSatisfaction score', '/methodology/#csat'],
      ['customer effort score', '/methodology/#ces'],
      ['Moments Of Truth', '/methodology/#emotion'],
    ]);
  });

  it('matches acronyms case-sensitively and as whole words only', () => {
    expect(links('CESSNA, nps, Nps, eNPS, NPS2, XCSAT and ces are not terms.')).toEqual([]);
    expect(links('A CES-kysely and (CSAT).')).toEqual([
      ['CES', '/methodology/#ces'],
      ['CSAT', '/methodology/#csat'],
    ]);
  });

  it('does not match words that only contain a term', () => {
    expect(links('Promoterless emotion curveball, detractorship.')).toEqual([]);
  });

  it('links a Finnish case ending after the colon with the acronym: "NPS:n"', () => {
    expect(run('Myymälän NPS:n muutos ja CES:ää mitataan. NPS: 42.\n')).toBe(
      'Myymälän [NPS:n](/methodology/#nps "Methodology: NPS") muutos ja [CES:ää](/methodology/#ces "Methodology: CES") mitataan. NPS: 42.\n',
    );
    // "NPS: 42" (colon, then a space) is the acronym alone.
    expect(links('NPS: 42 ja NPS:n kasvu.')).toEqual([['NPS', '/methodology/#nps']]);
  });

  it('links Finnish inflections and compounds as whole words', () => {
    expect(
      links(
        'Tunnekäyrällä näkyy totuuden hetkellä, mitä asiakastyytyväisyydelle tapahtuu. ' +
          'Suositteluindeksiä seurataan, ja suosittelijoiden osuus kasvaa. Tunnekäyrä toistamiseen.',
      ),
    ).toEqual([
      ['Tunnekäyrällä', '/methodology/#emotion'],
      ['totuuden hetkellä', '/methodology/#emotion'],
      ['asiakastyytyväisyydelle', '/methodology/#csat'],
      ['Suositteluindeksiä', '/methodology/#nps'],
      ['suosittelijoiden', '/methodology/#nps'],
    ]);
  });

  it('does not match a Finnish stem in the middle of a word', () => {
    expect(links('Epäsuosittelijat ja tunnekäyttäytyminen.')).toEqual([]);
  });

  it('never links in headings, links, link references, inline code or code blocks, and then links the first prose occurrence', () => {
    const markdown = [
      '# NPS and CSAT',
      '',
      'See [the NPS guide](https://example.com/nps) and [CSAT][csat], or run `NPS --report`.',
      '',
      '```',
      'NPS = promoters - detractors',
      '```',
      '',
      '[csat]: https://example.com/csat',
      '',
      'Now NPS and CSAT count.',
      '',
    ].join('\n');
    expect(run(markdown)).toBe(
      [
        '# NPS and CSAT',
        '',
        'See [the NPS guide](https://example.com/nps) and [CSAT][csat], or run `NPS --report`.',
        '',
        '```',
        'NPS = promoters - detractors',
        '```',
        '',
        '[csat]: https://example.com/csat',
        '',
        'Now [NPS](/methodology/#nps "Methodology: NPS") and [CSAT](/methodology/#csat "Methodology: CSAT") count.',
        '',
      ].join('\n'),
    );
  });

  it('links inside emphasis, lists and tables like any prose', () => {
    expect(run('- *Watch the emotion curve.*\n')).toBe('* *Watch the [emotion curve](/methodology/#emotion "Methodology: emotion curve").*\n');
  });

  it('uses a custom title, e.g. for a Finnish site', () => {
    expect(run('NPS.\n', { base: '/', title: (anchor) => `Menetelmät: ${anchor.toUpperCase()}` })).toBe(
      '[NPS](/methodology/#nps "Menetelmät: NPS").\n',
    );
  });

  it('gives the title function the file, for titles in the playbook\'s language', () => {
    const title = (anchor: string, _term: unknown, file: string | undefined) => (file?.includes('/electronics-pickup/') ? `Menetelmät: ${anchor}` : `Methodology: ${anchor}`);
    const processor = remark().use(remarkGlossary, { base: '/', title });
    const fi = new VFile({ path: '/work/main/content/touchpoints/electronics-pickup/web-order.mdx', value: 'Tunnekäyrä.' });
    const en = new VFile({ path: '/work/main/content/touchpoints/washing-machine/installation.mdx', value: 'Emotion curve.' });
    expect(String(processor.processSync(fi))).toBe('[Tunnekäyrä](/methodology/#emotion "Menetelmät: emotion").\n');
    expect(String(processor.processSync(en))).toBe('[Emotion curve](/methodology/#emotion "Methodology: emotion").\n');
  });

  it("links to the methodology page in the playbook's language (pathFor)", () => {
    const pathFor = (path: string, file: string | undefined) => (file?.endsWith('.fi.mdx') ? `/fi${path}` : path);
    const processor = remark().use(remarkGlossary, { base: '/polku/', pathFor });
    const fi = new VFile({ path: '/p/content/touchpoints/washing-machine/installation.fi.mdx', value: 'NPS.' });
    const en = new VFile({ path: '/p/content/touchpoints/washing-machine/installation.mdx', value: 'NPS.' });
    expect(String(processor.processSync(fi))).toBe('[NPS](/polku/fi/methodology/#nps "Methodology: NPS").\n');
    expect(String(processor.processSync(en))).toBe('[NPS](/polku/methodology/#nps "Methodology: NPS").\n');
  });

  it('skips JSX attributes, expressions, ESM and the children of <a> and <code>, but links in other components', () => {
    // remark-mdx is not installed, so this is the tree it would make for:
    //   import { Callout } from '../../components/Callout.astro'
    //   <Callout title="NPS" note={NPS}>
    //   <a href="/x/">NPS</a> and `{CSAT}` … CSAT and NPS
    //   </Callout>
    const tree = {
      type: 'root',
      children: [
        { type: 'mdxjsEsm', value: "import { NPS } from './nps'" },
        { type: 'mdxFlowExpression', value: 'NPS + CSAT' },
        {
          type: 'mdxJsxFlowElement',
          name: 'Callout',
          attributes: [
            { type: 'mdxJsxAttribute', name: 'title', value: 'NPS' },
            { type: 'mdxJsxAttribute', name: 'note', value: { type: 'mdxJsxAttributeValueExpression', value: 'NPS' } },
          ],
          children: [
            {
              type: 'paragraph',
              children: [
                { type: 'mdxJsxTextElement', name: 'a', attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: '/x/' }], children: [{ type: 'text', value: 'NPS' }] },
                { type: 'text', value: ' and ' },
                { type: 'mdxTextExpression', value: 'CSAT' },
                { type: 'text', value: ' … CSAT and NPS' },
              ],
            },
          ],
        },
      ],
    };
    const before = JSON.parse(JSON.stringify(tree)) as typeof tree;
    glossaryLinker({ base: '/' })(tree as unknown as Root);

    expect(tree.children.slice(0, 2)).toEqual(before.children.slice(0, 2));
    const callout = tree.children[2] as (typeof before.children)[2];
    expect(callout.attributes).toEqual(before.children[2]!.attributes);
    const paragraph = callout.children![0]!;
    expect(paragraph.children.slice(0, 3)).toEqual(before.children[2]!.children![0]!.children.slice(0, 3));
    expect(paragraph.children.slice(3)).toEqual([
      { type: 'text', value: ' … ' },
      { type: 'link', url: '/methodology/#csat', title: 'Methodology: CSAT', children: [{ type: 'text', value: 'CSAT' }] },
      { type: 'text', value: ' and ' },
      { type: 'link', url: '/methodology/#nps', title: 'Methodology: NPS', children: [{ type: 'text', value: 'NPS' }] },
    ]);
  });

  it('starts afresh for every document', () => {
    const processor = remark().use(remarkGlossary, { base: '/' });
    expect(String(processor.processSync('NPS'))).toContain('](/methodology/#nps');
    expect(String(processor.processSync('NPS'))).toContain('](/methodology/#nps');
  });

  it('rejects a base without slashes', () => {
    expect(() => run('NPS', { base: '/polku' })).toThrow(/base/);
  });

  it('exports a term table that only uses the methodology anchors', () => {
    for (const term of GLOSSARY_TERMS) {
      expect(METHODOLOGY_ANCHORS).toContain(term.anchor);
      expect(term.forms.length).toBeGreaterThan(0);
    }
    expect(new Set(GLOSSARY_TERMS.map((t) => t.id)).size).toBe(GLOSSARY_TERMS.length);
  });

  it('finds every example word listed for the authoring guide', () => {
    for (const term of GLOSSARY_TERMS) {
      for (const form of term.forms) {
        for (const example of form.examples ?? [form.text]) {
          expect(links(`x ${example} y`), `${term.id}: ${example}`).toEqual([[example, `/methodology/#${term.anchor}`]]);
        }
      }
    }
  });
});
