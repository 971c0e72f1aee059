/**
 * A plain Astro + MDX site over the same generated content, to tell what the help center's own choices cost at
 * scale: only `@astrojs/mdx`, one content collection with the glob loader and a permissive schema, one
 * `[...slug].astro` page that renders each entry in a basic layout, the two widgets stubbed as tiny components,
 * and `pagefind --site dist` after the build, as a plain setup would run it. Written into bench/tmp/baseline/,
 * with the project's node_modules linked in.
 */
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, TMP_DIR } from './lib/report.ts';

export const BASELINE_DIR = path.join(TMP_DIR, 'baseline');

/** Writes (or rewrites) the baseline project for `contentDir`, removing any earlier output and caches. */
export function writeBaselineProject(contentDir: string): string {
  const dir = BASELINE_DIR;
  for (const stale of ['src', 'dist', '.cache', '.astro'])
    rmSync(path.join(dir, stale), { recursive: true, force: true });
  const write = (file: string, text: string) => {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  mkdirSync(dir, { recursive: true });
  const link = path.join(dir, 'node_modules');
  if (!existsSync(link) || !lstatSync(link).isSymbolicLink()) {
    rmSync(link, { recursive: true, force: true });
    symlinkSync('../../../node_modules', link);
  }
  write('package.json', `${JSON.stringify({ name: 'kb-bench-baseline', private: true, type: 'module' }, null, 2)}\n`);
  // Caches of its own: the defaults would reach through the node_modules link into the project's own caches.
  write(
    'astro.config.mjs',
    `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  integrations: [mdx()],
  cacheDir: './.cache/astro',
  vite: { cacheDir: './.cache/vite' },
});
`,
  );
  write(
    'src/content.config.ts',
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const docs = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: ${JSON.stringify(path.resolve(ROOT, contentDir))} }),
  schema: z.looseObject({ title: z.string().optional(), question: z.string().optional(), summary: z.string().optional() }),
});

export const collections = { docs };
`,
  );
  write(
    'src/layouts/Layout.astro',
    `---
const { title } = Astro.props;
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title}</title>
    <style>
      body { font-family: system-ui, sans-serif; line-height: 1.6; max-width: 46rem; margin: 0 auto; padding: 1rem; }
      pre { overflow-x: auto; padding: 1rem; }
    </style>
  </head>
  <body>
    <header><a href="/">Help center</a></header>
    <main><slot /></main>
  </body>
</html>
`,
  );
  write(
    'src/components/FeeCalculator.astro',
    `---\nconst { amount = 10000, refund = 4000 } = Astro.props;\n---\n<section class="widget"><p>Fee calculator: {amount} / {refund}</p></section>\n`,
  );
  write('src/components/RefundDemo.astro', `<section class="widget"><p>Refund demo</p></section>\n`);
  write(
    'src/pages/[...slug].astro',
    `---
import { getCollection, render } from 'astro:content';
import Layout from '../layouts/Layout.astro';
import FeeCalculator from '../components/FeeCalculator.astro';
import RefundDemo from '../components/RefundDemo.astro';

export async function getStaticPaths() {
  const entries = await getCollection('docs');
  return entries.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}

const { entry } = Astro.props;
const { Content } = await render(entry);
const title = entry.data.title ?? entry.data.question ?? entry.id;
---
<Layout title={title}>
  <h1>{title}</h1>
  {entry.data.summary && <p>{entry.data.summary}</p>}
  <Content components={{ FeeCalculator, RefundDemo }} />
</Layout>
`,
  );
  return dir;
}
