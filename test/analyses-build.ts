// Test-only: builds the sample site with comment themes and key drivers in its model (from
// src/site/analyses.test-helper.ts), as the analyses of issue #23 will fill them; until they land the
// model gives null. The data pipeline as `npm run build` runs it, the values put in, then Astro with
// the Polku integration given that model. Usage: node test/analyses-build.ts <outDir>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'astro';
import { loadConfig } from '../src/lib/project/config.ts';
import { readModelFile, writeModelFile } from '../src/lib/model/model-file.ts';
import { writeSiteModel } from '../src/integration/data-pipeline.ts';
import { polku } from '../src/integration/index.ts';
import { withAnalyses } from '../src/site/analyses.test-helper.ts';

const outDir = resolve(process.argv[2] ?? 'dist');
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'polku-analyses-'));
try {
  const computed = join(dir, 'computed.json');
  await writeSiteModel(loadConfig(root), { cacheDir: null, modelFile: computed });
  const modelFile = join(dir, 'model.json');
  writeModelFile(modelFile, withAnalyses(readModelFile(computed)));
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  await build({ root, outDir, cacheDir: join(dir, 'astro-cache'), logLevel: 'warn', integrations: [polku({ modelFile })] });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
