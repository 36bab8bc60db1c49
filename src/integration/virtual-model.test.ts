import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeModelFile } from '../lib/model/model-file.ts';
import type { SiteModel } from '../lib/model/site-model.ts';
import { MODEL_MODULE, modelModulePlugin, setModelModuleContent } from './virtual-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'polku-virtual-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The module's source as Vite would get it: resolveId, then load. */
function moduleSource(plugin: ReturnType<typeof modelModulePlugin>): string {
  const id = plugin.resolveId(MODEL_MODULE);
  expect(id).toBe('\0virtual:polku/model');
  return plugin.load(id!)!;
}

/** Evaluates the module's source as a data: URL (its one import is an absolute path). */
async function evaluate(source: string): Promise<{ model: SiteModel; keptPages: string[]; pdf: boolean }> {
  const withFileUrl = source.replace(/from "([^"]+)"/, (_, path: string) => `from ${JSON.stringify(`file://${path}`)}`);
  return import(`data:text/javascript,${encodeURIComponent(withFileUrl)}`);
}

describe('virtual:polku/model', () => {
  it('leaves every other module to Vite', () => {
    const plugin = modelModulePlugin();
    expect(plugin.resolveId('virtual:polku/other')).toBeUndefined();
    expect(plugin.resolveId('./model.ts')).toBeUndefined();
    expect(plugin.load('virtual:polku/model')).toBeUndefined();
  });

  it('reads the model file when imported, and carries the kept pages and the PDF flag', async () => {
    const modelFile = join(dir, 'model.json');
    const model = { site: { title: 'Asiakaskokemus', lang: 'fi' }, snapshots: [] } as unknown as SiteModel;
    writeModelFile(modelFile, model);
    setModelModuleContent({ modelFile, keptPages: ['2025-q4', '2026-q1'], pdf: true });
    const source = moduleSource(modelModulePlugin());
    // Nothing of the data is in the module's source (the bundle is the same after a data change).
    expect(source).not.toContain('Asiakaskokemus');
    expect(source).not.toContain(modelFile);
    expect(source).not.toContain('2025-q4');
    const loaded = await evaluate(source);
    expect(loaded.model).toEqual(model);
    expect(loaded.keptPages).toEqual(['2025-q4', '2026-q1']);
    expect(loaded.pdf).toBe(true);
  });
});
