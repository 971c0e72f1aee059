import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, faqSchema } from './content/schemas.ts';

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

export const collections = { articles, faq };
