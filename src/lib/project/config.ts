// Project settings (polku.config.jsonc): one place for the site language, privacy thresholds,
// score scales and data locations. Every field is optional; defaults are shown in README.md.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { readJsoncFile } from '../common/jsonc-file.ts';
import { DEFAULT_SCALES, type Metric, type Scale, type Scales } from '../stats/metrics.ts';

export const CONFIG_FILE = 'polku.config.jsonc';

export const LANGUAGES = ['en', 'fi'] as const;

export const PERIODS = ['month', 'quarter', 'half', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const scaleRange = z
  .tuple([z.number().int(), z.number().int()])
  .refine(([min, max]) => max - min >= 1 && max - min <= 100, 'expected [min, max] with min < max (at most 100 steps)');

const ConfigSchema = z.strictObject({
  site: z
    .strictObject({
      /** Site title shown in the header and in <title>. */
      title: z.string().min(1).default('Polku'),
      /** The default language: its pages are at the site's root. */
      lang: z.enum(LANGUAGES).default('en'),
      /**
       * Every language the site is built in (the default among them): each other language's pages are
       * under its prefix (/fi/…). Absent: the default language only, and no language switcher.
       */
      languages: z.array(z.enum(LANGUAGES)).min(1).optional(),
      /** Short description for meta tags. */
      description: z.string().default('Customer-experience reports and journey playbooks.'),
      /**
       * Snapshots a page's history shows (trends, a playbook's table, the home page's list): the last
       * this many, so a page does not grow with every snapshot. The full series is in open data.
       */
      historyLength: z.number().int().min(2).default(12),
    })
    .refine((site) => !site.languages || site.languages.includes(site.lang), {
      path: ['languages'],
      message: 'expected the default language (site.lang) among site.languages; add it, or set site.lang to one of them',
    })
    .prefault({}),
  /** Folder of snapshot CSV files. */
  snapshots: z.string().default('data/snapshots'),
  /** Mapping from the CSV files' own headers to Polku's fields (optional file). */
  mapping: z.string().default('data/mapping.jsonc'),
  /** Folder of journey and touchpoint content. */
  content: z.string().default('content'),
  /** Score scales for CSAT, CES, emotion, expectation, agreement and rating; NPS is always 0–10, yes/no 0–1. */
  scales: z
    .strictObject({
      csat: scaleRange.optional(),
      ces: scaleRange.optional(),
      emotion: scaleRange.optional(),
      expectation: scaleRange.optional(),
      agreement: scaleRange.optional(),
      rating: scaleRange.optional(),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      /** Smallest group (distinct respondents) whose scores are published. */
      minRespondents: z.number().int().min(1).default(10),
      /** Smallest group whose comments are published. */
      minCommentRespondents: z.number().int().min(1).default(10),
      /** Fewest distinct respondents who used a word at a touchpoint for it to be published among its comment themes. */
      minComments: z.number().int().min(1).default(10),
      /** Words (e.g. staff names) redacted from comments as [name], whole words, any case. */
      names: z.array(z.string().min(1)).default([]),
      /** Extra patterns redacted from comments: a regular expression and the marker that replaces it. */
      patterns: z.array(z.strictObject({ pattern: z.string().min(1), flags: z.string().optional(), marker: z.string().min(1) })).default([]),
    })
    .prefault({}),
  checks: z
    .strictObject({
      /** Rejected rows, as a share of a file's rows, above which the terminal lists the top reasons with a fix for each. */
      maxRejectedShare: z.number().min(0).max(1).default(0.05),
    })
    .prefault({}),
  /**
   * Split each export into snapshots by the period of its rows' submitted_at (periods.ts in ingest):
   * "quarter" makes 2026-q1, 2026-q2, …; absent, each file is one snapshot.
   */
  periods: z.enum(PERIODS).optional(),
  /** Fail the build on any rejected row or unmapped column (also POLKU_STRICT=1 or --strict). */
  strict: z.boolean().default(false),
});

export type RawConfig = z.output<typeof ConfigSchema>;

export interface Config extends Omit<RawConfig, 'scales' | 'site'> {
  /** `languages` always set: the default first, then the others in the order written. */
  site: Omit<RawConfig['site'], 'languages'> & { languages: RawConfig['site']['lang'][] };
  /** Absolute project root; every path below is resolved against it. */
  root: string;
  scales: Scales;
}

export function resolveConfig(raw: RawConfig, root: string): Config {
  const scales = { ...DEFAULT_SCALES };
  for (const [metric, range] of Object.entries(raw.scales) as [Exclude<Metric, 'nps' | 'yesno'>, [number, number] | undefined][]) {
    if (range) scales[metric] = { ...DEFAULT_SCALES[metric], min: range[0], max: range[1] } satisfies Scale;
  }
  const { lang, languages = [lang] } = raw.site;
  return {
    ...raw,
    site: { ...raw.site, languages: [lang, ...new Set(languages.filter((l) => l !== lang))] },
    root,
    snapshots: resolve(root, raw.snapshots),
    mapping: resolve(root, raw.mapping),
    content: resolve(root, raw.content),
    scales,
  };
}

/** The settings file a build reads: POLKU_CONFIG, or polku.config.jsonc in the project root (which may not exist). */
export function configFile(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  return env.POLKU_CONFIG ? resolve(root, env.POLKU_CONFIG) : resolve(root, CONFIG_FILE);
}

/**
 * Reads polku.config.jsonc from the project root (defaults when absent). POLKU_CONFIG names another
 * settings file, whose folder then anchors the data and content paths; POLKU_STRICT=1 turns strict
 * mode on.
 */
export function loadConfig(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Config {
  const file = configFile(root, env);
  const base = env.POLKU_CONFIG ? dirname(file) : root;
  const raw = existsSync(file) ? readJsoncFile(file, ConfigSchema, relative(root, file) || file) : ConfigSchema.parse({});
  const config = resolveConfig(raw, base);
  if (env.POLKU_STRICT === '1' || env.POLKU_STRICT === 'true') config.strict = true;
  return config;
}
