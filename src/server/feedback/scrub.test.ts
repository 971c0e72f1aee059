import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scrubPersonalData } from './scrub.ts';

describe('scrubPersonalData', () => {
  it('removes email addresses, keeping the sentence around them', () => {
    assert.equal(scrubPersonalData('Write to jo.smith+kb@example.co.uk.'), 'Write to [removed].');
    assert.equal(scrubPersonalData('(ana@exämple.de) and bob@x.io'), '([removed]) and [removed]');
  });

  it('removes card numbers of 13 to 19 digits, grouped or not, and longer digit runs', () => {
    for (const card of [
      '4242424242424242',
      '4242 4242 4242 4242',
      '4000-0566-5566-5556',
      '378282246310005',
      '6011 1111 1111 1117 123',
      '1234567890123456789012',
    ]) {
      assert.equal(scrubPersonalData(`card ${card} declined`), 'card [removed] declined', card);
    }
    assert.equal(scrubPersonalData('card4242424242424242'), 'card[removed]', 'even glued to a word');
  });

  it('keeps ordinary numbers: amounts, dates, short ids, phone-length numbers', () => {
    for (const text of [
      'Refunded $1,250.00 on 2024-05-01',
      'Order 123456789012 took 5-10 days',
      'Call +44 20 7946 0958',
      'last4 4242, exp 12/34',
    ]) {
      assert.equal(scrubPersonalData(text), text);
    }
  });

  it('removes Stripe keys of every kind', () => {
    for (const key of [
      'sk_test_51Habcdefgh123456',
      'sk_live_' + 'abcdefghijklmnop',
      'rk_live_' + '0123456789abcdef',
      'pk_test_TYooMQauvdEDq54NiTphI7jx',
      'whsec_abcdefgh12345678',
    ]) {
      assert.equal(scrubPersonalData(`my key is ${key}!`), 'my key is [removed]!', key);
    }
  });

  it('leaves mentions of key prefixes alone', () => {
    const text = 'Is a pk_test key safe to share? What about sk_live_…?';
    assert.equal(scrubPersonalData(text), text);
  });

  it('removes several at once and is idempotent', () => {
    const once = scrubPersonalData('a@b.co, 4242424242424242 and sk_test_abcdefgh1234');
    assert.equal(once, '[removed], [removed] and [removed]');
    assert.equal(scrubPersonalData(once), once);
  });
});
