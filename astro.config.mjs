// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// `npm run build` (scripts/build.ts) computes the data model first and builds into a temporary
// folder that replaces dist/ only when everything succeeded. POLKU_BASE serves the site from a
// sub-folder (e.g. /polku/).
export default defineConfig({
  output: 'static',
  base: process.env.POLKU_BASE ?? '/',
  site: process.env.POLKU_SITE,
  trailingSlash: 'always',
  integrations: [mdx()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
