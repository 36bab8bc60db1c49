// The pipeline's stages import only in the directions their READMEs allow ("May import:"), and
// nothing in the pipeline imports Astro, the pages, the site's strings or its routes: so the
// pipeline runs and is tested without Astro, and a stage can be read knowing only those below it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const isTest = (file: string) => /\.(test|fixture)\.ts$/.test(file);

/** A stage's allowed imports, from its README's `May import:` line. */
function allowedStages(lib: string, stage: string): string[] {
  const readme = readFileSync(join(lib, stage, 'README.md'), 'utf8');
  const line = /^May import: (.*)$/m.exec(readme);
  if (!line) throw new Error(`${stage}/README.md has no "May import:" line`);
  return line[1]!.trim() === 'nothing' ? [] : line[1]!.split(',').map((s) => s.trim());
}

/** Every module a source file names: static and dynamic imports, and worker modules named by path. */
function specifiers(source: string): string[] {
  const found = [...source.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s*'([^']+)'/gm)].map((m) => m[1]!);
  for (const m of source.matchAll(/^import\s*'([^']+)'/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1]!);
  for (const m of source.matchAll(/ = '(\.\/[\w-]+worker\.ts)';/g)) found.push(m[1]!);
  return found;
}

/** Each import in src/lib (tests aside) that breaks the stages' directions, as `file → target: why`. */
export function stageViolations(lib: string): string[] {
  const stages = readdirSync(lib, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const problems: string[] = [];
  for (const file of readdirSync(lib)) if (file.endsWith('.ts') && !isTest(file)) problems.push(`${file}: a module outside every stage`);
  for (const stage of stages) {
    const allowed = new Set([stage, ...allowedStages(lib, stage)]);
    for (const file of readdirSync(join(lib, stage)).filter((f) => f.endsWith('.ts') && !isTest(f))) {
      const from = join(lib, stage, file);
      for (const spec of specifiers(readFileSync(from, 'utf8'))) {
        const where = `${stage}/${file} → ${spec}`;
        if (/^(astro|@astrojs\/|astro:|virtual:)/.test(spec)) problems.push(`${where}: the pipeline does not import Astro`);
        if (!spec.startsWith('.')) continue;
        const target = relative(lib, resolve(dirname(from), spec));
        if (target.startsWith('..')) problems.push(`${where}: outside the pipeline (pages, site strings and routes import it, not the other way)`);
        else if (!allowed.has(target.split(sep)[0]!)) problems.push(`${where}: ${stage} may import ${[...allowed].join(', ')}`);
      }
    }
  }
  return problems;
}

describe('the pipeline stages (src/lib)', () => {
  const lib = import.meta.dirname;

  it('import only in the directions their READMEs allow', () => {
    expect(stageViolations(lib)).toEqual([]);
  });

  it('allow no cycle: each stage may import only stages that do not import it back', () => {
    const stages = readdirSync(lib, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const order: string[] = [];
    const visit = (stage: string, path: string[]) => {
      expect(path, `cycle: ${[...path, stage].join(' → ')}`).not.toContain(stage);
      if (order.includes(stage)) return;
      for (const below of allowedStages(lib, stage)) visit(below, [...path, stage]);
      order.push(stage);
    };
    for (const stage of stages) visit(stage, []);
    expect(order[0]).toBe('common');
    expect(order.at(-1)).toBe('model');
  });

  describe('catch', () => {
    const fake = mkdtempSync(join(tmpdir(), 'polku-stages-'));
    afterAll(() => rmSync(fake, { recursive: true, force: true }));
    const stage = (name: string, mayImport: string, files: Record<string, string>) => {
      mkdirSync(join(fake, name), { recursive: true });
      writeFileSync(join(fake, name, 'README.md'), `# ${name}\n\nMay import: ${mayImport}\n`);
      for (const [file, source] of Object.entries(files)) writeFileSync(join(fake, name, file), source);
    };
    stage('common', 'nothing', { 'errors.ts': "import { x } from '../stats/a.ts';\n" });
    stage('stats', 'common', {
      'a.ts': "import type { StringKey } from '../../site/i18n.ts';\nimport { getCollection } from 'astro:content';\nexport const w = await import('../common/errors.ts');\n",
      'a.test.ts': "import { y } from '../../pages/x.ts';\n",
    });

    it('an import against the direction, one outside the pipeline and one of Astro; tests may import anything', () => {
      expect(stageViolations(fake).sort()).toEqual([
        'common/errors.ts → ../stats/a.ts: common may import common',
        'stats/a.ts → ../../site/i18n.ts: outside the pipeline (pages, site strings and routes import it, not the other way)',
        'stats/a.ts → astro:content: the pipeline does not import Astro',
      ]);
    });
  });
});
