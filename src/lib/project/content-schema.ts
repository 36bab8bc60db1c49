// Schemas of journey and touchpoint content, shared by the data pipeline and Astro's collections.
import { z } from 'zod';
import { CURVE_MEASURES } from '../stats/measures.ts';

const lang = z.enum(['en', 'fi']);
const persona = z.strictObject({ name: z.string().min(1), role: z.string().min(1) });

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of lowercase letters, digits and hyphens');

export const JourneySchema = z.strictObject({
  /** Name of the journey as readers see it. */
  title: z.string().min(1),
  /** One or two sentences: whose path this is and where it hurts. */
  summary: z.string().min(1),
  /** Language the journey and its playbooks are written in (defaults to the site's). */
  lang: lang.optional(),
  /** People who decide along the way, where more than one does. */
  personas: z.array(persona).default([]),
  /** Stages in the customer's order; every chart and table follows it. */
  stages: z.array(z.strictObject({ id, title: z.string().min(1) })).min(1),
  /**
   * The journey in other languages: its title, summary, stage titles by stage id and personas.
   * A stage or persona not given here shows in the journey's own language.
   */
  translations: z
    .partialRecord(
      lang,
      z.strictObject({
        title: z.string().min(1),
        summary: z.string().min(1),
        stages: z.record(id, z.string().min(1)).default({}),
        personas: z.array(persona).optional(),
      }),
    )
    .default({}),
});

export const TouchpointSchema = z.strictObject({
  title: z.string().min(1),
  /** Id of the journey (its file name); must match the folder the file is in. */
  journey: id,
  /** Id of a stage of that journey. */
  stage: id,
  /** Position along the journey; touchpoints are ordered by stage, then this. */
  order: z.number(),
  /** Channels the touchpoint happens in (web, store, phone, …). */
  channels: z.array(z.string().min(1)).default([]),
  /** Team or role that owns the experience here. */
  owner: z.string().min(1),
  /** The service promise in the customer's words: what the customer buys. */
  promise: z.string().min(1),
  /** Target experience on the emotion scale: what the company decides to deliver. */
  target: z.number().optional(),
  /** Targets on the other measures a journey's curve can show, by measure id (`csatMean: 4.2`). */
  targets: z.strictObject(Object.fromEntries(CURVE_MEASURES.filter((m) => m.metric !== 'emotion').map((m) => [m.id, z.number().optional()]))).optional(),
  /** Expected experience on the emotion scale, used where the data has no expectation column. */
  expected: z.number().optional(),
  /** Who to call when recovery needs more than the front line. */
  escalation: z.string().min(1),
});

/** What a playbook's translation says in its own language; the rest of its frontmatter is the same in every language. */
export const TRANSLATED_TOUCHPOINT_FIELDS = ['title', 'owner', 'promise', 'escalation'] as const;
export type TouchpointText = Pick<z.output<typeof TouchpointSchema>, (typeof TRANSLATED_TOUCHPOINT_FIELDS)[number]>;

export type JourneyData = z.output<typeof JourneySchema>;
export type TouchpointData = z.output<typeof TouchpointSchema>;
