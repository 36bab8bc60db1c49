// Sizes a reader can hold in mind: no source file over 400 lines and no function over 80 (issue #19).
// A file that is mostly a table of data may be longer; it is named here with the reason.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
/** Files allowed to be longer, and why. */
const TABLES: Record<string, string> = {
  'src/site/i18n.ts': 'every interface string in both languages',
};

/** The project's source (not tests or fixtures) as TypeScript: .ts files and .astro frontmatter. */
function sources(): { file: string; text: string }[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'scripts'], { cwd: `${import.meta.dirname}/..`, encoding: 'utf8' }).split('\n');
  return files
    .filter((f) => /\.(ts|astro)$/.test(f) && !/\.test\.ts$|\.fixture\.ts$|\.test-helper\.ts$/.test(f))
    .flatMap((file) => {
      const text = readFileSync(`${import.meta.dirname}/../${file}`, 'utf8');
      if (!file.endsWith('.astro')) return [{ file, text }];
      const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text);
      return frontmatter ? [{ file, text: frontmatter[1]! }] : [];
    });
}

/** Functions longer than the limit in one source text, as `file:line name (n lines)`. */
export function longFunctions(file: string, text: string, limit = MAX_FUNCTION_LINES): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      if (lines > limit) found.push(`${file}:${first + 1} ${node.name?.getText(source) ?? '(anonymous)'} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('source sizes', () => {
  const all = sources();

  it(`no file over ${MAX_FILE_LINES} lines but tables of data`, () => {
    const long = all.filter(({ file, text }) => text.split('\n').length > MAX_FILE_LINES && !(file in TABLES)).map(({ file, text }) => `${file} (${text.split('\n').length} lines)`);
    expect(long).toEqual([]);
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(all.flatMap(({ file, text }) => longFunctions(file, text))).toEqual([]);
  });

  it('finds a long function, named or not', () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    expect(longFunctions('x.ts', `export function long() {\n${body}\n}\nconst short = () => 1;\nexport const anon = () => {\n${body}\n};\n`)).toEqual(['x.ts:1 long (83 lines)', 'x.ts:85 (anonymous) (83 lines)']);
  });
});
