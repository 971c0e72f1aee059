import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartData, maxChartDays, minChartDays } from './report-data.ts';

const counts = (day: string, clicks = 1) => ({ day, helpful: 1, notHelpful: 0, misses: 0, clicks });

describe('chartData', () => {
  it('covers every day up to today, two weeks at least, zeros where nothing was recorded', () => {
    const data = chartData([counts('2026-11-29'), counts('2026-12-01', 4)], { today: '2026-12-02' });
    assert.equal(data.days.length, minChartDays);
    assert.deepEqual(data.days.slice(-4), ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    assert.equal(data.days[0], '2026-11-19');
    assert.deepEqual(
      data.counts.slice(-4).map(({ clicks }) => clicks),
      [1, 0, 4, 0],
    );
    assert.ok(data.counts.slice(0, -4).every(({ helpful, clicks }) => helpful === 0 && clicks === 0));
    assert.equal(data.cut, false);
  });

  it('starts at since when given, or at the earliest day recorded when longer ago than two weeks', () => {
    assert.equal(chartData([], { since: '2026-11-25', today: '2026-12-02' }).days.length, 8);
    assert.equal(chartData([counts('2026-11-01')], { today: '2026-12-02' }).days[0], '2026-11-01');
  });

  it(`keeps the latest ${maxChartDays} days of a longer period, and says it cut`, () => {
    const { days, cut } = chartData([counts('2025-01-01')], { today: '2026-12-02' });
    assert.equal(days.length, maxChartDays);
    assert.equal(days.at(-1), '2026-12-02');
    assert.equal(cut, true);
  });
});
