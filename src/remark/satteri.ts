// The same two plugins for Sätteri, Astro 7's default Markdown and MDX processor, which runs its
// own mdast plugins (`mdastPlugins`) instead of remark plugins. Without @astrojs/markdown-remark
// installed, `remarkPlugins` given to mdx() or to `markdown` are ignored with only a warning, so
// this is how the plugins run in this project's build:
//
//   import { satteri } from '@astrojs/markdown-satteri';
//   markdown: { processor: satteri({ mdastPlugins: [satteriPlaybookLinks({ base, pages }), satteriGlossary({ base })] }) }
//
// (mdx() uses `markdown.processor` for .mdx files too.) Both share their logic with the remark
// plugins in glossary.ts and link-check.ts; only the tree walking differs. Each is a factory that
// Sätteri calls once per document, so no state is shared between documents compiled at once.

import { fileURLToPath } from 'node:url';
import type { Position } from 'unist';
import type {
  MdastPluginDefinition,
  MdastPluginEntry,
  MdastTarget,
  MdastVisitorContext,
  MdxJsxFlowElement,
  MdxJsxTextElement,
  PluginFactoryContext,
} from 'satteri';
import { compileGlossary, isGlossarySkipped, type GlossaryOptions } from './glossary.ts';
import { BrokenLinkError, compilePlaybookLinks, displayPath, jsxHref, type PlaybookLinkOptions } from './link-check.ts';

function filePathOf(url: URL | undefined): string | undefined {
  return url?.protocol === 'file:' ? fileURLToPath(url) : url?.pathname;
}

/** Sätteri mdast plugin: the glossary links of remarkGlossary. */
export function satteriGlossary(options: GlossaryOptions): MdastPluginEntry {
  const glossary = compileGlossary(options);
  return (factory: PluginFactoryContext): MdastPluginDefinition => {
    const doc = glossary.document(filePathOf(factory.fileURL));
    return {
      name: 'polku-glossary',
      text(node, ctx) {
        if (glossary.finished(doc)) return;
        for (let parent: Readonly<MdastTarget> | undefined = ctx.parent(node); parent; parent = ctx.parent(parent)) if (isGlossarySkipped(parent)) return;
        const parts = doc(node.value);
        if (parts) ctx.replaceNode(node, parts);
      },
    };
  };
}

/** The node's position, or its nearest ancestor's (links the glossary added have none). */
function positionOf(node: Readonly<MdastTarget>, ctx: MdastVisitorContext): Position | undefined {
  for (let at: Readonly<MdastTarget> | undefined = node; at; at = ctx.parent(at)) {
    if (at.position) return at.position;
  }
  return undefined;
}

/**
 * Sätteri mdast plugin: the link check of remarkPlaybookLinks. Throws BrokenLinkError after the
 * document's links are checked when any of them goes to no page.
 */
export function satteriPlaybookLinks(options: PlaybookLinkOptions): MdastPluginEntry {
  const links = compilePlaybookLinks(options);
  return (factory: PluginFactoryContext): MdastPluginDefinition | null => {
    const filePath = filePathOf(factory.fileURL);
    const doc = links.document(filePath);
    if (!doc) return null;
    const jsx = (node: Readonly<MdxJsxTextElement | MdxJsxFlowElement>, ctx: MdastVisitorContext) => {
      const href = jsxHref(node);
      if (!href) return;
      const url = doc.check(href.value as string, positionOf(node, ctx));
      if (url === undefined) return;
      const attributes = node.attributes.map((a) => (a === href ? { ...a, value: url } : a));
      // Sätteri cannot set a JSX element's attributes, so the element is replaced by a copy.
      ctx.replaceNode(node, { ...node, attributes } as MdxJsxTextElement | MdxJsxFlowElement);
    };
    return {
      name: 'polku-playbook-links',
      options: { position: true },
      link(node, ctx) {
        const url = doc.check(node.url, positionOf(node, ctx));
        if (url !== undefined) ctx.setProperty(node, 'url', url);
      },
      definition(node, ctx) {
        const url = doc.check(node.url, positionOf(node, ctx));
        if (url !== undefined) ctx.setProperty(node, 'url', url);
      },
      mdxJsxTextElement: jsx,
      mdxJsxFlowElement: jsx,
      after() {
        if (doc.broken.length > 0) throw new BrokenLinkError(displayPath(filePath ?? '', process.cwd()), doc.broken);
      },
    };
  };
}
