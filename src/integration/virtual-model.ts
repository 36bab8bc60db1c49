// The Vite plugin behind `virtual:polku/model`: how pages get the site model, the snapshots whose
// pages are kept from the previous build, and whether reports link their PDF. The module reads the
// model file when a page first imports it (src/lib/model/model-file.ts: breakdowns stay on disk until
// asked for), so the model is never source code in the bundle.
import { fileURLToPath } from 'node:url';

export const MODEL_MODULE = 'virtual:polku/model';
// Vite's convention: a resolved virtual id starts with \0, so no other plugin treats it as a file.
const RESOLVED = `\0${MODEL_MODULE}`;
const MODEL_FILE_READER = fileURLToPath(new URL('../lib/model/model-file.ts', import.meta.url));

export interface ModelModuleContent {
  /** The model as src/lib/model/model-file.ts writes it; it must stay until the pages are built. */
  modelFile: string;
  /** Snapshots whose touchpoint reports and open data are kept from the previous build, not rendered. */
  keptPages: string[];
  /** Report pages link their PDF (`npm run pdf`). */
  pdf: boolean;
}

export function modelModulePlugin(content: ModelModuleContent) {
  return {
    name: 'polku:model',
    resolveId(id: string): string | undefined {
      return id === MODEL_MODULE ? RESOLVED : undefined;
    },
    load(id: string): string | undefined {
      if (id !== RESOLVED) return undefined;
      return [
        `import { readModelFile } from ${JSON.stringify(MODEL_FILE_READER)};`,
        `export const model = readModelFile(${JSON.stringify(content.modelFile)});`,
        `export const keptPages = ${JSON.stringify(content.keptPages)};`,
        `export const pdf = ${JSON.stringify(content.pdf)};`,
      ].join('\n');
    },
  };
}
