/**
 * The objects behind a sample's placeholder ids, made fresh for every sample through the public API (so the
 * same recipes work against Stripe's test mode): `pi_123` becomes a real $100.00 card payment, `cus_Qexample` a
 * real customer with a saved Visa card, and so on. A sample picks another recipe in its marker
 * (`example="pi_123=disputed"`) when the default doesn't tell its story.
 */
import type Stripe from 'stripe';
import { prefixOf, type IdPrefix } from './placeholders.ts';

interface Recipe {
  /**
   * What the recipe makes; `any` stands for any prefix, `given` for an object the sample doesn't name, a list for
   * an object with more than one id prefix (a dispute is `du_` or `dp_`).
   */
  prefix: IdPrefix | readonly IdPrefix[] | 'any' | 'given';
  /** Why Stripe's test mode can't make this, when only the emulator can. */
  emulatorOnly?: string;
  make(world: World, id: string): Promise<string>;
}

/** The default recipe for each id prefix. */
const defaults: Record<IdPrefix, string> = {
  pi: 'payment',
  ch: 'charge',
  re: 'refund',
  cus: 'customer',
  card: 'default-card',
  pm: 'payment-method',
  txn: 'charge-transaction',
  seti: 'setup-intent',
  du: 'dispute',
  dp: 'dispute',
  acct: 'connected-account',
  tr: 'transfer',
  po: 'payout',
  in: 'paid-invoice',
  il: 'invoice-line',
  cn: 'credit-note',
  evt: 'refund-event',
};

/** Why Connect recipes are emulator-only. */
const onboarding =
  'a new connected account in test mode can receive transfers only after onboarding, which the emulator skips';

const recipes: Record<string, Recipe> = {
  // An id that names nothing, for a sample that shows Stripe's answer to one.
  absent: { prefix: 'any', make: async (_world, id) => id },
  payment: { prefix: 'pi', make: async (world) => (await world.pay('pm_card_visa', 10_000)).id },
  'small-payment': { prefix: 'pi', make: async (world) => (await world.pay('pm_card_visa', 2000)).id },
  disputed: { prefix: 'pi', make: async (world) => (await world.dispute()).payment },
  'partly-refunded': {
    prefix: 'pi',
    async make(world) {
      const payment = await world.pay('pm_card_visa', 2500);
      await world.stripe.refunds.create({ payment_intent: payment.id, amount: 1500 });
      return payment.id;
    },
  },
  'refunded-twice': { prefix: 'pi', make: async (world) => (await world.refundedTwice()).payment },
  'refund-fail-payment': { prefix: 'pi', make: async (world) => (await world.pay('pm_card_refundFail', 10_000)).id },
  'pending-refund-payment': {
    prefix: 'pi',
    make: async (world) => (await world.pay('pm_card_pendingRefund', 2000)).id,
  },
  'saved-card-payment': { prefix: 'pi', make: async (world) => (await world.savedCardPayment()).id },
  charge: { prefix: 'ch', make: async (world) => chargeId(await world.pay('pm_card_visa', 10_000)) },
  refund: { prefix: 're', make: async (world) => (await world.refund('pm_card_visa', 4000)).id },
  'refunded-twice-charge': { prefix: 'ch', make: async (world) => (await world.refundedTwice()).charge },
  'first-refund': { prefix: 're', make: async (world) => (await world.refundedTwice()).first },
  'pending-refund': { prefix: 're', make: async (world) => (await world.refund('pm_card_pendingRefund', 4000)).id },
  'failed-refund': { prefix: 're', make: (world) => world.failedRefund(4000) },
  'failed-full-refund': { prefix: 're', make: (world) => world.failedRefund(10_000) },
  'refund-requiring-action': {
    prefix: 're',
    emulatorOnly: 'card refunds never wait for the customer in Stripe, so only the emulator can make one to cancel',
    make: async (world) => (await world.refund('pm_card_refundRequiresAction', 4000)).id,
  },
  customer: { prefix: 'cus', make: async (world) => (await world.customer()).id },
  'default-card': { prefix: 'card', make: async (world) => String((await world.customer()).default_source) },
  'second-card': {
    prefix: 'card',
    make: async (world) =>
      (await world.stripe.customers.createSource((await world.customer()).id, { source: 'tok_mastercard' })).id,
  },
  'payment-method': { prefix: 'pm', make: async (world) => String((await world.savedCardPayment()).payment_method) },
  'attached-payment-method': {
    prefix: 'pm',
    async make(world) {
      const paymentMethod = String((await world.savedCardPayment()).payment_method);
      await world.stripe.paymentMethods.attach(paymentMethod, { customer: (await world.customer()).id });
      return paymentMethod;
    },
  },
  'charge-transaction': {
    prefix: 'txn',
    async make(world) {
      const payment = await world.pay('pm_card_visa', 10_000);
      const charge = await world.stripe.charges.retrieve(chargeId(payment));
      return String(charge.balance_transaction);
    },
  },
  'full-refund': { prefix: 'given', make: async (world) => (await world.refund('pm_card_visa', 10_000)).id },

  // The payment lifecycle: manual capture, saved cards charged off-session, SetupIntents and disputes.
  uncaptured: {
    prefix: 'pi',
    make: async (world) => (await world.pay('pm_card_visa', 10_000, { capture_method: 'manual' })).id,
  },
  'saved-card-customer': { prefix: 'cus', make: async (world) => (await world.savedCard('pm_card_visa')).customer },
  'saved-card': { prefix: 'pm', make: async (world) => (await world.savedCard('pm_card_visa')).paymentMethod },
  'authentication-required-customer': {
    prefix: 'cus',
    make: async (world) => (await world.savedCard('pm_card_authenticationRequired')).customer,
  },
  'authentication-required-card': {
    prefix: 'pm',
    make: async (world) => (await world.savedCard('pm_card_authenticationRequired')).paymentMethod,
  },
  'declining-card-customer': {
    prefix: 'cus',
    make: async (world) => (await world.savedCard('pm_card_chargeCustomerFail')).customer,
  },
  'declining-card': {
    prefix: 'pm',
    make: async (world) => (await world.savedCard('pm_card_chargeCustomerFail')).paymentMethod,
  },
  'setup-intent': { prefix: 'seti', make: async (world) => (await world.savedCard('pm_card_visa')).setupIntent },
  'new-setup-intent': {
    prefix: 'seti',
    async make(world) {
      const customer = (await world.savedCard('pm_card_visa')).customer;
      const setupIntent = await world.stripe.setupIntents.create({
        customer,
        allowed_payment_method_types: ['card'],
        usage: 'off_session',
      });
      return setupIntent.id;
    },
  },
  dispute: { prefix: ['du', 'dp'], make: async (world) => (await world.dispute()).dispute },
  'submitted-dispute': {
    prefix: ['du', 'dp'],
    async make(world) {
      const { dispute } = await world.dispute();
      await world.stripe.disputes.update(dispute, {
        evidence: { uncategorized_text: 'Signed delivery receipt attached.' },
        submit: true,
      });
      return dispute;
    },
  },
  'refund-with-reference': {
    prefix: 're',
    emulatorOnly: "Stripe's test mode may never assign a test refund its ARN, so only the emulator can promise one",
    async make(world) {
      const refund = await world.refund('pm_card_visa', 4000);
      await world.until(
        async () =>
          (await world.stripe.refunds.retrieve(refund.id)).destination_details?.card?.reference_status === 'available',
        "the refund's ARN",
      );
      return refund.id;
    },
  },
  'lost-dispute': {
    prefix: ['du', 'dp'],
    async make(world) {
      const { dispute } = await world.dispute();
      await world.stripe.disputes.close(dispute);
      return dispute;
    },
  },
  // Money movement: Connect and payouts.
  'connected-account': {
    prefix: 'acct',
    emulatorOnly: onboarding,
    make: async (world) => (await world.connectedAccount()).id,
  },
  'destination-charge': {
    prefix: 'pi',
    emulatorOnly: onboarding,
    make: async (world) => (await world.destinationCharge()).id,
  },
  'destination-charge-charge': {
    prefix: 'ch',
    emulatorOnly: onboarding,
    make: async (world) => chargeId(await world.destinationCharge()),
  },
  transfer: {
    prefix: 'tr',
    emulatorOnly: onboarding,
    async make(world) {
      const payment = await world.pay('pm_card_visa', 10_000);
      const transfer = await world.stripe.transfers.create({
        amount: 7000,
        currency: 'usd',
        destination: (await world.connectedAccount()).id,
        source_transaction: chargeId(payment),
        transfer_group: 'ORDER_1042',
      });
      return transfer.id;
    },
  },
  'destination-transfer': {
    prefix: 'tr',
    emulatorOnly: onboarding,
    make: async (world) => {
      const charge = await world.stripe.charges.retrieve(chargeId(await world.destinationCharge()));
      return String(charge.transfer);
    },
  },
  'available-funds': { prefix: 'given', make: async (world) => (await world.availableFunds()).id },
  payout: { prefix: 'po', make: async (world) => (await world.payout()).id },
  'failed-payout': {
    prefix: 'po',
    emulatorOnly:
      "a payout fails in test mode only when it goes to a failing test bank account, and the platform's own bank accounts are added in the Dashboard",
    make: async (world) => (await world.payout('btok_us_verified_accountClosed')).id,
  },
  'paid-invoice': { prefix: 'in', make: async (world) => (await world.paidInvoice()).id },
  'invoice-line': {
    prefix: 'il',
    make: async (world) => String((await world.paidInvoice()).lines.data[0]?.id),
  },
  'credit-note': {
    prefix: 'cn',
    async make(world) {
      const invoice = await world.paidInvoice();
      const note = await world.stripe.creditNotes.create({
        invoice: invoice.id,
        amount: 1000,
        refund_amount: 1000,
        reason: 'order_change',
      });
      return note.id;
    },
  },
  'refund-event': {
    prefix: 'evt',
    async make(world) {
      const refund = await world.refund('pm_card_visa', 4000);
      // Other samples run at the same time: find this refund's event, not the latest one.
      const events = await world.stripe.events.list({ type: 'refund.created', limit: 100 });
      const event = events.data.find((each) => (each.data.object as Stripe.Refund).id === refund.id);
      if (!event) throw new Error(`no refund.created event for ${refund.id}`);
      return event.id;
    },
  },
  // One that can be voided: it credited the customer's balance rather than refunding.
  'balance-credit-note': {
    prefix: 'cn',
    async make(world) {
      const invoice = await world.paidInvoice();
      return (await world.stripe.creditNotes.create({ invoice: invoice.id, amount: 1000, credit_amount: 1000 })).id;
    },
  },
};

export interface FixtureTarget {
  stripe: Stripe;
  /** False against Stripe's test mode, where emulator-only recipes can't be made. */
  emulator: boolean;
}

/** The recipe each placeholder will use, or why the sample's marker is wrong. */
export function recipeFor(id: string, chosen: Readonly<Record<string, string>>): string {
  const name = chosen[id] ?? defaults[prefixOf(id)];
  const recipe = recipes[name];
  if (!recipe) throw new Error(`${id}: no fixture recipe "${name}" (known: ${Object.keys(recipes).join(', ')})`);
  const prefixes: readonly string[] = Array.isArray(recipe.prefix) ? recipe.prefix : [recipe.prefix];
  if (!prefixes.includes(prefixOf(id)) && recipe.prefix !== 'any')
    throw new Error(`${id}: recipe "${name}" makes a ${prefixes.join('_ or ')}_ object`);
  return name;
}

/** Why a recipe can't run on this target, if it can't. */
export function unavailable(name: string, target: FixtureTarget): string | undefined {
  const recipe = recipes[name];
  if (!recipe) return `no fixture recipe "${name}"`;
  return target.emulator ? undefined : recipe.emulatorOnly;
}

/** Makes the objects for one sample; ids that share a customer or payment share it within the sample. */
export async function makeFixtures(
  target: FixtureTarget,
  ids: Readonly<Record<string, string>>,
  given: readonly string[],
): Promise<Map<string, string>> {
  const world = new World(target.stripe);
  for (const name of given) await requireRecipe(name).make(world, '');
  const made = new Map<string, string>();
  for (const [id, name] of Object.entries(ids)) made.set(id, await requireRecipe(name).make(world, id));
  return made;
}

function requireRecipe(name: string): Recipe {
  const recipe = recipes[name];
  if (!recipe) throw new Error(`no fixture recipe "${name}"`);
  return recipe;
}

function chargeId(payment: Stripe.PaymentIntent): string {
  return typeof payment.latest_charge === 'string' ? payment.latest_charge : String(payment.latest_charge?.id);
}

/** What one sample's fixtures share: one customer, one saved-card payment, one payment refunded twice. */
class World {
  readonly stripe: Stripe;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(stripe: Stripe) {
    this.stripe = stripe;
  }

  pay(
    paymentMethod: string,
    amount: number,
    extra: Partial<Stripe.PaymentIntentCreateParams> = {},
  ): Promise<Stripe.PaymentIntent> {
    return this.stripe.paymentIntents.create({
      amount,
      currency: 'usd',
      payment_method: paymentMethod,
      allowed_payment_method_types: ['card'],
      confirm: true,
      ...extra,
    });
  }

  async refund(paymentMethod: string, amount: number): Promise<Stripe.Refund> {
    const payment = await this.pay(paymentMethod, 10_000);
    return this.stripe.refunds.create({ payment_intent: payment.id, amount });
  }

  async failedRefund(amount: number): Promise<string> {
    const refund = await this.refund('pm_card_refundFail', amount);
    await this.until(
      async () => (await this.stripe.refunds.retrieve(refund.id)).status === 'failed',
      'the test refund to fail',
    );
    return refund.id;
  }

  customer(): Promise<Stripe.Customer> {
    return this.once('customer', () =>
      this.stripe.customers.create({ source: 'tok_visa', description: 'Help center sample' }),
    );
  }

  /** A payment made to save its card for later, with no customer yet. */
  savedCardPayment(): Promise<Stripe.PaymentIntent> {
    return this.once('saved-card-payment', () => this.pay('pm_card_visa', 5000, { setup_future_usage: 'off_session' }));
  }

  /** A $100.00 payment refunded $30.00, then $50.00. */
  refundedTwice(): Promise<{ payment: string; charge: string; first: string }> {
    return this.once('refunded-twice', async () => {
      const payment = await this.pay('pm_card_visa', 10_000);
      const first = await this.stripe.refunds.create({ payment_intent: payment.id, amount: 3000 });
      await this.stripe.refunds.create({ payment_intent: payment.id, amount: 5000 });
      return { payment: payment.id, charge: chargeId(payment), first: first.id };
    });
  }

  /**
   * A customer with a card saved for off-session use, through a SetupIntent as a real integration saves one; a card
   * that always asks for 3D Secure can't finish a SetupIntent without the customer, so it is attached directly.
   */
  savedCard(testPaymentMethod: string): Promise<{ customer: string; paymentMethod: string; setupIntent: string }> {
    return this.once(`saved-card:${testPaymentMethod}`, async () => {
      const customer = await this.stripe.customers.create({ description: 'Help center sample: saved card' });
      if (testPaymentMethod === 'pm_card_authenticationRequired') {
        const attached = await this.stripe.paymentMethods.attach(testPaymentMethod, { customer: customer.id });
        return { customer: customer.id, paymentMethod: attached.id, setupIntent: '' };
      }
      const setupIntent = await this.stripe.setupIntents.create({
        customer: customer.id,
        payment_method: testPaymentMethod,
        allowed_payment_method_types: ['card'],
        usage: 'off_session',
        confirm: true,
      });
      return { customer: customer.id, paymentMethod: String(setupIntent.payment_method), setupIntent: setupIntent.id };
    });
  }

  /** A $100.00 payment with `pm_card_createDispute`, once its dispute has opened. */
  dispute(): Promise<{ payment: string; dispute: string }> {
    return this.once('dispute', async () => {
      const payment = await this.pay('pm_card_createDispute', 10_000);
      // In test mode the dispute opens a moment after the payment: wait until it is listed.
      let dispute: string | undefined;
      await this.until(async () => {
        dispute = (await this.stripe.disputes.list({ payment_intent: payment.id, limit: 1 })).data[0]?.id;
        return dispute !== undefined;
      }, 'the dispute to open');
      return { payment: payment.id, dispute: String(dispute) };
    });
  }

  /** An Express account that can take payments and receive transfers. */
  connectedAccount(): Promise<Stripe.Account> {
    return this.once('connected-account', () =>
      this.stripe.accounts.create({
        type: 'express',
        country: 'US',
        email: 'seller@example.com',
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      }),
    );
  }

  /** A $100.00 destination charge to the connected account, the platform keeping a $10.00 application fee. */
  destinationCharge(): Promise<Stripe.PaymentIntent> {
    return this.once('destination-charge', async () =>
      this.pay('pm_card_visa', 10_000, {
        transfer_data: { destination: (await this.connectedAccount()).id },
        application_fee_amount: 1000,
      }),
    );
  }

  /** $100.00 in the available balance at once (less Stripe's fee), from a payment that bypasses the pending balance. */
  availableFunds(): Promise<Stripe.PaymentIntent> {
    return this.once('available-funds', () => this.pay('pm_card_bypassPending', 10_000));
  }

  /** A $20.00 standard payout, once it is paid; or, sent to a failing test bank account, once it has failed. */
  async payout(destination?: string): Promise<Stripe.Payout> {
    await this.availableFunds();
    const payout = await this.stripe.payouts.create({
      amount: 2000,
      currency: 'usd',
      ...(destination !== undefined && { destination }),
    });
    const settled = destination === undefined ? 'paid' : 'failed';
    await this.until(
      async () => (await this.stripe.payouts.retrieve(payout.id)).status === settled,
      `the payout to be ${settled}`,
    );
    return payout;
  }

  /**
   * The customer's paid invoice: a $30.00 month of a plan and $20.00 of extra seats, paid with the saved card.
   * `in_`, `il_` (its first line) and `cn_` placeholders in one sample share it.
   */
  paidInvoice(): Promise<Stripe.Invoice> {
    return this.once('paid-invoice', async () => {
      const customer = (await this.customer()).id;
      const invoice = await this.stripe.invoices.create({ customer, description: 'Pro plan, December' });
      const start = Math.floor(Date.now() / 1000);
      await this.stripe.invoiceItems.create({
        customer,
        invoice: invoice.id,
        amount: 3000,
        currency: 'usd',
        description: 'Pro plan (monthly)',
        period: { start, end: start + 30 * 24 * 60 * 60 },
      });
      await this.stripe.invoiceItems.create({
        customer,
        invoice: invoice.id,
        amount: 2000,
        currency: 'usd',
        description: 'Extra seats',
      });
      return this.stripe.invoices.pay(invoice.id);
    });
  }

  /** Polls a condition Stripe reaches on its own (a dispute opening, a test refund failing), up to a minute. */
  async until(condition: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as Promise<T>;
  }
}
