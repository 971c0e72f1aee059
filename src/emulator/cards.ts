/**
 * Stripe's test payment methods the emulator understands, and what each does to a payment and its refunds.
 * The last four digits are those of the matching test card numbers in Stripe's testing docs.
 */
export type RefundBehavior = 'succeeds' | 'pending' | 'fails' | 'requires_action';

export interface TestCard {
  last4: string;
  declines: boolean;
  disputed: boolean;
  refund: RefundBehavior;
  /** The payment's money is available at once instead of pending (`pm_card_bypassPending`). */
  bypassPending?: boolean;
}

const testCards: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { last4: '4242', declines: false, disputed: false, refund: 'succeeds' },
  pm_card_chargeDeclined: { last4: '0002', declines: true, disputed: false, refund: 'succeeds' },
  // Stripe opens the dispute a moment after the payment; the emulator marks the charge disputed at once.
  pm_card_createDispute: { last4: '0259', declines: false, disputed: true, refund: 'succeeds' },
  pm_card_pendingRefund: { last4: '7726', declines: false, disputed: false, refund: 'pending' },
  pm_card_refundFail: { last4: '5126', declines: false, disputed: false, refund: 'fails' },
  // Funds a balance for transfers and payouts without waiting for the payment to settle.
  pm_card_bypassPending: { last4: '0077', declines: false, disputed: false, refund: 'succeeds', bypassPending: true },
  // Emulator only: card refunds never wait for action in Stripe, but canceling a refund needs one that does.
  pm_card_refundRequiresAction: { last4: '4242', declines: false, disputed: false, refund: 'requires_action' },
};

export function testCard(paymentMethod: string): TestCard | undefined {
  return Object.hasOwn(testCards, paymentMethod) ? testCards[paymentMethod] : undefined;
}
