// remarkPlaybookLinks: a playbook may only link to pages this site has. Every internal link
// ("/methodology/", "../service-desk-queue/", "service-desk-queue", "./") is resolved against the
// playbook's own address, /playbooks/<journey>/<touchpoint>/, and looked up in the set of pages the
// build produces. A link to no page stops the build with one message per broken link: where it is
// (file:line:column), where it goes, and the nearest page when one is close. Links that work are
// rewritten to absolute addresses under the site's base with a trailing slash, so the site also
// works from a sub-folder.
//
// Checked: Markdown links, the definitions of reference links ([text][ref] … [ref]: url), and the
// literal `href` of JSX <a> elements. Left alone: external addresses (http:, https:, mailto:, tel:,
// any other scheme, //host), same-page anchors (#steps), images, raw HTML, and files outside
// content/touchpoints/ (which are not playbooks). A link's ?query and #anchor are kept but not
// checked: only the page is.
//
// The logic is in compilePlaybookLinks, shared with the Sätteri adapter in satteri.ts (Astro 7's
// default processor does not run remark plugins).

import { posix } from 'node:path';
import type { Definition, Link, Root } from 'mdast';
import type { Node, Position } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { LANGUAGE_SUFFIX } from '../lib/project/content.ts';
import { route } from '../site/routes.ts';

export interface PlaybookLinkOptions {
  /** The site's base path, ending with '/': '/' or '/polku/'. */
  base: string;
  /**
   * Every path the build produces, without the base: '/methodology/',
   * '/playbooks/electronics-pickup/service-desk-queue/', '/data/2026-q3.csv'. Paths of pages may
   * be given with or without the trailing slash.
   */
  pages: Iterable<string>;
  /**
   * A checked page's path as the playbook at `filePath` links it: in the playbook's own language on a
   * site of several (`/fi/playbooks/…` from a Finnish one). Default: as it is.
   */
  pathFor?: (path: string, filePath: string | undefined) => string;
}

/** One link that goes to no page. */
export interface BrokenLink {
  /** The address as written. */
  url: string;
  /** The site path it resolves to, without base ('' when there is none). */
  target: string;
  line: number | undefined;
  column: number | undefined;
  /** The nearest page, written the way the author wrote the link (relative or absolute). */
  suggestion: string | undefined;
  /** The sentence for people, without the location. */
  reason: string;
}

/** Thrown when a playbook has broken links; the message lists all of them, one a line. */
export class BrokenLinkError extends Error {
  /** Location of the first broken link, for Astro's error overlay. */
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly links: readonly BrokenLink[];

  constructor(file: string, links: readonly BrokenLink[]) {
    super(links.map((link) => `${formatWhere(file, link)}: ${link.reason}`).join('\n'));
    this.name = 'BrokenLinkError';
    this.file = file;
    this.line = links[0]?.line;
    this.column = links[0]?.column;
    this.links = links;
  }
}

function formatWhere(file: string, { line, column }: Pick<BrokenLink, 'line' | 'column'>): string {
  return line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

const PLAYBOOK_FILE = /(?:^|\/)content\/touchpoints\/(.+)\.mdx?$/i;

/**
 * The address of the playbook in `filePath` ('/playbooks/<journey>/<touchpoint>/'), from the last
 * two path segments under content/touchpoints/; null when the file is not a playbook.
 */
export function playbookUrlOf(filePath: string): string | null {
  const path = filePath.replace(/\\/g, '/').replace(/[?#].*$/, '');
  const found = PLAYBOOK_FILE.exec(path);
  if (!found?.[1]) return null;
  const segments = found[1].split('/').filter(Boolean);
  if (segments.length < 2) return null;
  const [journey, touchpoint] = segments.slice(-2);
  // A translation (`aftercare.fi.mdx`) is the same touchpoint's page.
  return route.playbook(journey!.toLowerCase(), touchpoint!.toLowerCase().replace(LANGUAGE_SUFFIX, ''));
}

/** The file's name for messages: from content/ on for content files, else relative to cwd. */
export function displayPath(filePath: string, cwd: string): string {
  const path = filePath.replace(/\\/g, '/');
  const content = path.lastIndexOf('/content/');
  if (content !== -1) return path.slice(content + 1);
  cwd = cwd.replace(/\\/g, '/');
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

/** http:, mailto:, tel:, javascript:, … and protocol-relative //host addresses. */
const EXTERNAL = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;
const ORIGIN = 'http://polku.invalid';

export type LinkTarget =
  | { kind: 'external' }
  | { kind: 'same-page' }
  | { kind: 'internal'; path: string; suffix: string };

/** Appends '/' to page paths; leaves file paths ('/data/2026-q3.csv') and '…/index.html' → '…/'. */
export function normalisePath(path: string): string {
  let p = path.startsWith('/') ? path : `/${path}`;
  p = p.replace(/\/index\.html?$/i, '/');
  if (p.endsWith('/')) return p;
  const last = p.slice(p.lastIndexOf('/') + 1);
  return /\.[a-z\d]+$/i.test(last) ? p : `${p}/`;
}

/**
 * Where `url`, written on the page at `pageUrl`, goes: the site path without base and with a
 * trailing slash for pages, and the ?query#anchor that followed it.
 */
export function resolveLink(url: string, pageUrl: string, base: string): LinkTarget {
  const written = url.trim();
  if (EXTERNAL.test(written)) return { kind: 'external' };
  if (written.startsWith('#') || written.startsWith('?')) return { kind: 'same-page' };
  const resolved = new URL(written, ORIGIN + pageUrl);
  let path = resolved.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed %-escapes: compare as written.
  }
  if (base !== '/' && (path === base.slice(0, -1) || path.startsWith(base))) path = path.slice(base.length - 1) || '/';
  return { kind: 'internal', path: normalisePath(path), suffix: resolved.search + resolved.hash };
}

/** Edit distance (insertions, deletions, substitutions) between two strings, by code point. */
export function levenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0) return t.length;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

const lastSegment = (path: string) => path.replace(/\/$/, '').split('/').pop() ?? '';
const withoutExtension = (segment: string) => segment.replace(/\.(?:mdx?|html?)$/i, '');

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The page a broken `target` most likely meant, or undefined when none is close: a page with the
 * same last segment (a link one folder too deep or shallow, or to the .mdx file), else the page
 * with the smallest edit distance when that is at most a third of the path (typos).
 */
export function nearestPage(target: string, pages: Iterable<string>): string | undefined {
  const all = [...pages].sort();
  const name = withoutExtension(lastSegment(target));
  if (name) {
    const same = all.filter((page) => lastSegment(page) === name);
    if (same.length > 0) return same.reduce((best, page) => (commonPrefix(page, target) > commonPrefix(best, target) ? page : best));
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const page of all) {
    const distance = levenshtein(target, page);
    if (distance < bestDistance) {
      best = page;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(target.length / 3)) ? best : undefined;
}

/** `target` as the author would write it on `pageUrl`: relative when they wrote relative links. */
function writeLike(written: string, target: string, pageUrl: string): string {
  if (written.trim().startsWith('/')) return target;
  const relative = posix.relative(pageUrl, target);
  if (relative.split('/').filter((s) => s === '..').length > 2) return target;
  if (relative === '') return './';
  return target.endsWith('/') ? `${relative}/` : relative;
}

/** One playbook's checking: `check` each link's address, then read `broken`. */
export interface PlaybookLinkDocument {
  /** The playbook's address, '/playbooks/<journey>/<touchpoint>/'. */
  readonly pageUrl: string;
  /**
   * Checks one address written in the playbook at `position`. Returns the address to write
   * instead when it goes to a page, undefined to leave it (external, anchor, or broken; broken
   * ones are added to `broken`).
   */
  check(url: string, position: Position | undefined): string | undefined;
  readonly broken: BrokenLink[];
}

/**
 * Checks the options once; `document(filePath)` starts a playbook, or returns null when the file
 * is not one. The plugin's work without unified (the Sätteri adapter uses it too).
 */
export function compilePlaybookLinks(options: PlaybookLinkOptions): { document: (filePath: string | undefined) => PlaybookLinkDocument | null } {
  const { base } = options;
  if (typeof base !== 'string' || !base.startsWith('/') || !base.endsWith('/')) {
    throw new Error(`remarkPlaybookLinks: option "base" must start and end with "/" (e.g. "/" or "/polku/"), got ${JSON.stringify(base)}`);
  }
  const pages = new Set([...options.pages].map(normalisePath));
  const pathFor = options.pathFor ?? ((path: string) => path);

  const document = (filePath: string | undefined): PlaybookLinkDocument | null => {
    const pageUrl = filePath ? playbookUrlOf(filePath) : null;
    if (!pageUrl) return null;
    const broken: BrokenLink[] = [];
    const check = (written: string, position: Position | undefined): string | undefined => {
      const where = { line: position?.start.line, column: position?.start.column };
      if (written.trim() === '') {
        broken.push({ url: written, target: '', ...where, suggestion: undefined, reason: 'this link has no address. Write the page between the brackets: [text](/playbooks/journey/touchpoint/).' });
        return undefined;
      }
      const target = resolveLink(written, pageUrl, base);
      if (target.kind !== 'internal') return undefined;
      if (pages.has(target.path)) return base + pathFor(target.path, filePath).slice(1) + target.suffix;
      const near = nearestPage(target.path, pages);
      const suggestion = near === undefined ? undefined : writeLike(written, near, pageUrl) + target.suffix;
      const file = /\.mdx?$/i.test(lastSegment(target.path)) ? ' Link to the page, not to its .mdx file.' : '';
      const hint = suggestion === undefined ? ' Check the address against the site: playbooks are /playbooks/<journey>/<touchpoint>/.' : ` Did you mean ${suggestion}?`;
      broken.push({
        url: written,
        target: target.path,
        ...where,
        suggestion,
        reason: `link "${written}" goes to ${target.path}, which is not a page of this site.${file}${hint}`,
      });
      return undefined;
    };
    return { pageUrl, check, broken };
  };
  return { document };
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

/** The literal href attribute of a JSX <a> element, if it has one. */
export function jsxHref(node: { type: string }): JsxAttribute | undefined {
  if (node.type !== 'mdxJsxTextElement' && node.type !== 'mdxJsxFlowElement') return undefined;
  const element = node as { name?: unknown; attributes?: JsxAttribute[] };
  if (element.name !== 'a') return undefined;
  return (element.attributes ?? []).find((a) => a.type === 'mdxJsxAttribute' && a.name === 'href' && typeof a.value === 'string');
}

/**
 * Returns a function that checks and rewrites the links of one playbook tree in place and returns
 * its broken links (empty when all are fine, or when `filePath` is not a playbook). The plugin's
 * work without unified.
 */
export function playbookLinkChecker(options: PlaybookLinkOptions): (tree: Root, filePath: string | undefined) => BrokenLink[] {
  const links = compilePlaybookLinks(options);
  return (tree, filePath) => {
    const doc = links.document(filePath);
    if (!doc) return [];
    visitParents(tree, (node: Node, ancestors: Node[]) => {
      // Links the glossary added have no position: report the paragraph they are in.
      const position = node.position ?? [...ancestors].reverse().find((a) => a.position)?.position;
      if (node.type === 'link' || node.type === 'definition') {
        const withUrl = node as Link | Definition;
        const url = doc.check(withUrl.url, position);
        if (url !== undefined) withUrl.url = url;
        return;
      }
      const href = jsxHref(node);
      if (href) {
        const url = doc.check(href.value as string, position);
        if (url !== undefined) href.value = url;
      }
    });
    return doc.broken;
  };
}

/**
 * remark plugin: `[remarkPlaybookLinks, { base: '/polku/', pages }]`. Throws BrokenLinkError,
 * listing every broken link of the playbook, when one or more links go to no page.
 */
export function remarkPlaybookLinks(options: PlaybookLinkOptions): (tree: Root, file: VFile) => void {
  const check = playbookLinkChecker(options);
  return (tree, file) => {
    const broken = check(tree, file.path);
    if (broken.length > 0) throw new BrokenLinkError(displayPath(file.path ?? '', file.cwd), broken);
  };
}
export default remarkPlaybookLinks;
