// remarkGlossary: links the first occurrence of each glossary term in a playbook's prose to the
// section of the methodology page that explains it, so readers who meet "NPS" or "tunnekäyrä" can
// look it up. Authors write plain text; the link is added at build time.
//
// What counts as an occurrence:
// - Acronyms (NPS, CSAT, CES) match case-sensitively as whole words. A Finnish case ending after a
//   colon belongs to the word and is part of the link ("NPS:n", "CES:ää"); a hyphenated compound is
//   not ("NPS-tulos" links "NPS"). "CESSNA" and "eNPS" do not match.
// - English phrases match case-insensitively as whole words; plurals are listed as their own forms.
// - Finnish words are listed by stem and match case-insensitively at the start of a word, to the
//   end of that word, so every inflection and compound is covered ("tunnekäyrällä",
//   "asiakastyytyväisyyskysely") and the whole word becomes the link.
// - Only plain text inside one text node: never in headings, existing links and link references,
//   inline code, code blocks, raw HTML, MDX expressions, ESM, or JSX attributes, nor in the children
//   of the JSX elements in SKIPPED_JSX_ELEMENTS (e.g. <a>, <code>). The children of other JSX
//   elements (e.g. a <Callout>) are Markdown prose and are linked.
// - "First" is per term (a row of GLOSSARY_TERMS, with all its forms and languages), in document
//   order, not counting the places skipped above: "NPS (Net Promoter Score)" links only "NPS", but
//   "promoters" later in the text still gets its own link. `oncePer: 'anchor'` links each
//   methodology section at most once instead.
//
// The logic is in compileGlossary, shared with the Sätteri adapter in satteri.ts (Astro 7's default
// processor does not run remark plugins).

import type { Link, Root, Text } from 'mdast';
import type { Node, Parent } from 'unist';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { route, withBase } from '../site/routes.ts';

/** Sections of the methodology page (`/methodology/#<anchor>`). */
export const METHODOLOGY_ANCHORS = ['nps', 'csat', 'ces', 'emotion', 'means', 'change', 'suppression'] as const;
export type MethodologyAnchor = (typeof METHODOLOGY_ANCHORS)[number];

/** What each section is called in a link's title, in each language: "Methodology: NPS". */
export const METHODOLOGY_SECTION_LABELS: Readonly<Record<'en' | 'fi', Record<MethodologyAnchor, string>>> = {
  en: {
    nps: 'NPS',
    csat: 'CSAT',
    ces: 'CES',
    emotion: 'emotion curve',
    means: 'means and intervals',
    change: 'change since the previous snapshot',
    suppression: 'small groups',
  },
  fi: {
    nps: 'NPS',
    csat: 'CSAT',
    ces: 'CES',
    emotion: 'tunnekäyrä',
    means: 'keskiarvot ja luottamusvälit',
    change: 'muutos edellisestä jaksosta',
    suppression: 'pienet ryhmät',
  },
};

export interface GlossaryForm {
  /**
   * - `acronym`: exactly as written (case-sensitive), whole word; a Finnish case ending after a
   *   colon ("NPS:n") is included in the link.
   * - `phrase`: any case, whole words; any whitespace (also a line break) between the words.
   * - `stem`: any case, at the start of a word, and the link runs to the end of the word.
   */
  kind: 'acronym' | 'phrase' | 'stem';
  /** The acronym, phrase or stem. */
  text: string;
  /** For stems: words it covers, for the authoring guide. */
  examples?: readonly string[];
}

export interface GlossaryTerm {
  /** Stable id of the term. */
  id: string;
  /** Section of the methodology page the term links to. */
  anchor: MethodologyAnchor;
  /** The term as the authoring guide names it. */
  name: string;
  forms: readonly GlossaryForm[];
}

/** The glossary. Exported for the authoring guide; order does not matter. */
export const GLOSSARY_TERMS: readonly GlossaryTerm[] = [
  {
    id: 'nps',
    anchor: 'nps',
    name: 'NPS (Net Promoter Score, suositteluindeksi)',
    forms: [
      { kind: 'acronym', text: 'NPS' },
      { kind: 'phrase', text: 'Net Promoter Score' },
      { kind: 'stem', text: 'suositteluindeks', examples: ['suositteluindeksi', 'suositteluindeksin', 'suositteluindeksiä'] },
      { kind: 'stem', text: 'nettosuositteluindeks', examples: ['nettosuositteluindeksi', 'nettosuositteluindeksin'] },
    ],
  },
  {
    id: 'promoters',
    anchor: 'nps',
    name: 'promoters (suosittelijat)',
    forms: [
      { kind: 'phrase', text: 'promoter' },
      { kind: 'phrase', text: 'promoters' },
      { kind: 'stem', text: 'suosittelij', examples: ['suosittelija', 'suosittelijat', 'suosittelijoiden'] },
    ],
  },
  {
    id: 'detractors',
    anchor: 'nps',
    name: 'detractors',
    forms: [
      { kind: 'phrase', text: 'detractor' },
      { kind: 'phrase', text: 'detractors' },
    ],
  },
  {
    id: 'csat',
    anchor: 'csat',
    name: 'CSAT (customer satisfaction, asiakastyytyväisyys)',
    forms: [
      { kind: 'acronym', text: 'CSAT' },
      { kind: 'phrase', text: 'customer satisfaction score' },
      { kind: 'phrase', text: 'customer satisfaction' },
      { kind: 'stem', text: 'asiakastyytyväisyy', examples: ['asiakastyytyväisyys', 'asiakastyytyväisyyden', 'asiakastyytyväisyyttä'] },
    ],
  },
  {
    id: 'ces',
    anchor: 'ces',
    name: 'CES (customer effort)',
    forms: [
      { kind: 'acronym', text: 'CES' },
      { kind: 'phrase', text: 'customer effort score' },
      { kind: 'phrase', text: 'customer effort' },
    ],
  },
  {
    id: 'emotion-curve',
    anchor: 'emotion',
    name: 'emotion curve (tunnekäyrä)',
    forms: [
      { kind: 'phrase', text: 'emotion curve' },
      { kind: 'phrase', text: 'emotion curves' },
      { kind: 'stem', text: 'tunnekäyr', examples: ['tunnekäyrä', 'tunnekäyrän', 'tunnekäyrällä', 'tunnekäyriä'] },
    ],
  },
  {
    id: 'moment-of-truth',
    anchor: 'emotion',
    name: 'moment of truth (totuuden hetki)',
    forms: [
      { kind: 'phrase', text: 'moment of truth' },
      { kind: 'phrase', text: 'moments of truth' },
      { kind: 'stem', text: 'totuuden hetk', examples: ['totuuden hetki', 'totuuden hetkellä', 'totuuden hetket'] },
    ],
  },
];

/** JSX elements whose children are never linked (links inside links, code, headings, controls). */
export const SKIPPED_JSX_ELEMENTS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'button', 'code', 'kbd', 'pre', 'samp', 'var', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'label', 'option', 'textarea', 'title',
]);

/** Node types whose content is never linked. JSX elements are decided by name, above. */
const SKIPPED_TYPES: ReadonlySet<string> = new Set([
  'heading', 'link', 'linkReference', 'inlineCode', 'code', 'html', 'definition', 'yaml', 'toml',
  'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm',
]);

export interface GlossaryOptions {
  /** The site's base path, ending with '/': '/' or '/polku/'. */
  base: string;
  /** Link each term once (default), or each methodology section once. */
  oncePer?: 'term' | 'anchor';
  /**
   * The link's title; default `Methodology: <section label>`. Pass e.g. Finnish titles here;
   * `filePath` is the document's (undefined when unknown), for titles in the playbook's language.
   */
  title?: (anchor: MethodologyAnchor, term: GlossaryTerm, filePath: string | undefined) => string;
  /** The glossary; default GLOSSARY_TERMS. */
  terms?: readonly GlossaryTerm[];
  /**
   * The methodology page's path (without the base) for the document at `filePath`, e.g. the page in
   * the playbook's language on a bilingual site (`/fi/methodology/#nps`); default the path as is.
   */
  pathFor?: (path: string, filePath: string | undefined) => string;
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (text: string) => text.trim().split(/\s+/).map(escape).join('\\s+');

/** The regular expression (global, Unicode) that finds one form of a term. */
export function formPattern(form: GlossaryForm): RegExp {
  switch (form.kind) {
    case 'acronym':
      return new RegExp(`${NOT_WORD_BEFORE}${escape(form.text)}(?::\\p{Ll}+)?${NOT_WORD_AFTER}`, 'gu');
    case 'phrase':
      return new RegExp(`${NOT_WORD_BEFORE}${words(form.text)}${NOT_WORD_AFTER}`, 'giu');
    case 'stem':
      return new RegExp(`${NOT_WORD_BEFORE}${words(form.text)}[\\p{L}\\p{M}]*`, 'giu');
  }
}

const defaultTitle = (anchor: MethodologyAnchor) => `Methodology: ${METHODOLOGY_SECTION_LABELS.en[anchor]}`;

interface Matcher {
  term: GlossaryTerm;
  patterns: RegExp[];
}

interface Hit {
  matcher: Matcher;
  index: number;
  text: string;
}

/**
 * Earliest (then longest) occurrence at or after `from` of any term, linked already or not: text
 * that is a form of one term is never read as part of another ("Net Promoter Score" is not also
 * "promoter").
 */
function firstHit(value: string, from: number, matchers: readonly Matcher[]): Hit | null {
  let best: Hit | null = null;
  for (const matcher of matchers) {
    for (const pattern of matcher.patterns) {
      pattern.lastIndex = from;
      const found = pattern.exec(value);
      if (!found) continue;
      const hit = { matcher, index: found.index, text: found[0] };
      if (!best || hit.index < best.index || (hit.index === best.index && hit.text.length > best.text.length)) best = hit;
    }
  }
  return best;
}

function jsxName(node: { type: string }): string | null | undefined {
  if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return undefined;
  return (node as { name?: string | null }).name ?? null;
}

/** True for nodes whose text is never linked: headings, links, code, JSX <a>, … (see above). */
export function isGlossarySkipped(node: { type: string }): boolean {
  if (SKIPPED_TYPES.has(node.type)) return true;
  const name = jsxName(node);
  return !!name && SKIPPED_JSX_ELEMENTS.has(name.toLowerCase());
}

/**
 * One document's linking: call it with the value of each text node that is not inside a skipped
 * node, in document order. Returns the nodes to put in its place, or null to leave it.
 */
export type GlossaryDocument = (value: string) => (Text | Link)[] | null;

/**
 * Checks the options and compiles the patterns once; `document(filePath)` starts a document.
 * The plugin's work without unified (the Sätteri adapter uses it too).
 */
export function compileGlossary(options: GlossaryOptions): { document: (filePath?: string) => GlossaryDocument; finished: (doc: GlossaryDocument) => boolean } {
  if (typeof options?.base !== 'string' || !options.base.startsWith('/') || !options.base.endsWith('/')) {
    throw new Error(`remarkGlossary: option "base" must start and end with "/" (e.g. "/" or "/polku/"), got ${JSON.stringify(options?.base)}`);
  }
  const { base } = options;
  const title = options.title ?? defaultTitle;
  const pathFor = options.pathFor ?? ((path: string) => path);
  const matchers: Matcher[] = (options.terms ?? GLOSSARY_TERMS).map((term) => ({ term, patterns: term.forms.map(formPattern) }));
  const key = (m: Matcher) => (options.oncePer === 'anchor' ? m.term.anchor : m.term.id);
  const keys = new Set(matchers.map(key)).size;
  const finishedDocuments = new WeakSet<GlossaryDocument>();

  const document = (filePath?: string): GlossaryDocument => {
    const linked = new Set<string>();
    const doc: GlossaryDocument = (value) => {
      const parts: (Text | Link)[] = [];
      let at = 0;
      let from = 0;
      for (let hit = firstHit(value, 0, matchers); hit; hit = firstHit(value, from, matchers)) {
        from = hit.index + hit.text.length;
        if (linked.has(key(hit.matcher))) continue;
        if (hit.index > at) parts.push({ type: 'text', value: value.slice(at, hit.index) });
        const { term } = hit.matcher;
        parts.push({
          type: 'link',
          url: withBase(base, pathFor(route.methodology(term.anchor), filePath)),
          title: title(term.anchor, term, filePath),
          children: [{ type: 'text', value: hit.text }],
        });
        linked.add(key(hit.matcher));
        if (linked.size === keys) finishedDocuments.add(doc);
        at = from;
      }
      if (parts.length === 0) return null;
      if (at < value.length) parts.push({ type: 'text', value: value.slice(at) });
      return parts;
    };
    return doc;
  };
  return { document, finished: (doc) => finishedDocuments.has(doc) };
}

/**
 * Returns a function that adds the glossary links to a Markdown tree, in place: the plugin's work
 * without unified.
 */
export function glossaryLinker(options: GlossaryOptions): (tree: Root, filePath?: string) => void {
  const glossary = compileGlossary(options);
  return (tree, filePath) => {
    const doc = glossary.document(filePath);
    visit(tree, (node: Node, index, parent: Parent | undefined) => {
      if (glossary.finished(doc)) return EXIT;
      if (isGlossarySkipped(node)) return SKIP;
      if (node.type !== 'text' || !parent || index === undefined) return undefined;
      const parts = doc((node as Text).value);
      if (!parts) return undefined;
      parent.children.splice(index, 1, ...parts);
      // The new nodes are finished: continue after them.
      return [SKIP, index + parts.length];
    });
  };
}

/**
 * remark plugin: `[remarkGlossary, { base: '/polku/' }]`. Links the first occurrence of each
 * glossary term to `${base}methodology/#<anchor>`.
 */
export function remarkGlossary(options: GlossaryOptions): (tree: Root, file: VFile) => void {
  const link = glossaryLinker(options);
  return (tree, file) => link(tree, file.path);
}
export default remarkGlossary;
