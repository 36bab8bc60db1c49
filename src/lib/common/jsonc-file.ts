// Reads a JSON-with-comments settings file and checks it against a Zod schema, so that every
// mistake is reported at the line and column where the author made it.
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { lineColumnAt, PolkuError } from './errors.ts';

export function parseJsoncFile<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !tree) {
    const offset = first?.offset ?? 0;
    throw new PolkuError(
      `not valid JSON: ${first ? printParseErrorCode(first.error) : 'empty file'}`,
      { file, ...lineColumnAt(text, offset) },
      'check for a missing comma, quote or bracket just before this point (comments // and trailing commas are allowed).',
    );
  }
  const result = schema.safeParse(jsonValue(tree));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // An unknown key is reported on its parent object; point at the key itself.
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  if (unknown !== undefined) path.push(unknown);
  // Point at the deepest node that exists: a missing key is reported at its parent object.
  let offset = tree.offset;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (node) {
      offset = node.parent?.type === 'property' ? node.parent.offset : node.offset;
      break;
    }
  }
  const field = path.length ? `"${path.join('.')}"` : '';
  const message = unknown !== undefined ? `unknown key ${field}` : `${field ? `${field}: ` : ''}${issue.message}`;
  throw new PolkuError(message, { file, ...lineColumnAt(text, offset) }, unknown !== undefined ? 'check its spelling against the reference in README.md.' : 'see the settings reference in README.md.');
}

/**
 * `displayName` is the path shown in messages (relative to the project, as the author knows it).
 * Saved by Notepad or Excel, a settings file may start with a byte-order mark, or be in Windows-1252
 * (a column header with ä): both are read as the author meant them.
 */
export function readJsoncFile<S extends z.ZodType>(file: string, schema: S, displayName = file): z.output<S> {
  return parseJsoncFile(displayName, settingsText(readFileSync(file)), schema);
}

function settingsText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

type Tree = NonNullable<ReturnType<typeof parseTree>>;

/** The plain value of a parse tree, built with null-prototype objects so a `__proto__` key is just a key. */
function jsonValue(node: Tree): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = Object.create(null);
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) out[String(key.value)] = jsonValue(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}
