/**
 * Generates a synthetic help-center library of N articles that the real site builds as it builds content/:
 * valid frontmatter (unique numbers, titles and slugs; at least one `related` article that exists), all four
 * categories, 400–900 words each with `##`/`###` sections, lists, a code block and links to other generated
 * articles, `<FeeCalculator />` or `<RefundDemo />` in one article in ten, and a few FAQ entries.
 * The same N and seed give the same files.
 *
 *   node scripts/bench/generate-content.ts <N> <outDir> [--seed 1]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine, wholeNumber } from '../lib/args.ts';
import { checkRepeatedAnswers, type EntryForCheck } from '../../src/content/integrity.ts';
import {
  CATEGORIES,
  rng,
  TOPICS,
  ACTIONS,
  CONTEXTS,
  TEMPLATES,
  SECTION_TITLES,
  SUBSECTION_TITLES,
  NOUNS,
  VERBS,
  ADJECTIVES,
  PLACES,
  ERRORS,
  SYLLABLES,
  type Category,
  type Rng,
} from './lib/vocabulary.ts';

function tokenName(r: Rng): string {
  const name = Array.from({ length: r.int(2, 3) }, () => r.pick(SYLLABLES)).join('');
  return name[0]!.toUpperCase() + name.slice(1);
}

function money(r: Rng): string {
  return `$${r.int(1, 900)}.${String(r.int(0, 99)).padStart(2, '0')}`;
}

/** One sentence about `topic`: varied templates, domain words, and a long tail of names, amounts and codes. */
function sentence(r: Rng, topic: string): string {
  const n = () => r.pick(NOUNS);
  const templates = [
    () =>
      `When ${topic} goes through, Stripe ${r.pick(VERBS)} the ${r.pick(ADJECTIVES)} ${n()} and ${r.pick(VERBS)} the ${n()} in ${r.pick(PLACES)}.`,
    () =>
      `${withArticle(r.pick(ADJECTIVES))} ${n()} of ${money(r)} shows the ${n()} and the ${n()} side by side in ${r.pick(PLACES)}.`,
    () =>
      `If you see \`${r.pick(ERRORS)}\`, the ${n()} was already ${r.pick(ADJECTIVES)}, so check the ${n()} before you try again.`,
    () =>
      `Most teams handle ${topic} within ${r.int(1, 10)} business days, and the customer sees the ${n()} on their ${n()} soon after.`,
    () =>
      `${tokenName(r)}, a shop selling ${r.pick(['coffee', 'bikes', 'tickets', 'lessons', 'plants', 'software', 'books', 'rentals'])}, made ${money(r)} on order ${r.int(1000, 99999)} and needed ${topic}.`,
    () =>
      `The ${n()} keeps its own ID, like \`${r.pick(['pi', 're', 'ch', 'txn', 'po', 'cus', 'pm'])}_${r.int(100000, 999999)}${tokenName(r)}\`, so you can find it later in ${r.pick(PLACES)}.`,
    () => `Nothing about ${topic} changes the ${r.pick(ADJECTIVES)} ${n()}; only the ${n()} moves.`,
    () =>
      `Support agents often get asked about ${topic}: answer with the ${n()}, the ${n()} and the date it ${r.pick(VERBS)} the ${n()}.`,
    () => `In test mode the same steps work with test cards, and no real ${n()} ${r.pick(VERBS)} anything.`,
    () =>
      `You need the ${r.pick(['Administrator', 'Developer', 'Analyst', 'Support specialist', 'Refund analyst'])} role, or a restricted key with write access to the ${n()}.`,
    () =>
      `Keep a note of why you did it: a short reason on the ${n()} saves a question from the ${r.pick(['customer', 'bank', 'accountant', 'team', 'auditor'])} later.`,
    () =>
      `The ${n()} is in the ${r.pick(['smallest currency unit', 'settlement currency', 'customer currency', 'presentment currency'])}, so ${money(r)} is written as ${r.int(100, 90000)}.`,
  ];
  return r.pick(templates)();
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'An' : 'A'} ${word}`;
}

function paragraph(r: Rng, topic: string, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, topic)).join(' ');
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface GeneratedArticle {
  id: string;
  number: number;
  category: Category;
  slug: string;
  title: string;
  topic: string;
  widget?: 'FeeCalculator' | 'RefundDemo';
}

function codeBlock(r: Rng, a: GeneratedArticle): string {
  const amount = r.int(100, 90000);
  const id = `${r.int(100000, 999999)}${tokenName(r)}`;
  if (r.next() < 0.5) {
    return [
      '```bash',
      `curl https://api.stripe.com/v1/${a.category === 'refunds' ? 'refunds' : a.category === 'sources' ? 'payment_methods' : a.category === 'fees' ? 'balance_transactions' : 'accounts'} \\`,
      '  -H "Authorization: Bearer sk_test_YOUR_KEY" \\',
      `  -d payment_intent=pi_${id} \\`,
      `  -d amount=${amount}`,
      '```',
    ].join('\n');
  }
  return [
    '```js',
    "import Stripe from 'stripe';",
    '',
    'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);',
    `const result = await stripe.${a.category === 'refunds' ? 'refunds.create' : a.category === 'sources' ? 'paymentMethods.attach' : a.category === 'fees' ? 'balanceTransactions.list' : 'accounts.retrieve'}({`,
    `  payment_intent: 'pi_${id}',`,
    `  amount: ${amount},`,
    '});',
    "console.log(result.status); // 'succeeded'",
    '```',
  ].join('\n');
}

function articleBody(r: Rng, a: GeneratedArticle, links: GeneratedArticle[]): string {
  // Some shapes overshoot 900 words or fall short of 400: draw again (the first draw nearly always fits).
  for (let attempt = 0; ; attempt++) {
    const target = r.int(400, 900);
    const body = draftBody(r, a, links, target);
    const n = words(body.replace(/```[\s\S]*?```/g, ''));
    if ((n >= 400 && n <= 900) || attempt === 20) return body;
  }
}

function draftBody(r: Rng, a: GeneratedArticle, links: GeneratedArticle[], target: number): string {
  const parts: string[] = [];
  const count = () => words(parts.join(' ').replace(/```[\s\S]*?```/g, ''));
  const link = (l: GeneratedArticle) => `[${l.title.replace(/[[\]]/g, '')}](/${l.id}/)`;
  parts.push(`${paragraph(r, a.topic, 2)} For the background, read ${link(links[0]!)}.`);
  const sections = target < 550 ? 3 : target < 750 ? 4 : 5;
  const perSection = (target - count() - 60) / sections;
  const sectionTitles = r.shuffle([...SECTION_TITLES]).slice(0, sections);
  let widgetDone = a.widget === undefined;
  sectionTitles.forEach((title, s) => {
    const start = count();
    parts.push(`## ${title}`);
    parts.push(paragraph(r, a.topic, r.int(1, 2)));
    if (s === 0 || r.next() < 0.4) {
      const ordered = s % 2 === 0;
      parts.push(
        Array.from({ length: r.int(3, 5) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(r, a.topic)}`).join(
          '\n',
        ),
      );
    }
    if (s === 1) {
      parts.push('The same with the API:');
      parts.push(codeBlock(r, a));
      if (links[1]) parts.push(`If this is not what you need, ${link(links[1])} covers a close case.`);
    }
    if (!widgetDone && s === 0) {
      parts.push(
        a.widget === 'FeeCalculator'
          ? r.next() < 0.5
            ? '<FeeCalculator />'
            : `<FeeCalculator amount={${r.int(20, 500) * 100}} refund={${r.int(1, 19) * 100}} />`
          : '<RefundDemo />',
      );
      widgetDone = true;
    }
    if (count() - start < perSection - 20 && r.next() < 0.5) {
      parts.push(`### ${r.pick(SUBSECTION_TITLES)}`);
      parts.push(paragraph(r, a.topic, 1));
    }
    // Fill the section up to its share: sentences join a paragraph until it has four, then a new one starts.
    let sentencesInLast = 4;
    while (count() - start < perSection - 10) {
      if (sentencesInLast >= 4) {
        parts.push(sentence(r, a.topic));
        sentencesInLast = 1;
      } else {
        parts[parts.length - 1] += ` ${sentence(r, a.topic)}`;
        sentencesInLast += 1;
      }
    }
  });
  if (links[2]) parts.push(`See also ${link(links[2])}.`);
  return `${parts.join('\n\n')}\n`;
}

const q = (s: string) => JSON.stringify(s);
const list = (items: string[]) => `[${items.map(q).join(', ')}]`;

export interface GenerateResult {
  articles: number;
  faq: number;
  widgets: number;
  words: { min: number; max: number; mean: number };
}

/** Writes `<outDir>/articles/<category>/<slug>.mdx` and `<outDir>/faq/<category>/<slug>.md` (the folder is replaced). */
export function generateLibrary(outDir: string, count: number, seed = 1): GenerateResult {
  const r = rng(seed * 7919 + count);
  rmSync(outDir, { recursive: true, force: true });

  // Unique titles (and slugs) per category from the shuffled product of actions, topics, contexts and templates.
  const articles: GeneratedArticle[] = [];
  const titles = new Set<string>();
  const slugs = new Set<string>();
  const perCategory = CATEGORIES.map((_, i) => Math.floor(count / 4) + (i < count % 4 ? 1 : 0));
  CATEGORIES.forEach((category, ci) => {
    const combos: [number, number, number, number][] = [];
    for (let ai = 0; ai < ACTIONS[category].length; ai++)
      for (let ti = 0; ti < TOPICS[category].length; ti++)
        for (let xi = 0; xi < CONTEXTS.length; xi++)
          for (let pi = 0; pi < TEMPLATES.length; pi++) combos.push([ai, ti, xi, pi]);
    r.shuffle(combos);
    let made = 0;
    for (const [ai, ti, xi, pi] of combos) {
      if (made === perCategory[ci]) break;
      const topic = TOPICS[category][ti]!;
      const title = TEMPLATES[pi]!(ACTIONS[category][ai]!, topic, CONTEXTS[xi]!);
      const slug = slugify(title);
      if (titles.has(title.toLowerCase()) || slugs.has(slug) || title.length > 120) continue;
      titles.add(title.toLowerCase());
      slugs.add(slug);
      articles.push({ id: `${category}/${slug}`, number: 0, category, slug, title, topic });
      made += 1;
    }
    if (made < perCategory[ci]!)
      throw new Error(
        `only ${made} unique titles for ${category}; the generator tops out near ${combos.length} a category`,
      );
  });
  r.shuffle(articles);
  articles.forEach((a, i) => {
    a.number = 1000 + i;
    if (i % 10 === 5) a.widget = (i / 10) % 2 < 1 ? 'FeeCalculator' : 'RefundDemo';
  });
  // Alternate the widgets evenly among the tenth that has one.
  articles.filter((a) => a.widget).forEach((a, i) => (a.widget = i % 2 === 0 ? 'FeeCalculator' : 'RefundDemo'));

  const byCategory = new Map<Category, GeneratedArticle[]>(
    CATEGORIES.map((c) => [c, articles.filter((a) => a.category === c)]),
  );
  let minWords = Infinity;
  let maxWords = 0;
  let totalWords = 0;
  articles.forEach((a, i) => {
    const same = byCategory.get(a.category)!.filter((b) => b !== a);
    const other = articles[(i + 1 + r.int(0, articles.length - 2)) % articles.length]!;
    const related = [...new Set([r.pick(same), r.pick(same), ...(other !== a ? [other] : [])].map((x) => x.id))].slice(
      0,
      r.int(1, 3),
    );
    const links = [r.pick(same), other !== a ? other : r.pick(same), r.pick(same)];
    const body = articleBody(r, a, links);
    const prose = body.replace(/```[\s\S]*?```/g, '');
    const n = words(prose);
    minWords = Math.min(minWords, n);
    maxWords = Math.max(maxWords, n);
    totalWords += n;
    const summary = `${sentence(r, a.topic)} ${sentence(r, a.topic)}`.slice(0, 270);
    const updated = `2026-${String(r.int(1, 11)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const frontmatter = [
      '---',
      `id: ${a.number}`,
      `title: ${q(a.title)}`,
      `summary: ${q(summary)}`,
      `category: ${a.category}`,
      `updated: ${updated}`,
      `reviewed: ${updated}`,
      'sources:',
      '  - title: Refunds',
      '    url: https://docs.stripe.com/refunds',
      `tags: ${list([a.category, r.pick(NOUNS)])}`,
      `keywords: ${list([a.topic.replace(/^(a|an|the) /, ''), `${r.pick(NOUNS)} ${r.pick(NOUNS)}`, r.pick(ERRORS)])}`,
      `related: ${list(related)}`,
      // Most real articles pin a query or two (39 of 42 when this was written): nine in ten here.
      ...(i % 10 !== 9
        ? [
            `pinnedQueries: ${list([a.title.toLowerCase().replace(/[?]/g, '').slice(0, 80), `${a.topic.replace(/^(a|an|the) /, '')} ${r.pick(CONTEXTS)}`])}`,
          ]
        : []),
      ...(i < 12 ? ['featured: true'] : []),
      '---',
      '',
    ].join('\n');
    const file = path.join(outDir, 'articles', a.category, `${a.slug}.mdx`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${frontmatter}\n${body}`);
  });

  // A few FAQ entries: max(40, N/50), spread over the categories, each pointing at an article. Templates make
  // near-twins now and then; the build refuses those (checkRepeatedAnswers), so the same check drops them here.
  const faqCount = Math.max(40, Math.floor(count / 50));
  const questions = new Set<string>();
  const entries: (EntryForCheck & { body: string })[] = [];
  for (let i = 0; entries.length < faqCount && i < faqCount * 20; i++) {
    const a = articles[(i * 37) % articles.length]!;
    const question = `${r.pick(['Can I', 'How do I', 'Why does Stripe not let me', 'When should I', 'Who can'])} ${r.pick(ACTIONS[a.category]).toLowerCase()} ${a.topic} ${r.pick(CONTEXTS)}?`;
    const slug = slugify(question);
    if (questions.has(slug) || question.length > 160) continue;
    questions.add(slug);
    const made = entries.length;
    entries.push({
      id: `${a.category}/${slug}`,
      filePath: path.join(outDir, 'faq', a.category, `${slug}.md`),
      data: {
        question,
        frontmatter: [
          '---',
          `question: ${q(question)}`,
          `category: ${a.category}`,
          `keywords: ${list([a.topic.replace(/^(a|an|the) /, ''), r.pick(ERRORS)])}`,
          `article: ${a.id}`,
          `order: ${made}`,
          ...(made < 8 ? ['featured: true'] : []),
          '---',
        ].join('\n'),
      },
      body: `${paragraph(r, a.topic, r.int(2, 4))}\n\nSee [${a.title.replace(/[[\]]/g, '')}](/${a.id}/).\n`,
    });
  }
  const repeated = new Set(checkRepeatedAnswers(entries).map((problem) => problem.filePath));
  const kept = entries.filter((entry) => !repeated.has(entry.filePath));
  for (const entry of kept) {
    mkdirSync(path.dirname(entry.filePath), { recursive: true });
    writeFileSync(entry.filePath, `${String(entry.data.frontmatter)}\n${entry.body}`);
  }
  const made = kept.length;

  return {
    articles: articles.length,
    faq: made,
    widgets: articles.filter((a) => a.widget).length,
    words: { min: minWords, max: maxWords, mean: Math.round(totalWords / articles.length) },
  };
}

if (import.meta.main) {
  const usage =
    'usage: node scripts/bench/generate-content.ts <N ≥ 8> <outDir> [--seed 1]\nWrites a generated library of N articles.';
  const { values, positionals } = parseCommandLine(
    usage,
    { seed: { type: 'string', default: '1' } },
    { positionals: true },
  );
  const [countArg, outArg] = positionals;
  if (countArg === undefined || outArg === undefined || positionals.length > 2) {
    console.error(usage);
    process.exit(2);
  }
  const result = generateLibrary(
    path.resolve(outArg),
    wholeNumber(countArg, '<N>', 8),
    wholeNumber(values.seed, '--seed', 0),
  );
  console.log(JSON.stringify(result));
}
