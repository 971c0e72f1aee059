// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { headingAnchors } from './src/lib/markdown/heading-anchors.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { clientBundle } from './src/integrations/client-bundle.ts';

export default defineConfig({
  // Canonical URLs, the sitemap and feeds need the public origin; override it per deployment.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  trailingSlash: 'always',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), sitemap(), clientBundle(), pagefindIndex()],
  build: {
    // Pages carry little CSS; inlining it saves a render-blocking request on every first visit.
    inlineStylesheets: 'always',
  },
  markdown: {
    processor: satteri({ hastPlugins: [headingAnchors()] }),
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
});
