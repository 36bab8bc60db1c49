// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { loadConfig } from './src/lib/project/config.ts';
import { listSnapshotFiles } from './src/lib/ingest/snapshot-files.ts';
import { sitePages } from './src/site/site-pages.ts';
import { satteriGlossary, satteriPlaybookLinks } from './src/remark/satteri.ts';

// `npm run build` (scripts/build.ts) computes the data model first and builds into a temporary
// folder that replaces dist/ only when everything succeeded. POLKU_BASE serves the site from a
// sub-folder (e.g. /polku/).
const base = process.env.POLKU_BASE ?? '/';
const polku = loadConfig();
const pages = sitePages(polku.content, listSnapshotFiles(polku.snapshots, polku.root).map((f) => f.id));
const withSlash = base.endsWith('/') ? base : `${base}/`;

export default defineConfig({
  output: 'static',
  base,
  site: process.env.POLKU_SITE,
  trailingSlash: 'always',
  // Four pages at a time: one renders while the others' files are written (a site of thousands of
  // pages spent seconds waiting on writes). Output is the same; only the order of writing changes.
  build: { format: 'directory', concurrency: 4 },
  devToolbar: { enabled: false },
  // Astro's Markdown processor (Sätteri) runs these on every playbook: links between playbooks must
  // resolve (a broken one fails the build at its line), and glossary terms link to the methodology.
  markdown: {
    processor: satteri({
      mdastPlugins: [satteriPlaybookLinks({ base: withSlash, pages }), satteriGlossary({ base: withSlash })],
    }),
  },
  integrations: [mdx()],
  vite: {
    build: {
      rollupOptions: {
        // MDX modules carry Astro's own head-injection directive; the bundler's note about it is noise.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
