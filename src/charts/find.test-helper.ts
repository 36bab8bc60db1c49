// Test-only helpers for walking a chart's node tree (not part of the charts' API).
import type { SvgNode } from './svg.ts';

type Match = Record<string, string | number | RegExp>;

function matches(node: SvgNode, tag: string, attrs: Match): boolean {
  if (node.tag !== tag) return false;
  return Object.entries(attrs).every(([name, want]) => {
    const have = node.attrs[name];
    if (have === undefined) return false;
    return want instanceof RegExp ? want.test(String(have)) : have === want;
  });
}

/** Every node with this tag whose attributes match (exact value, or a RegExp on its text; class matches one class name). */
export function findAll(root: SvgNode, tag: string, attrs: Match = {}): SvgNode[] {
  const { class: cls, ...rest } = attrs;
  const out: SvgNode[] = [];
  const walk = (n: SvgNode) => {
    const classOk = cls === undefined || String(n.attrs.class ?? '').split(/\s+/).some((c) => (cls instanceof RegExp ? cls.test(c) : c === String(cls)));
    if (classOk && matches(n, tag, rest)) out.push(n);
    for (const c of n.children) if (typeof c !== 'string') walk(c);
  };
  walk(root);
  return out;
}

/** The one node matching; fails when there are none or several. */
export function findOne(root: SvgNode, tag: string, attrs: Match = {}): SvgNode {
  const all = findAll(root, tag, attrs);
  if (all.length !== 1) throw new Error(`expected one <${tag}> matching ${JSON.stringify(attrs)}, found ${all.length}`);
  return all[0]!;
}

/** All text inside a node, concatenated. */
export function textOf(node: SvgNode): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** The text of a node's own <title> child, if any. */
export function titleOf(node: SvgNode): string | undefined {
  const t = node.children.find((c): c is SvgNode => typeof c !== 'string' && c.tag === 'title');
  return t && textOf(t);
}

/** How many subpaths a path's d has: a break in a line shows as a second M. */
export function subpaths(d: string | number | undefined): number {
  return (String(d ?? '').match(/M/g) ?? []).length;
}
