/**
 * The four sections of the help center. Each is a URL segment (`/refunds/`) and a search filter. Kept free of
 * imports so the browser's search client can use it without pulling in the schema library.
 */
export const categories = ['refunds', 'fees', 'sources', 'accounts'] as const;
export type Category = (typeof categories)[number];

/** How each section introduces itself on the home page and its own page. */
export const categoryInfo: Record<Category, { label: string; description: string }> = {
  refunds: { label: 'Refunds', description: 'Give money back in full or in part, follow a refund until it arrives, and fix refund errors.' },
  fees: { label: 'Fees', description: 'What a payment costs, why fees stay when you refund, and how refunds reach your balance and payouts.' },
  sources: { label: 'Cards and sources', description: "Save, add, replace and remove a customer's cards and payment methods." },
  accounts: { label: 'Accounts', description: 'Test and live mode, API keys, Dashboard access and getting help from Stripe.' },
};
