import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/project/config.ts';
import { pathInPlaybookLanguage, titleInPlaybookLanguage } from './playbook-language.ts';

const project = join(import.meta.dirname, '../..');
const config = loadConfig(project);
const playbook = (file: string) => join(project, 'content/touchpoints', file);

describe('pathInPlaybookLanguage on the bilingual sample (English at the root, Finnish under /fi/)', () => {
  const pathFor = pathInPlaybookLanguage(config);

  it("puts a translation's links under its language's prefix, by its file name", () => {
    expect(pathFor('/methodology/#nps', playbook('washing-machine/installation.fi.mdx'))).toBe('/fi/methodology/#nps');
    expect(pathFor('/methodology/#nps', playbook('electronics-pickup/desk-handover.en.mdx'))).toBe('/methodology/#nps');
  });

  it("puts a playbook without a language in its name in its journey's language", () => {
    // electronics-pickup.yaml says lang: fi; washing-machine.yaml lang: en.
    expect(pathFor('/methodology/#ces', playbook('electronics-pickup/pickup-code.mdx'))).toBe('/fi/methodology/#ces');
    expect(pathFor('/methodology/#ces', playbook('washing-machine/installation.mdx'))).toBe('/methodology/#ces');
  });

  it("titles a glossary link in the playbook's language, and in the site's default for a file that is no playbook", () => {
    const title = titleInPlaybookLanguage(config);
    const term = { anchor: 'emotion', forms: [] } as never;
    expect(title('emotion', term, playbook('washing-machine/installation.fi.mdx'))).toBe('Menetelmät: tunnekäyrä');
    expect(title('emotion', term, playbook('electronics-pickup/desk-handover.en.mdx'))).toBe('Methodology: emotion curve');
    expect(title('nps', term, undefined)).toBe('Methodology: NPS');
  });

  it('leaves the path of a file that is no playbook, or of an unknown one, as it is', () => {
    expect(pathFor('/methodology/#nps', undefined)).toBe('/methodology/#nps');
    expect(pathFor('/methodology/#nps', join(project, 'src/pages/authoring.mdx'))).toBe('/methodology/#nps');
  });
});

it('leaves every path as it is on a site built in one language: it has no /fi/ pages', () => {
  const english = { ...config, site: { ...config.site, languages: ['en' as const] } };
  expect(pathInPlaybookLanguage(english)('/methodology/#nps', playbook('washing-machine/installation.fi.mdx'))).toBe('/methodology/#nps');
});
