// Charts are trees of plain objects, not markup strings. toSvgString is their one serialiser: the
// site writes its output inline (components/Svg.astro), escaping every text and attribute value.
// Tags and attribute names are allow-listed here and checked again when serialising, so neither
// data nor a bug in a chart can introduce a script, an event handler or a foreign element.

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
  for (const name in attrs) {
    checkAttributeName(name);
    const value = attrs[name];
    // An empty value says nothing (d="", class=""): left out, as undefined is.
    if (value === undefined || value === '') continue;
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`SVG attribute ${name} on <${tag}> is ${value}`);
    clean[name] = typeof value === 'number' ? round2(value) : value;
  }
  return { tag, attrs: clean, children: flatten(children) };
}

/** Names that passed the check: charts use a few dozen, on every element of every page. */
const checkedNames = new Set<string>();

function checkAttributeName(name: string): void {
  if (checkedNames.has(name)) return;
  if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new Error(`SVG attribute ${JSON.stringify(name)} is not allowed in a chart`);
  checkedNames.add(name);
}

function flatten(children: Child[], out: (SvgNode | string)[] = []): (SvgNode | string)[] {
  for (const c of children) {
    if (Array.isArray(c)) flatten(c, out);
    else if (c !== null && c !== undefined && c !== false) out.push(c);
  }
  return out;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const TEXT_SPECIAL = /[&<>]/;
const ATTR_SPECIAL = /[&<>"']/;
const escapeText = (s: string) => (TEXT_SPECIAL.test(s) ? s.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!) : s);
const escapeAttr = (s: string) => (ATTR_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]!) : s);

/** Serialises with escaping of text (& < >) and attribute values (& < > " '). */
export function toSvgString(node: SvgNode): string {
  // Re-check: a tree may have been built or changed without h().
  if (!ALLOWED_TAGS.has(node.tag)) throw new Error(`SVG element <${node.tag}> is not allowed in a chart`);
  let out = `<${node.tag}`;
  for (const name in node.attrs) {
    checkAttributeName(name);
    const value = node.attrs[name];
    if (value !== undefined) out += ` ${name}="${typeof value === 'number' ? value : escapeAttr(value)}"`;
  }
  if (node.children.length === 0) return `${out}/>`;
  out += '>';
  for (const c of node.children) out += typeof c === 'string' ? escapeText(c) : toSvgString(c);
  return `${out}</${node.tag}>`;
}
