// Playbooks as an Astro collection, so their MDX renders as pages. The schema is the one the data
// pipeline checks content with (src/lib/project/content-schema.ts), where the integrity rules also live.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { loadConfig } from './lib/project/config';
import { TouchpointSchema } from './lib/project/content-schema';

const playbooks = defineCollection({
  // Ids keep the language of a translation: electronics-pickup/desk-handover.en (src/lib/project/content.ts).
  loader: glob({ pattern: '*/*.{md,mdx}', base: `${loadConfig().content}/touchpoints`, generateId: ({ entry }) => entry.replace(/\.mdx?$/, '') }),
  schema: TouchpointSchema,
});

export const collections = { playbooks };
