import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBody } from '../http/parse-body.ts';
import { refusal } from '../http/test-support.ts';
import { feedbackBody, normalisePage, searchMissBody } from './validation.ts';

const feedback = (body: unknown) => parseBody(feedbackBody, body);

describe('feedback body', () => {
  it('accepts the minimal and the full answer', () => {
    assert.deepEqual(feedback({ page: '/refunds/partial-refunds/', helpful: true }), {
      page: '/refunds/partial-refunds/',
      helpful: true,
    });
    assert.deepEqual(
      feedback({
        page: '/faq/#can-i-cancel-a-refund',
        helpful: false,
        reason: 'wrong',
        comment: '  Step 3 is outdated.  ',
      }),
      {
        page: '/faq/#can-i-cancel-a-refund',
        helpful: false,
        reason: 'wrong',
        comment: 'Step 3 is outdated.',
      },
    );
  });

  it('takes every reason with helpful: false', () => {
    for (const reason of ['missing_information', 'wrong', 'hard_to_follow', 'did_not_solve']) {
      assert.equal(feedback({ page: '/', helpful: false, reason }).reason, reason);
    }
  });

  it('refuses a reason with helpful: true, naming reason', () => {
    const error = refusal(() => feedback({ page: '/', helpful: true, reason: 'wrong' }));
    assert.deepEqual([error.status, error.code, error.param], [400, 'invalid_field', 'reason']);
    assert.match(error.message, /only accepted when helpful is false/);
  });

  it('refuses unknown reasons and wrong types', () => {
    const cases: [unknown, string, string][] = [
      [{ helpful: true }, 'page', 'missing_field'],
      [{ page: '/' }, 'helpful', 'missing_field'],
      [{ page: '/', helpful: 'yes' }, 'helpful', 'invalid_field'],
      [{ page: '/', helpful: 1 }, 'helpful', 'invalid_field'],
      [{ page: '/', helpful: null }, 'helpful', 'invalid_field'],
      [{ page: 42, helpful: true }, 'page', 'invalid_field'],
      [{ page: '/', helpful: false, reason: 'boring' }, 'reason', 'invalid_field'],
      [{ page: '/', helpful: false, reason: null }, 'reason', 'invalid_field'],
      [{ page: '/', helpful: false, comment: 12 }, 'comment', 'invalid_field'],
    ];
    for (const [body, param, code] of cases) {
      const error = refusal(() => feedback(body));
      assert.deepEqual([error.status, error.code, error.param], [400, code, param], JSON.stringify(body));
      assert.match(error.message, new RegExp(`^${param} (is required|must be)`));
    }
  });

  it('refuses a page that is not a path on this site', () => {
    for (const page of [
      '',
      'refunds/',
      'https://example.com/refunds/',
      '//evil.example/x',
      '/\\evil.example',
      '/a b/',
      '/a\nb',
      `/${'a'.repeat(200)}`,
    ]) {
      const error = refusal(() => feedback({ page, helpful: true }));
      assert.deepEqual([error.code, error.param], ['invalid_field', 'page'], JSON.stringify(page));
      assert.match(error.message, /starting with "\/"/);
    }
    assert.equal(feedback({ page: `/${'a'.repeat(198)}/`, helpful: true }).page.length, 200, '200 characters is fine');
  });

  it('comments: trimmed, up to 1000 characters after trimming, empty means none, control characters dropped', () => {
    assert.equal(feedback({ page: '/', helpful: true, comment: ` ${'x'.repeat(1000)} ` }).comment?.length, 1000);
    assert.equal(refusal(() => feedback({ page: '/', helpful: true, comment: 'x'.repeat(1001) })).param, 'comment');
    assert.equal(feedback({ page: '/', helpful: true, comment: '   ' }).comment, undefined);
    assert.equal(
      feedback({ page: '/', helpful: true, comment: 'a\u0000b\u001b[31mc\r\nd\te' }).comment,
      'ab[31mc\nd\te',
    );
  });

  it('names an unknown field and lists the accepted ones', () => {
    for (const field of ['email', 'userAgent', '__proto__']) {
      const error = refusal(() => feedback(JSON.parse(`{"page": "/", "helpful": true, "${field}": "x"}`)));
      assert.deepEqual([error.status, error.code, error.param], [400, 'unknown_field', field]);
      assert.match(error.message, /Send only page, helpful, reason, comment/);
    }
  });

  it('refuses a body that is not an object, with an example of its own', () => {
    for (const body of [null, [], 'page', 42, true]) {
      const error = refusal(() => feedback(body));
      assert.equal(error.code, 'invalid_body');
      assert.match(error.message, /"helpful": true/);
    }
  });
});

describe('normalisePage', () => {
  it('drops the query string and an empty fragment, and adds the trailing slash of page paths', () => {
    assert.equal(normalisePage('/refunds/partial-refunds'), '/refunds/partial-refunds/');
    assert.equal(normalisePage('/refunds/partial-refunds/?utm=x'), '/refunds/partial-refunds/');
    assert.equal(normalisePage('/faq?x=1#can-i-cancel-a-refund'), '/faq/#can-i-cancel-a-refund');
    assert.equal(normalisePage('/faq/#'), '/faq/');
    assert.equal(normalisePage('/'), '/');
    assert.equal(normalisePage('/guide.pdf'), '/guide.pdf');
  });
});

describe('search-miss body', () => {
  const miss = (body: unknown) => parseBody(searchMissBody, body);

  it('normalises the query: trimmed, lowercased, whitespace collapsed', () => {
    assert.deepEqual(miss({ query: '  Refund\tTO   a Closed\ncard ' }), { query: 'refund to a closed card' });
  });

  it('takes 1 to 200 characters after trimming', () => {
    assert.equal(miss({ query: ` ${'q'.repeat(200)} ` }).query.length, 200);
    for (const query of ['', '   ', 'q'.repeat(201)]) {
      assert.deepEqual([refusal(() => miss({ query })).param], ['query'], JSON.stringify(query));
    }
  });

  it('refuses a missing or non-string query and unknown fields', () => {
    assert.equal(refusal(() => miss({})).code, 'missing_field');
    assert.equal(refusal(() => miss({ query: ['a'] })).code, 'invalid_field');
    const error = refusal(() => miss({ query: 'fees', results: 0 }));
    assert.deepEqual([error.code, error.param], ['unknown_field', 'results']);
  });
});
