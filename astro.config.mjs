// @ts-check
import { createHash } from 'node:crypto';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { headingAnchors } from './src/lib/markdown/heading-anchors.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { clientBundle } from './src/integrations/client-bundle.ts';
import { securityHeadersIntegration } from './src/integrations/security-headers.ts';
import { redirectsIntegration } from './src/integrations/redirects.ts';
import { cloudflareBindings } from './src/integrations/cloudflare-bindings.ts';
import { deployTarget, targetConfig } from './src/integrations/target.ts';
import { siteUrlFrom } from './src/server/config.ts';

const contentDir = process.env.KB_CONTENT_DIR;
// KB_TARGET=node|netlify|vercel|cloudflare (default node) picks the adapter; see src/integrations/target.ts.
const target = deployTarget();

const targetSettings = await targetConfig(target);

export default defineConfig({
  // Another library (a benchmark's, a test's) gets a cache of its own: the content layer keeps entries across
  // builds, and one library's must never turn up in another's site.
  cacheDir: contentDir
    ? `./node_modules/.astro/library-${createHash('sha1').update(contentDir).digest('hex').slice(0, 10)}`
    : undefined,
  // Canonical URLs, the sitemap and feeds need the public origin; override it per deployment (checked as the
  // server's settings are, in src/server/config.ts).
  site: siteUrlFrom(process.env) ?? 'http://localhost:4321',
  // Pages link with a trailing slash; the demo's API is addressed without one, as Stripe's is.
  trailingSlash: 'ignore',
  // The adapter, and what goes with it, for KB_TARGET (src/integrations/target.ts).
  ...targetSettings,
  // Order matters after the build: the search index and the headers need every page.
  integrations: [
    mdx(),
    // The team's pages (/team/, on demand and closed) are listed nowhere public: not in the sitemap either, which
    // would otherwise add them, as it adds every page route it knows.
    sitemap({ filter: (page) => !new URL(page).pathname.startsWith('/team/') }),
    clientBundle(),
    pagefindIndex(),
    securityHeadersIntegration({ target }),
    redirectsIntegration({ target }),
    // The rate limits Cloudflare's bindings apply, from the settings at build time.
    ...(target === 'cloudflare' ? [cloudflareBindings()] : []),
  ],
  // A component's scoped styles mark its elements with a class (`astro-…`) rather than a `data-astro-cid-…`
  // attribute: the same specificity, about a third fewer bytes on every element and selector of every page.
  scopedStyleStrategy: 'class',
  build: {
    // Cached stylesheets rather than CSS inlined in every page (`npm run bench:css`, docs/css-delivery.md): inline,
    // each page carried its 12 KB (3 KB compressed) again, 38 % of the HTML written; as Astro's shared chunks (the
    // small ones still inline) the output is 29 % smaller and every page after the first 2.2-3.2 KB lighter, for one
    // more request on a first visit (first paint 765 → 1,166 ms in Lighthouse's slow-4G simulation, scored 0.99).
    // One file for the whole site (Vite's cssCodeSplit: false) measured the same, but with on-demand pages in the
    // build Vite emits a second bundle and every page links both.
    inlineStylesheets: 'auto',
  },
  vite: {
    // The target's own (its KB_TARGET constant, the Worker's Node-only stubs), which a plain `vite` key would drop.
    ...targetSettings.vite,
    build: {
      rolldownOptions: {
        // Astro's own module for each content entry's styles starts with a directive that the bundler warns about
        // once per entry, harmlessly: at 10,000 articles that is 10,000 warnings with code frames, formatted and
        // logged for nothing.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  markdown: {
    processor: satteri({ hastPlugins: [headingAnchors()] }),
    // The '-default' GitHub themes: their comment colour keeps 4.5:1 contrast on both backgrounds.
    shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' } },
  },
});
