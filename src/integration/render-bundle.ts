// A build after a data change renders with the previous build's bundle instead of building it again.
// The bundle Astro's static build makes (Vite's prerender environment: pages, components, MDX) depends
// on the code, the content and the settings, never on the data (`virtual:polku/model` reads the model
// at render time), so when their fingerprint is the one it was built from, the pages are rendered from
// it and the client files copied: Astro's setup, content sync and Vite build (most of a small site's
// build) are skipped.
//
// Astro has no public API for this: what is used of its internals is here and only here, pinned to
// the Astro version it was written against. A kept bundle of another version, a missing file or a
// changed fingerprint means the full build, and the reason is printed.
//
// Kept: after Vite's build, when Astro's prerenderer is set up (the integration's
// astro:build:start hook wraps it), the prerender bundle (.prerender/ in the output folder, or in
// .astro/ for an output folder outside the project; Astro deletes it after rendering), the client files already in outDir, and from Astro's build state what rendering
// reads: each page's styles, the head scripts, the settings that place a page's file.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroPrerenderer } from 'astro';

/** The Astro version whose internals this module uses (package.json of astro in node_modules). */
export const ASTRO_VERSION = '7.3.5';
const META = 'bundle.json';

/** What the kept bundle's renderer needs from Astro's build state (plain JSON). */
interface BundleMeta {
  astro: string;
  fingerprint: string;
  entry: string;
  pages: { key: string; styles: unknown[] }[];
  scripts: unknown[];
  config: { base: string; trailingSlash: string; format: string; compressHTML: boolean; redirects: boolean; site: string | undefined; publicDir: string };
  origin: string;
}

/** Astro's default prerenderer as astro:build:start's setPrerenderer hands it over: with its app. */
type Prerenderer = AstroPrerenderer & { app?: BuildApp };
interface Route {
  type: string;
  component: string;
}
interface BuildApp {
  getOptions(): BuildOptions;
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
}
interface BuildOptions {
  settings: {
    config: { root: URL; outDir: URL; publicDir: URL; base: string; trailingSlash: string; build: { format: string; redirects: boolean }; compressHTML: boolean; site?: string };
    scripts: { stage: string }[];
    buildOutput: string;
    adapter?: unknown;
  };
  allPages: Record<string, { key: string; styles: unknown[] }>;
  origin: string;
}

/** Where the bundle for builds into `outDir` is kept: in the snapshot cache's folder, so deleting it makes a build cold. */
export function bundleDir(cacheDir: string, outDir: string): string {
  return join(cacheDir, 'bundle', createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 16));
}

/** The installed Astro's version; the kept bundle is used only with the version this module was written for. */
export function installedAstroVersion(): string {
  const pkg = fileURLToPath(new URL('../package.json', import.meta.resolve('astro')));
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * For astro:build:start's setPrerenderer: Astro's own prerenderer, which after its setup copies the
 * bundle into `dir` for the next build (replacing what was there; the record is written last, so a
 * copy cut short is not used).
 */
export function keepingBundle(dir: string, fingerprint: string): (defaults: AstroPrerenderer) => AstroPrerenderer {
  return (defaults: Prerenderer) => ({
    name: 'polku:keep-bundle',
    async setup() {
      await defaults.setup?.();
      const problem = await keepBundle(defaults.app!, dir, fingerprint);
      if (problem) console.log(`render bundle not kept: ${problem}`);
    },
    getStaticPaths: () => defaults.getStaticPaths(),
    render: (request, options) => defaults.render(request, options),
    teardown: async () => defaults.teardown?.(),
  });
}

/** A module of Astro's that its package does not export (its path in Astro ASTRO_VERSION). */
const astroInternal = (path: string): Promise<unknown> => import(new URL(path, import.meta.resolve('astro')).href);

async function keepBundle(app: BuildApp, dir: string, fingerprint: string): Promise<string | null> {
  if (installedAstroVersion() !== ASTRO_VERSION) return `Astro ${installedAstroVersion()} is installed; Polku keeps bundles of Astro ${ASTRO_VERSION} only`;
  const { settings, allPages, origin } = app.getOptions();
  // A script on every page would need Astro's map of built entry points, which is not kept.
  if (settings.buildOutput !== 'static' || settings.adapter || settings.scripts.some((s) => s.stage === 'page')) return 'the site is not a plain static site';
  const outDir = fileURLToPath(settings.config.outDir);
  const { getPrerenderOutputDirectory } = (await astroInternal('./prerender/utils.js')) as { getPrerenderOutputDirectory: (s: unknown) => URL };
  const prerenderDir = fileURLToPath(getPrerenderOutputDirectory(settings));
  const entry = readdirSync(prerenderDir).find((name) => name.startsWith('prerender-entry'));
  if (!entry) return `no prerender entry in ${prerenderDir}`;
  const next = `${dir}.new-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  cpSync(prerenderDir, join(next, 'bundle'), { recursive: true });
  // The client files (scripts, styles, public/): all that is in outDir before the pages are.
  for (const name of readdirSync(outDir)) if (join(outDir, name) !== prerenderDir.replace(/\/$/, '')) cpSync(join(outDir, name), join(next, 'client', name), { recursive: true });
  const { config } = settings;
  const meta: BundleMeta = {
    astro: ASTRO_VERSION,
    fingerprint,
    entry,
    pages: Object.values(allPages).map((p) => ({ key: p.key, styles: p.styles })),
    scripts: settings.scripts,
    config: { base: config.base, trailingSlash: config.trailingSlash, format: config.build.format, compressHTML: config.compressHTML, redirects: config.build.redirects, site: config.site, publicDir: config.publicDir.href },
    origin,
  };
  writeFileSync(join(next, META), JSON.stringify(meta));
  // The bundle imports the packages it uses by name: node_modules/ beside it is the project's (a link,
  // replaced by a rename, so builds side by side never see it missing).
  const link = join(dirname(dir), 'node_modules');
  symlinkSync(join(fileURLToPath(settings.config.root), 'node_modules'), `${link}.new-${process.pid}`, 'dir');
  renameSync(`${link}.new-${process.pid}`, link);
  rmSync(dir, { recursive: true, force: true });
  renameSync(next, dir);
  return null;
}

/** Why the bundle in `dir` cannot render this build's pages, or null when it can. */
export function bundleProblem(dir: string, fingerprint: string, astroVersion = installedAstroVersion()): string | null {
  const metaFile = join(dir, META);
  if (!existsSync(metaFile)) return 'no bundle kept from a previous build';
  let meta: BundleMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as BundleMeta;
  } catch {
    return 'the kept bundle\'s record is unreadable';
  }
  if (meta.astro !== ASTRO_VERSION || astroVersion !== ASTRO_VERSION) return `the kept bundle is of Astro ${meta.astro}, Astro ${astroVersion} is installed, and Polku renders with kept bundles of Astro ${ASTRO_VERSION} only`;
  if (meta.fingerprint !== fingerprint) return 'the code, content or settings changed since the bundle was built';
  if (!existsSync(join(dir, 'bundle', meta.entry))) return 'the kept bundle is incomplete';
  return null;
}

/**
 * Renders every page into `outDir` (which must not exist) with the bundle kept in `dir`, and copies
 * the client files: what Astro's build writes, byte for byte. Returns the number of pages.
 */
export async function renderWithBundle(dir: string, outDir: string): Promise<number> {
  const meta = JSON.parse(readFileSync(join(dir, META), 'utf8')) as BundleMeta;
  cpSync(join(dir, 'client'), outDir, { recursive: true });
  const { renderPath } = (await astroInternal('./core/build/generate.js')) as { renderPath: (args: unknown) => Promise<{ body: Buffer | string; outFile: URL; outFolder: URL } | null> };
  const { StaticPaths } = (await astroInternal('./runtime/prerender/static-paths.js')) as { StaticPaths: new (app: BuildApp) => { getAll(): Promise<{ pathname: string; route: Route }[]> } };
  const { app } = (await import(pathToFileURL(join(dir, 'bundle', meta.entry)).href)) as { app: BuildApp };
  const outUrl = pathToFileURL(`${outDir}/`);
  const logger = { options: { destination: { write: () => true } }, info() {}, warn: (_label: string, message: string) => console.warn(`warning: ${message}`), error: (_label: string, message: string) => console.error(message), debug() {} };
  const settings = {
    config: {
      outDir: outUrl,
      publicDir: new URL(meta.config.publicDir),
      base: meta.config.base,
      trailingSlash: meta.config.trailingSlash,
      compressHTML: meta.config.compressHTML,
      site: meta.config.site,
      build: { format: meta.config.format, redirects: meta.config.redirects, client: outUrl, server: outUrl },
    },
    scripts: meta.scripts,
    buildOutput: 'static',
  };
  const options = { settings, logger, origin: meta.origin, routesList: { routes: [] }, allPages: {}, pageNames: [] };
  app.setInternals({ pagesByKeys: new Map(meta.pages.map((p) => [p.key, p])), entrySpecifierToBundleMap: new Map() });
  app.setOptions(options);
  const prerenderer = { render: (request: Request, { routeData }: { routeData: Route }) => (app as unknown as { render(r: Request, o: unknown): Promise<Response> }).render(request, { routeData }) };
  const paths = await new StaticPaths(app).getAll();
  let pages = 0;
  // As Astro: the first route of a path wins (a conflict was reported by the full build).
  const seen = new Set<string>();
  for (const { pathname, route } of paths) {
    const normalized = pathname.replace(/\/$/, '');
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    const result = await renderPath({ prerenderer, pathname, route, options, logger, collectMetadata: false });
    if (!result) continue;
    mkdirSync(result.outFolder, { recursive: true });
    writeFileSync(result.outFile, result.body);
    pages++;
  }
  return pages;
}
