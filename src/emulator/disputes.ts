/**
 * Disputes, as `pm_card_createDispute` opens them: a fraudulent-reason chargeback that withdraws the amount plus
 * Stripe's dispute fee at once, waits for evidence until `evidence_details.due_by`, and ends `lost` when accepted
 * (closed). Test-mode evidence decides the outcome as it does in Stripe: `uncategorized_text` of
 * `winning_evidence` wins the dispute, `losing_evidence` loses it, a moment after submission.
 */
import type Stripe from 'stripe';
import { invalidRequest } from './errors.ts';
import { newId, nowSeconds } from './ids.ts';
import { balanceTransactionObject } from './objects.ts';
import type { FormObject } from './form.ts';
import { allowOnly, metadata, optionalBoolean, optionalHash, optionalInteger, optionalString } from './params.ts';
import { limitParam } from './customer-routes.ts';
import { route, type Route } from './route.ts';
import { chargeById, disputeById, paymentIntentById, type DisputeRecord, type State } from './state.ts';

/** What Stripe charges for a dispute on a US account, in the payment's smallest unit. */
const disputeFee = 1500;
/** How long a test dispute waits for evidence. */
const responseWindow = 7 * 24 * 60 * 60;
const open = ['needs_response', 'warning_needs_response'];

/** The text fields of `evidence[...]`, and those that name an uploaded file (`file_…`). */
const evidenceText = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_tracking_number',
  'uncategorized_text',
] as const;
const evidenceFiles = [
  'cancellation_policy',
  'customer_communication',
  'customer_signature',
  'duplicate_charge_documentation',
  'receipt',
  'refund_policy',
  'service_documentation',
  'shipping_documentation',
  'uncategorized_file',
] as const;
type EvidenceField = (typeof evidenceText)[number] | (typeof evidenceFiles)[number];

/** Opens the chargeback on a captured charge of `pm_card_createDispute`. */
export function openDispute(state: State, charge: Stripe.Charge): Stripe.Dispute {
  const created = nowSeconds();
  const id = newId('du_');
  const amount = charge.amount_captured;
  const withdrawal: Stripe.BalanceTransaction = {
    ...balanceTransactionObject({
      type: 'adjustment',
      source: id,
      amount: -amount,
      currency: charge.currency,
      created,
      fee: disputeFee,
    }),
    description: `Chargeback withdrawal for ${charge.id}`,
    fee_details: [
      {
        amount: disputeFee,
        application: null,
        currency: charge.currency,
        description: 'Dispute fee',
        type: 'stripe_fee',
      },
    ],
    reporting_category: 'dispute',
  };
  const paymentIntent = String(charge.payment_intent);
  state.balanceTransactions.set(withdrawal.id, withdrawal);
  state.own(paymentIntent, withdrawal.id);
  const dispute: Stripe.Dispute = {
    id,
    object: 'dispute',
    amount,
    balance_transactions: [withdrawal],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: {
      ...(Object.fromEntries([...evidenceText, ...evidenceFiles].map((field) => [field, null])) as Record<
        EvidenceField,
        null
      >),
      enhanced_evidence: {},
    },
    evidence_details: {
      due_by: created + responseWindow,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: '10.4',
    payment_intent: paymentIntent,
    payment_method_details: {
      card: { brand: 'visa', case_type: 'chargeback', network: 'visa', network_reason_code: '10.4' },
      type: 'card',
    },
    reason: 'fraudulent',
    status: 'needs_response',
  };
  charge.disputed = true;
  state.disputes.set(id, { dispute, seq: state.nextSeq() });
  state.own(paymentIntent, id);
  return dispute;
}

export function disputeRoutes(state: State): Route[] {
  return [
    route(
      'GET',
      /^\/v1\/disputes$/,
      'list:dispute',
      ['charge', 'created', 'ending_before', 'limit', 'payment_intent', 'starting_after'],
      (params) => {
        const { data, hasMore } = listDisputes(state, params);
        return { object: 'list', data, has_more: hasMore, url: '/v1/disputes' };
      },
    ),
    route('GET', /^\/v1\/disputes\/([^/]+)$/, 'dispute', [], (_params, id) => disputeById(state, id).dispute),
    route(
      'POST',
      /^\/v1\/disputes\/([^/]+)$/,
      'dispute',
      ['evidence', 'intended_submission_method', 'metadata', 'submit'],
      (params, id) => updateDispute(state, id, params),
    ),
    route('POST', /^\/v1\/disputes\/([^/]+)\/close$/, 'dispute', [], (_params, id) => closeDispute(state, id)),
  ];
}

function updateDispute(state: State, id: string, params: FormObject): Stripe.Dispute {
  const { dispute } = disputeById(state, id);
  const evidence = evidenceParam(params);
  const submit = optionalBoolean(params, 'submit') ?? true;
  const method = optionalString(params, 'intended_submission_method');
  const methods = ['manual', 'prefer_manual', 'prefer_smart_disputes', 'smart_disputes'];
  if (method !== undefined && !methods.includes(method)) {
    throw invalidRequest(`Invalid intended_submission_method: must be one of ${methods.join(', ')}`, {
      param: 'intended_submission_method',
    });
  }
  // Metadata can change at any time; evidence only while the dispute waits for it.
  const touchesEvidence = evidence !== undefined || Object.hasOwn(params, 'submit');
  if (touchesEvidence && !open.includes(dispute.status)) {
    throw invalidRequest(
      `This dispute has a status of ${dispute.status}, so its evidence can no longer be changed or submitted. ` +
        'Evidence can only be updated while the status is needs_response or warning_needs_response.',
    );
  }
  dispute.metadata = { ...dispute.metadata, ...metadata(params) };
  if (method !== undefined) dispute.intended_submission_method = method as Stripe.Dispute.IntendedSubmissionMethod;
  if (!touchesEvidence) return dispute;

  Object.assign(dispute.evidence, evidence);
  const details = dispute.evidence_details;
  details.has_evidence = [...evidenceText, ...evidenceFiles].some((field) => dispute.evidence[field] !== null);
  if (!submit) return dispute;
  details.submission_count += 1;
  details.submission_method = 'manual';
  dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
  const text = dispute.evidence.uncategorized_text ?? '';
  const outcome = text.includes('winning_evidence') ? 'won' : text.includes('losing_evidence') ? 'lost' : undefined;
  if (outcome) state.later(dispute.id, () => decide(state, dispute, outcome));
  return dispute;
}

/** Accepting the dispute: it is lost (an inquiry is just closed), and that can't be undone. */
function closeDispute(state: State, id: string): Stripe.Dispute {
  const { dispute } = disputeById(state, id);
  if (!open.includes(dispute.status)) {
    throw invalidRequest(
      `This dispute has a status of ${dispute.status} and can't be closed. ` +
        'Only a dispute with a status of needs_response or warning_needs_response can be closed.',
    );
  }
  dispute.status = dispute.status === 'warning_needs_response' ? 'warning_closed' : 'lost';
  return dispute;
}

/** The bank's decision; a won dispute gives the disputed amount back to the balance (the fee stays with Stripe). */
function decide(state: State, dispute: Stripe.Dispute, outcome: 'won' | 'lost'): void {
  dispute.status = outcome;
  if (outcome === 'lost') return;
  const reinstatement: Stripe.BalanceTransaction = {
    ...balanceTransactionObject({
      type: 'adjustment',
      source: dispute.id,
      amount: dispute.amount,
      currency: dispute.currency,
      created: nowSeconds(),
    }),
    description: `Chargeback reversal for ${String(dispute.charge)}`,
    reporting_category: 'dispute_reversal',
  };
  state.balanceTransactions.set(reinstatement.id, reinstatement);
  state.own(String(dispute.payment_intent), reinstatement.id);
  dispute.balance_transactions.push(reinstatement);
}

function evidenceParam(params: FormObject): Partial<Record<EvidenceField, string | null>> | undefined {
  const hash = optionalHash(params, 'evidence');
  if (hash === undefined) return undefined;
  for (const key of ['appeal', 'enhanced_evidence']) {
    if (Object.hasOwn(hash, key)) {
      throw invalidRequest(`The Stripe emulator doesn't support evidence[${key}]; send the other evidence fields.`, {
        param: `evidence[${key}]`,
      });
    }
  }
  allowOnly(hash, [...evidenceText, ...evidenceFiles], 'evidence');
  const values: Partial<Record<EvidenceField, string | null>> = {};
  for (const field of [...evidenceText, ...evidenceFiles]) {
    const value = optionalString(hash, field);
    if (value === undefined) continue;
    const param = `evidence[${field}]`;
    if (value.length > 20_000) throw invalidRequest('Evidence text can be at most 20,000 characters long.', { param });
    if (value !== '' && (evidenceFiles as readonly string[]).includes(field) && !value.startsWith('file_')) {
      throw invalidRequest(`${param} must be the id of an uploaded file (file_…).`, { param });
    }
    // An empty value clears the field, as in every Stripe update.
    values[field] = value === '' ? null : value;
  }
  return values;
}

/** Newest first; `created` takes a timestamp or a range (`created[gte]=…`), cursors any dispute still held. */
function listDisputes(state: State, params: FormObject): { data: Stripe.Dispute[]; hasMore: boolean } {
  const limit = limitParam(params);
  const charge = optionalString(params, 'charge');
  const paymentIntent = optionalString(params, 'payment_intent');
  if (charge !== undefined) chargeById(state, charge, 'charge');
  if (paymentIntent !== undefined) paymentIntentById(state, paymentIntent, 'payment_intent');
  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', {
      param: 'ending_before',
    });
  }
  const after = startingAfter === undefined ? undefined : disputeById(state, startingAfter, 'starting_after').seq;
  const before = endingBefore === undefined ? undefined : disputeById(state, endingBefore, 'ending_before').seq;
  const created = createdFilter(params);
  const matches = ({ dispute, seq }: DisputeRecord) =>
    (charge === undefined || dispute.charge === charge) &&
    (paymentIntent === undefined || dispute.payment_intent === paymentIntent) &&
    created(dispute.created) &&
    (after === undefined || seq < after) &&
    (before === undefined || seq > before);
  const all = [...state.disputes.values()].filter(matches);
  // ending_before pages towards newer disputes: the ones just above the cursor, shown newest first.
  const page = before === undefined ? all.reverse().slice(0, limit) : all.slice(0, limit).reverse();
  return { data: page.map((record) => record.dispute), hasMore: all.length > limit };
}

function createdFilter(params: FormObject): (created: number) => boolean {
  const exact = typeof params.created === 'string' ? optionalInteger(params, 'created') : undefined;
  if (exact !== undefined) return (created) => created === exact;
  const range = optionalHash(params, 'created');
  if (range === undefined) return () => true;
  allowOnly(range, ['gt', 'gte', 'lt', 'lte'], 'created');
  const bound = (name: string) => optionalInteger(range, name);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}
