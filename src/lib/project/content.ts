// Reads journeys (content/journeys/<id>.yaml) and touchpoint frontmatter
// (content/touchpoints/<journey>/<id>.mdx) and checks that they fit together. This is the single
// source of the order of stages and touchpoints.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { JourneySchema, TouchpointSchema, TRANSLATED_TOUCHPOINT_FIELDS, type JourneyData, type TouchpointData, type TouchpointText } from './content-schema.ts';
import { PolkuError } from '../common/errors.ts';

type Lang = NonNullable<JourneyData['lang']>;

export interface Touchpoint extends TouchpointData {
  id: string;
  /** Path of the playbook, relative to the project. */
  file: string;
  /** The language of this playbook's file: its suffix (`<id>.fi.mdx`), else its journey's. */
  lang?: Lang;
  /** The playbook in other languages (`<id>.<lang>.mdx`, linked by the id): what each says in its own words. */
  translations: Partial<Record<Lang, TouchpointText & { file: string }>>;
}

export interface Journey extends Omit<JourneyData, 'stages'> {
  id: string;
  file: string;
  stages: { id: string; title: string; touchpoints: Touchpoint[] }[];
}

export interface Content {
  journeys: Journey[];
  /** The stage of a touchpoint that content defines, or null. */
  stageOf(journey: string, touchpoint: string): string | null;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function parseYaml(text: string, file: string): unknown {
  try {
    return yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    throw new PolkuError(`not valid YAML: ${(error as { reason?: string }).reason ?? String(error)}`, { file, line: mark ? mark.line + 1 : undefined, column: mark ? mark.column + 1 : undefined }, 'check the indentation and quoting on that line.');
  }
}

/** Frontmatter is what stands between the first two `---` lines; its lines count from line 2. */
function frontmatter(text: string, file: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!match) throw new PolkuError('the playbook has no frontmatter', { file, line: 1 }, 'start the file with a --- line, the fields (title, journey, stage, …), and another --- line.');
  return parseYaml(`\n${match[1]}`, file);
}

function check<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || '(top level)';
  throw new PolkuError(`field "${field}": ${issue.message}`, { file }, 'see "Writing content" in README.md for the fields and their meaning.');
}

/** The language of a playbook's translation in its file name (`desk-handover.en.mdx`), with or without the extension. */
export const LANGUAGE_SUFFIX = /\.(en|fi)(?=(?:\.mdx?)?$)/;

/** A playbook's id and language from its file name: `desk-handover.en.mdx` → desk-handover, en. */
function playbookName(name: string, file: string): { id: string; lang?: Lang } {
  const stem = idOf(name.replace(LANGUAGE_SUFFIX, ''), name.endsWith('.mdx') ? '.mdx' : '.md', file);
  const lang = LANGUAGE_SUFFIX.exec(name)?.[1] as Lang | undefined;
  return { id: stem, lang };
}

function idOf(name: string, ext: string, file: string): string {
  const id = name.slice(0, -ext.length);
  if (!ID.test(id)) throw new PolkuError(`file name ${JSON.stringify(name)} is not a valid id`, { file }, 'rename it with lowercase letters, digits and hyphens only, e.g. store-pickup' + ext + '.');
  return id;
}

const sorted = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

export function loadContent(contentDir: string, root: string): Content {
  const show = (path: string) => relative(root, path);
  const journeys: Journey[] = [];
  for (const name of sorted(join(contentDir, 'journeys')).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))) {
    const path = join(contentDir, 'journeys', name);
    const file = show(path);
    const data = check(JourneySchema, parseYaml(readFileSync(path, 'utf8'), file), file);
    const stageIds = new Set<string>();
    for (const stage of data.stages) {
      if (stageIds.has(stage.id)) throw new PolkuError(`stage id "${stage.id}" appears twice`, { file }, 'give every stage of a journey its own id.');
      stageIds.add(stage.id);
    }
    const id = idOf(name, name.endsWith('.yml') ? '.yml' : '.yaml', file);
    if (journeys.some((j) => j.id === id)) throw new PolkuError(`journey id "${id}" is defined twice`, { file }, 'keep one of the .yaml and .yml files.');
    journeys.push({ ...data, id, file, stages: data.stages.map((s) => ({ ...s, touchpoints: [] })) });
  }

  const touchpointsDir = join(contentDir, 'touchpoints');
  for (const folder of sorted(touchpointsDir)) {
    const journey = journeys.find((j) => j.id === folder);
    const variants = new Map<string, Touchpoint[]>();
    for (const name of sorted(join(touchpointsDir, folder)).filter((n) => n.endsWith('.mdx') || n.endsWith('.md'))) {
      const path = join(touchpointsDir, folder, name);
      const file = show(path);
      const data = check(TouchpointSchema, frontmatter(readFileSync(path, 'utf8'), file), file);
      const { id, lang = journey?.lang } = playbookName(name, file);
      if (!journey) throw new PolkuError(`the folder "${folder}" names no journey`, { file }, `add content/journeys/${folder}.yaml, or move the playbook into the folder of its journey.`);
      if (data.journey !== folder) throw new PolkuError(`field "journey": "${data.journey}" does not match its folder "${folder}"`, { file }, `set journey: ${folder}, or move the file to content/touchpoints/${data.journey}/.`);
      const stage = journey.stages.find((s) => s.id === data.stage);
      if (!stage) throw new PolkuError(`field "stage": "${data.stage}" is not a stage of journey "${folder}"`, { file }, `use one of: ${journey.stages.map((s) => s.id).join(', ')}.`);
      const same = variants.get(id) ?? [];
      const clash = same.find((t) => t.lang === lang);
      if (clash) throw new PolkuError(`touchpoint id "${id}" is defined twice in journey "${folder}"${lang ? ` in language "${lang}"` : ''}`, { file }, `rename one of ${clash.file} and ${file}, or give each its language (${id}.en.mdx, ${id}.fi.mdx).`);
      variants.set(id, [...same, { ...data, id, file, lang, translations: {} }]);
    }
    for (const [id, [first, ...others]] of variants) {
      const touchpoint = linkTranslations(journey!.lang, first!, others);
      journey!.stages.find((s) => s.id === touchpoint.stage)!.touchpoints.push({ ...touchpoint, id });
    }
  }
  for (const j of journeys) for (const s of j.stages) s.touchpoints.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

  for (const j of journeys) checkJourneyTranslations(j);
  const stages = new Map<string, string>();
  for (const j of journeys) for (const s of j.stages) for (const t of s.touchpoints) stages.set(`${j.id}\u0000${t.id}`, s.id);
  return { journeys, stageOf: (journey, touchpoint) => stages.get(`${journey}\u0000${touchpoint}`) ?? null };
}

/**
 * One touchpoint from its playbook in each language: the one in its journey's language (else the
 * first) is the touchpoint, the others its translations. Only the words may differ between them: the
 * stage, order, channels, targets and expected experience are the touchpoint's, whatever the language.
 */
function linkTranslations(journeyLang: Lang | undefined, first: Touchpoint, others: Touchpoint[]): Touchpoint {
  const all = [first, ...others];
  const main = all.find((t) => t.lang === journeyLang) ?? first;
  for (const other of all) {
    if (other === main) continue;
    for (const field of ['stage', 'order', 'channels', 'target', 'targets', 'expected'] as const) {
      if (JSON.stringify(other[field]) !== JSON.stringify(main[field])) {
        throw new PolkuError(`field "${field}" differs from ${main.file} (${JSON.stringify(other[field])} here, ${JSON.stringify(main[field])} there)`, { file: other.file }, `a translation changes only the words (${TRANSLATED_TOUCHPOINT_FIELDS.join(', ')} and the text); give ${field} the same value in both files.`);
      }
    }
    if (!other.lang) throw new PolkuError('two playbooks of one touchpoint, and this one does not say its language', { file: other.file }, `name it ${other.id}.en.mdx or ${other.id}.fi.mdx.`);
    main.translations[other.lang] = { title: other.title, owner: other.owner, promise: other.promise, escalation: other.escalation, file: other.file };
  }
  return main;
}

/** A journey's translations name only its own stages. */
function checkJourneyTranslations(journey: Journey): void {
  for (const [lang, text] of Object.entries(journey.translations)) {
    for (const stage of Object.keys(text?.stages ?? {})) {
      if (!journey.stages.some((s) => s.id === stage)) throw new PolkuError(`field "translations.${lang}.stages": "${stage}" is not a stage of this journey`, { file: journey.file }, `use one of: ${journey.stages.map((s) => s.id).join(', ')}.`);
    }
  }
}
