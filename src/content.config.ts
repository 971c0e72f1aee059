import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { articleSchema, faqSchema, synonymSchema, troubleshooterSchema } from './content/schemas.ts';

/** Where the library lives; benchmarks point this at generated content to build the real site at scale. */
const contentDir = process.env.KB_CONTENT_DIR ?? './content';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}/articles` }),
  schema: articleSchema,
});

const faq = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: `${contentDir}/faq` }),
  schema: faqSchema,
});

/** Always the project's own map: it is part of the search, not of a library a benchmark generates. */
const synonyms = defineCollection({
  loader: file('./content/search/synonyms.json'),
  schema: synonymSchema,
});

/** Decision tables behind `<Troubleshooter />`; always the project's own, like the synonyms. */
const troubleshooters = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/troubleshooters' }),
  schema: troubleshooterSchema,
});

export const collections = { articles, faq, synonyms, troubleshooters };
