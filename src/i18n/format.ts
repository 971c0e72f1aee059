/** Fills a dictionary text's `{name}` placeholders (see `en.ts`). */

const PLACEHOLDER = /\{(\w+)\}/g;

/** The text with each `{name}` replaced by its value; a placeholder without a value stays as written, so it shows. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => String(values[name] ?? whole));
}

/**
 * The text cut at its placeholders, each replaced by its value, for templates where a value is markup (a link in
 * the middle of a sentence): Astro renders the array in order.
 */
export function fill<T>(text: string, values: Record<string, T>): (string | T)[] {
  return text
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 0 ? part : (values[part] ?? `{${part}}`)))
    .filter((part) => part !== '');
}
