// The Vite plugin behind `virtual:polku/model`: how pages get the site model, the snapshots whose
// pages are kept from the previous build, and whether reports link their PDF. The module reads them
// when a page first imports it, from what the build set in this process (setModelModuleContent): the
// model file (src/lib/model/model-file.ts: breakdowns stay on disk until asked for) and the two
// settings. So nothing of the data is source code in the bundle, and a build after a data change can
// render with the previous build's bundle (render-bundle.ts).
import { fileURLToPath } from 'node:url';

export const MODEL_MODULE = 'virtual:polku/model';
// Vite's convention: a resolved virtual id starts with \0, so no other plugin treats it as a file.
const RESOLVED = `\0${MODEL_MODULE}`;
const MODEL_FILE_READER = fileURLToPath(new URL('../lib/model/model-file.ts', import.meta.url));
/** A global symbol: the bundle's copy of this code and the build's are different module instances. */
const CONTENT = Symbol.for('polku.model-module-content');

export interface ModelModuleContent {
  /** The model as src/lib/model/model-file.ts writes it; it must stay until the pages are built. */
  modelFile: string;
  /** Snapshots whose touchpoint reports and open data are kept from the previous build, not rendered. */
  keptPages: string[];
  /** Report pages link their PDF (`npm run pdf`). */
  pdf: boolean;
}

/** What `virtual:polku/model` gives the pages this process renders; set before the first page is. */
export function setModelModuleContent(content: ModelModuleContent): void {
  (globalThis as Record<symbol, unknown>)[CONTENT] = content;
}

export function modelModulePlugin() {
  return {
    name: 'polku:model',
    resolveId(id: string): string | undefined {
      return id === MODEL_MODULE ? RESOLVED : undefined;
    },
    load(id: string): string | undefined {
      if (id !== RESOLVED) return undefined;
      const content = `globalThis[Symbol.for(${JSON.stringify(CONTENT.description)})]`;
      return [
        `import { readModelFile } from ${JSON.stringify(MODEL_FILE_READER)};`,
        `const content = ${content};`,
        `if (!content) throw new Error('virtual:polku/model: no model was given to this process (setModelModuleContent)');`,
        `export const model = readModelFile(content.modelFile);`,
        `export const keptPages = content.keptPages;`,
        `export const pdf = content.pdf;`,
      ].join('\n');
    },
  };
}
