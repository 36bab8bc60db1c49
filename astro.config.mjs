// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { polku } from './src/integration/index.ts';

// The Polku integration (src/integration/) computes the data model, registers the playbooks' Markdown
// plugins and writes the search index; `npm run build` (scripts/build.ts) gives it the model it
// computed and builds into a temporary folder that replaces dist/ only when everything succeeded.
// POLKU_BASE serves the site from a sub-folder (e.g. /polku/).
export default defineConfig({
  output: 'static',
  base: process.env.POLKU_BASE ?? '/',
  site: process.env.POLKU_SITE,
  trailingSlash: 'always',
  // Four pages at a time: one renders while the others' files are written (a site of thousands of
  // pages spent seconds waiting on writes). Output is the same; only the order of writing changes.
  build: { format: 'directory', concurrency: 4 },
  devToolbar: { enabled: false },
  integrations: [mdx(), polku()],
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
