/**
 * Small bar charts over days, drawn on the server as an inline SVG string: no chart library, no script, nothing
 * for the browser to fetch. Each chart is an image with a title and a description that says in words what the
 * bars show (the numbers themselves are also printed as a table beside it, see ReportChart.astro); colours come
 * from CSS classes, so the page's light and dark themes apply.
 */

export interface ChartSeries {
  /** What one unit is, in the legend and the hover text: "helpful", "missed searches". */
  label: string;
  /** The class of its bars and legend swatch, which gives the colour. */
  className: string;
  /** One count per day, in the order of `days`. */
  values: readonly number[];
}

export interface BarChartOptions {
  /** Unique on the page: the title and description are referred to by id. */
  id: string;
  title: string;
  /** Days as `YYYY-MM-DD`, oldest first, one bar (a stack of the series) each. */
  days: readonly string[];
  /** Stacked from the bottom in this order. */
  series: readonly ChartSeries[];
  width?: number;
  height?: number;
}

const margin = { top: 12, right: 8, bottom: 40, left: 36 };

/** XML's five special characters escaped, so text from the store (none today, but labels) can't become markup. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

/** The smallest of 1, 2, 5, 10, 20, 50… that is at least `value`, so the axis ends on a round number. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** One sentence: the period, each series' total, and the busiest day. */
export function describeChart({ days, series }: Pick<BarChartOptions, 'days' | 'series'>): string {
  if (days.length === 0) return 'No days to show.';
  const totals = series.map(({ label, values }) => `${values.reduce((sum, value) => sum + value, 0)} ${label}`);
  const perDay = days.map((_, index) => series.reduce((sum, { values }) => sum + (values[index] ?? 0), 0));
  const peak = Math.max(...perDay);
  const period = days.length === 1 ? `On ${days[0]}` : `From ${days[0]} to ${days.at(-1)}`;
  const busiest = peak === 0 ? 'none on any day' : `most on ${days[perDay.indexOf(peak)]} (${peak})`;
  return `${period}: ${totals.join(', ')}; ${busiest}.`;
}

/** The chart as one `<svg>` element, to be placed in the page as is. */
export function barChart({ id, title, days, series, width = 640, height = 180 }: BarChartOptions): string {
  for (const { label, values } of series) {
    if (values.length !== days.length)
      throw new RangeError(`${label}: ${values.length} values for ${days.length} days; give one per day.`);
    if (values.some((value) => !Number.isFinite(value) || value < 0))
      throw new RangeError(`${label}: counts must be finite numbers of 0 or more.`);
  }
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const totals = days.map((_, index) => series.reduce((sum, { values }) => sum + (values[index] ?? 0), 0));
  const top = niceCeiling(Math.max(0, ...totals));
  const slot = days.length ? plotWidth / days.length : plotWidth;
  // A gap between bars while they are wide enough to spare one; never wider than a finger, however few the days.
  const barWidth = Math.min(slot > 4 ? slot * 0.8 : slot, 32);
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;

  const grid = [0, top / 2, top]
    .filter((value, index, all) => all.indexOf(value) === index && Number.isInteger(value))
    .map(
      (value) =>
        `<line class="chart-grid" x1="${margin.left}" x2="${width - margin.right}" y1="${round(y(value))}" y2="${round(y(value))}"/>` +
        `<text class="chart-axis" x="${margin.left - 4}" y="${round(y(value) + 4)}" text-anchor="end">${value}</text>`,
    );

  const bars = days.map((day, index) => {
    const x = round(margin.left + index * slot + (slot - barWidth) / 2);
    let base = 0;
    const parts = series
      .filter(({ values }) => (values[index] ?? 0) > 0)
      .map(({ className, values }) => {
        const value = values[index] ?? 0;
        const rect = `<rect class="${escapeXml(className)}" x="${x}" y="${round(y(base + value))}" width="${round(barWidth)}" height="${round(y(base) - y(base + value))}"/>`;
        base += value;
        return rect;
      });
    const hover = `${day}: ${series.map(({ label, values }) => `${values[index] ?? 0} ${label}`).join(', ')}`;
    return `<g><title>${escapeXml(hover)}</title>${parts.join('')}</g>`;
  });

  // The first and last day under the axis; the middle one too when there is room between them.
  const labelled = days.length > 2 ? [0, Math.floor((days.length - 1) / 2), days.length - 1] : days.map((_, i) => i);
  const dayLabels = [...new Set(labelled)].map((index) => {
    const x = round(margin.left + index * slot + slot / 2);
    const anchor = days.length === 1 ? 'middle' : index === 0 ? 'start' : index === days.length - 1 ? 'end' : 'middle';
    const clamped = anchor === 'start' ? margin.left : anchor === 'end' ? width - margin.right : x;
    return `<text class="chart-axis" x="${clamped}" y="${height - margin.bottom + 16}" text-anchor="${anchor}">${escapeXml(days[index] ?? '')}</text>`;
  });

  let legendX = margin.left;
  const legend = series.map(({ label, className }) => {
    const item =
      `<rect class="${escapeXml(className)}" x="${legendX}" y="${height - 14}" width="10" height="10"/>` +
      `<text class="chart-legend" x="${legendX + 14}" y="${height - 5}">${escapeXml(label)}</text>`;
    legendX += 24 + label.length * 7;
    return item;
  });

  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeXml(titleId)} ${escapeXml(descId)}">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(title)}</title>`,
    `<desc id="${escapeXml(descId)}">${escapeXml(describeChart({ days, series }))}</desc>`,
    ...grid,
    ...bars,
    ...dayLabels,
    ...legend,
    '</svg>',
  ].join('');
}

/** Every day from `first` to `last` (`YYYY-MM-DD`, UTC), both included, at most the last `max` of them. */
export function dayRange(first: string, last: string, max = 366): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let time = end; time >= Date.parse(`${first}T00:00:00Z`) && days.length < max; time -= 86_400_000)
    days.push(new Date(time).toISOString().slice(0, 10));
  return days.reverse();
}
