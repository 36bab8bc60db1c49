// sitemap.xml for search engines: every page of the site in each of its languages (sitePaths and
// inLanguage in src/site/routes.ts, from the model), as absolute URLs. A sitemap must use absolute URLs, so the route exists only when POLKU_SITE
// gives the site's address (e.g. POLKU_SITE=https://cx.example.fi). A plain sitemap.xml.ts route
// without a body made Astro print "file not created" on every other build.
import type { APIRoute, GetStaticPaths } from 'astro';
import { inLanguage, outlineOf, sitePaths, withBase } from '../site/routes.ts';
import { defaultLang, languages, model } from '../site/model';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export const getStaticPaths = (() => (import.meta.env.SITE ? [{ params: { sitemap: 'sitemap' } }] : [])) satisfies GetStaticPaths;

export const GET: APIRoute = ({ site }) => {
  const pages = sitePaths(outlineOf(model)).filter((p) => p.endsWith('/')).flatMap((p) => languages.map((lang) => inLanguage(p, lang, defaultLang))).sort();
  const urls = pages.map((p) => `  <url><loc>${escapeXml(new URL(withBase(import.meta.env.BASE_URL, p), site).href)}</loc></url>`);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
