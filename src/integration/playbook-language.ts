// Which language each playbook is written in, for the links the build adds to it: a glossary term in
// installation.fi.mdx links to /fi/methodology/, the methodology in the language the reader is reading.
import { resolve } from 'node:path';
import type { Config } from '../lib/project/config.ts';
import { loadContent } from '../lib/project/content.ts';
import { inLanguage } from '../site/routes.ts';

/**
 * `path` (a page of the site, without the base) in the language of the playbook at `filePath`: its
 * file name's (`<id>.fi.mdx`), else its journey's. Unchanged for a language the site is not built in
 * (a single-language site has no /fi/ pages) and for a file that is no playbook.
 */
export function pathInPlaybookLanguage(config: Config): (path: string, filePath: string | undefined) => string {
  const languageOf = new Map<string, string>();
  for (const journey of loadContent(config.content, config.root).journeys) {
    for (const stage of journey.stages) {
      for (const touchpoint of stage.touchpoints) {
        if (touchpoint.lang) languageOf.set(resolve(config.root, touchpoint.file), touchpoint.lang);
        for (const [lang, text] of Object.entries(touchpoint.translations)) languageOf.set(resolve(config.root, text.file), lang);
      }
    }
  }
  return (path, filePath) => {
    const lang = filePath === undefined ? undefined : languageOf.get(resolve(filePath));
    return lang && (config.site.languages as readonly string[]).includes(lang) ? inLanguage(path, lang, config.site.lang) : path;
  };
}
