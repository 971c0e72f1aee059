import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardFee, formatAmount } from './money.ts';

describe('cardFee', () => {
  it('is 2.9% + 30¢, rounded to the nearest cent', () => {
    assert.equal(cardFee(10_000), 320);
    assert.equal(cardFee(2000), 88);
    assert.equal(cardFee(1050), 60); // 30.45 → 30
    assert.equal(cardFee(1550), 75); // 44.95 → 45
    assert.equal(cardFee(50), 31);
  });
});

describe('formatAmount', () => {
  it('writes amounts the way Stripe’s messages do, per currency', () => {
    assert.equal(formatAmount(2500, 'usd'), '$25.00');
    assert.equal(formatAmount(1000, 'eur'), '€10.00');
    assert.equal(formatAmount(99, 'gbp'), '£0.99');
    assert.equal(formatAmount(2500, 'jpy'), '¥2,500');
  });
});
