/**
 * What every `FeedbackStore` must do, as one node:test suite: each engine's test file (memory, SQLite, Postgres,
 * D1) calls `feedbackStoreContract` with a way to open its store, so no behaviour is checked for one store only.
 * Not a test file itself.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { FeedbackStore } from './store.ts';

/** The contract's clock: late on 15 June 2025, UTC, so a store that files by local time would show it. */
export const contractToday = new Date('2025-06-15T23:59:00Z');

export interface StoreContractOptions {
  /** A fresh, empty store whose clock is `now` (the contract passes `contractToday`). */
  open(now: () => Date): Promise<FeedbackStore>;
  /**
   * Another store over the same data as the last one `open` made, as a second function instance would be; left
   * out for a store that keeps its data to itself (memory).
   */
  reopen?(now: () => Date): Promise<FeedbackStore>;
}

export function feedbackStoreContract(name: string, { open, reopen }: StoreContractOptions): void {
  describe(`${name}: the FeedbackStore contract`, () => {
    const clock = () => contractToday;
    let store: FeedbackStore;
    beforeEach(async () => {
      store = await open(clock);
    });
    afterEach(() => store.close());

    it('starts empty', async () => {
      assert.deepEqual(await store.report(), { pages: [], comments: [], misses: [], clicks: [], daily: [] });
    });

    it('counts yes, no and each reason per page, most "no" first, then fewest "yes"', async () => {
      const a = '/refunds/partial-refunds/';
      const b = '/fees/stripe-fees/';
      const c = '/faq/#can-i-cancel-a-refund';
      await store.addFeedback({ page: a, helpful: true });
      await store.addFeedback({ page: b, helpful: false, reason: 'wrong' });
      await store.addFeedback({ page: b, helpful: false, reason: 'wrong' });
      await store.addFeedback({ page: b, helpful: false });
      await store.addFeedback({ page: c, helpful: false, reason: 'hard_to_follow' });
      await store.addFeedback({ page: c, helpful: true });
      await store.addFeedback({ page: c, helpful: true });
      await store.addFeedback({ page: c, helpful: false, reason: 'missing_information' });
      await store.addFeedback({ page: c, helpful: false, reason: 'did_not_solve' });
      const { pages } = await store.report();
      assert.deepEqual(pages, [
        {
          page: b,
          helpful: 0,
          notHelpful: 3,
          reasons: { missing_information: 0, wrong: 2, hard_to_follow: 0, did_not_solve: 0 },
        },
        {
          page: c,
          helpful: 2,
          notHelpful: 3,
          reasons: { missing_information: 1, wrong: 0, hard_to_follow: 1, did_not_solve: 1 },
        },
        {
          page: a,
          helpful: 1,
          notHelpful: 0,
          reasons: { missing_information: 0, wrong: 0, hard_to_follow: 0, did_not_solve: 0 },
        },
      ]);
    });

    it('breaks ties by fewest "helpful", then by page in code-unit order', async () => {
      for (const page of ['/b/', '/a/', '/c/', '/c/', '/d/', '/B/', '/_/'])
        await store.addFeedback({ page, helpful: true });
      for (const page of ['/c/', '/d/']) await store.addFeedback({ page, helpful: false });
      assert.deepEqual(
        (await store.report()).pages.map(({ page }) => page),
        ['/d/', '/c/', '/B/', '/_/', '/a/', '/b/'],
      );
    });

    it('lists comments most recent first, with their day and reason, up to the limit', async () => {
      await store.addFeedback({
        page: '/a/',
        helpful: false,
        reason: 'did_not_solve',
        comment: 'first',
        day: '2025-06-10',
      });
      await store.addFeedback({ page: '/b/', helpful: true, comment: 'second', day: '2025-06-14' });
      await store.addFeedback({ page: '/c/', helpful: true, day: '2025-06-14' });
      await store.addFeedback({ page: '/d/', helpful: false, comment: 'third' });
      await store.addFeedback({ page: '/e/', helpful: false, comment: 'fourth' });
      const { comments } = await store.report();
      assert.deepEqual(comments, [
        { page: '/e/', day: '2025-06-15', helpful: false, comment: 'fourth' },
        { page: '/d/', day: '2025-06-15', helpful: false, comment: 'third' },
        { page: '/b/', day: '2025-06-14', helpful: true, comment: 'second' },
        { page: '/a/', day: '2025-06-10', helpful: false, reason: 'did_not_solve', comment: 'first' },
      ]);
      assert.deepEqual(
        (await store.report({ limit: 2 })).comments.map(({ comment }) => comment),
        ['fourth', 'third'],
      );
      assert.deepEqual((await store.report({ limit: 0 })).comments, []);
    });

    it('upserts search misses: one count per normalised query', async () => {
      for (const query of ['refund fees', 'Refund  Fees', 'closed card', 'refund fees ', 'zzz', 'aaa', 'Ｒefund'])
        await store.addSearchMiss(query);
      assert.deepEqual((await store.report()).misses, [
        { query: 'refund fees', count: 3 },
        { query: 'aaa', count: 1 },
        { query: 'closed card', count: 1 },
        { query: 'zzz', count: 1 },
        { query: 'ｒefund', count: 1 },
      ]);
      assert.deepEqual((await store.report({ limit: 1 })).misses, [{ query: 'refund fees', count: 3 }]);
    });

    it('adds up a query over days, and counts only the days since', async () => {
      await store.addSearchMiss('payout schedule', '2025-05-01');
      await store.addSearchMiss('payout schedule', '2025-05-01');
      await store.addSearchMiss('payout schedule', '2025-06-14');
      await store.addSearchMiss('iban');
      assert.deepEqual((await store.report()).misses, [
        { query: 'payout schedule', count: 3 },
        { query: 'iban', count: 1 },
      ]);
      assert.deepEqual((await store.report({ since: '2025-06-01' })).misses, [
        { query: 'iban', count: 1 },
        { query: 'payout schedule', count: 1 },
      ]);
    });

    it('keeps pages and comments since a day, that day included', async () => {
      await store.addFeedback({ page: '/old/', helpful: false, comment: 'old', day: '2025-06-07' });
      await store.addFeedback({ page: '/edge/', helpful: false, comment: 'edge', day: '2025-06-08' });
      await store.addFeedback({ page: '/new/', helpful: true });
      const report = await store.report({ since: '2025-06-08' });
      assert.deepEqual(
        report.pages.map(({ page }) => page),
        ['/edge/', '/new/'],
      );
      assert.deepEqual(
        report.comments.map(({ comment }) => comment),
        ['edge'],
      );
      assert.deepEqual(await store.report({ since: '2025-06-16' }), {
        pages: [],
        comments: [],
        misses: [],
        clicks: [],
        daily: [],
      });
    });

    it('counts opened results per normalised query, its pages most opened first, at most five', async () => {
      const open = async (query: string, page: string, times: number, day?: string) => {
        for (let i = 0; i < times; i++) await store.addSearchClick(query, page, day);
      };
      await open('Refund  Fees', '/fees/refund-fees/', 3);
      await open('refund fees', '/refunds/partial-refunds/', 1);
      await open('refund fees ', '/fees/stripe-fees/', 2, '2025-06-01');
      for (const page of ['/e/', '/d/', '/c/', '/b/']) await open('refund fees', page, 1);
      await open('payout', '/payouts/schedule/', 2);
      await open('iban', '/payouts/bank-accounts/', 2);
      const { clicks } = await store.report();
      assert.deepEqual(clicks, [
        {
          query: 'refund fees',
          count: 10,
          pages: [
            { page: '/fees/refund-fees/', count: 3 },
            { page: '/fees/stripe-fees/', count: 2 },
            { page: '/b/', count: 1 },
            { page: '/c/', count: 1 },
            { page: '/d/', count: 1 },
          ],
        },
        { query: 'iban', count: 2, pages: [{ page: '/payouts/bank-accounts/', count: 2 }] },
        { query: 'payout', count: 2, pages: [{ page: '/payouts/schedule/', count: 2 }] },
      ]);
      assert.deepEqual(
        (await store.report({ limit: 2 })).clicks.map(({ query }) => query),
        ['refund fees', 'iban'],
      );
      const since = (await store.report({ since: '2025-06-02' })).clicks[0];
      assert.equal(since?.count, 8, 'the clicks of 1 June are left out');
      assert.ok(!since?.pages.some(({ page }) => page === '/fees/stripe-fees/'));
      assert.deepEqual((await store.report({ limit: 0 })).clicks, []);
    });

    it('counts each day apart, oldest first, with only the days that have something', async () => {
      await store.addFeedback({ page: '/a/', helpful: true, day: '2025-06-01' });
      await store.addFeedback({ page: '/a/', helpful: false, day: '2025-06-01' });
      await store.addFeedback({ page: '/b/', helpful: false, day: '2025-06-01' });
      await store.addSearchMiss('x', '2025-06-03');
      await store.addSearchMiss('y', '2025-06-03');
      await store.addSearchMiss('x', '2025-05-20');
      await store.addSearchClick('x', '/a/', '2025-06-03');
      await store.addSearchClick('z', '/b/');
      await store.addFeedback({ page: '/b/', helpful: true });
      const day = (day: string, helpful: number, notHelpful: number, misses: number, clicks: number) => ({
        day,
        helpful,
        notHelpful,
        misses,
        clicks,
      });
      assert.deepEqual((await store.report()).daily, [
        day('2025-05-20', 0, 0, 1, 0),
        day('2025-06-01', 1, 2, 0, 0),
        day('2025-06-03', 0, 0, 2, 1),
        day('2025-06-15', 1, 0, 0, 1),
      ]);
      assert.deepEqual(
        (await store.report({ since: '2025-06-02', limit: 0 })).daily,
        [day('2025-06-03', 0, 0, 2, 1), day('2025-06-15', 1, 0, 0, 1)],
        'since applies; limit does not',
      );
    });

    it('files entries under the UTC day of its clock', async () => {
      await store.addFeedback({ page: '/', helpful: true, comment: 'today' });
      await store.addSearchMiss('today');
      await store.addSearchClick('today', '/');
      const report = await store.report({ since: '2025-06-15' });
      assert.equal(report.comments[0]?.day, '2025-06-15');
      assert.deepEqual(report.misses, [{ query: 'today', count: 1 }]);
      assert.equal(report.clicks[0]?.count, 1);
      assert.deepEqual(
        report.daily.map(({ day }) => day),
        ['2025-06-15'],
      );
    });

    it('loses no count when many arrive at once', async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2 ? store.addSearchMiss('at once') : store.addSearchClick('at once', '/a/'),
        ),
      );
      const report = await store.report();
      assert.deepEqual(report.misses, [{ query: 'at once', count: 20 }]);
      assert.equal(report.clicks[0]?.count, 20);
    });

    it('refuses a malformed day, since or limit', async () => {
      await assert.rejects(
        async () => store.addFeedback({ page: '/', helpful: true, day: '2025-06-15T10:00:00Z' }),
        TypeError,
      );
      await assert.rejects(async () => store.addSearchMiss('x', '15/06/2025'), TypeError);
      await assert.rejects(async () => store.addSearchClick('x', '/', '2025-6-1'), TypeError);
      await assert.rejects(async () => store.report({ since: 'yesterday' }), TypeError);
      await assert.rejects(async () => store.report({ limit: -1 }), TypeError);
      await assert.rejects(async () => store.report({ limit: 1.5 }), TypeError);
    });

    if (reopen) {
      it('shows what one instance wrote to another, and both count into the same rows', async () => {
        const other = await reopen(clock);
        try {
          await store.addFeedback({ page: '/a/', helpful: false, reason: 'wrong', comment: 'kept' });
          await store.addSearchMiss('shared');
          await other.addSearchMiss('Shared');
          await Promise.all([store.addSearchClick('shared', '/a/'), other.addSearchClick('shared', '/a/')]);
          const report = await other.report();
          assert.deepEqual(report.comments, [
            { page: '/a/', day: '2025-06-15', helpful: false, reason: 'wrong', comment: 'kept' },
          ]);
          assert.deepEqual(report.misses, [{ query: 'shared', count: 2 }]);
          assert.deepEqual(report.clicks, [{ query: 'shared', count: 2, pages: [{ page: '/a/', count: 2 }] }]);
        } finally {
          await other.close();
        }
      });
    }
  });
}
