/**
 * Stripe's test payment methods the emulator understands, and what each does to a payment and its refunds.
 * The last four digits are those of the matching test card numbers in Stripe's testing docs.
 */
export type RefundBehavior = 'succeeds' | 'pending' | 'fails' | 'requires_action';

/** How the issuer declines a card, as Stripe's error and the failed charge report it. */
export interface Decline {
  /** The error's `code`: `card_declined` for most declines, its own code for a few (`expired_card`). */
  code: string;
  /** The issuer's reason, `decline_code` on the error and `outcome.reason` on the charge. */
  declineCode: string;
  message: string;
}

export interface TestCard {
  last4: string;
  declines: boolean;
  disputed: boolean;
  refund: RefundBehavior;
  /** Why the card declines; a generic decline when omitted. */
  decline?: Decline;
  /** The issuer asks for 3D Secure on every payment, so an off-session payment fails with `authentication_required`. */
  authenticationRequired?: boolean;
  /** Saving the card (a SetupIntent) succeeds though every charge declines: `pm_card_chargeCustomerFail`. */
  passesSetup?: boolean;
  /** The payment's money is available at once instead of pending (`pm_card_bypassPending`). */
  bypassPending?: boolean;
}

export const genericDecline: Decline = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

const declined = (last4: string, decline: Decline, extra: Partial<TestCard> = {}): TestCard => ({
  last4,
  declines: true,
  disputed: false,
  refund: 'succeeds',
  decline,
  ...extra,
});
const cardDeclined = (declineCode: string, message = genericDecline.message): Decline => ({
  code: 'card_declined',
  declineCode,
  message,
});

const testCards: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { last4: '4242', declines: false, disputed: false, refund: 'succeeds' },
  pm_card_chargeDeclined: declined('0002', genericDecline),
  pm_card_chargeDeclinedInsufficientFunds: declined(
    '9995',
    cardDeclined('insufficient_funds', 'Your card has insufficient funds.'),
  ),
  pm_card_chargeDeclinedLostCard: declined('9987', cardDeclined('lost_card')),
  pm_card_chargeDeclinedStolenCard: declined('9979', cardDeclined('stolen_card')),
  pm_card_chargeDeclinedExpiredCard: declined('0069', {
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  }),
  pm_card_chargeDeclinedIncorrectCvc: declined('0127', {
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  }),
  pm_card_chargeDeclinedProcessingError: declined('0119', {
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  }),
  pm_card_chargeCustomerFail: declined('0341', genericDecline, { passesSetup: true }),
  pm_card_authenticationRequired: {
    last4: '3184',
    declines: false,
    disputed: false,
    refund: 'succeeds',
    authenticationRequired: true,
  },
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
