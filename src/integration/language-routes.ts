// Every page of the site in each of its languages: src/pages holds each page once, at the default
// language's address; the integration adds each .astro page again under each other language's prefix
// (/fi/reports/[snapshot]), with the same file as its entry point. The page reads its language from
// its address (src/site/model.ts, pageLanguage). Endpoints (open data, the sitemap) and the 404 page
// are one per site.
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface LanguageRoute {
  pattern: string;
  entrypoint: string;
}

export function languageRoutes(pagesDir: string, languages: readonly string[], defaultLang: string): LanguageRoute[] {
  const pages = readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('.astro') && file !== '404.astro')
    .sort();
  return languages
    .filter((lang) => lang !== defaultLang)
    .flatMap((lang) =>
      pages.map((file) => ({
        pattern: `/${lang}/${file.replace(/\.astro$/, '').replace(/(^|\/)index$/, '')}`.replace(/\/$/, ''),
        entrypoint: join(pagesDir, file),
      })),
    );
}
