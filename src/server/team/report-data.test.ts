import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartData, maxChartDays } from './report-data.ts';

const counts = (day: string, clicks = 1) => ({ day, helpful: 1, notHelpful: 0, misses: 0, clicks });

describe('chartData', () => {
  it('covers every day from the first with counts to today, zeros where nothing was recorded', () => {
    const {
      days,
      counts: filled,
      cut,
    } = chartData([counts('2026-11-29'), counts('2026-12-01', 4)], {
      today: '2026-12-02',
    });
    assert.deepEqual(days, ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    assert.deepEqual(
      filled.map(({ clicks }) => clicks),
      [1, 0, 4, 0],
    );
    assert.equal(cut, false);
  });

  it('starts at since when given, and shows today alone when nothing was recorded', () => {
    assert.equal(chartData([], { since: '2026-11-25', today: '2026-12-02' }).days.length, 8);
    assert.deepEqual(chartData([], { today: '2026-12-02' }).days, ['2026-12-02']);
  });

  it(`keeps the latest ${maxChartDays} days of a longer period, and says it cut`, () => {
    const { days, cut } = chartData([counts('2025-01-01')], { today: '2026-12-02' });
    assert.equal(days.length, maxChartDays);
    assert.equal(days.at(-1), '2026-12-02');
    assert.equal(cut, true);
  });
});
