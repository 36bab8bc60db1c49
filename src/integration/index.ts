// The Polku integration: what makes an Astro project a Polku site, as Starlight's integration does
// for a documentation site. astro.config.mjs lists it (`integrations: [mdx(), polku()]`), so
// `astro build` and `astro dev` work as in any Astro site; `npm run build` (scripts/build.ts) gives it
// the model it computed, with the pages kept from the previous build.
//
// astro:config:setup: the settings, the model (given, or computed and written to a private folder),
//   the playbooks' Markdown plugins, `virtual:polku/model` for the pages (virtual-model.ts), and every
//   page again under each other language's prefix (language-routes.ts).
// astro:build:done: the search index (search-index.ts).
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AstroConfig, AstroIntegration } from 'astro';
import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import { CONFIG_FILE, loadConfig, type Config } from '../lib/project/config.ts';
import { PolkuError } from '../lib/common/errors.ts';
import { snapshotCacheDir } from '../lib/ingest/snapshot-cache.ts';
import { listSnapshotFiles } from '../lib/ingest/snapshot-files.ts';
import { sitePages } from '../site/site-pages.ts';
import { satteriGlossary, satteriPlaybookLinks } from '../remark/satteri.ts';
import { privateTempDir, removeOnExit } from './private-temp.ts';
import { writeSiteModel } from './data-pipeline.ts';
import { indexForSearch } from './search-index.ts';
import { keepingBundle } from './render-bundle.ts';
import { languageRoutes } from './language-routes.ts';
import { pathInPlaybookLanguage, playbookLanguages, titleInPlaybookLanguage } from './playbook-language.ts';
import { modelModulePlugin, setModelModuleContent, type ModelModuleContent } from './virtual-model.ts';

export interface PolkuOptions extends Partial<ModelModuleContent> {
  /** Keep the bundle in this folder for the next build, with the fingerprint of its inputs (render-bundle.ts). */
  keepBundle?: { dir: string; fingerprint: string };
  /** Called with the seconds the search index took (the summary of `npm run build`). */
  onSearchIndexed?: (seconds: number) => void;
}

const NAME = 'polku';
/**
 * Marks the astro:config:setup hook of an integration given a model file: astro.config.mjs's own
 * polku() steps aside for it. On the hook, as Astro copies the integration objects; a global symbol,
 * as astro.config.mjs loads its own copy of this module.
 */
const GIVEN_MODEL = Symbol.for('polku.given-model');
type SetupHook = NonNullable<AstroIntegration['hooks']['astro:config:setup']>;
const givenModel = (hook: unknown) => typeof hook === 'function' && GIVEN_MODEL in hook;

export function polku(options: PolkuOptions = {}): AstroIntegration {
  // Whether this instance does the work.
  let active = false;
  const setup: SetupHook = async ({ config, command, updateConfig, addWatchFile, injectRoute }) => {
    // Astro appends the integrations scripts/build.ts passes to astro.config.mjs's.
    active = givenModel(setup) || !config.integrations.some((other) => other.name === NAME && givenModel(other.hooks['astro:config:setup']));
    if (!active) return;
    const root = fileURLToPath(config.root);
    const polkuConfig = loadConfig(root);
    for (const route of languageRoutes(fileURLToPath(new URL('pages/', config.srcDir)), polkuConfig.site.languages, polkuConfig.site.lang)) injectRoute(route);
    addPlaybookPlugins(config, polkuConfig);
    const modelFile = options.modelFile ?? (await computeModel(polkuConfig));
    setModelModuleContent({ modelFile, keptPages: options.keptPages ?? [], pdf: options.pdf ?? false });
    updateConfig({ vite: { plugins: [modelModulePlugin()] } });
    // astro dev restarts when one of these changes, and this hook computes the model again.
    if (command === 'dev') for (const file of modelInputs(polkuConfig, root)) addWatchFile(file);
  };
  if (options.modelFile !== undefined) Object.defineProperty(setup, GIVEN_MODEL, { value: true });
  return {
    name: NAME,
    hooks: {
      'astro:config:setup': setup,
      'astro:build:start': ({ setPrerenderer }) => {
        if (active && options.keepBundle) setPrerenderer(keepingBundle(options.keepBundle.dir, options.keepBundle.fingerprint));
      },
      'astro:build:done': async ({ dir }) => {
        if (!active) return;
        const started = performance.now();
        await indexForSearch(fileURLToPath(dir));
        options.onSearchIndexed?.((performance.now() - started) / 1000);
      },
    },
  };
}

/**
 * Astro's Markdown processor (Sätteri) runs these on every playbook: links between playbooks must
 * resolve (a broken one fails the build at its line), and glossary terms link to the methodology
 * page in the playbook's language.
 * mdx() uses the same processor for .mdx files.
 */
function addPlaybookPlugins(astro: AstroConfig, config: Config): void {
  const processor = astro.markdown.processor;
  if (!isSatteriProcessor(processor)) {
    throw new PolkuError(`the Markdown processor "${processor.name}" does not run Polku's playbook link check and glossary`, { file: 'astro.config.mjs' }, 'remove `markdown.processor` from astro.config.mjs (Astro then uses Sätteri).');
  }
  const base = astro.base.endsWith('/') ? astro.base : `${astro.base}/`;
  const pages = sitePages(config.content, listSnapshotFiles(config.snapshots, config.root).map((f) => f.id));
  const languageOf = playbookLanguages(config);
  const pathFor = pathInPlaybookLanguage(config, languageOf);
  processor.options.mdastPlugins.push(satteriPlaybookLinks({ base, pages, pathFor }), satteriGlossary({ base, pathFor, title: titleInPlaybookLanguage(config, languageOf) }));
}

/** Runs the data pipeline when Astro runs on its own; the model goes to a private folder removed at exit. */
async function computeModel(config: Config): Promise<string> {
  const dir = privateTempDir();
  removeOnExit([dir]);
  const modelFile = join(dir, 'model.json');
  await writeSiteModel(config, { cacheDir: snapshotCacheDir(config, process.env, process.argv), modelFile });
  return modelFile;
}

/**
 * The files the model is computed from besides the playbooks (which Astro's content collection
 * watches): the settings, the mapping, the journeys and the snapshots. A snapshot file added while
 * astro dev runs is not among them: a restart shows it.
 */
function modelInputs(config: Config, root: string): string[] {
  const journeys = join(config.content, 'journeys');
  return [
    resolve(root, process.env.POLKU_CONFIG ?? CONFIG_FILE),
    config.mapping,
    ...(existsSync(journeys) ? readdirSync(journeys).map((name) => join(journeys, name)) : []),
    ...listSnapshotFiles(config.snapshots, config.root).map((f) => f.path),
  ];
}
