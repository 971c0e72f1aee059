/**
 * The options every benchmark's command takes (`npm run bench` and each `bench:*`), parsed once; each benchmark
 * reads the ones it uses.
 */
import path from 'node:path';
import { parseCommandLine, wholeNumber } from '../../lib/args.ts';

export interface BenchOptions {
  /** A shorter run: one Lighthouse run a page, and only the 1,000-article library. */
  quick: boolean;
  /** The generated library sizes (scale, search on generated sites). */
  sizes: number[];
  /** Lighthouse runs a page (the median is kept); undefined = 3, or 1 with --quick. */
  runs: number | undefined;
  /** A build to measure instead of building the real site (its outDir or its client folder). */
  dir: string | undefined;
  /** Reuse the real site built last time in bench/tmp/site-real. */
  noBuild: boolean;
  /** `npm run bench` only: the benchmarks to run (all when undefined), and those to leave out. */
  only: string[] | undefined;
  skip: string[];
  /** bench:lighthouse only: the page paths to audit (all of its pages when undefined). */
  pages: string[] | undefined;
  /** bench:lighthouse only: header variants to compare with the pages as served (see scripts/bench/lighthouse.ts). */
  headerVariants: string | undefined;
}

const OPTIONS = `options:
  --quick           one Lighthouse run a page; only the 1,000-article library
  --sizes 1000,…    generated library sizes (default 1000,10000; each at least 8)
  --runs N          Lighthouse runs a page, the median is kept (default 3, 1 with --quick)
  --dir <build>     measure this build (outDir or client folder) instead of building the real site
  --no-build        reuse the real site built last time in bench/tmp/site-real
  --only a,b        npm run bench: only these benchmarks (function, load, weight, lighthouse, search, scale)
  --skip a,b        npm run bench: all but these
  --pages /a/,/b/   bench:lighthouse: only these of its pages (e.g. /search/?q=refund)
  --header-variants="-Header,+Header=value,@other-site,…"
                    bench:lighthouse: the same pages also served with these header changes, side by side`;

/** `command` is the npm script (e.g. "bench:weight"), for the usage line. */
export function benchOptions(command: string, summary: string): BenchOptions {
  const { values } = parseCommandLine(`usage: npm run ${command} [-- options]\n${summary}\n\n${OPTIONS}`, {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    dir: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    skip: { type: 'string' },
    pages: { type: 'string' },
    'header-variants': { type: 'string' },
  });
  const sizes = values.sizes
    ? values.sizes.split(',').map((size) => wholeNumber(size.trim(), '--sizes', 8))
    : values.quick
      ? [1000]
      : [1000, 10000];
  return {
    quick: values.quick,
    sizes,
    runs: values.runs === undefined ? undefined : wholeNumber(values.runs, '--runs'),
    dir: values.dir === undefined ? undefined : path.resolve(values.dir),
    noBuild: values['no-build'],
    only: values.only?.split(','),
    skip: values.skip?.split(',') ?? [],
    pages: values.pages?.split(','),
    headerVariants: values['header-variants'],
  };
}
