/**
 * The one plain-text table printer of the scripts: benchmarks, budgets, build:all and search quality all print
 * through it, so every report reads the same way.
 */

export type Cell = string | number | undefined | null;

/** A figure with an optional unit, or a word a column of figures may hold: such a column is right-aligned. */
const FIGURE = /^[-+–]?[\d.,]*\s?(B|KB|MB|ms|s|×|%)?$/;
const FIGURE_WORDS = new Set(['OVER', 'ok', 'info']);

/**
 * Columns are the keys of the rows, in the order first seen. A missing cell prints as "–". The first column is
 * left-aligned; figures are right-aligned, and a column with any text in it reads better left-aligned. Name no
 * column with a whole number ("429"): JavaScript puts such keys before all others.
 */
export function table(rows: Record<string, Cell>[], title?: string): string {
  if (rows.length === 0) return title ? `${title}\n(no rows)\n` : '(no rows)\n';
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = [
    headers,
    ...rows.map((r) => headers.map((h) => (r[h] === undefined || r[h] === null ? '–' : String(r[h])))),
  ];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const numeric = headers.map(
    (_, c) => c > 0 && cells.slice(1).every((row) => FIGURE.test(row[c]!) || FIGURE_WORDS.has(row[c]!)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return `${title ? `\n${title}\n` : ''}${line(cells[0]!)}\n${rule}\n${cells.slice(1).map(line).join('\n')}\n`;
}
