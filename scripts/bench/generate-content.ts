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

const CATEGORIES = ['refunds', 'fees', 'sources', 'accounts'] as const;
type Category = (typeof CATEGORIES)[number];

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  };
  return { next, int, pick, shuffle };
}
type Rng = ReturnType<typeof rng>;

const TOPICS: Record<Category, string[]> = {
  refunds: [
    'a partial refund', 'a full refund', 'a pending refund', 'a failed refund', 'a refund reason', 'a refund note', 'a refund to an expired card',
    'a refund on a disputed payment', 'a duplicate refund', 'a refund webhook', 'a refund in another currency', 'a refund receipt',
    'a refund after a payout', 'a refund of shipping only', 'a refund for one item', 'a refund of a subscription invoice',
    'a refund to a closed bank account', 'a refund status change', 'a refund that needs action', 'a bulk refund', 'a refund limit',
    'a refund on a captured payment', 'a refund of an uncaptured payment', 'a refund of a tip',
  ],
  fees: [
    'the processing fee', 'the currency conversion fee', 'the dispute fee', 'the international card fee', 'the payout fee', 'the fixed fee',
    'the percentage fee', 'a balance transaction', 'the net amount', 'a negative balance', 'the fee on a small payment', 'the fee on a refund',
    'an application fee', 'the instant payout fee', 'a fee report', 'the monthly fee summary', 'the fee on a partial capture',
    'a fee in a settlement currency', 'the card brand surcharge', 'the fee on a failed payment', 'a fee adjustment', 'a volume discount',
  ],
  sources: [
    'a saved card', 'the default source', 'a payment method', 'a card update', 'an expired card', 'a bank account', 'a wallet',
    'a SEPA debit mandate', 'a card fingerprint', 'a second card', 'a removed card', 'a card check', 'an off-session payment',
    'a setup intent', 'a customer object', 'a card from a guest checkout', 'a card on a subscription', 'a declined card save',
    'a card with 3D Secure', 'a replaced card', 'a detached payment method', 'a source migration',
  ],
  accounts: [
    'an API key', 'a restricted key', 'a team member', 'two-step authentication', 'test mode', 'live mode', 'a webhook endpoint',
    'the account settings', 'the payout schedule', 'the statement descriptor', 'a leaked secret key', 'a role change', 'a support request',
    'the Dashboard login', 'a sandbox', 'an account closure', 'the tax settings', 'the business address', 'a verification document',
    'the email notifications', 'an audit log', 'the branding settings',
  ],
};

const ACTIONS: Record<Category, string[]> = {
  refunds: ['Make', 'Cancel', 'Track', 'Retry', 'Explain', 'Test', 'Find', 'Report', 'Approve', 'Undo'],
  fees: ['Work out', 'Check', 'Explain', 'Lower', 'Find', 'Report', 'Estimate', 'Read', 'Compare', 'Recover'],
  sources: ['Save', 'Replace', 'Remove', 'Check', 'Update', 'Find', 'Choose', 'Attach', 'Verify', 'Reuse'],
  accounts: ['Set up', 'Rotate', 'Share', 'Protect', 'Check', 'Change', 'Find', 'Reset', 'Review', 'Limit'],
};

const CONTEXTS = [
  'in the Dashboard', 'with the API', 'for subscriptions', 'for marketplaces', 'in EUR', 'on mobile', 'after a payout', 'with Connect',
  'in test mode', 'for guest checkouts', 'on invoices', 'with Checkout', 'for recurring payments', 'across currencies', 'for large orders',
  'during a holiday sale', 'for a closed account', 'in bulk', 'from a terminal reader', 'with Payment Links', 'for a nonprofit',
  'for a travel booking', 'for digital goods', 'for a restaurant', 'with webhooks', 'for a support agent', 'in GBP', 'in JPY',
  'for a new account', 'before month end',
];

const TEMPLATES = [
  (a: string, t: string, c: string) => `${a} ${t} ${c}`,
  (a: string, t: string, c: string) => `How to ${a.toLowerCase()} ${t} ${c}`,
  (a: string, t: string, c: string) => `Why you can't ${a.toLowerCase()} ${t} ${c}`,
  (a: string, t: string, c: string) => `Can I ${a.toLowerCase()} ${t} ${c}?`,
];

const SECTION_TITLES = [
  'In the Dashboard', 'With the API', 'What the customer sees', 'Common errors', 'Fees and your balance', 'How long it takes',
  'Before you start', 'A worked example', 'Test it first', 'Troubleshooting', 'Limits', 'Related settings', 'What changes afterwards',
  'Who can do this', 'When it is not possible', 'Check the result', 'Reporting', 'For support agents', 'Edge cases', 'Webhooks to listen for',
];
const SUBSECTION_TITLES = ['Step by step', 'If it fails', 'Good to know', 'An example', 'The exact error', 'Numbers to expect', 'Who sees it', 'Afterwards'];

const NOUNS = [
  'payment', 'refund', 'charge', 'customer', 'card', 'balance', 'payout', 'invoice', 'subscription', 'dispute', 'fee', 'receipt', 'order',
  'account', 'key', 'webhook', 'statement', 'bank', 'currency', 'amount', 'request', 'response', 'event', 'report', 'teammate', 'mandate',
];
const VERBS = ['creates', 'updates', 'reverses', 'holds', 'moves', 'shows', 'lists', 'reduces', 'returns', 'records', 'sends', 'blocks', 'marks', 'keeps'];
const ADJECTIVES = ['pending', 'succeeded', 'failed', 'partial', 'original', 'remaining', 'available', 'negative', 'international', 'saved', 'default', 'expired', 'live', 'test', 'restricted'];
const PLACES = ['the Dashboard', 'the payment page', 'the balance report', 'the API response', 'the customer page', 'the event log', 'the receipt email', 'the payout details', 'the settings page'];
const ERRORS = [
  'charge_already_refunded', 'amount_too_large', 'charge_disputed', 'insufficient_funds', 'resource_missing', 'parameter_invalid_integer', 'card_declined',
  'expired_card', 'idempotency_key_in_use', 'balance_insufficient', 'rate_limit', 'api_key_expired', 'payment_method_unactivated', 'refund_disputed_payment',
];
const SYLLABLES = ['ka', 'lo', 'ver', 'mi', 'sto', 'ra', 'den', 'qui', 'bel', 'tor', 'na', 'vis', 'pel', 'zan', 'dor', 'fi', 'gro', 'hal', 'ju', 'mox'];

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
    () => `When ${topic} goes through, Stripe ${r.pick(VERBS)} the ${r.pick(ADJECTIVES)} ${n()} and ${r.pick(VERBS)} the ${n()} in ${r.pick(PLACES)}.`,
    () => `${withArticle(r.pick(ADJECTIVES))} ${n()} of ${money(r)} shows the ${n()} and the ${n()} side by side in ${r.pick(PLACES)}.`,
    () => `If you see \`${r.pick(ERRORS)}\`, the ${n()} was already ${r.pick(ADJECTIVES)}, so check the ${n()} before you try again.`,
    () => `Most teams handle ${topic} within ${r.int(1, 10)} business days, and the customer sees the ${n()} on their ${n()} soon after.`,
    () => `${tokenName(r)}, a shop selling ${r.pick(['coffee', 'bikes', 'tickets', 'lessons', 'plants', 'software', 'books', 'rentals'])}, made ${money(r)} on order ${r.int(1000, 99999)} and needed ${topic}.`,
    () => `The ${n()} keeps its own ID, like \`${r.pick(['pi', 're', 'ch', 'txn', 'po', 'cus', 'pm'])}_${r.int(100000, 999999)}${tokenName(r)}\`, so you can find it later in ${r.pick(PLACES)}.`,
    () => `Nothing about ${topic} changes the ${r.pick(ADJECTIVES)} ${n()}; only the ${n()} moves.`,
    () => `Support agents often get asked about ${topic}: answer with the ${n()}, the ${n()} and the date it ${r.pick(VERBS)} the ${n()}.`,
    () => `In test mode the same steps work with test cards, and no real ${n()} ${r.pick(VERBS)} anything.`,
    () => `You need the ${r.pick(['Administrator', 'Developer', 'Analyst', 'Support specialist', 'Refund analyst'])} role, or a restricted key with write access to the ${n()}.`,
    () => `Keep a note of why you did it: a short reason on the ${n()} saves a question from the ${r.pick(['customer', 'bank', 'accountant', 'team', 'auditor'])} later.`,
    () => `The ${n()} is in the ${r.pick(['smallest currency unit', 'settlement currency', 'customer currency', 'presentment currency'])}, so ${money(r)} is written as ${r.int(100, 90000)}.`,
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
    "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);",
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
      parts.push(Array.from({ length: r.int(3, 5) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(r, a.topic)}`).join('\n'));
    }
    if (s === 1) {
      parts.push('The same with the API:');
      parts.push(codeBlock(r, a));
      if (links[1]) parts.push(`If this is not what you need, ${link(links[1])} covers a close case.`);
    }
    if (!widgetDone && s === 0) {
      parts.push(a.widget === 'FeeCalculator' ? (r.next() < 0.5 ? '<FeeCalculator />' : `<FeeCalculator amount={${r.int(20, 500) * 100}} refund={${r.int(1, 19) * 100}} />`) : '<RefundDemo />');
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
      for (let ti = 0; ti < TOPICS[category].length; ti++) for (let xi = 0; xi < CONTEXTS.length; xi++) for (let pi = 0; pi < TEMPLATES.length; pi++) combos.push([ai, ti, xi, pi]);
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
    if (made < perCategory[ci]!) throw new Error(`only ${made} unique titles for ${category}; the generator tops out near ${combos.length} a category`);
  });
  r.shuffle(articles);
  articles.forEach((a, i) => {
    a.number = 1000 + i;
    if (i % 10 === 5) a.widget = (i / 10) % 2 < 1 ? 'FeeCalculator' : 'RefundDemo';
  });
  // Alternate the widgets evenly among the tenth that has one.
  articles.filter((a) => a.widget).forEach((a, i) => (a.widget = i % 2 === 0 ? 'FeeCalculator' : 'RefundDemo'));

  const byCategory = new Map<Category, GeneratedArticle[]>(CATEGORIES.map((c) => [c, articles.filter((a) => a.category === c)]));
  let minWords = Infinity;
  let maxWords = 0;
  let totalWords = 0;
  articles.forEach((a, i) => {
    const same = byCategory.get(a.category)!.filter((b) => b !== a);
    const other = articles[(i + 1 + r.int(0, articles.length - 2)) % articles.length]!;
    const related = [...new Set([r.pick(same), r.pick(same), ...(other !== a ? [other] : [])].map((x) => x.id))].slice(0, r.int(1, 3));
    const links = [r.pick(same), other !== a ? other : r.pick(same), r.pick(same)];
    const body = articleBody(r, a, links);
    const prose = body.replace(/```[\s\S]*?```/g, '');
    const n = words(prose);
    minWords = Math.min(minWords, n);
    maxWords = Math.max(maxWords, n);
    totalWords += n;
    const summary = `${sentence(r, a.topic)} ${sentence(r, a.topic)}`.slice(0, 270);
    const frontmatter = [
      '---',
      `id: ${a.number}`,
      `title: ${q(a.title)}`,
      `summary: ${q(summary)}`,
      `category: ${a.category}`,
      `updated: 2026-${String(r.int(1, 11)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      `tags: ${list([a.category, r.pick(NOUNS)])}`,
      `keywords: ${list([a.topic.replace(/^(a|an|the) /, ''), `${r.pick(NOUNS)} ${r.pick(NOUNS)}`, r.pick(ERRORS)])}`,
      `related: ${list(related)}`,
      // Most real articles pin a query or two (39 of 42 when this was written): nine in ten here.
      ...(i % 10 !== 9 ? [`pinnedQueries: ${list([a.title.toLowerCase().replace(/[?]/g, '').slice(0, 80), `${a.topic.replace(/^(a|an|the) /, '')} ${r.pick(CONTEXTS)}`])}`] : []),
      ...(i < 12 ? ['featured: true'] : []),
      '---',
      '',
    ].join('\n');
    const file = path.join(outDir, 'articles', a.category, `${a.slug}.mdx`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${frontmatter}\n${body}`);
  });

  // A few FAQ entries: max(40, N/50), spread over the categories, each pointing at an article.
  const faqCount = Math.max(40, Math.floor(count / 50));
  const questions = new Set<string>();
  let made = 0;
  for (let i = 0; made < faqCount && i < faqCount * 20; i++) {
    const a = articles[(i * 37) % articles.length]!;
    const question = `${r.pick(['Can I', 'How do I', 'Why does Stripe not let me', 'When should I', 'Who can'])} ${r.pick(ACTIONS[a.category]).toLowerCase()} ${a.topic} ${r.pick(CONTEXTS)}?`;
    const slug = slugify(question);
    if (questions.has(slug) || question.length > 160) continue;
    questions.add(slug);
    const file = path.join(outDir, 'faq', a.category, `${slug}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      [
        '---',
        `question: ${q(question)}`,
        `category: ${a.category}`,
        `keywords: ${list([a.topic.replace(/^(a|an|the) /, ''), r.pick(ERRORS)])}`,
        `article: ${a.id}`,
        `order: ${made}`,
        ...(made < 8 ? ['featured: true'] : []),
        '---',
        `${paragraph(r, a.topic, r.int(2, 4))}`,
        '',
        `See [${a.title.replace(/[[\]]/g, '')}](/${a.id}/).`,
        '',
      ].join('\n'),
    );
    made += 1;
  }

  return {
    articles: articles.length,
    faq: made,
    widgets: articles.filter((a) => a.widget).length,
    words: { min: minWords, max: maxWords, mean: Math.round(totalWords / articles.length) },
  };
}

if (import.meta.main) {
  const [countArg, outArg] = process.argv.slice(2);
  const seedAt = process.argv.indexOf('--seed');
  const count = Number(countArg);
  if (!Number.isInteger(count) || count < 8 || !outArg) {
    console.error('usage: node scripts/bench/generate-content.ts <N ≥ 8> <outDir> [--seed 1]');
    process.exit(2);
  }
  const result = generateLibrary(path.resolve(outArg), count, seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1);
  console.log(JSON.stringify(result));
}
