// Charts are trees of plain objects, not markup strings: the site renders a tree with
// components/Svg.astro (which escapes every text and attribute), and toSvgString serialises it
// with the same escaping for tests and print output. Tags and attribute names are allow-listed
// here, so neither data nor a bug in a chart can introduce a script, an event handler or a
// foreign element.

export type Attrs = Record<string, string | number | undefined>;

export interface SvgNode {
  tag: string;
  attrs: Attrs;
  children: (SvgNode | string)[];
}

type Child = SvgNode | string | null | undefined | false | Child[];

/** The only elements a chart may contain: no script, style, foreignObject, use, a, image. */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'svg', 'g', 'path', 'line', 'rect', 'circle', 'text', 'tspan', 'title', 'desc', 'polygon', 'polyline',
]);

/** Letters, digits, '-' and ':' (viewBox, stroke-dasharray, xml:lang); event handlers (on…) are refused. */
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-:]*$/i;

/** Rounds to 2 decimals so output is deterministic and small; never returns -0. */
export function round2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

/** A list of points as the `points` attribute of polygon/polyline, rounded like every other number. */
export function pointsAttr(points: [number, number][]): string {
  return points.map(([x, y]) => `${round2(x)},${round2(y)}`).join(' ');
}

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): SvgNode {
  if (!ALLOWED_TAGS.has(tag)) throw new Error(`SVG element <${tag}> is not allowed in a chart`);
  const clean: Attrs = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new Error(`SVG attribute ${JSON.stringify(name)} is not allowed in a chart`);
    // Astro writes "" as a bare attribute name (d instead of d=""); dropping it keeps both renderers equal.
    if (value === undefined || value === '') continue;
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`SVG attribute ${name} on <${tag}> is ${value}`);
    clean[name] = typeof value === 'number' ? round2(value) : value;
  }
  return { tag, attrs: clean, children: flatten(children) };
}

function flatten(children: Child[]): (SvgNode | string)[] {
  return children.flatMap((c) => (Array.isArray(c) ? flatten(c) : c === null || c === undefined || c === false ? [] : [c]));
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeText = (s: string) => s.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]!);

/** Serialises with escaping of text (& < >) and attribute values (& < > " '); used by tests and print output. */
export function toSvgString(node: SvgNode): string {
  // Re-check: a tree may have been built or changed without h().
  if (!ALLOWED_TAGS.has(node.tag)) throw new Error(`SVG element <${node.tag}> is not allowed in a chart`);
  let attrs = '';
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new Error(`SVG attribute ${JSON.stringify(name)} is not allowed in a chart`);
    if (value !== undefined) attrs += ` ${name}="${escapeAttr(String(value))}"`;
  }
  if (node.children.length === 0) return `<${node.tag}${attrs}/>`;
  const inner = node.children.map((c) => (typeof c === 'string' ? escapeText(c) : toSvgString(c))).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
