// Which language each playbook is written in, for the links the build adds to it: a glossary term in
// installation.fi.mdx links to /fi/methodology/, the methodology in the language the reader is reading,
// and its title ("Menetelmät: NPS") is in that language too.
import { resolve } from 'node:path';
import type { Config } from '../lib/project/config.ts';
import { loadContent } from '../lib/project/content.ts';
import { METHODOLOGY_SECTION_LABELS, type GlossaryOptions } from '../remark/glossary.ts';
import { translator, type Lang } from '../site/i18n.ts';
import { inLanguage } from '../site/routes.ts';

/**
 * `path` (a page of the site, without the base) in the language of the playbook at `filePath`: its
 * file name's (`<id>.fi.mdx`), else its journey's. Unchanged for a language the site is not built in
 * (a single-language site has no /fi/ pages) and for a file that is no playbook.
 */
export function pathInPlaybookLanguage(config: Config, languageOf = playbookLanguages(config)): (path: string, filePath: string | undefined) => string {
  return (path, filePath) => {
    const lang = languageOf(filePath);
    return lang && (config.site.languages as readonly string[]).includes(lang) ? inLanguage(path, lang, config.site.lang) : path;
  };
}

/** A glossary link's title in the language of the playbook it is in: "Menetelmät: NPS" in a Finnish one. */
export function titleInPlaybookLanguage(config: Config, languageOf = playbookLanguages(config)): NonNullable<GlossaryOptions['title']> {
  return (anchor, _term, filePath) => {
    const lang = (languageOf(filePath) ?? config.site.lang) as Lang;
    return `${translator(lang)('methodology')}: ${METHODOLOGY_SECTION_LABELS[lang][anchor]}`;
  };
}

/** The language of the playbook at a file path: its file name's (`<id>.fi.mdx`), else its journey's; undefined for a file that is no playbook. Reads the content once. */
export function playbookLanguages(config: Config): (filePath: string | undefined) => string | undefined {
  const languageOf = new Map<string, string>();
  for (const journey of loadContent(config.content, config.root).journeys) {
    for (const stage of journey.stages) {
      for (const touchpoint of stage.touchpoints) {
        if (touchpoint.lang) languageOf.set(resolve(config.root, touchpoint.file), touchpoint.lang);
        for (const [lang, text] of Object.entries(touchpoint.translations)) languageOf.set(resolve(config.root, text.file), lang);
      }
    }
  }
  return (filePath) => (filePath === undefined ? undefined : languageOf.get(resolve(filePath)));
}
