import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STANDARD_US_CARD_RATE, feeFor, formatCents, parseAmount, refundOutcome } from './fees.ts';

test('the standard fee on $100.00 is $3.20', () => {
  assert.equal(feeFor(10_000, STANDARD_US_CARD_RATE), 320);
});

test('the percentage is rounded to the nearest cent before the fixed part is added', () => {
  assert.equal(feeFor(1_000, STANDARD_US_CARD_RATE), 59); // 29 + 30
  assert.equal(feeFor(1_234, STANDARD_US_CARD_RATE), 66); // 35.786 → 36, + 30
});

test('a partial refund of $40.00 on $100.00: customer gets $40.00, balance −$40.00, fee kept, $56.80 left', () => {
  assert.deepEqual(refundOutcome(10_000, 4_000, STANDARD_US_CARD_RATE), {
    fee: 320,
    net: 9_680,
    refunded: 4_000,
    balanceLoss: 4_000,
    feeKept: 320,
    kept: 5_680,
    remaining: 6_000,
  });
});

test('a full refund leaves the merchant down by exactly the fee', () => {
  assert.equal(refundOutcome(10_000, 10_000, STANDARD_US_CARD_RATE).kept, -320);
});

test('a refund larger than the payment is refused', () => {
  assert.throws(() => refundOutcome(1_000, 1_001, STANDARD_US_CARD_RATE), RangeError);
  assert.throws(() => refundOutcome(0, 0, STANDARD_US_CARD_RATE), RangeError);
});

test('amounts are read as readers type them', () => {
  assert.equal(parseAmount('100'), 10_000);
  assert.equal(parseAmount('$1,200.50'), 120_050);
  assert.equal(parseAmount('12,34'), 1_234);
  assert.equal(parseAmount(' 0.5 '), 50);
  assert.equal(parseAmount('12.345'), undefined);
  assert.equal(parseAmount('ten'), undefined);
  assert.equal(parseAmount('-5'), undefined);
});

test('cents are shown as dollars', () => {
  assert.equal(formatCents(-320), '-$3.20');
  assert.equal(formatCents(5_680), '$56.80');
});
