const format = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** "November 26, 2026", in UTC so a build gives the same text wherever it runs. */
export function formatDate(date: Date): string {
  return format.format(date);
}
