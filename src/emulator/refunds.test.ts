/** Refund accounting against a model, over random sequences of refunds and cancellations. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ApiError } from './errors.ts';
import { createPaymentIntent } from './payments.ts';
import { cancelRefund, createRefund } from './refunds.ts';
import { createState } from './state.ts';

type Operation = { kind: 'refund'; amount: number | undefined } | { kind: 'cancel'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('refund' as const),
    amount: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

describe('refund accounting', () => {
  it('never refunds more than the charge, and amount_refunded always matches the live refunds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 5000 }),
        fc.constantFrom('pm_card_visa', 'pm_card_refundRequiresAction'),
        fc.array(operation, { maxLength: 30 }),
        (amount, paymentMethod, operations) => {
          const state = createState({ refundDelayMs: 60_000, maxPaymentIntents: 10 });
          const intent = createPaymentIntent(state, {
            amount,
            currency: 'usd',
            paymentMethod,
            confirm: true,
            allowedPaymentMethodTypes: ['card'],
            metadata: {},
          });
          const live = new Map<string, number>();
          const refundIds: string[] = [];
          for (const step of operations) {
            const remaining = amount - [...live.values()].reduce((sum, value) => sum + value, 0);
            if (step.kind === 'refund') {
              const attempt = () =>
                createRefund(state, {
                  paymentIntent: intent.id,
                  metadata: {},
                  ...(step.amount && { amount: step.amount }),
                });
              if (remaining === 0)
                assert.throws(
                  attempt,
                  (e: unknown) => e instanceof ApiError && e.body.code === 'charge_already_refunded',
                );
              else if ((step.amount ?? remaining) > remaining)
                assert.throws(attempt, (e: unknown) => e instanceof ApiError && e.body.param === 'amount');
              else {
                const refund = attempt();
                assert.equal(refund.amount, step.amount ?? remaining);
                live.set(refund.id, refund.amount);
                refundIds.push(refund.id);
              }
            } else if (refundIds.length > 0) {
              const id = refundIds[step.pick % refundIds.length] as string;
              if (paymentMethod === 'pm_card_refundRequiresAction' && live.has(id)) {
                cancelRefund(state, id);
                live.delete(id);
              } else assert.throws(() => cancelRefund(state, id), ApiError);
            }
            const charge = state.charges.get(intent.latest_charge as string)?.charge;
            const refunded = [...live.values()].reduce((sum, value) => sum + value, 0);
            assert.equal(charge?.amount_refunded, refunded);
            assert.equal(charge?.refunded, refunded === amount);
          }
          state.close();
        },
      ),
    );
  });

  it('forgets the oldest payments, with their charges and refunds, beyond the cap', () => {
    const state = createState({ refundDelayMs: 60_000, maxPaymentIntents: 2 });
    const pay = () =>
      createPaymentIntent(state, {
        amount: 1000,
        currency: 'usd',
        paymentMethod: 'pm_card_pendingRefund',
        confirm: true,
        allowedPaymentMethodTypes: ['card'],
        metadata: {},
      });
    const first = pay();
    const refund = createRefund(state, { paymentIntent: first.id, metadata: {} });
    pay();
    pay();
    assert.equal(state.paymentIntents.has(first.id), false);
    assert.equal(state.charges.has(first.latest_charge as string), false);
    assert.equal(state.refunds.has(refund.id), false);
    assert.equal(state.paymentIntents.size, 2);
    state.close();
  });
});
